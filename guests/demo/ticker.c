/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticker: prints NTICKS progress lines, one every TICK_MS milliseconds of
 * timebase, busy-waiting in between (it never idles or yields), then
 * powers off. Two tickers in partitions on two CPUs show by the
 * interleaving of their console lines that they run at the same time
 * (tests/system/test_multicore.py).
 */
#include "rt.h"

#define NTICKS 30
#define TICK_MS 10

int main(void)
{
	u64 start = rt_timebase();
	u32 i;

	rt_printf("ticker: %u ticks, one every %u ms\n", NTICKS, TICK_MS);
	for (i = 1; i <= NTICKS; i++) {
		u64 due = start + (u64)i * TICK_MS * RT_TB_PER_MS;

		while (rt_timebase() < due)
			;
		rt_printf("tick %u\n", i);
	}
	rt_printf("TICKER DONE ok\n");
	return 0;
}
