# linux.mk: the Linux guest kernel and its initramfs (included by the top
# Makefile; `make linux`). Not part of `all`: the kernel takes minutes.
#
#   build/linux/src/                 linux-source-6.1, extracted once
#   build/linux/obj/                 out-of-tree kernel build (O=)
#   build/linux/vmlinux              tinyconfig + linux/beryl_guest.config
#   build/linux/initramfs.cpio.gz    /init (linux/init/init.c), /bin/partman, /bin/bctest,
#                                    /sbin/poweroff (-> /init), /dev, /proc, ...,
#                                    /lib/upgrade.elf (a new image for partman load)
#
# The kernel is rebuilt only when the fragment, this file or build-kernel.sh
# changes; a new /init only regenerates the initramfs (passed with -initrd,
# or by beryl via /chosen linux,initrd-start/end).

LINUX_DIR      := $(B)/linux
LINUX_SRC      := $(LINUX_DIR)/src
LINUX_OBJ      := $(LINUX_DIR)/obj
LINUX_FRAGMENT := linux/beryl_guest.config
LINUX_STAMP    := $(LINUX_DIR)/.src-extracted
LINUX_JOBS     ?= $(shell echo $$(($$(nproc) + 1)))

LINUX_VMLINUX   := $(LINUX_DIR)/vmlinux
LINUX_INITRAMFS := $(LINUX_DIR)/initramfs.cpio.gz
LINUX_INIT      := $(LINUX_DIR)/init
LINUX_VIO       := $(LINUX_DIR)/vio
LINUX_INIT_CFLAGS := -static -s -O2 -Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11

$(LINUX_STAMP): | $(SETUP_STAMP)
	@rm -rf $(LINUX_SRC) $(LINUX_DIR)/linux-source-6.1 && mkdir -p $(LINUX_DIR)
	tar -xJf $(LINUX_SRC_TAR) -C $(LINUX_DIR)
	mv $(LINUX_DIR)/linux-source-6.1 $(LINUX_SRC)
	@touch $@

# Configure (tinyconfig + fragment, checked) and build; see build-kernel.sh.
# flock: makes sharing the tree take turns; objects in $(LINUX_OBJ) are reused.
$(LINUX_VMLINUX): $(LINUX_FRAGMENT) linux/linux.mk linux/build-kernel.sh | $(LINUX_STAMP)
	ARCH=powerpc CROSS_COMPILE=$(CROSS) flock $(LINUX_DIR)/.build-lock \
		sh linux/build-kernel.sh $(LINUX_SRC) $(LINUX_OBJ) $(LINUX_FRAGMENT) $(LINUX_JOBS)
	cp $(LINUX_OBJ)/vmlinux $@

# The kernel's own cpio generator, built for the host.
$(LINUX_DIR)/gen_init_cpio: | $(LINUX_STAMP)
	$(HOSTCC) -O2 -o $@ $(LINUX_SRC)/usr/gen_init_cpio.c

$(LINUX_INIT): linux/init/init.c linux/linux.mk $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(LINUX_INIT_CFLAGS) -o $@ $<

# /vio: the virtual I/O test, run instead of /init with rdinit=/vio (linux-virtio.dts)
$(LINUX_VIO): linux/init/vio.c linux/linux.mk $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(LINUX_INIT_CFLAGS) -o $@ $<

# Programs in /bin: partman (partition management on /dev/fsl-hv),
# bctest (a checked byte stream over a byte channel tty) and wdtest (feeds,
# then starves, /dev/watchdog).
LINUX_PROGS := partman bctest wdtest
LINUX_PROG_BINS := $(patsubst %,$(LINUX_DIR)/bin/%,$(LINUX_PROGS))

$(LINUX_DIR)/bin/%: linux/$$*/$$*.c linux/linux.mk $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(LINUX_INIT_CFLAGS) -o $@ $<

$(LINUX_DIR)/initramfs.list: linux/linux.mk
	@mkdir -p $(dir $@)
	printf '%s\n' \
		'dir /dev 0755 0 0' \
		'nod /dev/console 0600 0 0 c 5 1' \
		'nod /dev/null 0666 0 0 c 1 3' \
		'dir /proc 0755 0 0' \
		'dir /sys 0755 0 0' \
		'dir /tmp 1777 0 0' \
		'file /init $(abspath $(LINUX_INIT)) 0755 0 0' \
		'file /vio $(abspath $(LINUX_VIO)) 0755 0 0' \
		'dir /sbin 0755 0 0' \
		'slink /sbin/poweroff /init 0777 0 0' \
		'dir /lib 0755 0 0' \
		'file /lib/upgrade.elf $(abspath $(LINUX_UPGRADE_ELF)) 0644 0 0' \
		'dir /bin 0755 0 0' \
		$(foreach p,$(LINUX_PROGS),'file /bin/$(p) $(abspath $(LINUX_DIR)/bin/$(p)) 0755 0 0') > $@

# Version 2 of the worker in configs/linux-ipc.dts (the in-service upgrade test).
LINUX_UPGRADE_ELF := $(B)/guests/demo/upgrade.elf

$(LINUX_INITRAMFS): $(LINUX_DIR)/initramfs.list $(LINUX_INIT) $(LINUX_VIO) $(LINUX_PROG_BINS) $(LINUX_DIR)/gen_init_cpio \
		$(LINUX_UPGRADE_ELF)
	$(LINUX_DIR)/gen_init_cpio -t 0 $< | gzip -9n > $@

linux: $(LINUX_VMLINUX) $(LINUX_INITRAMFS)

# The paravirtual variant (`make linux-pv`, used by `make bench`): the same
# configuration with linux/patches-pv applied to a hard-linked copy of the
# source (a patched file is replaced, never written through its link). Only
# needed because unmodified 6.1 cannot self-test the magic page on 32-bit
# (see the patch); every test guest is the unmodified kernel above.
LINUX_PV_SRC     := $(LINUX_DIR)/src-pv
LINUX_PV_OBJ     := $(LINUX_DIR)/obj-pv
LINUX_PV_VMLINUX := $(LINUX_DIR)/vmlinux-pv
LINUX_PV_PATCHES := $(sort $(wildcard linux/patches-pv/*.patch))

$(LINUX_PV_VMLINUX): $(LINUX_FRAGMENT) $(LINUX_PV_PATCHES) linux/linux.mk linux/build-kernel.sh \
		| $(LINUX_STAMP)
	rm -rf $(LINUX_PV_SRC) && cp -al $(LINUX_SRC) $(LINUX_PV_SRC)
	for p in $(LINUX_PV_PATCHES); do \
		for f in $$(sed -n 's|^+++ b/||p' $$p); do \
			cp $(LINUX_PV_SRC)/$$f $(LINUX_PV_SRC)/$$f.unlinked && \
			mv $(LINUX_PV_SRC)/$$f.unlinked $(LINUX_PV_SRC)/$$f || exit 1; \
		done; \
		patch -s -p1 -d $(LINUX_PV_SRC) < $$p || exit 1; \
	done
	ARCH=powerpc CROSS_COMPILE=$(CROSS) flock $(LINUX_DIR)/.build-lock \
		sh linux/build-kernel.sh $(LINUX_PV_SRC) $(LINUX_PV_OBJ) $(LINUX_FRAGMENT) $(LINUX_JOBS)
	cp $(LINUX_PV_OBJ)/vmlinux $@

linux-pv: $(LINUX_PV_VMLINUX) $(LINUX_INITRAMFS)

.PHONY: linux linux-pv
