/* SPDX-License-Identifier: GPL-2.0-only */
/* Architecture operations on a vCPU used by the generic code and by entry.S. */
#ifndef ARCH_VCPU_OPS_H
#define ARCH_VCPU_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/spr.h>
#include <vcpu.h>

/*
 * Reset v to the ePAPR boot state: pc = entry, r3 = gpr3 (the device tree, or a
 * secondary's spin table value), initial TLB1[0] mapping map_size bytes at
 * effective = guest physical address map_pa (aligned to map_size).
 */
void vcpu_arch_reset(struct vcpu *v, uint32_t entry, uint32_t gpr3, uint64_t map_pa,
		     uint32_t map_size);

/* Enter the guest for the first time on this CPU; never returns. */
void vcpu_arch_run(struct vcpu *v) __attribute__((noreturn));

/* Called by entry.S for every interrupt taken while the guest ran. */
struct vcpu *vcpu_exit(struct vcpu *v, unsigned int ivor);
/*
 * Everything due before returning to a guest: virtual timers, pending
 * interrupts, idling, the shadow context. Returns the vCPU to enter.
 */
struct vcpu *vcpu_resume(struct vcpu *v);

/* Deliver an interrupt to the guest's own vector (base, critical, machine check). */
void vcpu_deliver(struct vcpu *v, unsigned int ivor, uint32_t srr0);
void vcpu_deliver_critical(struct vcpu *v, unsigned int ivor, uint32_t srr0);
void vcpu_deliver_machine_check(struct vcpu *v, uint32_t mcsr, uint64_t addr);

/* Read an aligned instruction word at the guest's pc; false if not mapped. */
bool vcpu_fetch_insn_slow(struct vcpu *v, uint32_t *insn);
/* Forget every cached instruction page (the guest changed a translation). */
void vcpu_fetch_cache_drop(struct vcpu *v);
/* Forget the cached pages of effective range [ea, ea + size). */
void vcpu_fetch_cache_drop_range(struct vcpu *v, uint32_t ea, uint64_t size);

/* The fetch cache's key: guest MSR[IS] and PID0-2 (8 bits each). */
static inline uint32_t vcpu_fetch_key(const struct vcpu_arch *a)
{
	return ((uint32_t)a->shared.msr & MSR_IS) << 19 | a->pid[2] << 16 | a->pid[1] << 8 |
	       a->pid[0];
}

static inline bool vcpu_fetch_insn(struct vcpu *v, uint32_t *insn)
{
	const struct vcpu_arch *a = &v->arch;
	uint32_t pc = a->regs.pc;

	unsigned int i = (pc >> 12) & (VCPU_FETCH_CACHE - 1);

	/* The trap path: emulated instructions come from few pages. */
	if (a->fetch[i].va && a->fetch[i].page == (pc & ~0xFFFu) &&
	    a->fetch[i].key == vcpu_fetch_key(a)) {
		*insn = *(const uint32_t *)(a->fetch[i].va + (pc & 0xFFCu));
		return true;
	}
	return vcpu_fetch_insn_slow(v, insn);
}

/* Shadow MMU: a real TLB miss while the guest ran; returns the exit kind. */
unsigned int shadow_tlb_miss(struct vcpu *v, bool ifetch);
/* Load the hardware PID for the guest's current translation context. */
void shadow_prepare_entry(struct vcpu *v);

/* Entry points from entry.S */
void guest_enter(struct vcpu *v) __attribute__((noreturn));
extern char hv_vectors[];

#endif /* ARCH_VCPU_OPS_H */
