/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot entry, exception vectors, and the guest exit/entry path.
 *
 * A guest always runs with MSR[PR]=1 in address space 1, so every interrupt
 * taken while it runs has SRR1[PR]=1 (CSRR1/MCSRR1 for the critical and
 * machine-check classes). The vectors use SPRG0/SPRG1 as scratch and SPRG2
 * as the per-CPU pointer; SPRG3-7 always hold the guest's values (they are
 * user-readable). This is the hot path: keep it short.
 */
#include <arch/asm.h>
#include <asm-offsets.h>

	.section .text.start, "ax"
	.globl _start
_start:
	/* ePAPR: r3 = device tree, r6 = EPAPR magic, r7 = initial map size */
	lis	r1, hv_stacks@ha
	addi	r1, r1, hv_stacks@l
	addis	r1, r1, HV_STACK_SIZE@ha
	addi	r1, r1, HV_STACK_SIZE@l
	li	r0, 0
	stwu	r0, -16(r1)
	/* clear .bss, except the boot stack frame we stand on (it is zero) */
	lis	r8, __bss_start@ha
	addi	r8, r8, __bss_start@l
	lis	r9, __bss_end@ha
	addi	r9, r9, __bss_end@l
1:	cmplw	r8, r9
	bge	2f
	stw	r0, 0(r8)
	addi	r8, r8, 4
	b	1b
2:	bl	hv_main
3:	b	3b

/*
 * A secondary CPU, released through its ePAPR spin table (hv/core/smp.c):
 * r3 = its CPU number (the r3 the boot CPU wrote into the table), running
 * from a 64 MiB initial mapping over the hypervisor. Its stack is
 * hv_stacks[r3]; .bss was cleared by the boot CPU long ago.
 */
	.globl	secondary_start
secondary_start:
	li	r0, 0x1000		/* MSR[ME]; AS0, interrupts off */
	mtmsr	r0
	isync
	lis	r1, hv_stacks@ha
	addi	r1, r1, hv_stacks@l
	addi	r4, r3, 1
	lis	r5, HV_STACK_SIZE@ha
	addi	r5, r5, HV_STACK_SIZE@l
	mullw	r4, r4, r5
	add	r1, r1, r4
	li	r0, 0
	stwu	r0, -16(r1)
	bl	hv_secondary_main
4:	b	4b

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
guest_exit_\kind:
	lwz	r10, PCPU_VCPU(r10)
	SAVE_REGS \srr0, \srr1
	mfspr	r0, SPRN_TBRL
	stw	r0, REGS_EXIT_TB(r10)
	lwz	r1, PCPU_SP(r12)
	mr	r3, r10
	mr	r4, r11
	bl	vcpu_exit
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

.macro VECTOR ivor, kind, srr1
	.balign	16
	.globl	hv_vector_\ivor
hv_vector_\ivor:
	mtspr	SPRN_SPRG0, r10
	mtspr	SPRN_SPRG1, r11
	mfspr	r10, SPRN_SPRG2
	mfcr	r11
	stw	r11, PCPU_CR(r10)
	mfspr	r11, \srr1
	andi.	r11, r11, MSR_PR_BIT
	li	r11, \ivor
	beq-	hv_trap_\kind
	.if \ivor == 6
	b	guest_program_fast
	.else
	b	guest_exit_\kind
	.endif
.endm

	VECTOR 0, crit, SPRN_CSRR1
	VECTOR 1, mc, SPRN_MCSRR1
	VECTOR 2, base, SPRN_SRR1
	VECTOR 3, base, SPRN_SRR1
	VECTOR 4, base, SPRN_SRR1
	VECTOR 5, base, SPRN_SRR1
	VECTOR 6, base, SPRN_SRR1
	VECTOR 7, base, SPRN_SRR1
	VECTOR 8, base, SPRN_SRR1
	VECTOR 9, base, SPRN_SRR1
	VECTOR 10, base, SPRN_SRR1
	VECTOR 11, base, SPRN_SRR1
	VECTOR 12, crit, SPRN_CSRR1
	VECTOR 13, base, SPRN_SRR1
	VECTOR 14, base, SPRN_SRR1
	VECTOR 15, crit, SPRN_CSRR1
	VECTOR 32, base, SPRN_SRR1
	VECTOR 33, base, SPRN_SRR1
	VECTOR 34, base, SPRN_SRR1
	VECTOR 35, base, SPRN_SRR1

	EXIT_PATH base, SPRN_SRR0, SPRN_SRR1
	EXIT_PATH crit, SPRN_CSRR0, SPRN_CSRR1
	EXIT_PATH mc, SPRN_MCSRR0, SPRN_MCSRR1

