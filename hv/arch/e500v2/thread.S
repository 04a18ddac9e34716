/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor threads of a shared core: the switch between two of them
 * (the nonvolatile state of the SysV ABI: 14-r31, CR, LR, r1) and the
 * first entry of a new one. Nothing of the guests is here: their
 * registers are in their vCPUs (vectors.S) and the rest of their core
 * state moves with arch_vcpu_put()/arch_vcpu_load() (vcpu.c).
 */
#include <arch/asm.h>
#include <arch/thread.h>
#include <asm-offsets.h>

#define TF_CR		THREAD_FRAME_CR
#define TF_GPR		THREAD_FRAME_GPR
#define TF_SIZE		THREAD_FRAME_SIZE

	.text
/*
 * void arch_thread_switch(struct arch_thread *from, struct arch_thread *to)
 * Returns when some thread switches back to `from`. Traps from the guest
 * run on `to`'s stack from here on (percpu->hv_sp).
 */
	.globl	arch_thread_switch
arch_thread_switch:
	stwu	r1, -TF_SIZE(r1)
	mflr	r0
	stw	r0, TF_SIZE+4(r1)
	mfcr	r0
	stw	r0, TF_CR(r1)
	stmw	14, TF_GPR(r1)
	stw	r1, THREAD_SP(r3)
	lwz	r1, THREAD_SP(r4)
	lwz	r5, THREAD_TOP(r4)
	mfspr	r6, SPRN_SPRG2
	stw	r5, PCPU_SP(r6)
	lmw	14, TF_GPR(r1)
	lwz	r0, TF_CR(r1)
	mtcr	r0
	lwz	r0, TF_SIZE+4(r1)
	mtlr	r0
	addi	r1, r1, TF_SIZE
	blr

/*
 * A new thread's first switch returns here (arch_thread_init() made its
 * frame): 14 = the function, 15 = its argument; the function never
 * returns.
 */
	.globl	arch_thread_start
arch_thread_start:
	mr	r3, 15
	mtctr	14
	bctrl
1:	b	1b

	.section .note.GNU-stack,"",@progbits
