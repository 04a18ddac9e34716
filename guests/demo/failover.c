/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Failover with a claimable device (configs/failover.dts,
 * tests/system/test_failover.py; docs/config.md, "Failover").
 *
 * role=active: owns the I2C controller (`devices`): writes a value to its
 * clock divider register (I2CFDR), reads it back, runs ACTIVE_MS, then
 * powers its partition off.
 *
 * role=standby: has the controller as `claimable`: its tree's node carries
 * fsl,hv-device-handle. Before claiming, every access to the controller's
 * page must end in a machine check; FH_CLAIM_DEVICE with a handle it was
 * not given must fail (EV_EINVAL), and with its handle while the active
 * one runs, EV_INVALID_STATE. It retries until the claim succeeds (the
 * active one stopped), then reads the divider the active one left in the
 * device (the same device, its state carried over), writes and reads its
 * own, and powers off.
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

static volatile u32 n_mcheck;

static void on_mcheck(struct rt_frame *f)
{
	mtspr(SPR_MCSR, mfspr(SPR_MCSR));
	n_mcheck++;
	f->srr0 += 4; /* past the access */
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

/* Wait for the byte transfer to end (MIF), clear it: 0, or -1 after 100 ms. */
static int i2c_wait(void)
{
	u64 due = rt_timebase() + 100u * RT_TB_PER_MS;

	while (!(rd8(I2C_EA + I2C_SR) & SR_MIF))
		if (rt_timebase() > due)
			return -1;
	wr8(I2C_EA + I2C_SR, 0);
	return 0;
}

/*
 * Read n registers of the RTC from register 0 (the controller as the
 * MPC85xx manual and Linux's i2c-mpc drive it, by polling): start, address
 * and write, register number, repeated start, address and read, n bytes.
 */
static int rtc_read(u32 *regs, u32 n)
{
	u32 i;

	wr8(I2C_EA + I2C_FDR, 0x31);
	wr8(I2C_EA + I2C_CR, CR_MEN);
	wr8(I2C_EA + I2C_SR, 0);
	wr8(I2C_EA + I2C_CR, CR_MEN | CR_MSTA | CR_MTX);
	wr8(I2C_EA + I2C_DR, RTC_ADDR << 1);
	if (i2c_wait() || (rd8(I2C_EA + I2C_SR) & SR_RXAK))
		goto fail;
	wr8(I2C_EA + I2C_DR, 0);
	if (i2c_wait())
		goto fail;
	wr8(I2C_EA + I2C_CR, CR_MEN | CR_MSTA | CR_MTX | CR_RSTA);
	wr8(I2C_EA + I2C_DR, RTC_ADDR << 1 | 1);
	if (i2c_wait() || (rd8(I2C_EA + I2C_SR) & SR_RXAK))
		goto fail;
	wr8(I2C_EA + I2C_CR, CR_MEN | CR_MSTA | (n == 1 ? CR_TXAK : 0));
	(void)rd8(I2C_EA + I2C_DR); /* starts the first byte */
	for (i = 0; i < n; i++) {
		if (i2c_wait())
			goto fail;
		if (i == n - 1)
			wr8(I2C_EA + I2C_CR, CR_MEN); /* stop before the last read */
		else if (i == n - 2)
			wr8(I2C_EA + I2C_CR, CR_MEN | CR_MSTA | CR_TXAK);
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
		u32 t[7];

		if (rtc_read(t, 7)) {
			rt_printf("failover: standby: RTC read failed\n");
			return 1;
		}
		rt_printf("failover: standby: RTC 20%02u-%02u-%02u %02u:%02u:%02u\n",
			  bcd(t[6]), bcd(t[5] & 0x1f), bcd(t[4] & 0x3f), bcd(t[2] & 0x3f),
			  bcd(t[1] & 0x7f), bcd(t[0] & 0x7f));
	}
	return 0;
}

int main(void)
{
	const char *role = rt_bootarg_str("role");
	u32 v;

	rt_set_handler(IVOR_MACHINE_CHECK, on_mcheck);
	rt_tlb1_map(2, I2C_EA, I2C_PA_HI, I2C_PA, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW,
		    0, 0, 0);
	if (role && role[0] == 's')
		return standby();
	wr8(I2C_EA + I2C_FDR, ACTIVE_FDR);
	v = rd8(I2C_EA + I2C_FDR);
	rt_printf("failover: active: FDR 0x%x, %u machine checks; stopping in %u ms\n", v,
		  n_mcheck, ACTIVE_MS);
	wait_ms(ACTIVE_MS);
	return 0;
}
