/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the code of every Book E core shares (hv/arch/booke/), and what it
 * asks of the core's own code (hv/arch/<core>/).
 *
 * Every core's struct vcpu_arch (<arch/vcpu.h>) has the Book E state under
 * these names, which the shared code uses: regs.pc and regs.gpr[] (the
 * guest's registers while it is out), shared.msr/srr0/srr1/esr/dear, csrr0/1,
 * mcsrr0/1, mcsr, mcar, ivpr, ivor[], epr, timer (struct vtimer) and
 * timer_dirty.
 */
#ifndef ARCH_BOOKE_H
#define ARCH_BOOKE_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct vdev;

/* Interrupt delivery to the guest's own vectors (deliver.c). */
/* Base class: SRR0 = srr0, SRR1 = MSR; the new MSR keeps CE, DE and ME. */
void booke_deliver(struct vcpu *v, unsigned int ivor, uint32_t srr0);
/* Critical class (critical input, watchdog, debug): CSRR0/1. */
void booke_deliver_critical(struct vcpu *v, unsigned int ivor, uint32_t srr0);
/* Machine check: MCSRR0/1, MCSR |= mcsr, MCAR = addr (MSR[ME] clear: checkstop). */
void booke_deliver_machine_check(struct vcpu *v, uint32_t mcsr, uint64_t addr);
/*
 * Deliver the highest-priority virtual interrupt the guest's MSR allows
 * (watchdog, external, FIT, decrementer); true if one was delivered.
 */
bool booke_deliver_pending(struct vcpu *v);
/* An interrupt booke_deliver_pending() would deliver now (nothing changes). */
bool booke_irq_deliverable(const struct vcpu *v);
/* Some interrupt condition is asserted, deliverable or not. */
bool booke_irq_asserted(const struct vcpu *v);

/* The guest's virtual timers on the real decrementer (timer.c). */
/* Bring v's timers up to now (a watchdog reset crashes the partition). */
void booke_timer_update(struct vcpu *v, uint64_t now);
/*
 * Make the real decrementer fire at the timebase value next (or soon after)
 * and, with period != 0, every period ticks from there (auto-reload).
 */
void booke_timer_program(uint64_t next, uint64_t now, uint32_t period);

/*
 * The guest's load or store at pc touched emulated device d at gpa
 * (mmio_emulate.c): decode the instruction, let the device serve it
 * (mmio_access()), write the result back and step over it. False: it
 * could not be served and the guest took a machine check instead.
 */
bool booke_mmio_emulate(struct vcpu *v, struct vdev *d, uint64_t gpa, bool store);

/* Provided by the core: the instruction word at the guest's pc (false: unmapped). */
bool booke_core_fetch_insn(struct vcpu *v, uint32_t *insn);

#endif /* ARCH_BOOKE_H */
