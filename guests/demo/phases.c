/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A managed partition that goes through every state change its manager is
 * told about (tests/system/test_ipc_linux.py, configs/linux-ipc.dts): boot
 * 1 asks for a reset (GUTS RSTCR), which restarts it; boot 2 crashes (a
 * checkstop: a machine check with MSR[ME] clear), which stops it; from
 * boot 3 on it runs, dozing, until its manager stops it.
 */
#include "rt.h"

#define GUTS_RSTCR (RT_CCSR_EA + 0xE00B0u)

static void on_dec(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	f->srr1 &= ~MSR_WE;
}

int main(void)
{
	u32 boot = rt_fdt_u32("beryl,boot-count", 0);

	if (boot == 1) {
		rt_printf("phases: boot 1, asking for a reset\n");
		wr32(GUTS_RSTCR, 2);
		for (;;)
			;
	}
	if (boot == 2) {
		rt_printf("phases: boot 2, crashing\n");
		rt_tlb1_map(2, 0x30000000, 0, 0x7F000000, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR, 0, 0,
			    0);
		mtmsr(0);
		(void)rd32(0x30000000);
		rt_printf("phases: still alive?\n");
		return 0;
	}
	rt_printf("phases: boot %u, running until stopped\n", boot);
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	mtspr(SPR_DECAR, 100 * RT_TB_PER_MS);
	mtspr(SPR_DEC, 100 * RT_TB_PER_MS);
	mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
	for (;;)
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
}
