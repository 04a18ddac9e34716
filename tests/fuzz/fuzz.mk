# Host fuzzers (clang libFuzzer, AddressSanitizer + UndefinedBehaviorSanitizer)
# of the hypervisor's pure modules; see docs/fuzzing.md.
#
#   make fuzz                    each target FUZZ_SECONDS (default 60) seconds, one after another
#   make fuzz FUZZ_RUNS=10000000 each target for that many executions instead
#   make fuzz FUZZ_TARGETS="gtlb emulate"   only those
#   make fuzz-check              each target briefly, from its committed corpus (make check)
#   make fuzz-merge              add what the campaigns found to the committed corpus
#   make fuzz-virtq, fuzz-virtq-check   the same for the virtqueue walker alone
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
FUZZ_SRC_CONFIG := hv/core/config.c hv/core/config_io.c hv/core/config_ipc.c hv/core/config_sched.c \
	hv/core/watchdog.c hv/core/vswitch.c
FUZZ_SRC_GUEST_FDT := hv/core/guest_fdt.c hv/core/ipc_fdt.c hv/core/claim.c
FUZZ_SRC_HCALL := hv/core/hcall.c hv/core/hcall_partition.c hv/core/hcall_irq.c
# what the configuration, the partition boot and the hypercalls need around them
# (byte channels, doorbells and the interrupt sources they take)
FUZZ_SRC_IPC := hv/core/ipc.c hv/core/bytechan.c hv/core/doorbell.c hv/core/virq.c \
	hv/core/console_line.c
FUZZ_SRC_PARTITION_CORE := hv/core/partition.c hv/core/platform.c hv/core/platform_reg.c \
	$(FUZZ_SRC_IPC)
# the emulated devices (their attach() places them, their fdt_fixup() edits the guest tree)
FUZZ_SRC_VDEV := hv/core/vdev.c hv/vdev/vuart.c hv/vdev/vmpic.c hv/vdev/vgpio.c \
	hv/vdev/vguts.c hv/vdev/vspin.c hv/vdev/virtio_mmio.c hv/vdev/virtio_blk.c hv/core/virtq.c \
	hv/core/gmem.c
FUZZ_SRC_PARTITION := $(FUZZ_SRC_PARTITION_CORE) hv/core/partition_boot.c \
	hv/core/elf_loader.c hv/core/assign_check.c $(FUZZ_SRC_VDEV)

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_CHECK_SECONDS ?= 3
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

# The virtqueue walker's target (fuzz_virtq.c, with its seeds virtq_seeds.py)
# is built as its unit test is, against tests/unit's made-up machine
# (fake_ram.c) rather than the stubs above, with every UBSan check
# (alignment included): one compiler run of its own.
FUZZ_SRCS_virtq := tests/fuzz/fuzz_virtq.c hv/core/virtq.c hv/core/gmem.c hv/core/partition.c \
	tests/unit/fake_ram.c $(FUZZ_HOST)
