// SPDX-License-Identifier: GPL-2.0-only
/* An e500v2 vCPU: its ePAPR boot state, its first entry, its translations. */
#include <arch.h>
#include <arch/e500.h>
#include <arch/gtlb.h>
#include <arch/shadow.h>
#include <arch/vtimer.h>
#include <string.h>
#include <vcpu.h>

void arch_vcpu_reset(struct vcpu *v, const struct vcpu_start *s)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t tsize = 1;
	struct gtlb_mas mas = { 0 };
	int sel, idx;

	memset(a, 0, sizeof(*a));
	a->regs.pc = s->pc;
	a->regs.gpr[1] = (16u << 20) - 8;
	a->regs.gpr[3] = s->r3;
	a->regs.gpr[6] = 0x45504150; /* ePAPR magic */
	a->regs.gpr[7] = s->map_size;
	a->shared.pir = s->pir;
	a->pvr = E500V2_PVR;
	a->svr = mfspr(SPR_SVR);
	gtlb_init(&a->tlb);
	vtimer_init(&a->timer, arch_timebase());
	a->timer_dirty = true;

	/* The boot loader's initial mapping: TLB1[0], EA = guest PA = map_pa. */
	while ((1024ull << (2 * tsize)) < s->map_size)
		tsize++;
	mas.mas0 = 1u << MAS0_TLBSEL_SHIFT;
	mas.mas1 = MAS1_VALID | (tsize << MAS1_TSIZE_SHIFT);
	mas.mas2 = (uint32_t)s->map_pa & MAS2_EPN_MASK;
	mas.mas3 = ((uint32_t)s->map_pa & MAS3_RPN_MASK) | MAS3_UX | MAS3_SX | MAS3_UW | MAS3_SW |
		   MAS3_UR | MAS3_SR;
	mas.mas7 = (uint32_t)(s->map_pa >> 32);
	gtlb_tlbwe(&a->tlb, &mas, &sel, &idx);
}

void arch_vcpu_run(struct vcpu *v)
{
	this_cpu()->vcpu = v;
	shadow_flush(v);
	guest_enter(trap_resume(v));
}

void arch_vcpu_flush_tlb(struct vcpu *v)
{
	shadow_flush(v);
}
