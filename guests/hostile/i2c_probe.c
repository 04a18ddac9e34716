/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * I2C probe: beside a partition that was assigned the I2C controller
 * (configs/linux-assign.dts), this partition maps the controller's page
 * itself (its own tlbwe to physical 0xF_E000_3000) and reads its status and
 * data registers and writes its control register (0: the controller off)
 * and its clock divider, every PERIOD_MS for DURATION_MS of timebase. Each
 * access must end in a machine check (bus error): had one store reached the
 * device, the other partition's I2C transfers (its RTC) would fail. It
 * dozes between rounds so as not to take a host core for nothing.
 * tests/system/test_assign.py.
 */
#include <stdbool.h>

#include "rt.h"

#define I2C_PA_HI 0xFu
#define I2C_PA 0xE0003000u /* /soc@fe0000000/i2c@3000 */
#define I2C_EA 0x30000000u
#define I2C_FDR 0x04
#define I2C_CR 0x08
#define I2C_SR 0x0C
#define I2C_DR 0x10
/*
 * Long enough to cover the Linux partition's RTC read on a slow host: that
 * read comes about 2.7 s after boot here, and this duration is the host's
 * time (no icount) while Linux's progress is the host's speed.
 */
#define DURATION_MS 15000
#define PERIOD_MS 10

static volatile u32 n_mcheck, n_bad_mcsr, want_mcsr;

static void on_mcheck(struct rt_frame *f)
{
	u32 mcsr = mfspr(SPR_MCSR);

	n_mcheck++;
	if (!(mcsr & MCSR_MCP) || !(mcsr & want_mcsr))
		n_bad_mcsr++;
	mtspr(SPR_MCSR, mcsr);
	f->srr0 += 4; /* past the access */
}

static void on_dec(struct rt_frame *f)
{
	f->srr1 &= ~MSR_WE; /* do not doze again on return */
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, 0);
}

/* Doze (MSR[WE]) until the timebase reaches due. */
static void sleep_until(u64 due)
{
	u64 now = rt_timebase();

	if (now >= due)
		return;
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_DEC, (u32)(due - now));
	mtspr(SPR_TCR, TCR_DIE);
	msync();
	mtmsr(MSR_ME | MSR_EE | MSR_WE);
	mtmsr(MSR_ME);
}

int main(void)
{
	u64 start;
	u32 loads = 0, stores = 0, round;
	bool ok;

	rt_set_handler(IVOR_MACHINE_CHECK, on_mcheck);
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	rt_tlb1_map(2, I2C_EA, I2C_PA_HI, I2C_PA, TSIZE_4K, MAS2_I | MAS2_G,
		    MAS3_SR | MAS3_SW, 0, 0, 0);
	rt_printf("probe: attacking the I2C controller at 0x%x%08x for %u ms\n",
		  I2C_PA_HI, I2C_PA, DURATION_MS);
	start = rt_timebase();
	for (round = 0; rt_timebase() < start + (u64)DURATION_MS * RT_TB_PER_MS;
	     round++) {
		want_mcsr = MCSR_BUS_RAERR;
		(void)rd8(I2C_EA + I2C_SR);
		(void)rd8(I2C_EA + I2C_DR);
		(void)rd32(I2C_EA);
		loads += 3;
		want_mcsr = MCSR_BUS_WAERR;
		wr8(I2C_EA + I2C_CR, 0x00);
		wr8(I2C_EA + I2C_FDR, 0x3F);
		stores += 2;
		sleep_until(start + (u64)(round + 1) * PERIOD_MS * RT_TB_PER_MS);
	}
	ok = n_mcheck == loads + stores && !n_bad_mcsr;
	rt_printf("probe: %u rounds, %u loads, %u stores, %u machine checks, %u without "
		  "a bus error\n",
		  round, loads, stores, n_mcheck, n_bad_mcsr);
	rt_printf("PROBE DONE %s\n", ok ? "ok" : "FAIL");
	return 0;
}
