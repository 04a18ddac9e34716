/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shadow MMU: the real TLB's entries for a guest, derived from its
 * software TLB (gtlb.h) through the partition's memory map (shadow.c), and
 * the TLB-miss path that installs them (tlbmiss.c).
 */
#ifndef ARCH_SHADOW_H
#define ARCH_SHADOW_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/spr.h>

struct gtlb_entry;
struct vcpu;

/* A real TLB miss while the guest ran (fetch or data); returns the exit kind. */
unsigned int shadow_tlb_miss(struct vcpu *v, bool ifetch);
/* Load the hardware PID for the guest's current translation context. */
void shadow_prepare_entry(struct vcpu *v);
/* The guest's TLB lost or changed translations: drop every shadow entry. */
void shadow_flush(struct vcpu *v);
/* Drop the shadows of guest effective range [ea, ea + size) (any context). */
void shadow_inval(struct vcpu *v, uint32_t ea, uint64_t size);
/* The guest wrote TLB0 entry e: its shadow, at once where that saves a miss. */
void shadow_prefill(struct vcpu *v, const struct gtlb_entry *e);
/*
 * The shadow context of a guest MSR (IS, DS, PR) and its PIDs; fastpath.S
 * computes the same (CTX_KEY) and keeps the current one per CPU.
 */
static inline uint32_t shadow_ctx_key(uint32_t msr, const uint32_t pid[3])
{
	return ((msr & MSR_IS) ? 1u << 26 : 0) | ((msr & MSR_DS) ? 1u << 25 : 0) |
	       ((msr & MSR_PR) ? 1u << 24 : 0) | (pid[2] << 16) | (pid[1] << 8) | pid[0];
}
/* The shadow ID this CPU gave v's context key, 0 if none. */
uint32_t shadow_sid_of(const struct vcpu *v, uint32_t key);

#endif /* ARCH_SHADOW_H */
