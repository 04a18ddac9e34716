/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where beryl starts: the boot CPU from its boot loader (ePAPR), a
 * secondary CPU from its spin table.
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

	.section .note.GNU-stack,"",@progbits
