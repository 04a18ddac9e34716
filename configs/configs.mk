# Example configurations: configs/NAME.dts -> build/configs/NAME.dtb.
# Images are embedded with /incbin/ paths relative to the tree root.
# Configurations running Linux (configs/linux*.dts) need the kernel, which
# `make all` does not build: they are made by `make linux`.

LINUX_CONFIG_DTBS := $(patsubst configs/%.dts,$(B)/configs/%.dtb,$(wildcard configs/linux*.dts))
CONFIG_DTBS := $(filter-out $(LINUX_CONFIG_DTBS), \
	$(patsubst configs/%.dts,$(B)/configs/%.dtb,$(wildcard configs/*.dts)))

$(B)/configs/%.dtb: configs/%.dts $(GUEST_ELFS) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(DTC) -q -I dts -O dtb -i . -o $@ $<

$(LINUX_CONFIG_DTBS): $(LINUX_VMLINUX) $(LINUX_INITRAMFS)

linux: $(LINUX_CONFIG_DTBS)

# The disks of configs/linux-virtio.dts: 8 MiB of zeros, and an ext2 file
# system made by the host's mke2fs holding a file of known bytes (the test
# compares the guest's checksum of it with the host's).
VIO_DIR := $(B)/vio

$(VIO_DIR)/data.img: configs/configs.mk
	@mkdir -p $(dir $@)
	head -c 8388608 /dev/zero > $@

$(VIO_DIR)/ro.img: configs/configs.mk $(SETUP_STAMP)
	@rm -rf $(VIO_DIR)/ro-files && mkdir -p $(VIO_DIR)/ro-files
	$(PYTHON) -c 'import random, sys; r = random.Random(11); \
		sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(300000)))' \
		> $(VIO_DIR)/ro-files/hello.bin
	rm -f $@ && truncate -s 1M $@ && mke2fs -q -F -t ext2 -b 1024 -d $(VIO_DIR)/ro-files $@

$(B)/configs/linux-virtio.dtb: $(VIO_DIR)/data.img $(VIO_DIR)/ro.img
