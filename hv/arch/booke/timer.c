// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real decrementer, multiplexed for a guest's virtual timers
 * (vtimer.c holds their state): it is programmed for the next virtual timer
 * event and, when it fires, the timers are brought up to date.
 *
 * A real decrementer that already counts to the wanted event is left alone,
 * and a guest's auto-reloading decrementer is followed by the real one's
 * own auto-reload (TCR[ARE], DECAR): a periodic guest timer then costs no
 * decrementer write per period, and its real expiries keep the hardware's
 * exact period instead of one re-armed from a trap. Under QEMU this also
 * matters for the other CPUs: in its single-threaded round-robin (as under
 * icount) a decrementer write that becomes the earliest virtual timer
 * kicks every CPU out, and the writer waits a whole turn of the others
 * (QEMU 7.2 qemu_timer_notify_cb(), rr_cpu_thread_fn()); a dedicated
 * control loop re-armed on every trap missed nearly all its periods beside
 * a busy CPU (docs/performance.md).
 */
#include <arch/booke.h>
#include <arch/cpu.h>
#include <arch/vtimer.h>
#include <partition.h>
#include <platform.h>

/*
 * How late (timebase ticks) a real decrementer that is already armed may
 * fire after the wanted event and still be left alone: about what a
 * rewrite itself costs between reading the timebase and the mtspr.
 */
#define BOOKE_DEC_SLACK 32

/* DECAR as last written on each CPU (it is write-only) */
static uint32_t booke_decar[PLATFORM_MAX_CPUS];

/*
 * The real decrementer already does what is asked: the same auto-reload,
 * and it counts to next (firing at most BOOKE_DEC_SLACK late) or, at 0 with
 * auto-reload, it is reloading this instant (it interrupts at once, and is
 * looked at again then).
 */
static bool booke_timer_follows(uint64_t next, uint64_t now, uint32_t period, uint32_t dec,
				bool are, uint32_t decar)
{
	if (are != (period != 0) || (period && decar != period))
		return false;
	if (!dec)
		return period != 0;
	return now + dec >= next && now + dec - next <= BOOKE_DEC_SLACK;
}

void booke_timer_program(uint64_t next, uint64_t now, uint32_t period)
{
	uint64_t delta = next > now ? next - now : 1;
	uint32_t tcr = mfspr(SPR_TCR), *decar = &booke_decar[arch_cpu_id()];
	bool are = tcr & TCR_ARE;

	if (booke_timer_follows(next, now, period, mfspr(SPR_DEC), are, *decar))
		return;
	if (period && *decar != period) {
		*decar = period;
		mtspr(SPR_DECAR, period);
	}
	if (are != (period != 0))
		mtspr(SPR_TCR, period ? tcr | TCR_ARE : tcr & ~TCR_ARE);
	mtspr(SPR_DEC, delta > 0x7FFFFFFFull ? 0x7FFFFFFFu : (uint32_t)delta);
}

void booke_timer_update(struct vcpu *v, uint64_t now)
{
	if (vtimer_update(&v->arch.timer, now) & VTIMER_WDT_RESET)
		partition_watchdog_expired(v->part, v->id, v->arch.timer.wdt_expired_at, now);
}
