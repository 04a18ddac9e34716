# Host unit tests (cmocka) of the hypervisor's pure logic, built natively with
# AddressSanitizer and UndefinedBehaviorSanitizer. Each tests/unit/test_X.c is
# linked with the hypervisor sources listed in UNIT_SRCS_test_X (and the host
# libraries in UNIT_LIBS_test_X: the host's libfdt for code that reads trees).
# UNIT_CFLAGS_test_X come first: the tests of code that needs more of the
# hypervisor around it use the fuzzers' host stand-ins (tests/fuzz/include,
# tests/fuzz/stubs).

UNIT_CFLAGS := -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11 \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-Ihv/include -Ihv/arch/booke/include -Itests/unit

UNIT_SRCS_test_gtlb := hv/arch/booke/gtlb.c
UNIT_SRCS_test_emulate := hv/arch/booke/emulate.c hv/arch/booke/gtlb.c hv/arch/booke/vtimer.c
UNIT_SRCS_test_vtimer := hv/arch/booke/vtimer.c
UNIT_SRCS_test_mmio_decode := hv/arch/booke/mmio_decode.c
UNIT_SRCS_test_vmpic := hv/drivers/vmpic.c
UNIT_SRCS_test_assign := hv/core/assign_check.c hv/core/platform_reg.c
UNIT_LIBS_test_assign := -lfdt
UNIT_HV_ENV := -Itests/fuzz/include -Ihv -Itests/fuzz
UNIT_HV_PARTITION := hv/core/config.c hv/core/guest_fdt.c hv/core/partition.c \
	hv/core/partition_boot.c hv/core/elf_loader.c hv/core/platform.c hv/core/platform_reg.c \
	hv/core/assign_check.c tests/fuzz/stubs/hv_env.c tests/fuzz/stubs/partition_env.c
UNIT_CFLAGS_test_platform := $(UNIT_HV_ENV)
UNIT_SRCS_test_platform := $(UNIT_HV_PARTITION)
UNIT_LIBS_test_platform := -lfdt
UNIT_CFLAGS_test_config := $(UNIT_HV_ENV)
UNIT_SRCS_test_config := $(UNIT_HV_PARTITION)
UNIT_LIBS_test_config := -lfdt

UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/test_*.c))

$(B)/unit/%: tests/unit/%.c $$(UNIT_SRCS_%) $(wildcard tests/unit/*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_CFLAGS_$*) $(UNIT_CFLAGS) -o $@ $< $(UNIT_SRCS_$*) -lcmocka $(UNIT_LIBS_$*)

# `make unit`: build and run them all (make check does too).
unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; $$t; done

.PHONY: unit
