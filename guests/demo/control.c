/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Control loop: the bare-metal real-time task of a consolidated system. A
 * 1 kHz decrementer (auto-reload) runs a fixed-point control law for
 * NPERIODS periods; between periods the core idles (HID0[DOZE] +
 * MSR[WE]), leaving the machine to the others. It reports:
 *
 *   control: state 0x...     the controller's final state and a hash of
 *                            every step's output: pure arithmetic,
 *                            the same natively and under beryl whatever
 *                            the timing (the oracle);
 *   control: latency ...     how late the periods' interrupts were taken
 *                            (timebase: deadline to handler), and how many
 *                            periods the reload swallowed (handler late by
 *                            more than a period) — what the partitions
 *                            beside it cost it;
 *   CONTROL DONE ok          when every period ran its step.
 *
 * Natively on a -smp 2 machine (no beryl), bootarg neighbour=N first
 * releases CPU 1 through QEMU's spin table into a CPU-bound loop of its
 * own: N = 0 never leaves it; N = 1 also reads the timebase every
 * iteration (as the scheduler probes do); N > 1 takes a decrementer
 * interrupt every N ticks and spends about 900 instructions in it (what a
 * shared core's slice end costs under beryl). The native oracle of what a
 * busy CPU 1 does to CPU 0's timing under QEMU's icount, with no
 * hypervisor at all (tests/system/test_sched.py). Under beryl the spin
 * table is not the guest's: it never asks.
 */
#include "rt.h"

#define NPERIODS 5000 /* 5 s */
#define PERIOD_US 1000
#define PERIOD_TB (RT_TB_PER_MS * PERIOD_US / 1000)

static volatile u32 steps, missed;
static volatile u64 next_due;
static u64 lat_sum;
static u32 lat_max;
static s32 x = 1 << 16, v,
	   integ; /* plant position/velocity, controller integral (16.16) */
static u32 trace; /* a hash of every step's output: one step more or less shows */

/* One step of a PI controller driving a damped plant towards 0 (16.16). */
static void control_step(void)
{
	s32 err = -x;

	integ += err >> 6;
	v += ((err >> 2) + (integ >> 4) - (v >> 3)) >> 4;
	x += v >> 4;
	trace = trace * 31u + (u32)x + (u32)integ;
}

static void on_dec(struct rt_frame *f)
{
	u64 now = rt_timebase();
	u32 late = now > next_due ? (u32)(now - next_due) : 0;

	mtspr(SPR_TSR, TSR_DIS);
	f->srr1 &= ~MSR_WE; /* main loop looks at steps */
	if (steps + missed >= NPERIODS) {
		mtspr(SPR_TCR, 0);
		return;
	}
	/* periods the auto-reload went through while we were not running */
	while (late >= PERIOD_TB) {
		missed++;
		late -= PERIOD_TB;
		next_due += PERIOD_TB;
	}
	lat_sum += late;
	if (late > lat_max)
		lat_max = late;
	next_due += PERIOD_TB;
	control_step();
	steps++;
}

/*
 * CPU 1's code (AS0, supervisor, as QEMU's spin table starts it, with
 * TLB1[0] over the first 64 MiB): r3 = N of neighbour=N. Its
 * decrementer handler is at IVPR 0 + IVOR10, so it lives in the first
 * 64 KiB of the image (main() checks).
 */
volatile u32 neighbour_count, neighbour_ticks; /* CPU 1's loop iterations, interrupts */
void neighbour_entry(void);
void neighbour_tick(void);
__asm__(".pushsection .text.neighbour, \"ax\"\n"
	".globl neighbour_entry\n"
	"neighbour_entry:\n"
	"	cmpwi	%r3, 0\n"
	"	beq	2f\n"
	"	cmpwi	%r3, 1\n"
	"	beq	4f\n"
	"	li	%r4, 0\n"
	"	mtspr	63, %r4\n"		/* IVPR */
	"	lis	%r4, neighbour_tick@h\n"
	"	ori	%r4, %r4, neighbour_tick@l\n"
	"	mtspr	410, %r4\n"		/* IVOR10: decrementer */
	"	mtspr	54, %r3\n"		/* DECAR */
	"	lis	%r4, 0x0800\n"
	"	mtspr	336, %r4\n"		/* TSR: clear DIS */
	"	lis	%r4, 0x0440\n"
	"	mtspr	340, %r4\n"		/* TCR: DIE | ARE */
	"	mtspr	22, %r3\n"		/* DEC */
	"	wrteei	1\n"
	"2:	lis	%r7, neighbour_count@h\n"
	"	ori	%r7, %r7, neighbour_count@l\n"
	"3:	addi	%r5, %r5, 1\n"
	"	stw	%r5, 0(%r7)\n"
	"	b	3b\n"
	"4:	lis	%r7, neighbour_count@h\n"
	"	ori	%r7, %r7, neighbour_count@l\n"
	"5:	mfspr	%r8, 268\n"
	"	addi	%r5, %r5, 1\n"
	"	stw	%r5, 0(%r7)\n"
	"	b	5b\n"
	"	.balign 16\n"
	".globl neighbour_tick\n"
	"neighbour_tick:\n"
	"	lis	%r4, 0x0800\n"
	"	mtspr	336, %r4\n"		/* TSR: clear DIS */
	"	lis	%r6, neighbour_ticks@h\n"
	"	ori	%r6, %r6, neighbour_ticks@l\n"
	"	lwz	%r4, 0(%r6)\n"
	"	addi	%r4, %r4, 1\n"
	"	stw	%r4, 0(%r6)\n"
	"	li	%r6, 900\n"
	"	mtctr	%r6\n"
	"1:	bdnz	1b\n"
	"	rfi\n"
	".popsection\n");

#define SPIN_EA 0xEF000000u /* TLB1 ESEL 3 -> PA 0xF_EF00_0000: QEMU's spin tables */

/* Release CPU 1 (native only): r3, then the entry address, which starts it. */
static void start_neighbour(u32 period)
{
	volatile u32 *e = (volatile u32 *)(SPIN_EA + 0x20); /* CPU 1's entry */

	if ((u32)neighbour_tick >= 0x10000) {
		rt_printf("control: neighbour handler beyond IVPR's 64 KiB\n");
		return;
	}
	rt_tlb1_map(3, SPIN_EA, 0xF, 0xEF000000u, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW, 0,
		    0, 0);
	e[2] = 0; /* r3 */
	e[3] = period;
	e[0] = 0;
	__asm__ __volatile__("msync" ::: "memory");
	e[1] = (u32)neighbour_entry; /* bit 0 clear: it goes */
	rt_printf("control: CPU 1 released, tick %u\n", period);
}

int main(void)
{
	u32 hid0 = mfspr(SPR_HID0), ran;

	if (rt_bootarg_str("neighbour"))
		start_neighbour(rt_bootarg("neighbour", 0));
	rt_printf("control: %u periods of %u us\n", NPERIODS, PERIOD_US);
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	mtspr(SPR_HID0, hid0 | HID0_DOZE);
	/* Auto-reload before DEC starts: a decrementer expiring without ARE
	 * stops, and this task may be held up for a period anywhere. */
	mtspr(SPR_DECAR, PERIOD_TB);
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
	next_due = rt_timebase() + PERIOD_TB;
	mtspr(SPR_DEC, PERIOD_TB);
	while (steps + missed < NPERIODS)
		mtmsr(MSR_ME | MSR_EE | MSR_WE); /* idle until the next period */
	mtmsr(MSR_ME);
	mtspr(SPR_TCR, 0);
	mtspr(SPR_HID0, hid0);
	ran = steps;
	/* the missed periods' steps still run: the state is timing-independent */
	while (steps < NPERIODS) {
		control_step();
		steps++;
	}
	rt_printf("control: state 0x%08x 0x%08x 0x%08x trace 0x%08x\n", (u32)x, (u32)v,
		  (u32)integ, trace);
	rt_printf("control: latency mean %u max %u ticks, %u periods missed\n",
		  (u32)(lat_sum / (ran ? ran : 1)), lat_max, missed);
	if (neighbour_count)
		rt_printf("control: CPU 1 looped %u times, %u interrupts\n", neighbour_count,
			  neighbour_ticks);
	rt_printf("CONTROL DONE ok\n");
	return 0;
}
