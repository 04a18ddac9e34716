/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The e500v2's debug facility for the debug stub (debug.c): single step on
 * the instruction-complete event, hardware breakpoints and watchpoints on
 * the real IAC/DAC registers where the core raises their events, and by
 * page protection in the shadow TLB where it does not (QEMU 7.2's e500v2
 * raises none). The guest's own debug registers are virtual (emulate.c
 * stores them), so the real ones and the debug interrupt are the
 * hypervisor's. Hooks of the trap path:
 */
#ifndef ARCH_DEBUG_H
#define ARCH_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/vcpu.h>
#include <vcpu.h>

/* Boot CPU: find out whether the core raises IAC and DAC events. */
void debug_probe(void);
/* The debug interrupt from the guest (trap.c): returns the exit kind. */
unsigned int debug_trap(struct vcpu *v);
/*
 * A DSI or ISI the guest took: true if it was the page protection of a
 * watch or hardware breakpoint (handled), false if it is the guest's own.
 */
bool debug_prot_fault(struct vcpu *v, bool ifetch);
/* Permission bits (MAS3) a shadow of page ea must not have: its protected accesses. */
uint32_t debug_prot_perms(const struct vcpu *v, uint32_t ea);
/* On the way back into the guest (trap_resume()) while an event is armed. */
void debug_resume(struct vcpu *v);
/* On v's CPU as it leaves a hold: load what the stub recorded. */
void debug_load(struct vcpu *v);

static inline uint32_t debug_shadow_perms(const struct vcpu *v, uint32_t ea, uint32_t perms)
{
	return v->arch.dbg.nprot ? perms & ~debug_prot_perms(v, ea) : perms;
}

#endif /* ARCH_DEBUG_H */
