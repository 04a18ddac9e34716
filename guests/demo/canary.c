/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Canary: fills 1 MiB of its RAM with a pattern, then for three
 * seconds of timebase re-reads all of it every 50 ms, and reports. Run
 * beside the hostile guest on another core (configs/isolation.dts), it
 * shows that nothing the hostile partition does reaches another
 * partition's memory (tests/system/test_isolation.py).
 */
#include "rt.h"

#define BASE 0x02000000u /* 32 MiB: inside the runtime's 64 MiB map */
#define WORDS ((1u << 20) / 4)
#define NCHECKS 60
#define CHECK_MS 50

static u32 pattern(u32 i)
{
	return (i * 2654435761u) ^ 0xC0DEC0DEu;
}

int main(void)
{
	volatile u32 *mem = (volatile u32 *)BASE;
	u64 start;
	u32 i, n, bad = 0;

	for (i = 0; i < WORDS; i++)
		mem[i] = pattern(i);
	rt_printf("canary: 1 MiB written\n");
	start = rt_timebase();
	for (n = 1; n <= NCHECKS; n++) {
		while (rt_timebase() < start + (u64)n * CHECK_MS * RT_TB_PER_MS)
			;
		for (i = 0; i < WORDS; i++)
			if (mem[i] != pattern(i))
				bad++;
	}
	rt_printf("canary: %u checks, %u bad words\n", NCHECKS, bad);
	rt_printf("CANARY DONE %s\n", bad ? "FAIL" : "ok");
	return 0;
}
