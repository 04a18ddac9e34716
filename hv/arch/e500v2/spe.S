/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SPE state of a guest beyond its trap frame: the upper halves of the
 * 64-bit GPRs and the accumulator. 32-bit instructions, all the
 * hypervisor runs, leave the upper halves alone, so they hold the guest's
 * values until a vCPU switch on a shared core moves them (vcpu.c).
 * The caller sets MSR[SPV].
 */
#include <arch/asm.h>

	.text
/* void spe_save(uint64_t area[33]): r0-r31 (the upper halves matter), ACC. */
	.globl	spe_save
spe_save:
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	evstdd	\n, \n*8(r3)
	.endr
	evxor	r5, r5, r5
	evmwumiaa r5, r5, r5		/* r5 = ACC + 0 * 0 */
	addi	r4, r3, 256
	evstdd	r5, 0(r4)
	blr

/*
 * void spe_restore(const uint64_t area[33]): the upper halves and ACC from
 * area; the lower halves of the registers the caller keeps stay as they are.
 */
	.globl	spe_restore
spe_restore:
	addi	r4, r3, 256
	evldd	r0, 0(r4)
	evmra	r0, r0			/* ACC = r0 */
	/* kept by the caller: only the upper half changes */
	.irp	n, 1,2,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	evldd	r0, \n*8(r3)
	evmergehilo \n, r0, \n
	.endr
	/* volatile: the whole register */
	.irp	n, 0,4,5,6,7,8,9,10,11,12
	evldd	\n, \n*8(r3)
	.endr
	evldd	r3, 24(r3)
	blr

/* void spe_clear(void): every upper half and ACC zero (nothing of another vCPU). */
	.globl	spe_clear
spe_clear:
	evxor	r0, r0, r0
	evmra	r0, r0			/* ACC = 0 */
	.irp	n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	evmergelo \n, r0, \n		/* upper = 0, lower kept */
	.endr
	blr

	.section .note.GNU-stack,"",@progbits
