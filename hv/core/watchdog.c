// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a partition's watchdog expiry does (docs/config.md, "Watchdog").
 *
 * Each vCPU has the Book E watchdog (vtimer.c): the guest selects a period
 * (TCR[WP/WPEXT]), feeds it by clearing TSR[ENW/WIS], and arms the expiry
 * with TCR[WRC] != 0 (Linux's booke_wdt does all three). On silicon the
 * expiry resets the chip; here the partition's policy decides:
 *
 *   reset      the partition restarts from its image (the default, the
 *              architected outcome for the partition alone)
 *   stop       the partition stops, until its manager starts it again
 *   notify     it keeps running; its managers are told and decide
 *   interrupt  nothing beyond the architected watchdog interrupt (TSR[WIS]
 *              with TCR[WIE]) the guest already had one period before
 *
 * Under the first three its managers get the "watchdog" notification
 * (doorbell.h) before anything else happens to it.
 */
#include <doorbell.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>

const char *const partition_wdt_policy_names[WDT_POLICIES] = {
	[WDT_RESET] = "reset",
	[WDT_STOP] = "stop",
	[WDT_NOTIFY] = "notify",
	[WDT_INTERRUPT] = "interrupt",
};

void partition_watchdog_expired(struct partition *p, unsigned int vcpu, uint64_t expired_at,
				uint64_t now)
{
	uint64_t late = now > expired_at ? now - expired_at : 0;
	uint32_t us = (uint32_t)(late * 1000000 / (platform.tb_freq ? platform.tb_freq : 1));

	if (p->state != PART_RUNNING)
		return;
	if (p->wdt_policy == WDT_INTERRUPT) {
		partition_warn(p, "vCPU %u watchdog expired at tb %llu (policy interrupt)\n", vcpu,
			       (unsigned long long)expired_at);
		return;
	}
	/* the numbers docs/config.md quotes: expiry at, and reacted after */
	pr_info("partition %s: vCPU %u watchdog expired at tb %llu (policy %s), acting %llu "
		"ticks (%u us) later\n",
		p->name, vcpu, (unsigned long long)expired_at,
		partition_wdt_policy_names[p->wdt_policy], (unsigned long long)late, us);
	doorbell_notify_managers(p, NOTIFY_WATCHDOG);
	if (p->wdt_policy == WDT_NOTIFY)
		return;
	p->wdt_expired = true; /* sched_vcpu_stopped(): restart under WDT_RESET */
	partition_stop(p, "watchdog expired");
}