/*
 * The program interrupt from a guest, fast path. The privileged instructions
 * a guest kernel runs most are emulated here with six scratch registers,
 * without saving the guest's state or entering C:
 *   mfmsr; wrtee and wrteei (enabling only if no interrupt condition is
 *   asserted: irq_hint); rfi and mtmsr that keep the translation context
 *   and privilege (MSR_FAST_OK); mfspr/mtspr of SRR0/1, DEAR, ESR, SPRG0-7,
 *   MAS0-4/6/7, BUCSR
 *   (SPRG3-7 writes also go to the real SPRGs, as guest_enter would do).
 * Same semantics as emulate.c (quiet emulations: nothing that interrupt
 * delivery, timers or the shadow context depend on changes); everything
 * else, and any miss of the instruction-page cache, takes the C path
 * (guest_exit_base) as if this code did not exist. The exit statistics
 * are kept here too.
 * In: r10 = percpu, r11 = 6, SPRG0/SPRG1 = guest r10/r11, CR in PCPU_CR.
 */
guest_program_fast:
	mfspr	r11, SPRN_ESR
	andis.	r11, r11, 0x0400	/* ESR[PPR] */
	beq-	fp_slow_none
	stw	r8, PCPU_FP_R8(r10)
	stw	r9, PCPU_FP_R9(r10)
	stw	r12, PCPU_FP_R12(r10)
	stw	r13, PCPU_FP_R13(r10)
	mfspr	r9, SPRN_TBRL
	stw	r9, PCPU_FP_TB(r10)
	mfctr	r9
	stw	r9, PCPU_FP_CTR(r10)
	lwz	r12, PCPU_VCPU(r10)
	lwz	r13, SH_MSR+4(r12)
	andi.	r9, r13, MSR_PR_BIT
	bne-	fp_slow			/* guest user mode: its own interrupt */
	/* the instruction, from the fetch cache (vcpu_fetch_insn()) */
	mfspr	r9, SPRN_SRR0
	rlwinm	r11, r9, 20, 29, 31	/* (pc >> 12) & (VCPU_FETCH_CACHE - 1) */
	mulli	r11, r11, FETCH_SIZE
	add	r11, r11, r12
	lwz	r8, FETCH_PAGE(r11)
	xor	r8, r8, r9
	rlwinm.	r8, r8, 0, 0, 19
	bne-	fp_slow
	lwz	r8, FETCH_VA(r11)
	cmpwi	r8, 0
	beq-	fp_slow
	rlwinm	r9, r9, 0, 20, 29	/* pc & 0xffc */
	add	r8, r8, r9
	/* key: MSR[IS] << 19 | PID2 << 16 | PID1 << 8 | PID0 */
	andi.	r13, r13, 0x20		/* MSR[IS] */
	slwi	r13, r13, 19
	lwz	r9, VCPU_PID+8(r12)
	slwi	r9, r9, 16
	or	r13, r13, r9
	lwz	r9, VCPU_PID+4(r12)
	slwi	r9, r9, 8
	or	r13, r13, r9
	lwz	r9, VCPU_PID(r12)
	or	r13, r13, r9
	lwz	r9, FETCH_KEY(r11)
	cmpw	r13, r9
	bne-	fp_slow
	lwz	r11, 0(r8)		/* r11 = the instruction */
	/* decode: primary opcode 31, extended opcode, RT/RS in r13 */
	rlwinm	r9, r11, 6, 26, 31
	cmpwi	r9, 19
	beq	fp_op19
	cmpwi	r9, 31
	bne-	fp_slow
	rlwinm	r9, r11, 31, 22, 31
	rlwinm	r13, r11, 11, 27, 31
	cmpwi	r9, 339
	beq	fp_mfspr
	cmpwi	r9, 467
	beq	fp_mtspr
	cmpwi	r9, 83
	beq	fp_mfmsr
	cmpwi	r9, 131
	beq	fp_wrtee
	cmpwi	r9, 146
	beq	fp_mtmsr
	cmpwi	r9, 163
	bne-	fp_slow
	/* wrteei: the E bit is MSR[EE]'s position */
	andi.	r9, r11, 0x8000
