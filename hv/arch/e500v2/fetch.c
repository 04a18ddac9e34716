// SPDX-License-Identifier: GPL-2.0-only
/* The instructions a guest trapped on, read through its own translation (fetch.h). */
#include <arch/booke.h>
#include <arch/fetch.h>
#include <arch/gtlb.h>
#include <hvmem.h>
#include <partition.h>

/* fastpath.S indexes the cache with (pc >> 12) & 7. */
_Static_assert(VCPU_FETCH_CACHE == 8, "fastpath.S assumes 8 fetch cache entries");

void vcpu_fetch_cache_drop(struct vcpu *v)
{
	unsigned int i;

	for (i = 0; i < VCPU_FETCH_CACHE; i++)
		v->arch.fetch[i].va = 0;
}

void vcpu_fetch_cache_drop_range(struct vcpu *v, uint32_t ea, uint64_t size)
{
	unsigned int i;

	/* entries are keyed by effective page: only those in the range go */
	for (i = 0; i < VCPU_FETCH_CACHE; i++)
		if (v->arch.fetch[i].page - ea < size)
			v->arch.fetch[i].va = 0;
}

bool vcpu_fetch_insn_slow(struct vcpu *v, uint32_t *insn)
{
	unsigned int i;
	struct vcpu_arch *a = &v->arch;
	struct gtlb_ctx ctx = {
		.pid = { a->pid[0], a->pid[1], a->pid[2] },
		.as = (a->shared.msr & MSR_IS) != 0,
	};
	uint32_t pc = a->regs.pc & ~3u;
	struct gtlb_hit hit;
	uint64_t hpa;
	uintptr_t p;

	if (!gtlb_lookup(&a->tlb, &ctx, pc, &hit) ||
	    !partition_gpa_to_hpa(v->part, hit.gpa & ~0xFFFull, 0x1000, &hpa))
		return false;
	p = hvmem_phys_to_virt(hpa);
	if (!p) { /* beyond the direct map: read through the window, not cached */
		hvmem_copy_from_phys(insn, hpa + (pc & 0xFFFu), sizeof(*insn));
		return true;
	}
	/*
	 * Nothing is cached while a debug step is armed: the fast path, which
	 * only reads the cache, leaves every instruction to the C path, where
	 * the step is seen to end (debug.c).
	 */
	if (a->dbg.dbcr0 & DBCR0_ICMP) {
		*insn = *(const uint32_t *)(p + (pc & 0xFFFu));
		return true;
	}
	i = (pc >> 12) & (VCPU_FETCH_CACHE - 1);
	a->fetch[i].key = vcpu_fetch_key(a);
	a->fetch[i].page = pc & ~0xFFFu;
	a->fetch[i].va = p;
	*insn = *(const uint32_t *)(p + (pc & 0xFFFu));
	return true;
}

bool booke_core_fetch_insn(struct vcpu *v, uint32_t *insn)
{
	return vcpu_fetch_insn(v, insn);
}
