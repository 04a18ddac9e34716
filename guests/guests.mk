# Bare-metal guests: differential test programs, the demo and the hostile
# guest. Included by the top-level Makefile (CC, B, TARGET_CFLAGS,
# TARGET_ASFLAGS, SETUP_STAMP come from there).
#
#   make build/guests/tests/<name>.elf   one differential test program
#   make build/guests/demo/hello.elf     the demo guest (ticker.elf: the multicore one)
#   make guests                          everything (plus build/guests/tests.list)

GUEST_TESTS := $(sort $(basename $(notdir $(wildcard guests/tests/*.c))))

GUEST_RT_SRCS := guests/rt/start.S guests/rt/rt.c
GUEST_RT_OBJS := $(B)/guests/rt/start.o $(B)/guests/rt/rt.o
GUEST_RT_HDRS := guests/rt/rt.h guests/rt/hv.h
GUEST_LDS := guests/rt/guest.ld
GUEST_CFLAGS := $(TARGET_CFLAGS) -msdata=none -G 0 -Iguests/rt

GUEST_TEST_ELFS := $(patsubst %,$(B)/guests/tests/%.elf,$(GUEST_TESTS))
GUEST_ELFS := $(GUEST_TEST_ELFS) $(B)/guests/demo/hello.elf $(B)/guests/demo/ticker.elf $(B)/guests/demo/canary.elf $(B)/guests/demo/crasher.elf $(B)/guests/demo/memclear.elf \
	$(B)/guests/demo/forger.elf $(B)/guests/demo/ticklate.elf $(B)/guests/hostile/flood.elf \
	$(B)/guests/demo/echo.elf $(B)/guests/demo/debugee.elf $(B)/guests/demo/pv.elf \
	$(B)/guests/demo/control.elf $(B)/guests/demo/sched_probe.elf \
	$(B)/guests/demo/phases.elf $(B)/guests/demo/upgrade.elf \
	$(B)/guests/demo/mbox_send.elf $(B)/guests/demo/mbox_recv.elf \
	$(B)/guests/hostile/hostile.elf $(B)/guests/hostile/hostile_rounds.elf \
	$(B)/guests/hostile/i2c_probe.elf $(B)/guests/hostile/memcpy_probe.elf $(B)/guests/hostile/virtio_hostile.elf \
	$(B)/guests/ipc/ipc_peer.elf $(B)/guests/ipc/bcecho.elf $(B)/guests/hostile/hcall_fuzz.elf \
	$(B)/guests/hostile/gfuzz.elf $(B)/guests/demo/watch.elf $(B)/guests/demo/wdog.elf \
	$(B)/guests/demo/failover.elf \
	$(B)/guests/demo/soak.elf $(B)/guests/demo/soak_mgr.elf $(B)/guests/demo/evidle.elf \
	$(B)/guests/bench/bench.elf $(B)/guests/bench/irqlat.elf
GUEST_LIST := $(B)/guests/tests.list

$(B)/guests/rt/%.o: guests/rt/%.S $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(TARGET_ASFLAGS) -c -o $@ $<

$(B)/guests/%.o: guests/%.c $(GUEST_RT_HDRS) $$(wildcard $$(dir guests/$$*)*.h) $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -c -o $@ $<

$(B)/guests/%.elf: $(B)/guests/%.o $(GUEST_RT_OBJS) $(GUEST_LDS)
	$(CC) -nostdlib -static -Wl,--gc-sections -Wl,--build-id=none -Wl,--no-warn-rwx-segments -Wl,--fatal-warnings -Wl,-T,$(GUEST_LDS) -o $@ $(GUEST_RT_OBJS) $< -lgcc

# The guest fuzzer is linked from several objects (guests/hostile/gfuzz*.c).
GFUZZ_OBJS := $(patsubst %,$(B)/guests/hostile/%.o,gfuzz gfuzz_run gfuzz_ops gfuzz_tlb)
$(B)/guests/hostile/gfuzz.elf: $(GFUZZ_OBJS) $(GUEST_RT_OBJS) $(GUEST_LDS)
	$(CC) -nostdlib -static -Wl,--gc-sections -Wl,--build-id=none -Wl,--no-warn-rwx-segments -Wl,-T,$(GUEST_LDS) -o $@ $(GUEST_RT_OBJS) $(GFUZZ_OBJS) -lgcc

# The list of differential tests, for tests/system (one name per line).
$(GUEST_LIST): guests/guests.mk $(wildcard guests/tests/*.c)
	@mkdir -p $(dir $@)
	@printf '%s\n' $(GUEST_TESTS) > $@

guests: $(GUEST_ELFS) $(GUEST_LIST)

all: $(GUEST_LIST)

.PRECIOUS: $(B)/guests/%.o $(B)/guests/rt/%.o
.PHONY: guests