FUZZ_VIRTQ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11 $(FUZZ_HV_INCLUDES) -Itests/unit
$(B)/fuzz/fuzz_virtq: $(FUZZ_SRCS_virtq) $(wildcard tests/unit/*.h hv/include/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_VIRTQ_CFLAGS) -o $@ $(FUZZ_SRCS_virtq)

# Per target: libFuzzer options (FUZZ_OPTS_T) and how make check bounds it
# (FUZZ_CHECK_LIMIT_T; default FUZZ_CHECK_SECONDS of fuzzing). virtq's
# queues and memory need long inputs; its check is bounded by runs, so that
# a loaded machine checks as much (300,000 take about 3 s idle).
FUZZ_OPTS_virtq := -max_len=16384
FUZZ_CHECK_LIMIT_virtq := -runs=300000

FUZZ_ALL := emulate gtlb mmio_decode config guest_fdt hcall virtq
FUZZ_BINS := $(addprefix $(B)/fuzz/fuzz_,$(FUZZ_TARGETS))
FUZZ_LINKED := $(filter-out virtq,$(FUZZ_ALL))
$(foreach t,$(FUZZ_LINKED),$(eval FUZZ_OBJS_$(t) := $(patsubst %.c,$(B)/fuzz/obj/%.o,$(FUZZ_SRCS_$(t)))))
FUZZ_OBJS := $(sort $(foreach t,$(FUZZ_LINKED),$(FUZZ_OBJS_$(t))))

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
# target t's own options: its dictionary, FUZZ_OPTS_t, where failures go
FUZZ_T_OPTS = $(if $(wildcard tests/fuzz/$(1).dict),-dict=tests/fuzz/$(1).dict) $(FUZZ_OPTS_$(1)) \
	-timeout=10 -print_final_stats=1 -artifact_prefix=$(B)/fuzz/artifacts/$(1)-

define FUZZ_RUN_ONE
	mkdir -p $(B)/fuzz/corpus/$(1) $(B)/fuzz/artifacts; \
	echo "== fuzz $(1) ($(FUZZ_LIMIT), log in $(B)/fuzz/$(1).log)"; \
	nice $(B)/fuzz/fuzz_$(1) $(FUZZ_LIMIT) $(call FUZZ_T_OPTS,$(1)) \
		$(B)/fuzz/corpus/$(1) $(wildcard tests/fuzz/corpus/$(1)) > $(B)/fuzz/$(1).log 2>&1 || \
		{ echo FAILED; tail -40 $(B)/fuzz/$(1).log; exit 1; }; \
	grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added))' \
		$(B)/fuzz/$(1).log;
endef

fuzz: $(FUZZ_BINS)
	@set -e; $(foreach t,$(FUZZ_TARGETS),$(call FUZZ_RUN_ONE,$(t)))

# make check: every committed input (regressions included), then a few
# seconds of fuzzing from them (or FUZZ_CHECK_LIMIT_t), with a fixed seed;
# all targets one after another, about 5 s each.
define FUZZ_CHECK_ONE
	rm -rf $(B)/fuzz/check/$(1) && mkdir -p $(B)/fuzz/check/$(1) $(B)/fuzz/artifacts; \
	printf '== fuzz-check %s: ' $(1); \
	$(B)/fuzz/fuzz_$(1) -seed=1 \
		$(or $(FUZZ_CHECK_LIMIT_$(1)),-max_total_time=$(FUZZ_CHECK_SECONDS)) \
		$(call FUZZ_T_OPTS,$(1)) $(B)/fuzz/check/$(1) $(wildcard tests/fuzz/corpus/$(1)) \
		> $(B)/fuzz/check/$(1).log 2>&1 || \
		{ echo FAILED; tail -40 $(B)/fuzz/check/$(1).log; exit 1; }; \
	sed -n 's/^stat::number_of_executed_units: *//p' $(B)/fuzz/check/$(1).log | tr -d '\n'; \
	echo " executions, no failure";
endef

fuzz-check: $(FUZZ_BINS)
	@set -e; $(foreach t,$(FUZZ_TARGETS),$(call FUZZ_CHECK_ONE,$(t)))

# After a campaign: fold what it found into the committed corpus that make
# check starts from: the fewest inputs that reach every edge reached
# (-use_counters=0: edges, not hit counts, keeps it small).
define FUZZ_MERGE_ONE
	mkdir -p tests/fuzz/corpus/$(1); \
	printf '== fuzz-merge %s: ' $(1); \
	$(B)/fuzz/fuzz_$(1) -merge=1 -use_counters=0 $(FUZZ_OPTS_$(1)) tests/fuzz/corpus/$(1) \
		$(B)/fuzz/corpus/$(1) 2>&1 | sed -n 's/^MERGE-OUTER: \([0-9]* new files\).*/\1/p';
endef

fuzz-merge: $(FUZZ_BINS)
	@set -e; $(foreach t,$(FUZZ_TARGETS),$(call FUZZ_MERGE_ONE,$(t)))

# The virtqueue walker's own names (docs/virtio.md).
fuzz-virtq:
	@$(MAKE) --no-print-directory fuzz FUZZ_TARGETS=virtq
fuzz-virtq-check:
	@$(MAKE) --no-print-directory fuzz-check FUZZ_TARGETS=virtq

.PHONY: fuzz fuzz-build fuzz-check fuzz-merge fuzz-virtq fuzz-virtq-check
