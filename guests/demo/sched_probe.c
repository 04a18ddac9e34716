/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scheduler probe: what a vCPU gets of a shared core, measured by the
 * guest itself from the timebase (tests/system/test_sched.py; under
 * QEMU's icount one loop iteration is a fixed number of instructions, so
 * counts are CPU time). Its bootargs say what it does:
 *
 *   mode=count  (default) CPU-bound: counts loop iterations from timebase
 *               t0 to t1 (milliseconds since reset), interrupts enabled
 *   mode=hog    the same with MSR[EE] off all along (a hostile vCPU)
 *   mode=flood  the same while its own decrementer interrupts it every
 *               `period` ticks (auto-reload): an interrupt storm
 *   mode=idle   every `period` microseconds its decrementer wakes it; it
 *               works a quarter of the period and idles (MSR[WE]) the rest;
 *               reports how late each wake-up was
 *   mode=touch  counts while reading `pages` pages it maps through TLB0
 *   mode=spe    counts with values of its own (pat=N) in the upper halves
 *               of r14-r31 (SPE), then checks they are still there
 *
 * With stamp=1 (CPU-bound modes) it also leaves the timebase of each of
 * its loop iterations in its slot (id=N, 1..8) of a page shared with the
 * other probes of its core (guest-physical STAMP_GPA, configured
 * `shared`). At the start of each run the latest stamp of the others is
 * where the previous guest lost the core: from there to now is the
 * switch, from the previous guest's last instruction to this guest's
 * first, give or take a loop iteration on each side (tools/bench.py).
 *
 * Every mode also records the runs it gets between t0 and t1: stretches in
 * which consecutive timebase reads are less than `gap` ticks apart (a
 * longer gap: the core was taken away). It prints
 *
 *   probe: mode M count N
 *   probe: runs N min A max B total T      (ticks; complete runs only)
 *   probe: wakes N late mean A max B missed K   (mode=idle)
 *   probe: spe upper halves zero at first: yes|no, kept: yes|no (mode=spe)
 *   probe: switch-in N min A mean B max C   (ticks; stamp=1)
 *   PROBE DONE
 */
#include "rt.h"

#define MS_TB RT_TB_PER_MS

static u64 t0, t1, gap;
static volatile u32 decs;
static u32 period, pages;

/* stamp=1: the page the probes of a core share */
#define STAMP_GPA 0x04000000u /* right after the partition's 64 MiB */
#define STAMP_EA 0x30000000u

#define STAMP_IDS 8

/* tb[i]: the timebase at probe i + 1's last loop iteration */
struct stamp {
	volatile u32 tb[STAMP_IDS];
};

static struct stamp *stamp;
static u32 stamp_id;
static u32 sw_n, sw_min = ~0u, sw_max;
static u64 sw_sum;

/*
 * A run began at now: the core was switched to this probe after the last
 * iteration of the probe with the latest stamp. (If this one was switched
 * out right after its loop read the timebase, the gap shows an iteration
 * late, with a fresh read: now is always after the switch.)
 */
static void stamp_switch_in(u32 now)
{
	u32 i, d = ~0u;

	for (i = 0; i < STAMP_IDS; i++)
		if (i + 1 != stamp_id && stamp->tb[i] && now - stamp->tb[i] < d)
			d = now - stamp->tb[i];
	if (d == ~0u)
		return;
	sw_n++;
	sw_sum += d;
	if (d < sw_min)
		sw_min = d;
	if (d > sw_max)
		sw_max = d;
}

/* runs: complete stretches of execution inside [t0, t1] */
static u32 nruns, run_min = ~0u, run_max;
static u64 run_total;

static const char *mode_name(void)
{
	const char *m = rt_bootarg_str("mode");
	static char buf[16];
	u32 i;

	if (!m)
		return "count";
	for (i = 0; i < sizeof(buf) - 1 && m[i] && m[i] != ' '; i++)
		buf[i] = m[i];
	buf[i] = 0;
	return buf;
}

static int str_is(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void on_dec_flood(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	decs++;
}

#define TOUCH_EA 0x10000000u
#define TOUCH_PA 0x00400000u /* RT_SCRATCH: 256 pages */

static volatile u32 touch_sum;

static void touch_all(void)
{
	u32 i, s = 0;

	for (i = 0; i < pages; i++)
		s += rd32(TOUCH_EA + i * 4096 + (i & 63) * 4);
	touch_sum += s;
}

/*
 * The loop every CPU-bound mode runs: count iterations until t1 and note
 * each run (a run ends where two timebase reads are gap or more apart).
 */
static u32 count_until_t1(int touch)
{
	u64 prev, now, run_start;
	u32 n = 0;
	int first = 1;

	while (rt_timebase() < t0)
		;
	prev = run_start = rt_timebase();
	while ((now = rt_timebase()) < t1) {
		if (now - prev >= gap) {
			/* [run_start, prev] ran; the first one began before we looked */
			if (!first) {
				u32 len = (u32)(prev - run_start);

				nruns++;
				run_total += len;
				if (len < run_min)
					run_min = len;
				if (len > run_max)
					run_max = len;
			}
			first = 0;
			run_start = now;
			if (stamp)
				stamp_switch_in((u32)now);
		}
		if (stamp)
			stamp->tb[stamp_id - 1] = (u32)now;
		prev = now;
		if (touch)
			touch_all();
		n++;
	}
	return n;
}

/* ---------------------------------------------------------------- idle */

static volatile u32 wakes, missed;
static volatile u64 next_due;
static u64 late_sum;
static u32 late_max;

static void on_dec_idle(struct rt_frame *f)
{
	u64 now = rt_timebase();
	u64 per = (u64)period * MS_TB / 1000;
	u32 late = now > next_due ? (u32)(now - next_due) : 0;

	mtspr(SPR_TSR, TSR_DIS);
	f->srr1 &= ~MSR_WE;
	while (late >= per) { /* periods the auto-reload went through unseen */
		missed++;
		late -= (u32)per;
		next_due += per;
	}
	late_sum += late;
	if (late > late_max)
		late_max = late;
	next_due += per;
	wakes++;
}

static void idle_mode(void)
{
	u64 per = (u64)period * MS_TB / 1000;
	u32 hid0 = mfspr(SPR_HID0);

	rt_set_handler(IVOR_DECREMENTER, on_dec_idle);
	mtspr(SPR_HID0, hid0 | HID0_DOZE);
	while (rt_timebase() < t0)
		;
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_DECAR, (u32)per);
	next_due = rt_timebase() + per;
	mtspr(SPR_DEC, (u32)per);
	mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
	while (rt_timebase() < t1) {
		u64 work_end;

		mtmsr(MSR_ME | MSR_EE | MSR_WE); /* until the next period */
		work_end = rt_timebase() + per / 4;
		while (rt_timebase() < work_end)
			;
	}
	mtmsr(MSR_ME);
	mtspr(SPR_TCR, 0);
	mtspr(SPR_HID0, hid0);
	rt_printf("probe: wakes %u late mean %u max %u missed %u\n", wakes,
		  (u32)(late_sum / (wakes ? wakes : 1)), late_max, missed);
}

