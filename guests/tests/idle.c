/* SPDX-License-Identifier: GPL-2.0-only */
/* Idle: HID0[DOZE] + MSR[WE|EE] waits until the decrementer interrupt; the
 * handler clears MSR[WE] in SRR1 so the core does not doze again. (QEMU only
 * idles on MSR[WE] when HID0[DOZE|NAP|SLEEP] is set.) */
#include "rt.h"

static volatile u32 n_dec, dec_srr1;

static void on_dec(struct rt_frame *f)
{
	n_dec++;
	dec_srr1 = f->srr1;
	f->srr1 &= ~MSR_WE;
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, 0);
}

int main(void)
{
	u32 hid0, i;

	test_begin("idle");
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	hid0 = mfspr(SPR_HID0);
	mtspr(SPR_HID0, hid0 | HID0_DOZE);
	check("hid0 doze", mfspr(SPR_HID0) & HID0_DOZE, HID0_DOZE);

	for (i = 0; i < 3; i++) {
		u32 before = n_dec;
		mtspr(SPR_TSR, TSR_DIS);
		mtspr(SPR_DEC, 100000);
		mtspr(SPR_TCR, TCR_DIE);
		msync();
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
		/* woken by the interrupt; we get here after it */
		mtmsr(MSR_ME);
		check("woken by decrementer", n_dec - before, 1);
		check_msr("srr1 has we ee", dec_srr1, MSR_ME | MSR_EE | MSR_WE);
		check_msr("msr after wake", mfmsr(), MSR_ME);
	}
	mtspr(SPR_HID0, hid0);
	check("hid0 restored", mfspr(SPR_HID0) & HID0_DOZE, 0);
	return test_end();
}
