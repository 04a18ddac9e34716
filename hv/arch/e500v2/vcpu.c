// SPDX-License-Identifier: GPL-2.0-only
/*
 * An e500v2 vCPU: its ePAPR boot state, its first entry, its translations,
 * its way out of a hold, and on a shared core what moves with it when vCPUs
 * switch.
 */
#include <arch.h>
#include <arch/booke.h>
#include <arch/debug.h>
#include <arch/e500.h>
#include <arch/fetch.h>
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
	struct vcpu_debug dbg = a->dbg; /* its debugger's points survive the reset, a step not */
	int sel, idx;

	memset(a, 0, sizeof(*a));
	a->dbg = dbg;
	a->dbg.over = a->dbg.step = false;
	a->dbg.dbcr0 &= ~DBCR0_ICMP;
	if (!(a->dbg.dbcr0 & ~DBCR0_IDM))
		a->dbg.dbcr0 = a->dbg.msr = 0;
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
	debug_load(v);
	shadow_flush(v);
	guest_enter(trap_resume(v));
}

void arch_vcpu_unhold(struct vcpu *v, uint64_t from, uint64_t to)
{
	vtimer_skip(&v->arch.timer, from, to);
	v->arch.timer_dirty = true;
	/* code the debugger wrote (breakpoints) is seen by this CPU's fetches */
	mtspr(SPR_L1CSR1, mfspr(SPR_L1CSR1) | L1CSR1_ICFI);
	while (mfspr(SPR_L1CSR1) & L1CSR1_ICFI)
		;
	isync();
	vcpu_fetch_cache_drop(v);
	debug_load(v);
}

void arch_vcpu_flush_tlb(struct vcpu *v)
{
	shadow_flush(v);
}

/* spe.S */
void spe_save(uint64_t *area);
void spe_restore(const uint64_t *area);
void spe_clear(void);

/* MSR[SPV] on for spe.S; returns the MSR to go back to. */
static uint32_t spe_on(void)
{
	uint32_t msr = mfmsr();

	mtmsr(msr | MSR_SPV);
	return msr;
}

void arch_vcpu_put(struct vcpu *v)
{
	struct percpu *pc = this_cpu();
	struct vcpu_arch *a = &v->arch;

	a->out.ctx_key = pc->ctx_key;
	a->out.cur_sid = pc->cur_sid;
	a->out.prev_key = pc->prev_key;
	a->out.prev_sid = pc->prev_sid;
	a->out.sid_gen = pc->sid_gen;
	a->out.usprg0 = mfspr(SPR_USPRG0);
	if (a->spe_used) {
		uint32_t msr = spe_on();

		spe_save(a->out.spe);
		mtmsr(msr);
		a->out.spefscr = mfspr(SPR_SPEFSCR);
		pc->spe_dirty = true;
	}
}

void arch_vcpu_load(struct vcpu *w)
{
	struct percpu *pc = this_cpu();
	struct vcpu_arch *a = &w->arch;

	pc->vcpu = w;
	if (a->out.sid_gen == pc->sid_gen) {
		pc->ctx_key = a->out.ctx_key;
		pc->cur_sid = a->out.cur_sid;
		pc->prev_key = a->out.prev_key;
		pc->prev_sid = a->out.prev_sid;
	} else { /* the ids were recycled meanwhile: none is its own any more */
		pc->cur_sid = 0;
		pc->prev_sid = 0;
	}
	mtspr(SPR_PID0, pc->cur_sid);
	mtspr(SPR_USPRG0, a->out.usprg0);
	if (a->spe_used || pc->spe_dirty) {
		uint32_t msr = spe_on();

		if (a->spe_used)
			spe_restore(a->out.spe);
		else
			spe_clear();
		mtmsr(msr);
		mtspr(SPR_SPEFSCR, a->spe_used ? a->out.spefscr : 0);
		pc->spe_dirty = a->spe_used;
	}
	/* a reservation the last guest left must not let w's stwcx. succeed */
	__asm__ volatile("stwcx. %0, 0, %1" : : "r"(0), "r"(&pc->resv_scratch) : "cr0", "memory");
	a->timer_dirty = true;
}

uint64_t arch_vcpu_next_event(const struct vcpu *v)
{
	return vtimer_next_event(&v->arch.timer);
}

bool arch_vcpu_wake_due(const struct vcpu *v, uint64_t now)
{
	return vtimer_next_event(&v->arch.timer) <= now || booke_irq_deliverable(v);
}
