/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulation of the privileged instructions a guest kernel executes while it
 * believes it is in supervisor mode (it really runs with MSR[PR]=1, so each
 * one raises a program interrupt with ESR[PPR] and lands here). Pure logic
 * over struct vcpu: unit-tested on the host with its hooks stubbed
 * (shadow_flush() and shadow_inval() of shadow.h) and the timebase of
 * tests/unit/hostarch.
 */
#ifndef ARCH_EMULATE_H
#define ARCH_EMULATE_H

#include <stdint.h>

#include <arch/exits.h>
#include <vcpu.h>

enum emul_result {
	EMUL_NEXT,    /* emulated; the guest continues at pc + 4 */
	EMUL_JUMP,    /* emulated; arch.regs.pc was set (rfi, rfci, rfmci) */
	EMUL_PROGRAM, /* the guest takes a program interrupt with out->esr */
};

struct emul_out {
	enum emul_kind kind;
	uint32_t esr; /* for EMUL_PROGRAM: ESR_PIL (illegal) or ESR_PPR */
	/*
	 * Only data moved between a GPR and the virtual registers: nothing
	 * that interrupt delivery, timers, idling or the shadow context depend
	 * on changed, so the exit path may return to the guest at once.
	 */
	bool quiet;
};

/*
 * Emulate insn, which the guest executed at arch.regs.pc. If the guest's
 * virtual MSR[PR] is set the instruction is privileged for it too: result
 * EMUL_PROGRAM with ESR_PPR. Unknown instructions and SPRs that an e500v2
 * does not implement give EMUL_PROGRAM with ESR_PIL, as the real core does.
 */
enum emul_result emul_insn(struct vcpu *v, uint32_t insn, struct emul_out *out);

/*
 * The guest's tlbwe when its MAS0 selects TLB0, called by the program
 * fast path (fastpath.S) without the exit's register save: exactly the
 * emulator's tlbwe (the entry written, the shadows of the one it replaces
 * dropped, the new one's shadow installed where shadow_prefill() allows).
 * -1 with nothing done for anything else (TLB1, which may flush the
 * shadow TLB): the C exit path then emulates it.
 */
int emul_tlbwe_tlb0(struct vcpu *v);

/* Guest-visible value of a privileged SPR (mfspr); 0 and false if unknown. */
int emul_mfspr(struct vcpu *v, unsigned int spr, uint32_t *val);
/* Write a privileged SPR (mtspr); false if e500v2 has no such SPR. */
int emul_mtspr(struct vcpu *v, unsigned int spr, uint32_t val);

/*
 * SPRs whose mfspr and mtspr only move one 32-bit word between a GPR and the
 * vCPU, with nothing else depending on it (saved state, SPRGs, MAS
 * registers, BUCSR): the emulator serves them from this table, and so does
 * the assembly fast path (fastpath.S), so the two cannot disagree. Entry:
 * the word's offset in struct vcpu, 0 for every other SPR.
 */
#define EMUL_NR_SPRS 1024
extern const uint16_t emul_plain_spr[EMUL_NR_SPRS];

#endif /* ARCH_EMULATE_H */
