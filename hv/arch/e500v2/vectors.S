/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception vectors, and the guest exit/entry path.
 *
 * A guest always runs with MSR[PR]=1 in address space 1, so every interrupt
 * taken while it runs has SRR1[PR]=1 (CSRR1/MCSRR1 for the critical and
 * machine-check classes). The vectors use SPRG0/SPRG1 as scratch and SPRG2
 * as the per-CPU pointer; SPRG3-7 always hold the guest's values (they are
 * user-readable). This is the hot path: keep it short.
 *
 * The vectors come from the one list of interrupts, E500_INTERRUPTS
 * (<arch/exits.h>): a guest's interrupt goes to its guest entry (the C
 * exit path of its class, or the program-interrupt fast path, fastpath.S),
 * then to trap_handle() (trap.c) and back through guest_enter.
 */
#include <arch/asm.h>
#include <arch/exits.h>
#include <asm-offsets.h>

/*
 * Save the interrupted context into the struct vcpu_regs at r10.
 * On entry: SPRG0 = r10, SPRG1 = r11, percpu->scratch_cr = CR, r11 = IVOR.
 * On exit: r12 = percpu; r0-r9, r12-r31 free; r11 unchanged.
 */
.macro SAVE_REGS srr0, srr1
	stw	r0, REGS_GPR+0(r10)
	stw	r1, REGS_GPR+4(r10)
	stw	r2, REGS_GPR+8(r10)
	stw	r3, REGS_GPR+12(r10)
	stw	r4, REGS_GPR+16(r10)
	stw	r5, REGS_GPR+20(r10)
	stw	r6, REGS_GPR+24(r10)
	stw	r7, REGS_GPR+28(r10)
	stw	r8, REGS_GPR+32(r10)
	stw	r9, REGS_GPR+36(r10)
	mfspr	r0, SPRN_SPRG0
	stw	r0, REGS_GPR+40(r10)
	mfspr	r0, SPRN_SPRG1
	stw	r0, REGS_GPR+44(r10)
	stmw	r12, REGS_GPR+48(r10)
	mfspr	r12, SPRN_SPRG2
	lwz	r0, PCPU_CR(r12)
	stw	r0, REGS_CR(r10)
	mflr	r0
	stw	r0, REGS_LR(r10)
	mfctr	r0
	stw	r0, REGS_CTR(r10)
	mfxer	r0
	stw	r0, REGS_XER(r10)
	mfspr	r0, \srr0
	stw	r0, REGS_PC(r10)
	mfspr	r0, \srr1
	stw	r0, REGS_SRR1(r10)
	mfspr	r0, SPRN_ESR
	stw	r0, REGS_ESR(r10)
	mfspr	r0, SPRN_DEAR
	stw	r0, REGS_DEAR(r10)
.endm

/* Exit paths, one per interrupt class (which save/restore pair it used). */
.macro EXIT_PATH kind, srr0, srr1
	.globl	guest_exit_\kind
guest_exit_\kind:
	lwz	r10, PCPU_VCPU(r10)
	SAVE_REGS \srr0, \srr1
	mfspr	r0, SPRN_TBRL
	stw	r0, REGS_EXIT_TB(r10)
	lwz	r1, PCPU_SP(r12)
	mr	r3, r10
	mr	r4, r11
	bl	trap_handle
	b	guest_enter

hv_fatal_\kind:
	lis	r10, hv_panic_regs@ha
	addi	r10, r10, hv_panic_regs@l
	SAVE_REGS \srr0, \srr1
	lis	r1, (hv_panic_stack+HV_PANIC_STACK_SIZE-16)@ha
	addi	r1, r1, (hv_panic_stack+HV_PANIC_STACK_SIZE-16)@l
	mr	r3, r10
	mr	r4, r11
	bl	hv_trap_panic
4:	b	4b
.endm

	.section .hvvectors, "ax"
	.balign	65536
	.globl	hv_vectors
hv_vectors:

.macro VECTOR ivor, kind, entry
	.balign	16
	.globl	hv_vector_\ivor
hv_vector_\ivor:
	mtspr	SPRN_SPRG0, r10
	mtspr	SPRN_SPRG1, r11
	mfspr	r10, SPRN_SPRG2
	mfcr	r11
	stw	r11, PCPU_CR(r10)
	.ifc \kind, base
	mfspr	r11, SPRN_SRR1
	.endif
	.ifc \kind, crit
	mfspr	r11, SPRN_CSRR1
	.endif
	.ifc \kind, mc
	mfspr	r11, SPRN_MCSRR1
	.endif
	andi.	r11, r11, MSR_PR_BIT
	li	r11, \ivor
	beq-	hv_trap_\kind
	b	\entry
