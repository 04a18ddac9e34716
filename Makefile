# beryl: embedded hypervisor for Power Architecture Book E (e500v2).
#
#   make           build the hypervisor, the guests and the configurations
#   make run       boot the default configuration in QEMU
#   make check     unit tests (host) and system tests (QEMU)
#   make unit      unit tests only
#   make fuzz      host fuzzers, FUZZ_SECONDS each (see docs/fuzzing.md)
#   make bench     native vs. beryl instruction counts (see docs/performance.md)
#   make guest-fuzz, make soak: long runs (tests/system/long.mk)
#   make check-repeat, make timer-stress   robustness runs (tests/tests.mk)

CROSS   ?= powerpc-linux-gnu-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy
HOSTCC  ?= gcc
DTC     ?= dtc
PYTHON  ?= /usr/bin/python3
QEMU    ?= qemu-system-ppc
B       := build

LINUX_SRC_TAR ?= /usr/src/linux-source-6.1.tar.xz

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDEXPANSION:

# Every build and test first makes sure the tools are there.
SETUP_STAMP := $(B)/.setup-ok
$(SETUP_STAMP): tools/setup.sh
	@mkdir -p $(B)
	@sh tools/setup.sh
	@touch $@

# ---------------------------------------------------------------------------
# Freestanding target flags (hypervisor and guests)

# The compiler's own headers (stddef.h, stdint.h, ...), asked of the compiler
# by the shell of each recipe: when make reads this file on a fresh machine
# the cross compiler is not installed yet (tools/setup.sh installs it first).
GCC_INCLUDE := $$($(CC) -print-file-name=include)

TARGET_CFLAGS := -mcpu=powerpc -msoft-float -mno-altivec -mbig-endian \
	-ffreestanding -fno-builtin -nostdinc -isystem $(GCC_INCLUDE) \
	-fno-pic -fno-stack-protector -fno-common -ffunction-sections -fdata-sections \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11 -Wa,-me500x2 \
	-Wmissing-prototypes -Wstrict-prototypes -Wshadow -Wundef
TARGET_ASFLAGS := -mcpu=powerpc -mbig-endian -Wa,-me500x2 -g -D__ASSEMBLY__

# ---------------------------------------------------------------------------
# libfdt, compiled from linux-source-6.1 at build time (never committed)

LIBFDT_SRCS := fdt.c fdt_ro.c fdt_rw.c fdt_sw.c fdt_wip.c fdt_strerror.c fdt_addresses.c
LIBFDT_DIR  := $(B)/libfdt
LIBFDT_STAMP := $(LIBFDT_DIR)/.extracted

$(LIBFDT_STAMP): $(SETUP_STAMP)
	@rm -rf $(LIBFDT_DIR) && mkdir -p $(LIBFDT_DIR)
	tar -xJf $(LINUX_SRC_TAR) -C $(LIBFDT_DIR) --strip-components=4 \
		$(addprefix linux-source-6.1/scripts/dtc/libfdt/,$(LIBFDT_SRCS) fdt.h libfdt.h libfdt_internal.h)
	@touch $@

$(LIBFDT_DIR)/%.c: $(LIBFDT_STAMP) ; @:
.PRECIOUS: $(LIBFDT_DIR)/%.c

# ---------------------------------------------------------------------------
# The hypervisor
#
# CORE chooses the processor core beryl is built for, at link time
# (docs/architecture.md): its trap path, emulator and MMU code come from
# hv/arch/$(CORE)/, beside what every Book E core shares (hv/arch/booke/).

CORE ?= e500v2
ARCH_DIRS := hv/arch/booke hv/arch/$(CORE)

HV_INCLUDES := -Ihv -Ihv/include -Ihv/arch/$(CORE)/include -Ihv/arch/booke/include -Ihv/lib \
	-I$(LIBFDT_DIR) -I$(B)/gen

