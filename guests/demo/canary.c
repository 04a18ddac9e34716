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
#define TB_PER_MS 400000u /* QEMU's ppce500 timebase: 400 MHz */

static u64 timebase(void)
{
	u32 hi, lo, hi2;

	do {
		hi = mfspr(SPR_TBRU);
		lo = mfspr(SPR_TBRL);
		hi2 = mfspr(SPR_TBRU);
	} while (hi != hi2);
	return ((u64)hi << 32) | lo;
}

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
	start = timebase();
	for (n = 1; n <= NCHECKS; n++) {
		while (timebase() < start + (u64)n * CHECK_MS * TB_PER_MS)
			;
		for (i = 0; i < WORDS; i++)
			if (mem[i] != pattern(i))
				bad++;
	}
	rt_printf("canary: %u checks, %u bad words\n", NCHECKS, bad);
	rt_printf("CANARY DONE %s\n", bad ? "FAIL" : "ok");
	return 0;
}
