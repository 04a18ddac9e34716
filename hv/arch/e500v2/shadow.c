// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shadow MMU. The guest's TLB lives in software (gtlb.c); the real TLB holds
 * shadow entries derived from it, installed lazily on real TLB misses
 * (tlbmiss.c). This file owns their contexts and their removal.
 *
 * All shadow entries are in address space 1 (the hypervisor owns AS0). Each
 * guest translation context (guest MSR[IS], MSR[DS], MSR[PR], PID0-2) gets a
 * hardware TID ("shadow ID") that is loaded into PID0 while that context runs,
 * so entries of different contexts — the guest kernel's and its user
 * processes', or supervisor and user permission views of the same page —
 * coexist in the TLB and survive context switches. Guest global entries (TID
 * 0) are shadowed per context. When the guest changes or removes a
 * translation, or the 255 shadow IDs run out, every shadow entry is dropped.
 *
 * On a shared core the vCPUs of several partitions take turns: each shadow
 * ID belongs to one vCPU (sid_owner) and is only ever loaded for it, so
 * switching vCPUs flushes nothing (arch_vcpu_put()/arch_vcpu_load() keep
 * each one's current pair of contexts). When one of them drops its
 * translations while others still own ids here, its ids are retired
 * instead (their entries stay in the TLB, unreachable: no PID0 ever holds
 * a retired id again) and recycled lazily, by the full flush when the ids
 * run out; sid_gen then tells the switched-out vCPUs their ids are void.
 */
#include <arch.h>
#include <arch/fetch.h>
#include <arch/shadow.h>
#include <vcpu.h>

uint32_t shadow_sid_of(const struct vcpu *v, uint32_t key)
{
	struct percpu *pc = this_cpu();
	uint32_t sid;

	for (sid = 1; sid <= pc->sid_count; sid++)
		if (pc->sid_key[sid] == key && pc->sid_owner[sid] == v)
			return sid;
	return 0;
}

static uint32_t ctx_key(const struct vcpu *v)
{
	return shadow_ctx_key((uint32_t)v->arch.shared.msr, v->arch.pid);
}

/* Every shadow entry of this CPU goes, whoever's: the ids start afresh. */
static void shadow_flush_all(struct percpu *pc)
{
	/* Hypervisor entries are IPROT and survive; shadow entries never are. */
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI);
	while (mfspr(SPR_MMUCSR0) & (MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI))
		;
	isync();
	pc->sid_count = 0;
	pc->cur_sid = 0;
	pc->prev_sid = 0;
	pc->sid_gen++;
}

/* Does another vCPU own shadow ids on this CPU? (never on a dedicated core) */
static bool shadow_shared(const struct percpu *pc, const struct vcpu *v)
{
	uint32_t sid;

	if (!v->core)
		return false;
	for (sid = 1; sid <= pc->sid_count; sid++)
		if (pc->sid_owner[sid] && pc->sid_owner[sid] != v)
			return true;
	return false;
}

void shadow_flush(struct vcpu *v)
{
	struct percpu *pc = this_cpu();
	uint32_t sid;

	if (!shadow_shared(pc, v)) {
		shadow_flush_all(pc);
	} else {
		for (sid = 1; sid <= pc->sid_count; sid++)
			if (pc->sid_owner[sid] == v)
				pc->sid_owner[sid] = NULL; /* retired */
		pc->cur_sid = 0;
		pc->prev_sid = 0;
	}
	vcpu_fetch_cache_drop(v);
}

/*
 * Shadow entries are 4 KiB TLB0 entries: a real tlbivax per page drops them
 * in every shadow context (it ignores TID and TS; the hypervisor's own
 * TLB1 entries are untouched). Large ranges are cheaper to flush whole.
 */
#define SHADOW_INVAL_MAX_PAGES 16

void shadow_inval(struct vcpu *v, uint32_t ea, uint64_t size)
{
	uint32_t n;

	if (size > SHADOW_INVAL_MAX_PAGES * 0x1000ull) {
		shadow_flush(v);
		return;
	}
	for (n = 0; n < size; n += 0x1000)
		__asm__ __volatile__("tlbivax 0,%0" ::"r"(ea + n) : "memory");
	__asm__ __volatile__("tlbsync; msync; isync" ::: "memory");
	vcpu_fetch_cache_drop_range(v, ea, size);
}

void shadow_prepare_entry(struct vcpu *v)
{
	struct percpu *pc = this_cpu();
	uint32_t key = ctx_key(v), sid;

	if (pc->cur_sid && key == pc->ctx_key)
		return;
	sid = shadow_sid_of(v, key);
	if (!sid) {
		if (pc->sid_count == SHADOW_MAX_SID) {
			shadow_flush_all(pc);
			vcpu_fetch_cache_drop(v);
		}
		sid = ++pc->sid_count;
		pc->sid_key[sid] = key;
		pc->sid_owner[sid] = v;
	}
	if (pc->cur_sid) { /* the one before: the fast path's way back */
		pc->prev_key = pc->ctx_key;
		pc->prev_sid = pc->cur_sid;
	}
	pc->ctx_key = key;
	pc->cur_sid = sid;
	mtspr(SPR_PID0, sid);
}

