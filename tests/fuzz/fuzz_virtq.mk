# The virtqueue walker's libFuzzer target (tests/fuzz/fuzz_virtq.c), built
# with clang, AddressSanitizer and UndefinedBehaviorSanitizer from the same
# sources and host stand-ins as its unit test (tests/unit).
#
#   make fuzz-virtq                   FUZZ_SECONDS (default 60) of fuzzing
#   make fuzz-virtq-check             the committed corpus, then a short fixed-seed run (make check)
#   build/fuzz/fuzz_virtq CRASHFILE   replay one input
#
# tests/fuzz/corpus/virtq holds the seeds (tests/fuzz/virtq_seeds.py) and
# every input that once failed; new inputs go to build/fuzz/corpus/virtq.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_VIRTQ := $(B)/fuzz/fuzz_virtq
FUZZ_VIRTQ_SRCS := tests/fuzz/fuzz_virtq.c hv/core/virtq.c hv/core/gmem.c hv/core/partition.c \
	tests/unit/fake_ram.c tests/unit/host.c
FUZZ_VIRTQ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11 \
	-Ihv -Ihv/include -Itests/unit/hostarch -Ihv/arch/e500v2/include -Ihv/arch/booke/include \
	-Itests/unit
FUZZ_VIRTQ_OPTS := -max_len=16384 -timeout=10 -print_final_stats=1 \
	-artifact_prefix=$(B)/fuzz/artifacts/virtq-

$(FUZZ_VIRTQ): $(FUZZ_VIRTQ_SRCS) $(wildcard tests/unit/*.h hv/include/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_VIRTQ_CFLAGS) -o $@ $(FUZZ_VIRTQ_SRCS)

fuzz-virtq: $(FUZZ_VIRTQ)
	@mkdir -p $(B)/fuzz/corpus/virtq $(B)/fuzz/artifacts
	nice $(FUZZ_VIRTQ) $(FUZZ_VIRTQ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
		$(B)/fuzz/corpus/virtq tests/fuzz/corpus/virtq

# Bounded by runs, not time, so that a loaded machine checks as much.
fuzz-virtq-check: $(FUZZ_VIRTQ)
	@rm -rf $(B)/fuzz/check/virtq && mkdir -p $(B)/fuzz/check/virtq $(B)/fuzz/artifacts
	@printf '== fuzz-virtq-check: '
	@$(FUZZ_VIRTQ) $(FUZZ_VIRTQ_OPTS) -seed=1 -runs=300000 \
		$(B)/fuzz/check/virtq tests/fuzz/corpus/virtq > $(B)/fuzz/check/virtq.log 2>&1 || \
		{ echo FAILED; tail -40 $(B)/fuzz/check/virtq.log; exit 1; }
	@sed -n 's/^stat::number_of_executed_units: *//p' $(B)/fuzz/check/virtq.log | tr -d '\n'
	@echo " executions, no failure"

.PHONY: fuzz-virtq fuzz-virtq-check
