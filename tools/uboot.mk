# Boot images for U-Boot, the boot loader of real MPC85xx/P1/P2 boards (and
# of QEMU's ppce500 with -bios /usr/lib/u-boot/qemu-ppce500/uboot.elf):
#
#   build/uboot/beryl.uimg          the hypervisor, legacy uImage "kernel"
#                                   (beryl is linked and entered at 0)
#   build/uboot/config-NAME.uimg    a compiled configuration as "ramdisk":
#                                   bootm passes it in /chosen linux,initrd-*
#   build/uboot/disk.img            ext2 image holding all of them
#
# On the U-Boot prompt:
#   ext2load virtio 0 0x2000000 beryl.uimg
#   ext2load virtio 0 0x3000000 config-default.uimg
#   bootm 0x2000000 0x3000000 $fdtcontroladdr

MKIMAGE ?= mkimage
UBOOT_DIR := $(B)/uboot
UBOOT_CONFIGS := $(patsubst $(B)/configs/%.dtb,$(UBOOT_DIR)/config-%.uimg,$(CONFIG_DTBS))
UBOOT_IMAGES := $(UBOOT_DIR)/beryl.uimg $(UBOOT_CONFIGS)

$(UBOOT_DIR)/beryl.bin: $(B)/beryl.elf
	@mkdir -p $(dir $@)
	$(OBJCOPY) -O binary $< $@

$(UBOOT_DIR)/beryl.uimg: $(UBOOT_DIR)/beryl.bin
	$(MKIMAGE) -A powerpc -O linux -T kernel -C none -a 0 -e 0 -n beryl -d $< $@ >/dev/null

$(UBOOT_DIR)/config-%.uimg: $(B)/configs/%.dtb
	@mkdir -p $(dir $@)
	$(MKIMAGE) -A powerpc -O linux -T ramdisk -C none -a 0 -e 0 -n beryl-config-$* -d $< $@ >/dev/null

$(UBOOT_DIR)/disk.img: $(UBOOT_IMAGES)
	@rm -rf $(UBOOT_DIR)/disk && mkdir -p $(UBOOT_DIR)/disk
	cp $(UBOOT_IMAGES) $(UBOOT_DIR)/disk/
	@rm -f $@
	mke2fs -q -t ext2 -d $(UBOOT_DIR)/disk $@ 16M

uboot: $(UBOOT_DIR)/disk.img

all: uboot

.PHONY: uboot
