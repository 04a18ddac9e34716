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
