/* SPDX-License-Identifier: GPL-2.0-only */
/* Demo guest for `make run`: greets, takes a few decrementer interrupts,
 * prints a summary and powers off. */
#include "rt.h"

#define NTICKS 5

static volatile u32 ticks;

static void on_dec(struct rt_frame *f)
{
	ticks++;
	mtspr(SPR_TSR, TSR_DIS);
	if (ticks >= NTICKS)
		mtspr(SPR_TCR, 0);
}

int main(void)
{
	u32 budget = 1u << 26;

	rt_printf("Hello from a beryl guest (PVR %08x)\n", mfspr(SPR_PVR));
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	/*
	 * 400 MHz timebase: a tick every 1 ms. Auto-reload is on before DEC
	 * starts: a decrementer that expires while TCR[ARE] is still 0 stops
	 * for good, and the guest can be held up for a millisecond between
	 * any two of its instructions (a loaded host, a hypervisor's exits).
	 */
	mtspr(SPR_DECAR, 400000);
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
	mtspr(SPR_DEC, 400000);
	mtmsr(mfmsr() | MSR_EE);
	while (ticks < NTICKS && budget--)
		__asm__ __volatile__("" ::: "memory");
	mtmsr(mfmsr() & ~MSR_EE);
	mtspr(SPR_TCR, 0);
	rt_printf("timer: %u decrementer interrupts\n", ticks);
	rt_printf("DEMO DONE %s\n", ticks >= NTICKS ? "ok" : "FAIL");
	return 0;
}
