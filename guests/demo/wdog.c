/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdog: arms the Book E watchdog as Linux's booke_wdt does (TCR[WP/WPEXT]
 * period, TCR[WRC] = 2, TCR[WIE], MSR[CE]), feeds it FEEDS times, then
 * starves it, and reports what happens to it: the architected watchdog
 * interrupt (TSR[WIS], one period before the expiry), and whether it still
 * runs 2 s after the last feed. beryl's watchdog policy decides the
 * rest (configs/watchdog.dts, tests/system/test_watchdog.py): "stop" stops
 * it before those 2 s are over, "interrupt" leaves it running.
 */
#include "rt.h"

#define WDT_BIT 26 /* events every 2^27 ticks: 335 ms at 400 MHz; expiry 0.67-1 s */
#define FEEDS 5
#define FEED_MS 30

static volatile u32 interrupts;

/* The watchdog interrupt (critical class): as Linux's WatchdogHandler, mask it. */
static void on_watchdog(struct rt_frame *f)
{
	(void)f;
	interrupts++;
	mtspr(SPR_TCR, mfspr(SPR_TCR) & ~TCR_WIE);
}

int main(void)
{
	u32 idx = 63 - WDT_BIT, i, said = 0;
	u64 last, now;

	rt_set_handler(IVOR_WATCHDOG, on_watchdog);
	mtspr(SPR_TSR, TSR_ENW | TSR_WIS);
	mtspr(SPR_TCR, (idx & 3) << TCR_WP_SHIFT | (idx >> 2) << TCR_WPEXT_SHIFT |
			       2u << TCR_WRC_SHIFT | TCR_WIE);
	mtmsr(mfmsr() | MSR_CE);
	rt_printf("wdog: armed, period 2^%u ticks\n", WDT_BIT + 1);
	last = rt_timebase();
	for (i = 0; i < FEEDS; i++) {
		while (rt_timebase() < last + FEED_MS * RT_TB_PER_MS)
			;
		mtspr(SPR_TSR, TSR_ENW | TSR_WIS);
		last = rt_timebase();
	}
	rt_printf("wdog: fed %u times, starving\n", FEEDS);
	do {
		now = rt_timebase();
		if (interrupts && !said) {
			said = 1;
			rt_printf("wdog: watchdog interrupt\n");
		}
	} while (now < last + 2000 * RT_TB_PER_MS);
	rt_printf("wdog: still running 2 s after the last feed, %u watchdog interrupt(s)\n",
		  interrupts);
	rt_printf("WDOG DONE ok\n");
	return 0;
}