fp_wrtee_set:			/* r9 = the new MSR[EE] bit */
	cmpwi	r9, 0
	beq	1f
	/* enabling: an interrupt may become deliverable (C path) */
	lwz	r8, VCPU_IRQ_HINT(r12)
	cmpwi	r8, 0
	bne-	fp_slow
1:	lwz	r8, SH_MSR+4(r12)
	rlwinm	r8, r8, 0, 17, 15	/* clear MSR[EE] */
	or	r8, r8, r9
	stw	r8, SH_MSR+4(r12)
	li	r8, EK_WRTEE_NR
	b	fp_done

/* wrtee rS: MSR[EE] = rS[EE], rS through the GPR table (r11 = -1) */
fp_wrtee:
	li	r11, -1
	b	fp_get_gpr

/*
 * A new MSR (r8, already masked to what an e500v2 MSR holds) the fast path
 * may install: same translation context and privilege (PR, IS, DS), same
 * SPV (the real MSR the guest runs with), no WE (idling), and if it
 * enables EE or CE, no interrupt condition asserted (irq_hint). Otherwise
 * fp_slow. Clobbers r9, r13.
 */
.macro MSR_FAST_OK
	lwz	r9, SH_MSR+4(r12)
	xor	r9, r9, r8
	andi.	r13, r9, 0x4030		/* PR, IS, DS */
	bne-	fp_slow
	andis.	r13, r9, 0x0200		/* SPV */
	bne-	fp_slow
	andis.	r13, r8, 0x0004		/* WE */
	bne-	fp_slow
	rlwinm.	r13, r8, 0, 14, 16	/* CE, EE */
	beq	1f
	lwz	r13, VCPU_IRQ_HINT(r12)
	cmpwi	r13, 0
	bne-	fp_slow
1:
.endm

/* rfi: MSR = SRR1, pc = SRR0 (rfci and rfmci: C path) */
fp_op19:
	rlwinm	r9, r11, 31, 22, 31
	cmpwi	r9, 50
	bne-	fp_slow
	lwz	r8, SH_SRR1+4(r12)
	lis	r9, MSR_E500_MASK_V@h
	ori	r9, r9, MSR_E500_MASK_V@l
	and	r8, r8, r9
	MSR_FAST_OK
	stw	r8, SH_MSR+4(r12)
	lwz	r9, SH_SRR0+4(r12)
	rlwinm	r9, r9, 0, 0, 29
	addi	r9, r9, -4		/* fp_done steps over "the instruction" */
	mtspr	SPRN_SRR0, r9
	li	r8, EK_RFI_NR
	b	fp_done

/* mtmsr rS: rS through the GPR table (r11 = -2) */
fp_mtmsr:
	li	r11, -2
	b	fp_get_gpr
fp_mtmsr_got:
	lis	r8, MSR_E500_MASK_V@h
	ori	r8, r8, MSR_E500_MASK_V@l
	and	r8, r8, r9
	MSR_FAST_OK
	stw	r8, SH_MSR+4(r12)
	li	r8, EK_MTMSR_NR
	b	fp_done

fp_mfmsr:
	lwz	r9, SH_MSR+4(r12)
	li	r8, EK_MFMSR_NR
	b	fp_set_gpr

/*
 * r8 = offset in the vcpu of the word holding the SPR the mfspr/mtspr in r11
 * names: SPRG0-(\nsprg-1), SRR0/1, DEAR, ESR; anything else: fp_slow.
 */
