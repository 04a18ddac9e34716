# Host unit tests (cmocka) of the hypervisor's pure logic, built natively with
# AddressSanitizer and UndefinedBehaviorSanitizer. Each tests/unit/test_X.c is
# linked with the hypervisor sources listed in UNIT_SRCS_test_X (and the host
# libraries in UNIT_LIBS_test_X: the host's libfdt for code that reads trees).
# tests/unit/hostarch stands in for the core accessors of the arch contract
# (timebase, locks, CPU number) so generic code builds for the host.
# UNIT_CFLAGS_test_X come first: the tests of code that needs more of the
# hypervisor around it use the fuzzers' host stand-ins (tests/fuzz/include,
# tests/fuzz/stubs).

UNIT_CFLAGS := -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11 \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-Ihv -Ihv/include -Itests/unit/hostarch -Ihv/arch/e500v2/include -Ihv/arch/booke/include -Itests/unit

UNIT_SRCS_test_gtlb := hv/arch/e500v2/gtlb.c
UNIT_SRCS_test_emulate := hv/arch/e500v2/emulate.c hv/arch/e500v2/gtlb.c hv/arch/booke/vtimer.c
UNIT_SRCS_test_vtimer := hv/arch/booke/vtimer.c
UNIT_SRCS_test_mmio_decode := hv/arch/booke/mmio_decode.c
UNIT_SRCS_test_vmpic := hv/vdev/vmpic.c
UNIT_SRCS_test_assign := hv/core/assign_check.c hv/core/platform_reg.c
UNIT_SRCS_test_mmio := hv/core/mmio.c hv/core/vdev.c hv/core/virq.c hv/core/partition.c
UNIT_SRCS_test_hcall := hv/core/hcall.c hv/core/hcall_partition.c hv/core/hcall_irq.c \
	hv/core/bytechan.c hv/core/doorbell.c hv/core/ipc.c hv/core/virq.c hv/core/vdev.c \
	hv/vdev/vmpic.c hv/core/console_line.c
UNIT_SRCS_test_console_frame := hv/core/console_frame.c
UNIT_SRCS_test_console := hv/core/console.c hv/core/console_frame.c
UNIT_SRCS_test_virtq := hv/core/virtq.c hv/core/gmem.c hv/core/partition.c tests/unit/fake_ram.c
UNIT_SRCS_test_vswitch := hv/core/vswitch.c
UNIT_SRCS_test_sched_policy := hv/core/sched_prio.c hv/core/sched_cyclic.c
UNIT_SRCS_test_gdb_packet := hv/core/gdb_packet.c
UNIT_LIBS_test_assign := -lfdt
UNIT_HV_ENV := -Itests/fuzz/include -Ihv -Itests/fuzz
UNIT_HV_PARTITION := hv/core/config.c hv/core/config_io.c hv/core/config_ipc.c hv/core/watchdog.c \
	hv/core/claim.c hv/core/vswitch.c \
	hv/core/config_sched.c hv/core/guest_fdt.c hv/core/ipc_fdt.c hv/core/ipc.c \
	hv/core/bytechan.c hv/core/doorbell.c hv/core/virq.c hv/core/console_line.c hv/core/partition.c \
	hv/core/partition_boot.c hv/core/elf_loader.c hv/core/platform.c hv/core/platform_reg.c \
	hv/core/assign_check.c hv/core/vdev.c hv/vdev/vuart.c hv/vdev/vmpic.c hv/vdev/vgpio.c \
	hv/vdev/vguts.c hv/vdev/vspin.c tests/fuzz/stubs/hv_env.c tests/fuzz/stubs/partition_env.c
UNIT_CFLAGS_test_platform := $(UNIT_HV_ENV)
UNIT_SRCS_test_platform := $(UNIT_HV_PARTITION)
UNIT_LIBS_test_platform := -lfdt
UNIT_CFLAGS_test_config := $(UNIT_HV_ENV)
UNIT_SRCS_test_config := $(UNIT_HV_PARTITION)
UNIT_LIBS_test_config := -lfdt

UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/test_*.c))

$(B)/unit/%: tests/unit/%.c $$(UNIT_SRCS_%) tests/unit/host.c $(wildcard tests/unit/*.h tests/unit/hostarch/arch/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_CFLAGS_$*) $(UNIT_CFLAGS) -o $@ $< $(UNIT_SRCS_$*) tests/unit/host.c -lcmocka $(UNIT_LIBS_$*)

# `make unit`: build and run them all (make check does too).
unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; $$t; done

.PHONY: unit
