# Long system runs, beyond make check (which runs short versions of both:
# tests/system/test_guest_fuzz.py, tests/system/test_soak.py).
#
#   make guest-fuzz [SEED=n] [OPS=n] [RUNS=n] [FUZZERS=n] [HIGH=1] [VERBOSE=1]
#                   [FUZZARGS="..."]
#       guest fuzzing campaign: RUNS runs of OPS operations, seeds SEED,
#       SEED+1, ... (default: a random first seed, printed); consoles in
#       build/gfuzz/seed-N.log. FUZZERS=2 or 3 runs that many fuzzer
#       partitions side by side; HIGH=1 puts their RAM above 4 GiB (5 GiB
#       machine), where beryl reaches it only through its window. VERBOSE=1
#       prints every operation's words (replays); FUZZARGS passes more
#       bootargs to the fuzzer (gfuzz.c: from=N, checksum=N, kinds=MASK).
#   make soak [RESTARTS=n]
#       restart soak (default 1000 restarts); console in build/soak.log.

OPS ?= 1000000
RUNS ?= 1
FUZZERS ?= 1
RESTARTS ?= 1000

guest-fuzz: $(B)/beryl.elf $(GUEST_ELFS)
	$(PYTHON) tests/system/gfuzz.py $(if $(SEED),--seed $(SEED)) --ops $(OPS) --runs $(RUNS) \
		--fuzzers $(FUZZERS) $(if $(HIGH),--high) \
		$(if $(VERBOSE),--verbose) $(if $(FUZZARGS),--args "$(FUZZARGS)")

soak: $(B)/beryl.elf $(GUEST_ELFS)
	$(PYTHON) tests/system/soak.py --restarts $(RESTARTS)

.PHONY: guest-fuzz soak
