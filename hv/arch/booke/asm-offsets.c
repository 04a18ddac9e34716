// SPDX-License-Identifier: GPL-2.0-only
/* Structure offsets for entry.S, extracted by the build (see Makefile). */
#include <stddef.h>

#include <arch/percpu.h>
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
	OFF(PCPU_CR, struct percpu, scratch_cr);
	OFF(PCPU_VCPU, struct percpu, vcpu);
	OFF(PCPU_SP, struct percpu, hv_sp);
	DEFINE(PCPU_SIZE, sizeof(struct percpu));
}
