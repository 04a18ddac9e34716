/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticklate: 30 ticks, one every 100 ms of timebase, each printed as soon
 * as it is due, with how late the line was written (the time the console
 * output took is part of the next tick's lateness); then the worst. A
 * neighbour flooding the console must not make it late
 * (tests/system/test_console.py).
 */
#include "rt.h"

#define NTICKS 30
#define TICK_MS 100

int main(void)
{
	u64 start = rt_timebase(), worst = 0;
	u32 i;

	for (i = 1; i <= NTICKS; i++) {
		u64 due = start + (u64)i * TICK_MS * RT_TB_PER_MS, late;

		while (rt_timebase() < due)
			;
		late = rt_timebase() - due;
		if (late > worst)
			worst = late;
		rt_printf("tick %u late %u us\n", i, (u32)(late / (RT_TB_PER_MS / 1000)));
	}
	rt_printf("ticklate: worst %u us\n", (u32)(worst / (RT_TB_PER_MS / 1000)));
	rt_printf("TICKLATE DONE\n");
	return 0;
}
