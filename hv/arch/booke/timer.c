// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real decrementer, multiplexed for a guest's virtual timers
 * (vtimer.c holds their state): it is programmed for the next virtual timer
 * event and, when it fires, the timers are brought up to date.
 */
#include <arch/booke.h>
#include <arch/cpu.h>
#include <arch/vtimer.h>
#include <partition.h>

void booke_timer_program(uint64_t next, uint64_t now)
{
	uint64_t delta = next > now ? next - now : 1;

	mtspr(SPR_DEC, delta > 0x7FFFFFFFull ? 0x7FFFFFFFu : (uint32_t)delta);
}

void booke_timer_update(struct vcpu *v, uint64_t now)
{
	if (vtimer_update(&v->arch.timer, now) & VTIMER_WDT_RESET)
		partition_watchdog_expired(v->part, v->id, v->arch.timer.wdt_expired_at, now);
}
