/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Failover with a claimable device (configs/failover.dts,
 * configs/linux-failover.dts, configs/failover-takeover.dts;
 * tests/system/test_failover.py; docs/config.md, "Failover"). The device
 * is the I2C controller (/soc@fe0000000/i2c@3000, MPIC source 43) with
 * QEMU's DS1338 RTC at 0x68.
 *
 * role=active: owns the controller (`devices`): writes a value to its
 * clock divider register (I2CFDR), reads it back, then leaves the
 * controller in the middle of a read from the RTC (START, address, a byte
 * under way with its interrupt pending: a master holding the bus), runs
 * ACTIVE_MS, then powers its partition off.
 *
 * role=standby: has the controller as `claimable`: its tree's node carries
 * fsl,hv-device-handle. Before claiming, every access to the controller's
 * page must end in a machine check; FH_CLAIM_DEVICE with a handle it was
 * not given must fail (EV_EINVAL), and with its handle while the active
 * one runs, EV_INVALID_STATE. It retries until the claim succeeds (the
 * active one stopped), then reads the divider the active one left in the
 * device (the same device, its state carried over), writes and reads its
 * own, recovers the controller as a driver taking over a bus must (below)
 * and, with rtc=1, reads the RTC driven by the controller's interrupt
 * through its virtual MPIC (no polling: without the routing moved to it,
 * the read times out).
 *
 * role=owner and role=taker (configs/failover-takeover.dts): "owner" owns
 * the controller and reads the RTC by interrupts in a loop; "taker" has
 * claim = "running" and takes the controller while the owner runs. The
 * owner must then lose it at once: its next access is a machine check and
 * no interrupt of the device reaches it any more; it asks for a reset,
 * and restarted (its tree now says "standby") claims the controller back:
 * EV_INVALID_STATE while the taker runs (the owner may not take), success
 * once the taker powered off; then it reads the RTC again by interrupts.
 * Both make hostile claims too (handles not theirs, repeated claims).
 *
 * role=racer (configs/failover-race.dts): two partitions with the device in
 * `devices` and `claimable`, both with claim = "running", take it from each
 * other in a loop, one of them restarting itself (a reset request) every
 * RACE_ROUNDS rounds meanwhile, until RACE_END_MS after the machine's
 * start. After each successful claim it writes its own value to the
 * divider register and reads it back: the read must give its own value or
 * a machine check (the other took it in between), never the other's value
 * (that would be an access after it lost the device). Every claim must be
 * 0 or EV_INVALID_STATE (a claim of it under way, or the other could not
 * be made to let go).
 *
 * Recovery (i2c_recover()): a controller taken from a partition that was
 * stopped or cut off mid-transfer may still be master of the bus (MBB) with
 * an interrupt pending, and on a real bus a slave may hold SDA low in the
 * middle of a byte. As the MPC85xx reference manual describes and drivers
 * do: disable the module (resets its state machine), clear the status,
 * enable it; if the bus still reads busy, clock out up to 9 bytes' worth
 * of SCL pulses as master receiver (each read of I2CDR clocks a byte) and
 * end with a STOP, until the bus is free.
 */
#include "rt.h"

#define I2C_PA_HI 0xFu
#define I2C_PA 0xE0003000u /* /soc@fe0000000/i2c@3000 */
#define I2C_EA 0x30000000u
#define I2C_FDR 0x04
#define I2C_CR 0x08
#define I2C_SR 0x0C
#define I2C_DR 0x10
#define CR_MEN 0x80
#define CR_MIEN 0x40
#define CR_MSTA 0x20
#define CR_MTX 0x10
#define CR_TXAK 0x08
#define CR_RSTA 0x04
#define SR_MBB 0x20
#define SR_MIF 0x02
#define SR_RXAK 0x01
#define RTC_ADDR 0x68 /* QEMU's DS1338 on the ppce500 I2C bus */
#define ACTIVE_FDR 0x2a
#define STANDBY_FDR 0x15
#define ACTIVE_MS 1500
#define CLAIM_TRIES 18000 /* 10 ms apart: 3 min (a Linux active one boots first) */
#define FH_CLAIM_DEVICE_TOKEN ((2u << 16) | 17u)
#define EV_EINVAL 8
#define EV_INVALID_STATE 11

