// SPDX-License-Identifier: GPL-2.0-only
/* Structure offsets for entry.S, extracted by the build (see Makefile). */
#include <stddef.h>

#include <arch/e500.h>
#include <arch/emulate.h>
#include <arch/spr.h>
#include <arch/percpu.h>
#include <partition.h>
#include <stats.h>
#include <vcpu.h>

#define DEFINE(sym, val) __asm__ volatile("\n@@@ " #sym " %0" : : "i"(val))
#define OFF(sym, type, member) DEFINE(sym, offsetof(type, member))

void asm_offsets(void);
void asm_offsets(void)
{
	OFF(REGS_GPR, struct vcpu, arch.regs.gpr);
	OFF(REGS_CR, struct vcpu, arch.regs.cr);
	OFF(REGS_LR, struct vcpu, arch.regs.lr);
	OFF(REGS_CTR, struct vcpu, arch.regs.ctr);
	OFF(REGS_XER, struct vcpu, arch.regs.xer);
	OFF(REGS_PC, struct vcpu, arch.regs.pc);
	OFF(REGS_HMSR, struct vcpu, arch.regs.hmsr);
	OFF(REGS_ESR, struct vcpu, arch.regs.esr);
	OFF(REGS_DEAR, struct vcpu, arch.regs.dear);
	OFF(REGS_SRR1, struct vcpu, arch.regs.srr1);
	OFF(REGS_EXIT_TB, struct vcpu, arch.regs.exit_tb);
	OFF(SH_SPRG3, struct vcpu, arch.shared.sprg3);
	OFF(SH_SPRG4, struct vcpu, arch.shared.sprg4);
	OFF(SH_SPRG5, struct vcpu, arch.shared.sprg5);
	OFF(SH_SPRG6, struct vcpu, arch.shared.sprg6);
	OFF(SH_SPRG7, struct vcpu, arch.shared.sprg7);
	OFF(SH_SPRG0, struct vcpu, arch.shared.sprg0);
	OFF(SH_SPRG1, struct vcpu, arch.shared.sprg1);
	OFF(SH_SPRG2, struct vcpu, arch.shared.sprg2);
	OFF(SH_SRR0, struct vcpu, arch.shared.srr0);
	OFF(SH_SRR1, struct vcpu, arch.shared.srr1);
	OFF(SH_DEAR, struct vcpu, arch.shared.dear);
	OFF(SH_MSR, struct vcpu, arch.shared.msr);
	OFF(SH_ESR, struct vcpu, arch.shared.esr);
	OFF(SH_MAS0, struct vcpu, arch.shared.mas0);
	OFF(SH_MAS1, struct vcpu, arch.shared.mas1);
	OFF(SH_MAS2, struct vcpu, arch.shared.mas2);
	OFF(SH_MAS7_3, struct vcpu, arch.shared.mas7_3);
	OFF(SH_MAS4, struct vcpu, arch.shared.mas4);
	OFF(SH_MAS6, struct vcpu, arch.shared.mas6);
	OFF(VCPU_PID, struct vcpu, arch.pid);
	OFF(VCPU_IRQ_HINT, struct vcpu, arch.irq_hint);
	OFF(VCPU_DBG_MSR, struct vcpu, arch.dbg.msr);
	OFF(VCPU_BUCSR, struct vcpu, arch.bucsr);
	OFF(VCPU_FETCH, struct vcpu, arch.fetch);
	DEFINE(FETCH_SIZE, sizeof(((struct vcpu_arch *)0)->fetch[0]));
	OFF(FETCH_KEY, struct vcpu_arch, fetch[0].key);
	OFF(FETCH_PAGE, struct vcpu_arch, fetch[0].page);
	OFF(FETCH_VA, struct vcpu_arch, fetch[0].va);
	OFF(VCPU_PART, struct vcpu, part);
	OFF(VCPU_STATS, struct vcpu, stats);
	DEFINE(STAT_SIZE, sizeof(struct exit_stat));
	OFF(STAT_COUNT, struct exit_stat, count);
	OFF(STAT_MIN, struct exit_stat, min);
	OFF(STAT_MAX, struct exit_stat, max);
	OFF(STAT_TOTAL, struct exit_stat, total);
	DEFINE(EK_MFMSR_NR, EK_MFMSR);
	DEFINE(EK_WRTEE_NR, EK_WRTEE);
	DEFINE(EK_MFSPR_NR, EK_MFSPR);
	DEFINE(EK_MTSPR_NR, EK_MTSPR);
	DEFINE(EK_MTMSR_NR, EK_MTMSR);
	DEFINE(EK_RFI_NR, EK_RFI);
	DEFINE(EK_TLBWE_NR, EK_TLBWE);
	DEFINE(MSR_E500_MASK_V, MSR_E500_MASK);
	OFF(PCPU_FP_R8, struct percpu, fp_r8);
	OFF(PCPU_FP_R9, struct percpu, fp_r9);
	OFF(PCPU_FP_R12, struct percpu, fp_r12);
	OFF(PCPU_FP_R13, struct percpu, fp_r13);
	OFF(PCPU_FP_CTR, struct percpu, fp_ctr);
	OFF(PCPU_FP_TB, struct percpu, fp_tb);
	OFF(PCPU_CR, struct percpu, scratch_cr);
	OFF(PCPU_VCPU, struct percpu, vcpu);
	OFF(PCPU_CTX_KEY, struct percpu, ctx_key);
	OFF(PCPU_CUR_SID, struct percpu, cur_sid);
	OFF(PCPU_PREV_KEY, struct percpu, prev_key);
	OFF(PCPU_PREV_SID, struct percpu, prev_sid);
	OFF(VCPU_IVPR, struct vcpu, arch.ivpr);
	OFF(VCPU_IVOR, struct vcpu, arch.ivor);
	DEFINE(EXIT_SYSCALL_NR, EXIT_SYSCALL);
	DEFINE(MSR_DELIVER_KEEP, MSR_CE | MSR_DE | MSR_ME);
	OFF(PCPU_SP, struct percpu, hv_sp);
	/* the TLB-miss fast path (fastpath.S) */
	OFF(PCPU_FP_R14, struct percpu, fp_r14);
	OFF(VCPU_MAGIC_EA, struct vcpu, arch.magic_ea);
	OFF(SH_INT_PENDING, struct vcpu, arch.shared.int_pending);
	OFF(VCPU_TLB0, struct vcpu, arch.tlb.tlb0);
	OFF(VCPU_TLB_NV, struct vcpu, arch.tlb.next_victim);
	OFF(VCPU_TLB1_MAP, struct vcpu, arch.tlb.tlb1_map);
	_Static_assert(sizeof(struct gtlb_entry) == 16 && GTLB0_WAYS == 4 && GTLB0_SETS == 128,
		       "fastpath.S indexes TLB0 sets as 64 bytes, 128 of them");
	_Static_assert(offsetof(struct gtlb_entry, mas1) == 0 &&
			       offsetof(struct gtlb_entry, mas2) == 4,
		       "fastpath.S reads MAS1 at 0, MAS2 at 4");
	DEFINE(EXIT_DTLB_GUEST_NR, EXIT_DTLB_GUEST);
	DEFINE(EXIT_ITLB_GUEST_NR, EXIT_ITLB_GUEST);
	DEFINE(E500_GUEST_HMSR_V, E500_GUEST_HMSR);
	DEFINE(ESR_ST_BIT, ESR_ST);
	OFF(THREAD_SP, struct arch_thread, sp);
	OFF(THREAD_TOP, struct arch_thread, stack_top);
	DEFINE(PCPU_SIZE, sizeof(struct percpu));
}
