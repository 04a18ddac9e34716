// SPDX-License-Identifier: GPL-2.0-only
/* vCPU reset, interrupt delivery to the guest's vectors, instruction fetch. */
#include <arch/cpu.h>
#include <arch/emulate.h>
#include <arch/percpu.h>
#include <arch/vcpu_ops.h>
#include <arch/vtimer.h>
#include <hvmem.h>
#include <partition.h>
#include <string.h>

void vcpu_arch_reset(struct vcpu *v, uint32_t entry, uint32_t gpr3, uint64_t map_pa,
		     uint32_t map_size)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t tsize = 1;
	struct gtlb_mas mas = { 0 };
	int sel, idx;

	memset(a, 0, sizeof(*a));
	a->regs.pc = entry;
	a->regs.gpr[1] = (16u << 20) - 8;
	a->regs.gpr[3] = gpr3;
	a->regs.gpr[6] = 0x45504150; /* ePAPR magic */
	a->regs.gpr[7] = map_size;
	a->shared.pir = v->id;
	a->pvr = E500V2_PVR;
	a->svr = mfspr(SPR_SVR);
	gtlb_init(&a->tlb);
	vtimer_init(&a->timer, arch_timebase());
	a->timer_dirty = true;

	/* The boot loader's initial mapping: TLB1[0], EA = guest PA = map_pa. */
	while ((1024ull << (2 * tsize)) < map_size)
		tsize++;
	mas.mas0 = 1u << MAS0_TLBSEL_SHIFT;
	mas.mas1 = MAS1_VALID | (tsize << MAS1_TSIZE_SHIFT);
	mas.mas2 = (uint32_t)map_pa & MAS2_EPN_MASK;
	mas.mas3 = ((uint32_t)map_pa & MAS3_RPN_MASK) | MAS3_UX | MAS3_SX | MAS3_UW | MAS3_SW |
		   MAS3_UR | MAS3_SR;
	mas.mas7 = (uint32_t)(map_pa >> 32);
	gtlb_tlbwe(&a->tlb, &mas, &sel, &idx);
}

void vcpu_arch_run(struct vcpu *v)
{
	struct percpu *pc = this_cpu();

	pc->vcpu = v;
	vcpu_arch_shadow_flush(v);
	guest_enter(vcpu_resume(v));
}

static uint32_t vector(const struct vcpu *v, unsigned int ivor)
{
	return (v->arch.ivpr & 0xFFFF0000u) | (v->arch.ivor[ivor] & 0xFFF0u);
}

/*
 * Base-class interrupts: SRR0/SRR1, and the new MSR keeps only CE, DE and ME
 * (e500 silicon; QEMU 7.2 also clears CE and DE).
 */
void vcpu_deliver(struct vcpu *v, unsigned int ivor, uint32_t srr0)
{
	struct vcpu_arch *a = &v->arch;

	a->shared.srr0 = srr0;
	a->shared.srr1 = a->shared.msr;
	a->shared.msr &= MSR_CE | MSR_DE | MSR_ME;
	a->regs.pc = vector(v, ivor);
}

/* Critical class (critical input, watchdog, debug on e500v2): CSRR0/1. */
void vcpu_deliver_critical(struct vcpu *v, unsigned int ivor, uint32_t srr0)
{
	struct vcpu_arch *a = &v->arch;

	a->csrr0 = srr0;
	a->csrr1 = (uint32_t)a->shared.msr;
	a->shared.msr &= MSR_ME;
	a->regs.pc = vector(v, ivor);
}

/*
 * Machine check: MCSRR0/1, MCSR, MCAR. With MSR[ME] clear the core would
 * enter checkstop: the partition stops.
 */
void vcpu_deliver_machine_check(struct vcpu *v, uint32_t mcsr, uint64_t addr)
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

/* entry.S's program-interrupt fast path indexes the cache with (pc >> 12) & 7. */
_Static_assert(VCPU_FETCH_CACHE == 8, "entry.S assumes 8 fetch cache entries");

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
	i = (pc >> 12) & (VCPU_FETCH_CACHE - 1);
	a->fetch[i].key = vcpu_fetch_key(a);
	a->fetch[i].page = pc & ~0xFFFu;
	a->fetch[i].va = p;
	*insn = *(const uint32_t *)(p + (pc & 0xFFFu));
	return true;
}
