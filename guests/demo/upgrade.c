/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Version 2 of the worker (tests/system/test_ipc_linux.py): not in the
 * configuration; alpha's partman copies it into the stopped worker
 * (FH_PARTITION_MEMCPY) and starts it at its entry without reloading. It
 * says which version runs and that it got its device tree, then runs,
 * dozing, until its manager stops it.
 */
#include "rt.h"

static void on_dec(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	f->srr1 &= ~MSR_WE;
}

int main(void)
{
	rt_printf("upgrade: version 2, boot %u, device tree at 0x%x, running until stopped\n",
		  rt_fdt_u32("beryl,boot-count", 0), rt_fdt);
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	mtspr(SPR_DECAR, 100 * RT_TB_PER_MS);
	mtspr(SPR_DEC, 100 * RT_TB_PER_MS);
	mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
	for (;;)
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
}