.macro SPR_OFFSET nsprg
	rlwinm	r9, r11, 16, 27, 31
	rlwinm	r8, r11, 26, 22, 26
	or	r9, r9, r8		/* SPR number */
	addi	r8, r9, -272		/* SPRG0.. */
	cmplwi	r8, \nsprg - 1
	bgt	1f
	slwi	r8, r8, 2
	lis	r9, fp_sprg_offsets@ha
	addi	r9, r9, fp_sprg_offsets@l
	lwzx	r8, r9, r8
	b	2f
1:	addi	r8, r9, -624		/* MAS0-MAS6 (no MAS5) */
	cmplwi	r8, 6
	bgt	3f
	slwi	r8, r8, 2
	lis	r9, fp_mas_offsets@ha
	addi	r9, r9, fp_mas_offsets@l
	lwzx	r8, r9, r8
	cmpwi	r8, 0
	beq-	fp_slow
	b	2f
3:	li	r8, SH_MAS7_3		/* MAS7: the high word */
	cmpwi	r9, 944
	beq	2f
	li	r8, VCPU_BUCSR		/* Linux flushes the BTB on every entry */
	cmpwi	r9, 1013
	beq	2f
	li	r8, SH_SRR0+4
	cmpwi	r9, 26
	beq	2f
	li	r8, SH_SRR1+4
	cmpwi	r9, 27
	beq	2f
	li	r8, SH_DEAR+4
	cmpwi	r9, 61
	beq	2f
	li	r8, SH_ESR
	cmpwi	r9, 62
	bne-	fp_slow
2:
.endm

fp_mfspr:
	SPR_OFFSET 8
	lwzx	r9, r12, r8
	li	r8, EK_MFSPR_NR
	/* fall through */

/* Write r9 to guest GPR r13, then finish with exit kind r8. */
fp_set_gpr:
	lis	r11, fp_gpr_set@ha
	addi	r11, r11, fp_gpr_set@l
	rlwinm	r13, r13, 3, 24, 28
	add	r11, r11, r13
	mtctr	r11
	bctr

fp_mtspr:
	SPR_OFFSET 8
	mr	r11, r8
fp_get_gpr:			/* guest GPR r13 -> r9, then fp_got_gpr */
	lis	r8, fp_gpr_get@ha
	addi	r8, r8, fp_gpr_get@l
	rlwinm	r13, r13, 3, 24, 28
	add	r8, r8, r13
	mtctr	r8
	bctr
fp_got_gpr:			/* r9 = guest GPR, r11 = offset, -1 (wrtee), -2 (mtmsr) */
	cmpwi	r11, -2
	beq	fp_mtmsr_got
	cmpwi	r11, -1
	bne	5f
	andi.	r9, r9, 0x8000
	b	fp_wrtee_set
5:	stwx	r9, r12, r11
	li	r8, EK_MTSPR_NR
	/* SPRG3-7 are user-readable: the real ones hold the guest's values */
	cmplwi	r11, SH_SPRG4+4
	bge	1f
	cmplwi	r11, SH_SPRG3+4
	bne	fp_done
	mtspr	SPRN_SPRG3, r9
	b	fp_done
1:	cmplwi	r11, SH_SPRG5+4
	bge	2f
	mtspr	SPRN_SPRG4, r9
	b	fp_done
2:	cmplwi	r11, SH_SPRG6+4
	bge	3f
	mtspr	SPRN_SPRG5, r9
	b	fp_done
3:	cmplwi	r11, SH_SPRG7+4
	bge	4f
	mtspr	SPRN_SPRG6, r9
	b	fp_done
4:	mtspr	SPRN_SPRG7, r9
	b	fp_done

/* Guest GPR N, 8 bytes per entry; r8-r13 live in their save slots. */
	.set	fp_off_r8, PCPU_FP_R8
	.set	fp_off_r9, PCPU_FP_R9
	.set	fp_off_r12, PCPU_FP_R12
	.set	fp_off_r13, PCPU_FP_R13