.endm

#define E500_VECTOR(ivor, class, handler, entry) VECTOR ivor, class, entry ;
	E500_INTERRUPTS(E500_VECTOR)

	EXIT_PATH base, SPRN_SRR0, SPRN_SRR1
	EXIT_PATH crit, SPRN_CSRR0, SPRN_CSRR1
	EXIT_PATH mc, SPRN_MCSRR0, SPRN_MCSRR1

/*
 * An interrupt while the hypervisor itself runs. The only expected ones are
 * the decrementer and external input that end hv_idle()'s wait (MSR[EE] is
 * on only there): return with EE and WE cleared so the idle loop sees them.
 * Everything else is a hypervisor bug: print the state and stop.
 */
hv_trap_base:
	cmpwi	r11, 10
	beq	hv_wakeup
	cmpwi	r11, 4
	bne	hv_fatal_base
hv_wakeup:
	mfspr	r11, SPRN_SRR1
	rlwinm	r11, r11, 0, 17, 12	/* clear WE, CE, EE */
	mtspr	SPRN_SRR1, r11
	lwz	r11, PCPU_CR(r10)
	mtcr	r11
	mfspr	r10, SPRN_SPRG0
	mfspr	r11, SPRN_SPRG1
	rfi

/*
 * A debug interrupt in the hypervisor itself. e500 silicon keeps MSR[DE]
 * over base-class interrupts, so while a guest is single-stepped (debug.c)
 * the first instruction of the vector it traps to completes with DE set
 * and raises the instruction-complete event. Not a fault: that instruction
 * only copied r10 to SPRG0, r10/r11 and CR are still the guest's, so this
 * vector's own use of SPRG0/SPRG1 and the CR slot loses nothing. Return
 * with DE off and the event forgotten. (QEMU clears DE on every interrupt.)
 */
hv_trap_crit:
	cmpwi	r11, 15
	bne-	hv_fatal_crit
	mfspr	r11, SPRN_CSRR1
	rlwinm	r11, r11, 0, 23, 21	/* clear MSR[DE] */
	mtspr	SPRN_CSRR1, r11
	lis	r11, DBSR_ICMP_HI
	mtspr	SPRN_DBSR, r11
	lwz	r11, PCPU_CR(r10)
	mtcr	r11
	mfspr	r10, SPRN_SPRG0
	mfspr	r11, SPRN_SPRG1
	rfci
hv_trap_mc:
	b	hv_fatal_mc

/*
 * guest_enter(struct vcpu *v): load v's registers and return to the guest.
 * percpu->vcpu must already point to v.
 */
	.globl	guest_enter
guest_enter:
	mr	r10, r3
	lwz	r0, SH_SPRG3+4(r10)
	mtspr	SPRN_SPRG3, r0
	lwz	r0, SH_SPRG4+4(r10)
	mtspr	SPRN_SPRG4, r0
	lwz	r0, SH_SPRG5+4(r10)
	mtspr	SPRN_SPRG5, r0
	lwz	r0, SH_SPRG6+4(r10)
	mtspr	SPRN_SPRG6, r0
	lwz	r0, SH_SPRG7+4(r10)
	mtspr	SPRN_SPRG7, r0
	lwz	r0, REGS_PC(r10)
	mtspr	SPRN_SRR0, r0
	lwz	r0, REGS_HMSR(r10)
	mtspr	SPRN_SRR1, r0
	lwz	r0, REGS_LR(r10)
	mtlr	r0
	lwz	r0, REGS_CTR(r10)
	mtctr	r0
	lwz	r0, REGS_XER(r10)
	mtxer	r0
	lwz	r0, REGS_CR(r10)
	mtcr	r0
	lmw	r12, REGS_GPR+48(r10)
	lwz	r0, REGS_GPR+0(r10)
	lwz	r1, REGS_GPR+4(r10)
	lwz	r2, REGS_GPR+8(r10)
	lwz	r3, REGS_GPR+12(r10)
	lwz	r4, REGS_GPR+16(r10)
	lwz	r5, REGS_GPR+20(r10)
	lwz	r6, REGS_GPR+24(r10)
	lwz	r7, REGS_GPR+28(r10)
	lwz	r8, REGS_GPR+32(r10)
	lwz	r9, REGS_GPR+36(r10)
	lwz	r11, REGS_GPR+44(r10)
	lwz	r10, REGS_GPR+40(r10)
	rfi
	.section .note.GNU-stack,"",@progbits