HV_C_SRCS := $(wildcard hv/core/*.c hv/vdev/*.c hv/drivers/*.c hv/lib/*.c $(addsuffix /*.c,$(ARCH_DIRS)))
HV_C_SRCS := $(filter-out hv/arch/$(CORE)/asm-offsets.c,$(HV_C_SRCS))
HV_S_SRCS := $(wildcard $(addsuffix /*.S,$(ARCH_DIRS)))
HV_LDS := hv/arch/$(CORE)/beryl.ld
# Link-time optimisation: the trap path crosses files (trap dispatch, the
# generic MMIO call, interrupt delivery) that are small on purpose; the
# linker inlines across them.
HV_LTO := -flto -flto-partition=none
HV_OBJS := $(patsubst %.c,$(B)/%.o,$(HV_C_SRCS)) \
	$(patsubst %.S,$(B)/%.o,$(HV_S_SRCS)) \
	$(patsubst %.c,$(LIBFDT_DIR)/%.o,$(LIBFDT_SRCS))

ASM_OFFSETS := $(B)/gen/asm-offsets.h

$(ASM_OFFSETS): hv/arch/$(CORE)/asm-offsets.c $(wildcard hv/include/*.h $(addsuffix /include/arch/*.h,$(ARCH_DIRS))) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(TARGET_CFLAGS) $(HV_INCLUDES) -S -o $@.s $<
	sed -n 's/^.*@@@ \([A-Za-z0-9_]*\) \$$*\([0-9-]*\).*$$/#define \1 \2/p' $@.s > $@.tmp
	@echo "/* generated from asm-offsets.c */" | cat - $@.tmp > $@ && rm -f $@.tmp $@.s

# The version beryl reports (its banner, the shell's info): git describe,
# rewritten only when it changes.
VERSION_H := $(B)/gen/version.h
$(VERSION_H): FORCE
	@mkdir -p $(dir $@)
	@v=$$(git describe --always --dirty 2>/dev/null || echo unknown); \
	echo "#define BERYL_VERSION \"$$v\"" > $@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
FORCE:
$(B)/hv/core/main.o: $(VERSION_H)

$(B)/hv/%.o: hv/%.c $(LIBFDT_STAMP) $(ASM_OFFSETS)
	@mkdir -p $(dir $@)
	$(CC) $(TARGET_CFLAGS) $(HV_LTO) $(HV_INCLUDES) -MMD -MP -c -o $@ $<

$(B)/hv/%.o: hv/%.S $(ASM_OFFSETS)
	@mkdir -p $(dir $@)
	$(CC) $(TARGET_ASFLAGS) $(HV_INCLUDES) -MMD -MP -c -o $@ $<

$(LIBFDT_DIR)/%.o: $(LIBFDT_DIR)/%.c
	$(CC) $(TARGET_CFLAGS) -Wno-sign-compare -Ihv/lib -I$(LIBFDT_DIR) -c -o $@ $<

$(B)/beryl.elf: $(HV_OBJS) $(HV_LDS)
	$(CC) $(TARGET_CFLAGS) $(HV_LTO) -nostdlib -static -Wl,--gc-sections -Wl,--build-id=none \
		-Wl,--fatal-warnings -Wl,-T,$(HV_LDS) -o $@ $(HV_OBJS) -lgcc

-include $(HV_OBJS:.o=.d)

# ---------------------------------------------------------------------------
# Guests, configurations, unit tests (fragments kept beside their sources)

-include guests/guests.mk
-include linux/linux.mk
-include configs/configs.mk
-include tools/uboot.mk
-include tests/unit/unit.mk
-include tests/system/long.mk
-include tests/fuzz/fuzz.mk
-include tests/tests.mk

all: $(B)/beryl.elf $(GUEST_ELFS) $(CONFIG_DTBS)

# ---------------------------------------------------------------------------
# Running and testing

run: all
	$(PYTHON) tools/beryl-run $(B)/configs/default.dtb

check: all linux unit fuzz-check
	$(PYTHON) -m pytest -q tests/system

bench: all linux linux-pv
	$(PYTHON) tools/bench.py

clean:
	rm -rf $(B)

.PHONY: all run check bench clean FORCE
