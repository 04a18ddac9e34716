/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest runtime entry and exception vectors.
 *
 * The image is linked at EA/PA 0 (ePAPR boot: TLB1[0] maps 0 -> 0, 64 MiB).
 * IVPR = 0 and IVORn = 0x100 + n * 0x20 (n = 0..35; 16..31 unused).
 * Each stub saves r1 in an SPRG (SPRG0 base class, SPRG1 critical class,
 * SPRG2 machine check), switches to a fixed per-class frame, and calls
 * rt_dispatch(frame) in C; the handler may edit the frame (GPRs, SRR0/1);
 * the frame is then restored and the interrupt returns through
 * rfi / rfci / rfmci.
 */

#define FRAME_BASE 0x0070 /* upper 16 bits of the base-class frame    */
#define FRAME_CRIT 0x0068 /* critical class (CSRR0/1, rfci)             */
#define FRAME_MC   0x0060 /* machine check (MCSRR0/1, rfmci)            */

#define F_LR  128
#define F_CTR 132
#define F_XER 136
#define F_CR  140
#define F_SRR0 144
#define F_SRR1 148
#define F_VEC 152

	.section .text.start, "ax"
	.globl _start
_start:
	b	rt_reset

	.org	0x100
	.globl	rt_vectors
rt_vectors:

/* One 32-byte stub per IVOR number. */
.macro STUB n, sprg, frame, common
	.org	0x100 + \n * 0x20
	mtspr	\sprg, %r1
	lis	%r1, \frame
	stw	%r3, 12(%r1)
	li	%r3, \n
	b	\common
.endm

	STUB 0, 273, FRAME_CRIT, common_crit	/* critical input   */
	STUB 1, 274, FRAME_MC, common_mc	/* machine check    */
	STUB 2, 272, FRAME_BASE, common_base
	STUB 3, 272, FRAME_BASE, common_base
	STUB 4, 272, FRAME_BASE, common_base
	STUB 5, 272, FRAME_BASE, common_base
	STUB 6, 272, FRAME_BASE, common_base
	STUB 7, 272, FRAME_BASE, common_base
	STUB 8, 272, FRAME_BASE, common_base
	STUB 9, 272, FRAME_BASE, common_base
	STUB 10, 272, FRAME_BASE, common_base
	STUB 11, 272, FRAME_BASE, common_base
	STUB 12, 273, FRAME_CRIT, common_crit	/* watchdog         */
	STUB 13, 272, FRAME_BASE, common_base
	STUB 14, 272, FRAME_BASE, common_base
	STUB 15, 273, FRAME_CRIT, common_crit	/* debug (critical on e500v2) */
	STUB 32, 272, FRAME_BASE, common_base
	STUB 33, 272, FRAME_BASE, common_base
	STUB 34, 272, FRAME_BASE, common_base
	STUB 35, 272, FRAME_BASE, common_base

/* Save everything into the frame at r1; r3 = vector; the SPRG holds r1. */
.macro COMMON name, sprg, srr0, srr1, ret
	.globl	\name
\name:
	stw	%r0, 0(%r1)
	stw	%r2, 8(%r1)
	stmw	%r4, 16(%r1)
	mfspr	%r0, \sprg
	stw	%r0, 4(%r1)
	mflr	%r0
	stw	%r0, F_LR(%r1)
	mfctr	%r0
	stw	%r0, F_CTR(%r1)
	mfxer	%r0
	stw	%r0, F_XER(%r1)
	mfcr	%r0
	stw	%r0, F_CR(%r1)
	mfspr	%r0, \srr0
	stw	%r0, F_SRR0(%r1)
	mfspr	%r0, \srr1
	stw	%r0, F_SRR1(%r1)
	stw	%r3, F_VEC(%r1)
	mr	%r3, %r1
	li	%r0, 0
	stwu	%r0, -32(%r1)
	stw	%r0, 0(%r1)
	bl	rt_dispatch
	addi	%r1, %r1, 32
	lwz	%r0, F_SRR0(%r1)
	mtspr	\srr0, %r0
	lwz	%r0, F_SRR1(%r1)
	mtspr	\srr1, %r0
	lwz	%r0, F_LR(%r1)
	mtlr	%r0
	lwz	%r0, F_CTR(%r1)
	mtctr	%r0
	lwz	%r0, F_XER(%r1)
	mtxer	%r0
	lwz	%r0, F_CR(%r1)
	mtcr	%r0
	lwz	%r0, 0(%r1)
	lwz	%r2, 8(%r1)
	lmw	%r3, 12(%r1)
	lwz	%r1, 4(%r1)
	\ret
.endm

	.text
	COMMON common_base, 272, 26, 27, rfi
	COMMON common_crit, 273, 58, 59, rfci
	COMMON common_mc, 274, 570, 571, rfmci

	.globl	rt_reset
rt_reset:
	lis	%r1, 0x0080		/* RT_STACK_TOP */
	li	%r0, 0
	stwu	%r0, -16(%r1)
	bl	rt_init
1:	b	1b

/*
 * u32 rt_user_call(u32 (*fn)(u32), u32 arg, u32 msr)
 * Enter fn(arg) with MSR = msr | PR; fn returns to rt_user_exit, whose magic
 * sc brings us back (rt_dispatch sends it to rt_user_return).
 */
	.globl	rt_user_call
rt_user_call:
	stwu	%r1, -96(%r1)
	mflr	%r0
	stw	%r0, 100(%r1)
	stmw	%r14, 8(%r1)
	mfmsr	%r0
	stw	%r0, 84(%r1)
	lis	%r6, rt_user_sp@ha
	stw	%r1, rt_user_sp@l(%r6)
	lis	%r6, rt_user_msr@ha
	stw	%r0, rt_user_msr@l(%r6)
	mtsrr0	%r3
	ori	%r5, %r5, 0x4000	/* MSR[PR] */
	mtsrr1	%r5
	lis	%r0, rt_user_exit@h
	ori	%r0, %r0, rt_user_exit@l
	mtlr	%r0
	mr	%r3, %r4
	rfi

	.globl	rt_user_exit
rt_user_exit:
	lis	%r0, 0x5553
	ori	%r0, %r0, 0x4552
	sc
	b	rt_user_exit

	.globl	rt_user_return
rt_user_return:
	lis	%r6, rt_user_sp@ha
	lwz	%r1, rt_user_sp@l(%r6)
	lmw	%r14, 8(%r1)
	lwz	%r0, 100(%r1)
	mtlr	%r0
	addi	%r1, %r1, 96
	blr
	.section .note.GNU-stack,"",@progbits
