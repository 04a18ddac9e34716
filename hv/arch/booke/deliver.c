// SPDX-License-Identifier: GPL-2.0-only
/*
 * Book E interrupt delivery to a guest: its vectors (IVPR | IVORn), the
 * save/restore register pair of each class, the MSR bits each class keeps,
 * and which pending condition goes first.
 */
#include <arch/booke.h>
#include <arch/vtimer.h>
#include <partition.h>
#include <virq.h>

static uint32_t vector(const struct vcpu *v, unsigned int ivor)
{
	return (v->arch.ivpr & 0xFFFF0000u) | (v->arch.ivor[ivor] & 0xFFF0u);
}

/* e500 silicon keeps CE, DE and ME (QEMU 7.2 also clears CE and DE). */
void booke_deliver(struct vcpu *v, unsigned int ivor, uint32_t srr0)
{
	struct vcpu_arch *a = &v->arch;

	a->shared.srr0 = srr0;
	a->shared.srr1 = a->shared.msr;
	a->shared.msr &= MSR_CE | MSR_DE | MSR_ME;
	a->regs.pc = vector(v, ivor);
}

void booke_deliver_critical(struct vcpu *v, unsigned int ivor, uint32_t srr0)
{
	struct vcpu_arch *a = &v->arch;

	a->csrr0 = srr0;
	a->csrr1 = (uint32_t)a->shared.msr;
	a->shared.msr &= MSR_ME;
	a->regs.pc = vector(v, ivor);
}

/* With MSR[ME] clear the core would enter checkstop: the partition stops. */
void booke_deliver_machine_check(struct vcpu *v, uint32_t mcsr, uint64_t addr)
{
	struct vcpu_arch *a = &v->arch;

	if (!(a->shared.msr & MSR_ME)) {
		partition_crash(v->part, "checkstop (machine check with MSR[ME]=0)");
		return;
	}
	a->mcsrr0 = a->regs.pc;
	a->mcsrr1 = (uint32_t)a->shared.msr;
	a->mcsr |= mcsr | MCSR_MCP;
	a->mcar = (uint32_t)addr;
	a->shared.msr = 0;
	a->regs.pc = vector(v, IVOR_MACHINE_CHECK);
}

/* The interrupt the guest's MSR lets through now (which IVOR), or -1. */
static int booke_pending_ivor(const struct vcpu *v)
{
	const struct vcpu_arch *a = &v->arch;
	uint32_t msr = (uint32_t)a->shared.msr;

	/*
	 * A paravirtual guest's critical section (KVM: critical == r1 in
	 * supervisor), once it has mapped the magic page that holds critical:
	 * before that, critical is 0 and r1 = 0 is no critical section.
	 */
	if (!(msr & MSR_PR) && a->magic_ea && (uint32_t)a->shared.critical == a->regs.gpr[1] &&
	    v->part->paravirt)
		return -1;
	if ((msr & MSR_CE) && vtimer_wdt_pending(&a->timer))
		return IVOR_WATCHDOG;
	if (!(msr & MSR_EE))
		return -1;
	if (virq_pending(v))
		return IVOR_EXTERNAL;
	if (vtimer_fit_pending(&a->timer))
		return IVOR_FIT;
	if (vtimer_dec_pending(&a->timer))
		return IVOR_DECREMENTER;
	return -1;
}

bool booke_deliver_pending(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t vector;

	switch (booke_pending_ivor(v)) {
	case IVOR_WATCHDOG:
		booke_deliver_critical(v, IVOR_WATCHDOG, a->regs.pc);
		return true;
	case IVOR_EXTERNAL:
		if (virq_coreint_ack(v, &vector))
			a->epr = vector;
		booke_deliver(v, IVOR_EXTERNAL, a->regs.pc);
		return true;
	case IVOR_FIT:
		booke_deliver(v, IVOR_FIT, a->regs.pc);
		return true;
	case IVOR_DECREMENTER:
		booke_deliver(v, IVOR_DECREMENTER, a->regs.pc);
		return true;
	default:
		return false;
	}
}

bool booke_irq_deliverable(const struct vcpu *v)
{
	return booke_pending_ivor(v) >= 0;
}

bool booke_irq_asserted(const struct vcpu *v)
{
	const struct vtimer *t = &v->arch.timer;

	return vtimer_dec_pending(t) || vtimer_fit_pending(t) || vtimer_wdt_pending(t) ||
	       virq_pending(v);
}
