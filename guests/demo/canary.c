/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Canary: fills 1 MiB of its RAM with a pattern, then for three
 * seconds of timebase re-reads all of it every 50 ms, and reports. Run
 * beside the hostile guest on another core (configs/isolation.dts), it
 * shows that nothing the hostile partition does reaches another
 * partition's memory (tests/system/test_isolation.py).
 *
 * With until=ADDR on its command line (configs/linux-net.dts, beside the
 * hostile virtio-net guest on a shared core) it checks every 50 ms, dozing
 * in between, until the word at ADDR (a shared area the other guest
 * writes when it is done) is nonzero, at most MAX_S seconds.
 */
#include "rt.h"

#define BASE 0x02000000u /* 32 MiB: inside the runtime's 64 MiB map */
#define WORDS ((1u << 20) / 4)
#define NCHECKS 60
#define CHECK_MS 50
#define MAX_S 1500

static u32 bad_words(volatile u32 *mem);

/* until=ADDR: check every CHECK_MS until the word at ADDR is set (or MAX_S). */
static void until_done(volatile u32 *mem, volatile u32 *done)
{
	u64 start = rt_timebase();
	u32 n = 0, bad = 0;

	rt_doze_init();
	while (!*done && rt_timebase() - start < (u64)MAX_S * 1000 * RT_TB_PER_MS) {
		rt_doze_ms(CHECK_MS);
		bad += bad_words(mem);
		n++;
	}
	bad += bad_words(mem);
	rt_printf("canary: %u checks until %s, %u bad words\n", n + 1,
		  *done ? "told to stop" : "time out", bad);
	rt_printf("CANARY DONE %s\n", bad || !*done ? "FAIL" : "ok");
}

static u32 pattern(u32 i)
{
	return (i * 2654435761u) ^ 0xC0DEC0DEu;
}

/* Words of the pattern that changed. */
static u32 bad_words(volatile u32 *mem)
{
	u32 i, bad = 0;

	for (i = 0; i < WORDS; i++)
		if (mem[i] != pattern(i))
			bad++;
	return bad;
}

int main(void)
{
	volatile u32 *mem = (volatile u32 *)BASE;
	u32 until = rt_bootarg("until", 0);
	u64 start;
	u32 i, n, bad = 0;

	for (i = 0; i < WORDS; i++)
		mem[i] = pattern(i);
	rt_printf("canary: 1 MiB written\n");
	if (until) {
		until_done(mem, (volatile u32 *)until);
		return 0;
	}
	start = rt_timebase();
	for (n = 1; n <= NCHECKS; n++) {
		while (rt_timebase() < start + (u64)n * CHECK_MS * RT_TB_PER_MS)
			;
		bad += bad_words(mem);
	}
	rt_printf("canary: %u checks, %u bad words\n", NCHECKS, bad);
	rt_printf("CANARY DONE %s\n", bad ? "FAIL" : "ok");
	return 0;
}