/* the (virtual) MPIC, as guests/bench/irqlat.c programs it */
#define MPIC (RT_CCSR_EA + 0x40000u)
#define MPIC_GCR (MPIC + 0x1020u)
#define I2C_SRC 43u
#define MPIC_SRC_VPR (MPIC + 0x10000u + I2C_SRC * 0x20u)
#define MPIC_SRC_DR (MPIC + 0x10010u + I2C_SRC * 0x20u)
#define MPIC_CPU0_CTPR (MPIC + 0x20080u)
#define MPIC_CPU0_IACK (MPIC + 0x200a0u)
#define MPIC_CPU0_EOI (MPIC + 0x200b0u)
#define GUTS_RSTCR (RT_CCSR_EA + 0xE00B0u)

static volatile u32 n_mcheck, n_irq, n_other;

static void on_mcheck(struct rt_frame *f)
{
	mtspr(SPR_MCSR, mfspr(SPR_MCSR));
	n_mcheck++;
	f->srr0 += 4; /* past the access */
}

/* The I2C controller's interrupt: the byte is done; clear MIF (it deasserts). */
static void on_external(struct rt_frame *f)
{
	u32 vec = rd32(MPIC_CPU0_IACK);

	if (vec == I2C_SRC) {
		wr8(I2C_EA + I2C_SR, 0);
		n_irq++;
	} else {
		n_other++;
	}
	wr32(MPIC_CPU0_EOI, 0);
	(void)f;
}

static void irq_setup(void)
{
	rt_set_handler(IVOR_EXTERNAL, on_external);
	wr32(MPIC_GCR, 0x20000000u); /* mixed mode */
	wr32(MPIC_SRC_DR, 1);        /* to vCPU 0 */
	wr32(MPIC_SRC_VPR, (rd32(MPIC_SRC_VPR) & 0x00C00000u) | (8u << 16) | I2C_SRC);
	wr32(MPIC_CPU0_CTPR, 0);
}

static void wait_ms(u32 ms)
{
	u64 due = rt_timebase() + (u64)ms * RT_TB_PER_MS;

	while (rt_timebase() < due)
		;
}

static u32 claim(u32 handle)
{
	u32 out;

	return rt_hcall(FH_CLAIM_DEVICE_TOKEN, handle, &out);
}

/*
 * Wait for the byte transfer to end: by its interrupt (irq: MSR[EE] open
 * meanwhile, the handler clears MIF), or polling MIF. 0, or -1 after 100 ms.
 */
static int i2c_wait(int irq)
{
	u64 due = rt_timebase() + 100u * RT_TB_PER_MS;
	u32 before = n_irq;

	if (irq) {
		mtmsr(MSR_ME | MSR_EE);
		while (n_irq == before && rt_timebase() < due)
			;
		mtmsr(MSR_ME);
		return n_irq == before ? -1 : 0;
	}
	while (!(rd8(I2C_EA + I2C_SR) & SR_MIF))
		if (rt_timebase() > due)
			return -1;
	wr8(I2C_EA + I2C_SR, 0);
	return 0;
}

/*
 * Read n registers of the RTC from register 0 (the controller as the
 * MPC85xx manual and Linux's i2c-mpc drive it): start, address and write,
 * register number, repeated start, address and read, n bytes.
 */
static int rtc_read(u32 *regs, u32 n, int irq)
{
	u32 i, ien = irq ? CR_MIEN : 0;

	wr8(I2C_EA + I2C_FDR, 0x31);
	wr8(I2C_EA + I2C_CR, CR_MEN | ien);
	wr8(I2C_EA + I2C_SR, 0);
	wr8(I2C_EA + I2C_CR, CR_MEN | ien | CR_MSTA | CR_MTX);
	wr8(I2C_EA + I2C_DR, RTC_ADDR << 1);
	if (i2c_wait(irq) || (rd8(I2C_EA + I2C_SR) & SR_RXAK))
		goto fail;
	wr8(I2C_EA + I2C_DR, 0);
	if (i2c_wait(irq))
		goto fail;
	wr8(I2C_EA + I2C_CR, CR_MEN | ien | CR_MSTA | CR_MTX | CR_RSTA);
	wr8(I2C_EA + I2C_DR, RTC_ADDR << 1 | 1);
	if (i2c_wait(irq) || (rd8(I2C_EA + I2C_SR) & SR_RXAK))
		goto fail;
	wr8(I2C_EA + I2C_CR, CR_MEN | ien | CR_MSTA | (n == 1 ? CR_TXAK : 0));
	(void)rd8(I2C_EA + I2C_DR); /* starts the first byte */
	for (i = 0; i < n; i++) {
		if (i2c_wait(irq))
			goto fail;
		if (i == n - 1)
			wr8(I2C_EA + I2C_CR, CR_MEN | ien); /* stop before the last read */
		else if (i == n - 2)
			wr8(I2C_EA + I2C_CR, CR_MEN | ien | CR_MSTA | CR_TXAK);
		regs[i] = rd8(I2C_EA + I2C_DR);
	}
	return 0;
fail:
	wr8(I2C_EA + I2C_CR, CR_MEN);
	return -1;
}

