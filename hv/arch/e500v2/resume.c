// SPDX-License-Identifier: GPL-2.0-only
/*
 * The way back into a guest: on a shared core the scheduler's turn when its
 * deadline passed or something happened there, its timers brought up to
 * date, the interrupt it is due delivered, an idle guest parked until
 * something is due (on a shared core the others run meanwhile), a held one
 * (paused, stopped by its debugger) kept out, the shadow context loaded,
 * the real decrementer set for its next timer event or the scheduler's
 * deadline, whichever comes first.
 */
#include <arch.h>
#include <arch/booke.h>
#include <arch/debug.h>
#include <arch/e500.h>
#include <arch/shadow.h>
#include <arch/vtimer.h>
#include <hvirq.h>
#include <partition.h>
#include <sched.h>

/* MSR[WE] with a HID0 power-management mode: the guest waits for an interrupt. */
static bool vcpu_wants_idle(const struct vcpu *v)
{
	return (v->arch.shared.msr & MSR_WE) &&
	       (v->arch.hid0 & (HID0_DOZE | HID0_NAP | HID0_SLEEP));
}

/*
 * Wait until an interrupt is due: on a dedicated core with the real
 * MSR[WE] (woken by the decrementer or an external interrupt); on a shared
 * core the other vCPUs run meanwhile.
 */
static void vcpu_idle(struct vcpu *v)
{
	partition_console_push_idle(v->part); /* what it wrote before it went idle */
	partition_poll(v->part);
	while (v->part->state == PART_RUNNING && !v->hold && !booke_deliver_pending(v)) {
		uint64_t now = arch_timebase(), next = vtimer_next_event(&v->arch.timer);

		if (next <= now) {
			booke_timer_update(v, now);
			continue;
		}
		if (v->core) {
			sched_block_idle(v);
		} else {
			booke_timer_program(next, now, vtimer_dec_period(&v->arch.timer, next));
			arch_cpu_wait();
			hvirq_handle();
		}
		partition_poll(v->part);
		booke_timer_update(v, arch_timebase());
	}
	v->arch.timer_dirty = true;
}

struct vcpu *trap_resume(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;

	/*
	 * The trap path: timers are only brought up to date when the guest
	 * changed a timer register or the real decrementer, which counts
	 * towards timer_next, expired (trap_decrementer sets timer_dirty).
	 */
	if (sched_resume_due(v, a->timer_dirty)) {
		sched_resume(v); /* other vCPUs of its core may run first */
		/* what was queued for it meanwhile (ipc_wake() kicks no CPU for it) */
		partition_poll(v->part);
		a->timer_dirty = true;
	}
	if (a->dbg.msr) /* a debug event armed: did a step end? */
		debug_resume(v);
	if (a->timer_dirty)
		booke_timer_update(v, arch_timebase());
	/* an interrupt delivered now is what an EV_IDLE waits for: no idling after it */
	if (booke_deliver_pending(v))
		v->idle_request = false;
	if (vcpu_wants_idle(v) || v->idle_request) {
		v->idle_request = false;
		vcpu_idle(v);
	}
	if (v->hold) /* paused, stopped for its debugger, a device taken from it */
		sched_vcpu_hold(v);
	if (v->part->state != PART_RUNNING)
		v = sched_vcpu_stopped(v);
	shadow_prepare_entry(v);
	a = &v->arch;
	a->regs.hmsr = E500_GUEST_HMSR | ((uint32_t)a->shared.msr & MSR_SPV) | a->dbg.msr;
	if (a->regs.hmsr & MSR_SPV)
		a->spe_used = true; /* its SPE state moves with it on a shared core */
	if (a->timer_dirty) {
		uint64_t next;
		uint32_t period;

		a->timer_dirty = false;
		a->timer_next = next = vtimer_next_event(&a->timer);
		/* a shared core's decrementer serves its scheduler and several vCPUs: one-shot */
		period = v->core ? 0 : vtimer_dec_period(&a->timer, next);
		if (sched_deadline(v) < next) {
			next = sched_deadline(v);
			period = 0;
		}
		booke_timer_program(next, arch_timebase(), period);
	}
	a->irq_hint = booke_irq_asserted(v);
	/* KVM's paravirtual guests look here before they enable interrupts */
	a->shared.int_pending = a->irq_hint;
	return v;
}