/* ----------------------------------------------------------------- SPE */

/* How many of r14-r31 do not have pat in their upper half. */
static u32 spe_check(u32 pat)
{
	u32 bad, tmp;

	__asm__ __volatile__("li %0, 0\n"
			     ".irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
			     "evmergehi %1, \\n, \\n\n"
			     "cmpw %1, %2\n"
			     "beq 1f\n"
			     "addi %0, %0, 1\n"
			     "1:\n"
			     ".endr\n"
			     : "=&r"(bad), "=&r"(tmp)
			     : "r"(pat)
			     : "cr0");
	return bad;
}

/* pat into the upper half of r14-r31 (their lower halves stay). */
static void spe_fill(u32 pat)
{
	__asm__ __volatile__(".irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
			     "evmergelo \\n, %0, \\n\n"
			     ".endr\n"
			     :
			     : "r"(pat));
}

int main(void)
{
	const char *mode = mode_name();
	u32 n = 0;
	int zero = 0, kept = 0;

	t0 = (u64)rt_bootarg("t0", 1000) * MS_TB;
	t1 = (u64)rt_bootarg("t1", 6000) * MS_TB;
	gap = rt_bootarg("gap", 4000);
	period = rt_bootarg("period", 2000);
	pages = rt_bootarg("pages", 64);
	if (pages > 256)
		pages = 256;
	if (rt_bootarg("stamp", 0)) {
		rt_tlb1_map(2, STAMP_EA, 0, STAMP_GPA, TSIZE_4K, MAS2_I | MAS2_G,
			    MAS3_SR | MAS3_SW, 0, 0, 0);
		stamp = (struct stamp *)STAMP_EA;
		stamp_id = rt_bootarg("id", 1);
		if (stamp_id < 1 || stamp_id > STAMP_IDS)
			stamp_id = 1;
	}
	rt_printf("probe: mode %s\n", mode);
	if (str_is(mode, "idle")) {
		idle_mode();
	} else if (str_is(mode, "hog")) {
		mtmsr(mfmsr() & ~MSR_EE);
		n = count_until_t1(0);
	} else if (str_is(mode, "flood")) {
		rt_set_handler(IVOR_DECREMENTER, on_dec_flood);
		mtspr(SPR_TSR, TSR_DIS);
		mtspr(SPR_DECAR, period);
		mtspr(SPR_DEC, period);
		mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
		mtmsr(mfmsr() | MSR_EE);
		n = count_until_t1(0);
		mtspr(SPR_TCR, 0);
		rt_printf("probe: decrementer interrupts %u\n", decs);
	} else if (str_is(mode, "touch")) {
		u32 i;

		for (i = 0; i < pages; i++)
			rt_tlb0_map(0, TOUCH_EA + i * 4096, TOUCH_PA + i * 4096, 0, MAS3_ALL, 0, 0);
		n = count_until_t1(1);
	} else if (str_is(mode, "spe")) {
		u32 pat = rt_bootarg("pat", 0x5a5a0001);

		mtmsr(mfmsr() | MSR_SPV);
		zero = spe_check(0) == 0;
		spe_fill(pat);
		n = count_until_t1(0);
		kept = spe_check(pat) == 0;
		mtmsr(mfmsr() & ~MSR_SPV);
		rt_printf("probe: spe upper halves zero at first: %s, kept: %s\n",
			  zero ? "yes" : "no", kept ? "yes" : "no");
	} else {
		n = count_until_t1(0);
	}
	rt_printf("probe: mode %s count %u\n", mode, n);
	rt_printf("probe: runs %u min %u max %u total %u\n", nruns, nruns ? run_min : 0, run_max,
		  (u32)run_total);
	if (stamp)
		rt_printf("probe: switch-in %u min %u mean %u max %u\n", sw_n, sw_n ? sw_min : 0,
			  (u32)(sw_sum / (sw_n ? sw_n : 1)), sw_max);
	rt_printf("PROBE DONE\n");
	return 0;
}
