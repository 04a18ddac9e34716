/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading the instruction a guest trapped on (to emulate it), through an
 * 8-entry cache of instruction pages kept per vCPU (fetch.c); the
 * assembly fast path reads the same cache.
 */
#ifndef ARCH_FETCH_H
#define ARCH_FETCH_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/shadow.h>
#include <arch/spr.h>
#include <arch/vcpu.h>
#include <vcpu.h>

/* Read an aligned instruction word at the guest's pc; false if not mapped. */
bool vcpu_fetch_insn_slow(struct vcpu *v, uint32_t *insn);
/* Forget every cached instruction page (the guest changed a translation). */
void vcpu_fetch_cache_drop(struct vcpu *v);
/* Forget the cached pages of effective range [ea, ea + size). */
void vcpu_fetch_cache_drop_range(struct vcpu *v, uint32_t ea, uint64_t size);

/*
 * The fetch cache's key: the guest's shadow context (MSR IS, DS, PR and
 * PID0-2), which fastpath.S finds ready in the per-CPU data.
 */
static inline uint32_t vcpu_fetch_key(const struct vcpu_arch *a)
{
	return shadow_ctx_key((uint32_t)a->shared.msr, a->pid);
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

#endif /* ARCH_FETCH_H */
