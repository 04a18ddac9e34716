# Host fuzzers (clang libFuzzer, AddressSanitizer + UndefinedBehaviorSanitizer)
# of the hypervisor's pure modules; see docs/fuzzing.md.
#
#   make fuzz                    each target FUZZ_SECONDS (default 60) seconds, one after another
#   make fuzz FUZZ_RUNS=10000000 each target for that many executions instead
#   make fuzz FUZZ_TARGETS="gtlb emulate"   only those
#   make fuzz-check              each target briefly, from its committed corpus (make check)
#   make fuzz-merge              add what the campaigns found to the committed corpus
#
# A fuzzer replays one input (a crash file, a corpus entry) when given it:
#   build/fuzz/fuzz_config crash-...

# The hypervisor sources under test. Kept here, in one place, so that moving
# files in hv/ only means editing these lines.
FUZZ_HV_INCLUDES := -Ihv -Ihv/include -Itests/unit/hostarch -Ihv/arch/e500v2/include \
	-Ihv/arch/booke/include
FUZZ_SRC_EMULATE := hv/arch/e500v2/emulate.c
FUZZ_SRC_GTLB := hv/arch/e500v2/gtlb.c
FUZZ_SRC_VTIMER := hv/arch/booke/vtimer.c
FUZZ_SRC_MMIO_DECODE := hv/arch/booke/mmio_decode.c
FUZZ_SRC_CONFIG := hv/core/config.c
FUZZ_SRC_GUEST_FDT := hv/core/guest_fdt.c
FUZZ_SRC_HCALL := hv/core/hcall.c
# what the configuration, the partition boot and the hypercalls need around them
FUZZ_SRC_PARTITION_CORE := hv/core/partition.c hv/core/platform.c hv/core/platform_reg.c
# the emulated devices (their attach() places them, their fdt_fixup() edits the guest tree)
FUZZ_SRC_VDEV := hv/core/vdev.c hv/vdev/vuart.c hv/vdev/vmpic.c hv/vdev/vgpio.c \
	hv/vdev/vguts.c hv/vdev/vspin.c
FUZZ_SRC_PARTITION := $(FUZZ_SRC_PARTITION_CORE) hv/core/partition_boot.c \
	hv/core/elf_loader.c hv/core/assign_check.c $(FUZZ_SRC_VDEV)

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_CHECK_SECONDS ?= 4
FUZZ_TARGETS ?= $(FUZZ_ALL)

# Every source is compiled once into $(B)/fuzz/obj/ (instrumented for
# coverage and the sanitizers) and linked into the fuzzers that need it.
# (-Wno-string-concatenation: clang's warning about messages split over
# lines in hv/, which gcc builds. -fno-sanitize=alignment: the e500 loads
# and stores words at any alignment, and libfdt reads a blob's fields where
# its header puts them.) tests/fuzz/include first: host stand-ins for the
# few hypervisor headers that hold target assembly or the hypervisor's own
# libc (printf.h, spinlock.h, ...).
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize=alignment -fno-sanitize-recover=all
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE) \
	-Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11 -Wno-string-concatenation \
	-Itests/fuzz/include $(FUZZ_HV_INCLUDES) -I$(LIBFDT_DIR) -Itests/fuzz

# tests/unit/host.c: what the arch stand-ins read (the timebase, the CPU running)
FUZZ_HOST := tests/unit/host.c
FUZZ_ENV := tests/fuzz/stubs/hv_env.c $(FUZZ_HOST)

