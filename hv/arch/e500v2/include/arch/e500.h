/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The e500v2 trap-and-emulate code's own glue between its files (not for
 * generic code, which uses arch.h): the entry path from the vectors to C
 * and back. See docs/architecture.md, "The path of a trap".
 */
#ifndef ARCH_E500_H
#define ARCH_E500_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/spr.h>
#include <arch/vcpu.h>

struct vcpu;

/*
 * The real MSR a guest runs with, besides the SPV its own MSR asks for and
 * the debug stub's bits (trap_resume(); the TLB-miss fast path, fastpath.S,
 * sets it too when neither applies).
 */
#define E500_GUEST_HMSR (MSR_PR | MSR_IS | MSR_DS | MSR_EE | MSR_ME)

/*
 * vectors.S calls it for every interrupt a guest took (ivor: which), with
 * the guest's registers saved in v->arch.regs; returns the vCPU to enter
 * (trap.c).
 */
struct vcpu *trap_handle(struct vcpu *v, unsigned int ivor);
/*
 * Everything due before returning to a guest: virtual timers, pending
 * interrupts, idling, the shadow context. Returns the vCPU to enter
 * (resume.c).
 */
struct vcpu *trap_resume(struct vcpu *v);

/* Load v's registers and return to its guest (vectors.S). */
void guest_enter(struct vcpu *v) __attribute__((noreturn));
/* An interrupt the hypervisor itself took by mistake: print it and stop (cpu.c). */
void hv_trap_panic(struct vcpu_regs *r, unsigned int ivor) __attribute__((noreturn));

#endif /* ARCH_E500_H */
