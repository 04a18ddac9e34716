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

int main(void)
{
	u32 hid0 = mfspr(SPR_HID0), ran;

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
	rt_printf("CONTROL DONE ok\n");
	return 0;
}