# The hardware trees and seed configurations the fuzzers link in (blobs.S).
FUZZ_BLOBS := $(B)/fuzz/blobs.o
$(FUZZ_BLOBS): tests/fuzz/blobs.S tests/fuzz/hw/*.dtb tests/fuzz/corpus/config/*.dtb $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -c -o $@ $<

# libfdt: the hypervisor's own (Linux 6.1's, see LIBFDT_SRCS), with coverage
# so that the fuzzers see into it, but without the sanitizers (which made
# them 2.6 times slower): its loads are not checked, its calls to the C
# library's string and memory functions are (ASan intercepts those). The
# host's libfdt_env.h (libfdt-dev) gives the byte order of the host.
FUZZ_LIBFDT := $(B)/fuzz/libfdt.a
FUZZ_LIBFDT_OBJS := $(patsubst %.c,$(B)/fuzz/libfdt/%.o,$(LIBFDT_SRCS))
$(B)/fuzz/libfdt/%.o: $(LIBFDT_DIR)/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O2 -fsanitize-coverage=inline-8bit-counters,pc-table -I$(LIBFDT_DIR) \
		-c -o $@ $<
$(FUZZ_LIBFDT): $(FUZZ_LIBFDT_OBJS)
	rm -f $@ && ar rcs $@ $^

FUZZ_SRCS_emulate := tests/fuzz/fuzz_emulate.c tests/fuzz/gtlb_ref.c tests/fuzz/gtlb_cmp.c \
	$(FUZZ_HOST) $(FUZZ_SRC_EMULATE) $(FUZZ_SRC_GTLB) $(FUZZ_SRC_VTIMER)
FUZZ_SRCS_gtlb := tests/fuzz/fuzz_gtlb.c tests/fuzz/gtlb_ref.c tests/fuzz/gtlb_cmp.c \
	$(FUZZ_SRC_GTLB)
FUZZ_SRCS_mmio_decode := tests/fuzz/fuzz_mmio_decode.c $(FUZZ_SRC_MMIO_DECODE)
FUZZ_SRCS_config := tests/fuzz/fuzz_config.c tests/fuzz/check_config.c tests/fuzz/fdt_mutator.c \
	$(FUZZ_ENV) \
	tests/fuzz/stubs/partition_env.c $(FUZZ_SRC_CONFIG) $(FUZZ_SRC_GUEST_FDT) \
	$(FUZZ_SRC_PARTITION)
FUZZ_SRCS_guest_fdt := tests/fuzz/fuzz_guest_fdt.c tests/fuzz/check_config.c \
	tests/fuzz/fdt_mutator.c $(FUZZ_ENV) \
	tests/fuzz/stubs/partition_env.c $(FUZZ_SRC_CONFIG) $(FUZZ_SRC_GUEST_FDT) \
	$(FUZZ_SRC_PARTITION)
FUZZ_SRCS_hcall := tests/fuzz/fuzz_hcall.c $(FUZZ_ENV) tests/fuzz/stubs/partition_env.c \
	$(FUZZ_SRC_HCALL) $(FUZZ_SRC_PARTITION_CORE)
FUZZ_LIBS_config := $(FUZZ_BLOBS) $(FUZZ_LIBFDT)
FUZZ_LIBS_guest_fdt := $(FUZZ_BLOBS) $(FUZZ_LIBFDT)
FUZZ_LIBS_hcall := $(FUZZ_LIBFDT)

FUZZ_ALL := emulate gtlb mmio_decode config guest_fdt hcall
FUZZ_BINS := $(addprefix $(B)/fuzz/fuzz_,$(FUZZ_TARGETS))
$(foreach t,$(FUZZ_ALL),$(eval FUZZ_OBJS_$(t) := $(patsubst %.c,$(B)/fuzz/obj/%.o,$(FUZZ_SRCS_$(t)))))
FUZZ_OBJS := $(sort $(foreach t,$(FUZZ_ALL),$(FUZZ_OBJS_$(t))))

$(B)/fuzz/obj/%.o: %.c $(LIBFDT_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

-include $(FUZZ_OBJS:.o=.d)
.SECONDARY: $(FUZZ_OBJS) $(FUZZ_LIBFDT_OBJS)

$(B)/fuzz/fuzz_%: $$(FUZZ_OBJS_$$*) $$(FUZZ_LIBS_$$*)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SANITIZE) -o $@ $^

fuzz-build: $(FUZZ_BINS)

# Per target: new inputs go to build/fuzz/corpus/T (kept between runs, not
# committed), crashes to build/fuzz/artifacts/; the committed corpus
# tests/fuzz/corpus/T is read, never written; tests/fuzz/T.dict, if there
# is one, is its dictionary. Long runs are niced: the
# machine is shared.
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))

fuzz: $(FUZZ_BINS)
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(B)/fuzz/corpus/$$t $(B)/fuzz/artifacts; \
		echo "== fuzz $$t ($(FUZZ_LIMIT), log in $(B)/fuzz/$$t.log)"; \
		nice $(B)/fuzz/fuzz_$$t $(FUZZ_LIMIT) -timeout=10 -print_final_stats=1 \
			$$(ls tests/fuzz/$$t.dict 2>/dev/null | sed 's/^/-dict=/') \
			-artifact_prefix=$(B)/fuzz/artifacts/$$t- \
			$(B)/fuzz/corpus/$$t $$(ls -d tests/fuzz/corpus/$$t 2>/dev/null) \
			> $(B)/fuzz/$$t.log 2>&1 || \
			{ echo FAILED; tail -40 $(B)/fuzz/$$t.log; exit 1; }; \
		grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added))' \
			$(B)/fuzz/$$t.log; \
	done

# make check: every committed input (regressions included), then a few
# seconds of fuzzing from them, with a fixed seed.
fuzz-check: $(FUZZ_BINS)
	@set -e; for t in $(FUZZ_TARGETS); do \
		rm -rf $(B)/fuzz/check/$$t && mkdir -p $(B)/fuzz/check/$$t $(B)/fuzz/artifacts; \
		printf '== fuzz-check %s: ' $$t; \
		$(B)/fuzz/fuzz_$$t -seed=1 -max_total_time=$(FUZZ_CHECK_SECONDS) -timeout=10 \
			$$(ls tests/fuzz/$$t.dict 2>/dev/null | sed 's/^/-dict=/') \
			-print_final_stats=1 -artifact_prefix=$(B)/fuzz/artifacts/$$t- \
			$(B)/fuzz/check/$$t $$(ls -d tests/fuzz/corpus/$$t 2>/dev/null) \
			> $(B)/fuzz/check/$$t.log 2>&1 || \
			{ echo FAILED; tail -40 $(B)/fuzz/check/$$t.log; exit 1; }; \
		sed -n 's/^stat::number_of_executed_units: *//p' $(B)/fuzz/check/$$t.log | \
			tr -d '\n'; echo " executions, no failure"; \
	done

# After a campaign: fold what it found into the committed corpus that make
# check starts from: the fewest inputs that reach every edge reached
# (-use_counters=0: edges, not hit counts, keeps it small).
fuzz-merge: $(FUZZ_BINS)
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p tests/fuzz/corpus/$$t; \
		printf '== fuzz-merge %s: ' $$t; \
		$(B)/fuzz/fuzz_$$t -merge=1 -use_counters=0 tests/fuzz/corpus/$$t $(B)/fuzz/corpus/$$t 2>&1 | \
			sed -n 's/^MERGE-OUTER: \([0-9]* new files\).*/\1/p'; \
	done

.PHONY: fuzz fuzz-build fuzz-check fuzz-merge
