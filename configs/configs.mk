# Example configurations: configs/NAME.dts -> build/configs/NAME.dtb.
# Images are embedded with /incbin/ paths relative to the tree root.

CONFIG_DTBS := $(patsubst configs/%.dts,$(B)/configs/%.dtb,$(wildcard configs/*.dts))

$(B)/configs/%.dtb: configs/%.dts $(GUEST_ELFS) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(DTC) -q -I dts -O dtb -i . -o $@ $<