.macro GPR_GET n
	.if \n == 8 || \n == 9 || \n == 12 || \n == 13
	lwz	r9, fp_off_r\n(r10)
	.elseif \n == 10
	mfspr	r9, SPRN_SPRG0
	.elseif \n == 11
	mfspr	r9, SPRN_SPRG1
	.else
	mr	r9, \n
	.endif
	b	fp_got_gpr
.endm
.macro GPR_SET n
	.if \n == 8 || \n == 9 || \n == 12 || \n == 13
	stw	r9, fp_off_r\n(r10)
	.elseif \n == 10
	mtspr	SPRN_SPRG0, r9
	.elseif \n == 11
	mtspr	SPRN_SPRG1, r9
	.else
	mr	\n, r9
	.endif
	b	fp_done
.endm

	.balign	8
fp_gpr_get:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	GPR_GET \n
	.endr
fp_gpr_set:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	GPR_SET \n
	.endr

fp_done:
	/* statistics of kind r8 (same fields as stats_record()) */
	mulli	r8, r8, STAT_SIZE
	add	r11, r12, r8
	lwz	r8, VCPU_STATS+STAT_COUNT(r11)
	addi	r8, r8, 1
	stw	r8, VCPU_STATS+STAT_COUNT(r11)
	mfspr	r9, SPRN_TBRL
	lwz	r8, PCPU_FP_TB(r10)
	subf	r9, r8, r9		/* ticks */
	lwz	r8, VCPU_STATS+STAT_MIN(r11)
	cmpwi	r8, 0
	beq	1f
	cmplw	r9, r8
	bge	2f
1:	stw	r9, VCPU_STATS+STAT_MIN(r11)
2:	lwz	r8, VCPU_STATS+STAT_MAX(r11)
	cmplw	r9, r8
	ble	3f
	stw	r9, VCPU_STATS+STAT_MAX(r11)
3:	lwz	r8, VCPU_STATS+STAT_TOTAL+4(r11)
	add	r9, r8, r9
	stw	r9, VCPU_STATS+STAT_TOTAL+4(r11)
	cmplw	r9, r8
	bge	4f
	lwz	r8, VCPU_STATS+STAT_TOTAL(r11)
	addi	r8, r8, 1
	stw	r8, VCPU_STATS+STAT_TOTAL(r11)
4:	/* resume after the instruction */
	mfspr	r9, SPRN_SRR0
	addi	r9, r9, 4
	mtspr	SPRN_SRR0, r9
	lwz	r9, PCPU_FP_CTR(r10)
	mtctr	r9
	lwz	r8, PCPU_FP_R8(r10)
	lwz	r9, PCPU_FP_R9(r10)
	lwz	r12, PCPU_FP_R12(r10)
	lwz	r13, PCPU_FP_R13(r10)
	lwz	r11, PCPU_CR(r10)
	mtcr	r11
	mfspr	r10, SPRN_SPRG0
	mfspr	r11, SPRN_SPRG1
	rfi

/* Not for the fast path: the C way, with the guest state untouched. */
fp_slow:
	lwz	r9, PCPU_FP_CTR(r10)
	mtctr	r9
	lwz	r8, PCPU_FP_R8(r10)
	lwz	r9, PCPU_FP_R9(r10)
	lwz	r12, PCPU_FP_R12(r10)
	lwz	r13, PCPU_FP_R13(r10)
fp_slow_none:
	li	r11, 6
	b	guest_exit_base

	.section .rodata
	.balign	4
fp_sprg_offsets:
	.long	SH_SPRG0+4, SH_SPRG1+4, SH_SPRG2+4, SH_SPRG3+4
	.long	SH_SPRG4+4, SH_SPRG5+4, SH_SPRG6+4, SH_SPRG7+4
fp_mas_offsets:			/* MAS0-MAS6; 0: MAS5 does not exist on e500 */
	.long	SH_MAS0, SH_MAS1, SH_MAS2+4, SH_MAS7_3+4, SH_MAS4, 0, SH_MAS6
	.previous

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

hv_trap_crit:
	b	hv_fatal_crit
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