static u32 bcd(u32 v)
{
	return (v >> 4) * 10 + (v & 15);
}

/* Take the controller over whatever state it was left in (see the top). */
static int i2c_recover(const char *who)
{
	u32 cr = rd8(I2C_EA + I2C_CR), sr = rd8(I2C_EA + I2C_SR), k;

	/* (QEMU clears MBB with any write of the status: MSTA says it too) */
	rt_printf("failover: %s: controller found with CR 0x%x SR 0x%x (%s)\n", who, cr, sr,
		  (sr & SR_MBB) || (cr & CR_MSTA) ? "master of the bus: left mid-transfer"
						  : "idle");
	wr8(I2C_EA + I2C_CR, 0); /* module off: its state machine reset */
	wr8(I2C_EA + I2C_SR, 0); /* no interrupt pending */
	wr8(I2C_EA + I2C_FDR, 0x31);
	wr8(I2C_EA + I2C_CR, CR_MEN);
	for (k = 0; k < 9 && (rd8(I2C_EA + I2C_SR) & SR_MBB); k++) {
		/* a slave holds SDA: clock it out as master receiver, then STOP */
		wr8(I2C_EA + I2C_CR, CR_MEN | CR_MSTA | CR_TXAK);
		(void)rd8(I2C_EA + I2C_DR);
		wait_ms(1);
		wr8(I2C_EA + I2C_CR, CR_MEN);
		wr8(I2C_EA + I2C_SR, 0);
	}
	sr = rd8(I2C_EA + I2C_SR);
	rt_printf("failover: %s: controller reset, %u clock bursts, bus %s\n", who, k,
		  (sr & SR_MBB) ? "still busy" : "free");
	return (sr & SR_MBB) ? -1 : 0;
}

/* One RTC read by interrupts: printed as "RTC ...", with the interrupts it took. */
static int rtc_print(const char *who)
{
	u32 t[7], before = n_irq;

	if (rtc_read(t, 7, 1)) {
		rt_printf("failover: %s: RTC read failed (%u interrupts, SR 0x%x)\n", who,
			  n_irq - before, rd8(I2C_EA + I2C_SR));
		return -1;
	}
	rt_printf("failover: %s: RTC 20%02u-%02u-%02u %02u:%02u:%02u, %u interrupts\n", who,
		  bcd(t[6]), bcd(t[5] & 0x1f), bcd(t[4] & 0x3f), bcd(t[2] & 0x3f),
		  bcd(t[1] & 0x7f), bcd(t[0] & 0x7f), n_irq - before);
	return 0;
}

/* Hostile claims: every handle but its own (and those of nothing) is EV_EINVAL. */
static void claim_others(const char *who, u32 handle)
{
	u32 h, bad = 0, n = 0, seed = 0x9e3779b9u;

	for (h = 0; h < 2000; h++) {
		u32 x = h < 64 ? h : (seed = seed * 1103515245u + 12345u);

		if (x == handle)
			continue;
		n++;
		if (claim(x) != EV_EINVAL)
			bad++;
	}
	rt_printf("failover: %s: %u claims with handles not its own, %u not EV_EINVAL\n", who, n,
		  bad);
}

