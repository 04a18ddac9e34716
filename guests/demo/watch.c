// SPDX-License-Identifier: GPL-2.0-only
/*
 * A watching neighbour (tests/system/test_guest_fuzz.py, test_soak.py): on
 * its own CPU, beside partitions that are attacked, fuzzed or restarted
 * over and over, it fills 1 MiB of its RAM with a pattern and, every
 * PERIOD_MS, wakes from a doze (MSR[WE], woken by its decrementer),
 * re-reads all of it and notes how late it woke (and, apart, how long its
 * progress lines took to print). (Dozing leaves QEMU's one TCG thread to
 * the others.) It manages the partitions it watches, only to ask their
 * status (FH_PARTITION_GET_STATUS) after every pass, and stops once they
 * have all stopped: it reports and powers off (its partition is then the
 * last to stop, and beryl prints its own integrity check).
 *
 * bootargs: handle=N, the watched partition's handle (its index + 1), or
 * handles=MASK, several (bit N for handle N).
 */
#include "rt.h"

#define BASE 0x02000000u /* 32 MiB: inside the runtime's 64 MiB map */
#define WORDS ((1u << 20) / 4)
#define REPORT_MS 5000
#define PERIOD_MS 10

static u32 pattern(u32 i)
{
	return (i * 2654435761u) ^ 0x5a7c4e11u;
}

static u32 ms(u64 ticks)
{
	return (u32)(ticks / RT_TB_PER_MS);
}

static volatile u32 wakeups;

static void on_decrementer(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	wakeups++;
	f->srr1 &= ~MSR_WE; /* back awake, not into the doze again */
}

/* Doze until the timebase reaches due; returns how late it woke. */
static u64 sleep_until(u64 due)
{
	u64 now = rt_timebase();
	u32 w = wakeups;

	if (now >= due)
		return now - due;
	mtspr(SPR_DEC, (u32)(due - now));
	while (wakeups == w)
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
	mtmsr(MSR_ME);
	return rt_timebase() - due;
}

int main(void)
{
	volatile u32 *mem = (volatile u32 *)BASE;
	u32 handles = rt_bootarg("handles", 1u << rt_bootarg("handle", 2));
	u32 boot = rt_fdt_u32("beryl,boot-count", 0), running = handles;
	u32 i, h, passes = 0, bad = 0, status = 1, ret = 0;
	u64 start, now, due, late, latest = 0, reported, line = 0;

	for (i = 0; i < WORDS; i++)
		mem[i] = pattern(i);
	rt_printf("watch: boot %u, 1 MiB written, watching partition handles %x (mask)\n", boot,
		  handles);
	rt_set_handler(IVOR_DECREMENTER, on_decrementer);
	mtspr(SPR_HID0, HID0_DOZE);
	mtspr(SPR_TCR, TCR_DIE);
	start = due = reported = rt_timebase();
	for (;;) {
		for (i = 0; i < WORDS; i++)
			if (mem[i] != pattern(i))
				bad++;
		passes++;
		due += (u64)PERIOD_MS * RT_TB_PER_MS;
		late = sleep_until(due);
		if (late > latest)
			latest = late;
		now = rt_timebase();
		if (now > due + (u64)PERIOD_MS * RT_TB_PER_MS)
			due = now; /* overslept: the next period starts now */
		for (h = 1; h < 32 && !ret; h++) {
			if (!(running & (1u << h)))
				continue;
			ret = rt_hcall(FH_PARTITION_GET_STATUS, h, &status);
			if (ret)
				rt_printf("watch: status of handle %u: error %u\n", h, ret);
			else if (status == FH_PARTITION_STOPPED)
				running &= ~(1u << h);
		}
		if (ret || !running)
			break;
		if (now - reported >= (u64)REPORT_MS * RT_TB_PER_MS) {
			rt_printf("watch: %u s, %u passes, %u bad words, woke at most %u "
				  "ms late\n",
				  ms(now - start) / 1000, passes, bad, ms(latest));
			/* console output waits for the console: timed apart */
			reported = rt_timebase();
			if (reported - now > line)
				line = reported - now;
			due = reported;
		}
	}
	rt_printf("watch: partitions stopped after %u ms; %u passes, %u bad words, "
		  "woke at most %u ms late, longest console line %u ms\n",
		  ms(rt_timebase() - start), passes, bad, ms(latest), ms(line));
	rt_printf("WATCH DONE %s\n", !bad && !ret && boot == 1 ? "ok" : "FAIL");
	return 0;
}
