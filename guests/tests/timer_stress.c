/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Timer stress: thousands of short decrementer expiries, each checked to
 * raise exactly one interrupt, not before its deadline, with TSR[DIS] set,
 * and within a bound (a lost interrupt never comes): taken in a spin wait,
 * taken when MSR[EE] comes on after the expiry or before it, taken in
 * MSR[WE] idle (a lost one hangs there: the harness's timeout), and by
 * auto-reload with short periods. Under a hypervisor each expiry lands at a
 * different point of its trap path (an exit, the idle loop, the re-arming
 * of the real decrementer); tests/system/test_timer_stress.py also runs it
 * on a host that stalls QEMU at random. Lengths come from a fixed
 * pseudo-random sequence; only counts of failures are printed.
 */
#include "rt.h"

#define SPIN_ROUNDS 2000
#define EE_ROUNDS 1000
#define IDLE_ROUNDS 500
#define RELOAD_IRQS 500
#define MAX_LEN 4000 /* ticks: up to 10 us */
/* A late interrupt on a loaded host is milliseconds late; a lost one never comes. */
#define BOUND (2000 * RT_TB_PER_MS)
#define MAX_LOST 3 /* then the phase ends: each one costs BOUND */
/*
 * QEMU converts DEC counts to nanoseconds of its virtual clock and back:
 * natively an interrupt can arrive one tick before the count written.
 */
#define EARLY_SLACK 1

static volatile u32 n_irq, n_nodis, n_late_reload;
static volatile u64 irq_tb, last_tb;
static volatile u32 reload_period;
static u32 seed = 0x2545f491u;

static u32 rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

static void on_dec(struct rt_frame *f)
{
	u64 now = rt_timebase();

	if (!(mfspr(SPR_TSR) & TSR_DIS))
		n_nodis++;
	if (reload_period && n_irq && now - last_tb > BOUND)
		n_late_reload++;
	if (!n_irq)
		irq_tb = now;
	last_tb = now;
	n_irq++;
	f->srr1 &= ~MSR_WE; /* idle rounds: do not doze again */
	mtspr(SPR_TSR, TSR_DIS);
}

/* Spin until an interrupt came or BOUND ticks passed since t0. */
static void wait_irq(u64 t0)
{
	while (!n_irq && rt_timebase() - t0 < BOUND)
		;
}

/* Spin for ticks of timebase. */
static void spin(u32 ticks)
{
	u64 t0 = rt_timebase();

	while (rt_timebase() - t0 < ticks)
		;
}

struct tally {
	u32 lost, early, extra;
};

/* One expiry's outcome: one interrupt, not early; then none more for a while. */
static void account(struct tally *t, u64 t0, u32 len)
{
	if (!n_irq) {
		t->lost++;
		return;
	}
	if (irq_tb + EARLY_SLACK < t0 + len)
		t->early++;
	spin(len);
	if (n_irq != 1)
		t->extra++;
}

static void report(const char *lost, const char *early, const char *extra,
		   const struct tally *t)
{
	check(lost, t->lost, 0);
	check(early, t->early, 0);
	check(extra, t->extra, 0);
}

int main(void)
{
	struct tally spin_t = { 0 }, ee_t = { 0 }, idle_t = { 0 };
	u32 i, len, hid0, lost_reload = 0;
	u64 t0;

	test_begin("timer_stress");
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	mtspr(SPR_TCR, 0);
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, TCR_DIE);

	/* DEC written with interrupts on; the expiry interrupts a spin. */
	mtmsr(MSR_ME | MSR_EE);
	for (i = 0; i < SPIN_ROUNDS && spin_t.lost < MAX_LOST; i++) {
		n_irq = 0;
		len = 1 + rnd() % MAX_LEN;
		t0 = rt_timebase();
		mtspr(SPR_DEC, len);
		wait_irq(t0);
		account(&spin_t, t0, len);
	}
	mtmsr(MSR_ME);
	report("spin lost", "spin early", "spin extra", &spin_t);

	/* DEC written with interrupts off; MSR[EE] comes on before or after the expiry. */
	for (i = 0; i < EE_ROUNDS && ee_t.lost < MAX_LOST; i++) {
		n_irq = 0;
		len = 1 + rnd() % MAX_LEN;
		t0 = rt_timebase();
		mtspr(SPR_DEC, len);
		spin(rnd() % (2 * MAX_LEN));
		if (i & 1)
			mtmsr(MSR_ME | MSR_EE);
		else
			__asm__ __volatile__("wrteei 1" ::: "memory");
		wait_irq(t0);
		account(&ee_t, t0, len);
		mtmsr(MSR_ME);
	}
	report("ee lost", "ee early", "ee extra", &ee_t);

	/* The core dozes (HID0[DOZE] + MSR[WE]) until the expiry. */
	hid0 = mfspr(SPR_HID0);
	mtspr(SPR_HID0, hid0 | HID0_DOZE);
	for (i = 0; i < IDLE_ROUNDS; i++) {
		n_irq = 0;
		len = 1 + rnd() % MAX_LEN;
		t0 = rt_timebase();
		mtspr(SPR_DEC, len);
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
		mtmsr(MSR_ME);
		account(&idle_t, t0, len);
	}
	mtspr(SPR_HID0, hid0);
	report("idle lost", "idle early", "idle extra", &idle_t);

	/* Auto-reload with short periods, changed every 50 interrupts. */
	n_irq = 0;
	mtmsr(MSR_ME | MSR_EE);
	for (i = 0; i < RELOAD_IRQS / 50 && !lost_reload; i++) {
		u32 want = n_irq + 50;

		reload_period = 2000 + rnd() % 20000;
		mtspr(SPR_TCR, TCR_DIE);
		mtspr(SPR_DECAR, reload_period);
		mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
		mtspr(SPR_DEC, reload_period);
		while (n_irq < want) {
			u32 seen = n_irq;

			t0 = rt_timebase();
			while (n_irq == seen && rt_timebase() - t0 < BOUND)
				;
			if (n_irq == seen) {
				lost_reload++;
				break;
			}
		}
	}
	mtspr(SPR_TCR, 0);
	mtmsr(MSR_ME);
	reload_period = 0;
	check("reload lost", lost_reload, 0);
	check("reload late", n_late_reload, 0);

	check("interrupts without tsr[dis]", n_nodis, 0);
	mtspr(SPR_TSR, TSR_DIS);
	return test_end();
}