static int standby(void)
{
	u32 handle = rt_fdt_u32("fsl,hv-device-handle", 0), r, tries, v, before;
	const char *state = rt_fdt_str("fsl,hv-claimable");

	rt_printf("failover: standby: handle %u, %s\n", handle, state ? state : "(none)");
	before = n_mcheck;
	v = rd8(I2C_EA + I2C_FDR);
	wr8(I2C_EA + I2C_FDR, STANDBY_FDR);
	rt_printf("failover: standby: before the claim, %u of 2 accesses machine-checked\n",
		  n_mcheck - before);
	rt_printf("failover: standby: claim with a foreign handle: %u\n", claim(handle + 1));
	r = claim(handle);
	rt_printf("failover: standby: claim while the active one runs: %u\n", r);
	for (tries = 1; r != 0 && tries < CLAIM_TRIES; tries++) {
		wait_ms(10);
		r = claim(handle);
	}
	if (r) {
		rt_printf("failover: standby: claim failed: %u\n", r);
		return 1;
	}
	rt_printf("failover: standby: claimed\n");
	before = n_mcheck;
	v = rd8(I2C_EA + I2C_FDR);
	rt_printf("failover: standby: FDR 0x%x as the active one left it\n", v);
	wr8(I2C_EA + I2C_FDR, STANDBY_FDR);
	v = rd8(I2C_EA + I2C_FDR);
	rt_printf("failover: standby: FDR 0x%x after its own write, %u machine checks\n", v,
		  n_mcheck - before);
	rt_printf("failover: standby: claim again: %u\n", claim(handle));
	if (rt_bootarg("rtc", 0)) {
		if (i2c_recover("standby"))
			return 1;
		irq_setup();
		if (rtc_print("standby"))
			return 1;
	}
	return 0;
}

/* The active one: leave the controller a master in the middle of a read. */
static void leave_mid_transfer(void)
{
	wr8(I2C_EA + I2C_CR, CR_MEN | CR_MIEN);
	wr8(I2C_EA + I2C_SR, 0);
	wr8(I2C_EA + I2C_CR, CR_MEN | CR_MIEN | CR_MSTA | CR_MTX);
	wr8(I2C_EA + I2C_DR, RTC_ADDR << 1);
	(void)i2c_wait(0);
	wr8(I2C_EA + I2C_DR, 0);
	(void)i2c_wait(0);
	wr8(I2C_EA + I2C_CR, CR_MEN | CR_MIEN | CR_MSTA | CR_MTX | CR_RSTA);
	wr8(I2C_EA + I2C_DR, RTC_ADDR << 1 | 1);
	(void)i2c_wait(0);
	wr8(I2C_EA + I2C_CR, CR_MEN | CR_MIEN | CR_MSTA);
	(void)rd8(I2C_EA + I2C_DR); /* a byte under way; its MIF stays pending */
	rt_printf("failover: active: left the controller mid-transfer: CR 0x%x SR 0x%x\n",
		  rd8(I2C_EA + I2C_CR), rd8(I2C_EA + I2C_SR));
}

/* owner, first boot: read the RTC by interrupts until the device is taken. */
static void owner_until_taken(void)
{
	u32 reads = 0, t[7], irq_before, k, mc;

	irq_setup();
	while (n_mcheck == 0 && reads < 100000) {
		if (rtc_read(t, 7, 1) == 0)
			reads++;
		else if (n_mcheck == 0)
			break; /* failed, not taken */
		wait_ms(2);
	}
	rt_printf("failover: owner: %u RTC reads by interrupts, then %s\n", reads,
		  n_mcheck ? "a machine check: the device was taken" : "a failure");
	/* still running: no interrupt of the device for it any more, no access */
	irq_before = n_irq;
	mtmsr(MSR_ME | MSR_EE);
	wait_ms(300);
	mtmsr(MSR_ME);
	mc = n_mcheck;
	for (k = 0; k < 3; k++)
		(void)rd8(I2C_EA + I2C_SR);
	rt_printf("failover: owner: after the loss: %u device interrupts in 300 ms, %u of 3 "
		  "accesses machine-checked\n",
		  n_irq - irq_before, n_mcheck - mc);
	rt_printf("failover: owner: reset\n");
	wr32(GUTS_RSTCR, 2);
	for (;;)
		;
}

/* owner, restarted as the standby: claim it back once the taker stopped. */
static int owner_back(u32 handle)
{
	u32 r, tries, busy = 0;

	irq_setup();
	claim_others("owner", handle);
	r = claim(handle);
	rt_printf("failover: owner: claim back while the taker runs: %u\n", r);
	for (tries = 1; r != 0 && tries < 30000; tries++) {
		if (r == EV_INVALID_STATE)
			busy++;
		else
			break;
		wait_ms(1);
		r = claim(handle);
	}
	if (r) {
		rt_printf("failover: owner: claim back failed: %u\n", r);
		return 1;
	}
	rt_printf("failover: owner: claimed back after %u refusals, all EV_INVALID_STATE\n", busy);
	if (i2c_recover("owner") || rtc_print("owner"))
		return 1;
	rt_printf("failover: owner: claim again: %u\n", claim(handle));
	return 0;
}

#define UART0_RBR (RT_CCSR_EA + 0x4500u)
#define UART0_LSR (RT_CCSR_EA + 0x4505u)

static int taker(void)
{
	u32 handle = rt_fdt_u32("fsl,hv-device-handle", 0), r, k, mc = n_mcheck;
	const char *state = rt_fdt_str("fsl,hv-claimable");

	rt_printf("failover: taker: handle %u, %s\n", handle, state ? state : "(none)");
	irq_setup();
	if (rt_bootarg("key", 0)) { /* the test says when (the owner is Linux in its loop) */
		rt_printf("failover: taker: type a key to take the device\n");
		while (!(rd8(UART0_LSR) & 1))
			wait_ms(1);
		(void)rd8(UART0_RBR);
	} else {
		wait_ms(rt_bootarg("after", 300)); /* the owner reads meanwhile */
	}
	r = claim(handle);
	rt_printf("failover: taker: claim while the owner runs: %u\n", r);
	if (r)
		return 1;
	if (i2c_recover("taker"))
		return 1;
	for (k = 0; k < 3; k++)
		if (rtc_print("taker"))
			return 1;
	rt_printf("failover: taker: %u machine checks, %u other interrupts\n", n_mcheck - mc,
		  n_other);
	rt_printf("failover: taker: claim again: %u\n", claim(handle));
	claim_others("taker", handle);
	wait_ms(rt_bootarg("hold", 1000)); /* the owner restarts and may not take it */
	rt_printf("failover: taker: stopping\n");
	return 0;
}

#define RACE_ROUNDS 40
#define RACE_END_MS 6000

static int racer(void)
{
	u32 handle = rt_fdt_u32("fsl,hv-device-handle", 0), mine = rt_bootarg("fdr", 1);
	u32 resets = rt_bootarg("resets", 0), n = 0, ok = 0, busy = 0, other = 0;
	u32 own = 0, lost = 0, foreign = 0, r, v, mc;
	u64 end = (u64)RACE_END_MS * RT_TB_PER_MS;

	while (rt_timebase() < end && !(resets && n == RACE_ROUNDS)) {
		r = claim(handle);
		n++;
		if (r == EV_INVALID_STATE) {
			busy++;
		} else if (r) {
			other++;
		} else {
			ok++;
			mc = n_mcheck;
			wr8(I2C_EA + I2C_FDR, mine);
			wait_ms(2); /* the other one's claim may land here */
			v = rd8(I2C_EA + I2C_FDR);
			if (n_mcheck != mc)
				lost++;
			else if (v == mine)
				own++;
			else
				foreign++;
		}
		wait_ms(1 + (n & 1));
	}
	rt_printf("failover: racer %u: %u claims: %u successes, %u EV_INVALID_STATE, %u other; "
		  "%u own values read, %u machine-checked, %u foreign values\n",
		  mine, n, ok, busy, other, own, lost, foreign);
	if (rt_timebase() < end) {
		wr32(GUTS_RSTCR, 2); /* a restart while the other one claims */
		for (;;)
			;
	}
	return 0;
}

int main(void)
{
	const char *role = rt_bootarg_str("role");
	const char *state = rt_fdt_str("fsl,hv-claimable");
	u32 v;

	rt_set_handler(IVOR_MACHINE_CHECK, on_mcheck);
	rt_tlb1_map(2, I2C_EA, I2C_PA_HI, I2C_PA, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW,
		    0, 0, 0);
	if (role && role[0] == 's')
		return standby();
	if (role && role[0] == 't')
		return taker();
	if (role && role[0] == 'r')
		return racer();
	if (role && role[0] == 'o') {
		u32 handle = rt_fdt_u32("fsl,hv-device-handle", 0);

		rt_printf("failover: owner: handle %u, %s\n", handle, state ? state : "(none)");
		if (state && state[0] == 'a')
			owner_until_taken();
		return owner_back(handle);
	}
	wr8(I2C_EA + I2C_FDR, ACTIVE_FDR);
	v = rd8(I2C_EA + I2C_FDR);
	rt_printf("failover: active: FDR 0x%x, %u machine checks; stopping in %u ms\n", v,
		  n_mcheck, ACTIVE_MS);
	leave_mid_transfer();
	wait_ms(ACTIVE_MS);
	return 0;
}
