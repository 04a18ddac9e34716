/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mtspr/mfspr/mfmsr with every GPR, r0-r31, as source or target (r1 and
 * r2 included: the stack pointer is parked meanwhile), for SPRG0, SRR0,
 * MAS1, SPRG5 and the MSR; CR, CTR, XER and LR must be untouched by the round trips. Under
 * beryl these are the instructions its assembly fast path emulates, which
 * keeps guest r8-r13 in save slots: every register is checked.
 */
#include "rt.h"

#define NREG 32

/*
 * res[0..31]: SPRG0 round trips, [32..63]: SRR0, [64..95]: mfmsr,
 * [96..127]: MAS1, [128..159]: SPRG5 written, read through SPRG5R (the
 * user-readable alias reads the real register, without trapping)
 */
u32 res[5 * NREG];
u32 save_area[24];
u32 after_cr, after_ctr, after_xer, after_lr;

/*
 * For each N: rN = 0x12345600 + N; mtspr SPRG0,rN; rN = 0; mfspr rN,SPRG0;
 * store; the same through SRR0; then mfmsr rN; store. The results base is
 * r30 (r31 while N is 30).
 */
__asm__(".text\n"
	".globl gpr_spr_run\n"
	"gpr_spr_run:\n"
	"	lis 12, save_area@ha\n"
	"	addi 12, 12, save_area@l\n"
	"	stmw 13, 0(12)\n"
	"	stw 1, 76(12)\n"
	"	stw 2, 80(12)\n"
	"	mflr 0\n"
	"	stw 0, 84(12)\n"
	/* known CR, CTR, XER, LR that the traps must leave alone */
	"	lis 0, 0x2468\n"
	"	ori 0, 0, 0xace1\n"
	"	mtcrf 0xff, 0\n"
	"	lis 0, 0x0bad\n"
	"	ori 0, 0, 0xcafe\n"
	"	mtctr 0\n"
	"	lis 0, 0x2000\n"
	"	mtxer 0\n"
	"	lis 0, 0x1357\n"
	"	ori 0, 0, 0x9bdf\n"
	"	mtlr 0\n"
	"	lis 30, res@ha\n"
	"	addi 30, 30, res@l\n"
	"	mr 31, 30\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	.if \\n == 30\n"
	"	.set base, 31\n"
	"	.else\n"
	"	.set base, 30\n"
	"	.endif\n"
	"	lis \\n, 0x1234\n"
	"	ori \\n, \\n, 0x5600 + \\n\n"
	"	mtspr 272, \\n\n"
	"	li \\n, 0\n"
	"	mfspr \\n, 272\n"
	"	stw \\n, 4 * \\n(base)\n"
	"	lis \\n, 0x4321\n"
	"	ori \\n, \\n, 0x6500 + \\n\n"
	"	mtspr 26, \\n\n"
	"	li \\n, 0\n"
	"	mfspr \\n, 26\n"
	"	stw \\n, 128 + 4 * \\n(base)\n"
	"	li \\n, 0\n"
	"	mfmsr \\n\n"
	"	stw \\n, 256 + 4 * \\n(base)\n"
	"	lis \\n, 0x8000\n"
	"	ori \\n, \\n, 0x0100 + \\n\n"
	"	oris \\n, \\n, \\n\n"
	"	mtspr 625, \\n\n"
	"	li \\n, 0\n"
	"	mfspr \\n, 625\n"
	"	stw \\n, 384 + 4 * \\n(base)\n"
	"	lis \\n, 0x5555\n"
	"	ori \\n, \\n, 0x5500 + \\n\n"
	"	mtspr 277, \\n\n"
	"	li \\n, 0\n"
	"	mfspr \\n, 261\n"
	"	stw \\n, 512 + 4 * \\n(base)\n"
	"	.if \\n == 30\n"
	"	mr 30, 31\n"
	"	.endif\n"
	"	.endr\n"
	"	lis 12, after_cr@ha\n"
	"	mfcr 0\n"
	"	stw 0, after_cr@l(12)\n"
	"	lis 12, after_ctr@ha\n"
	"	mfctr 0\n"
	"	stw 0, after_ctr@l(12)\n"
	"	lis 12, after_xer@ha\n"
	"	mfxer 0\n"
	"	stw 0, after_xer@l(12)\n"
	"	lis 12, after_lr@ha\n"
	"	mflr 0\n"
	"	stw 0, after_lr@l(12)\n"
	"	lis 12, save_area@ha\n"
	"	addi 12, 12, save_area@l\n"
	"	lmw 13, 0(12)\n"
	"	lwz 1, 76(12)\n"
	"	lwz 2, 80(12)\n"
	"	lwz 0, 84(12)\n"
	"	mtlr 0\n"
	"	blr\n");

void gpr_spr_run(void);

static const char *name(char *buf, const char *prefix, u32 n)
{
	char *p = buf;

	while (*prefix)
		*p++ = *prefix++;
	if (n >= 10)
		*p++ = (char)('0' + n / 10);
	*p++ = (char)('0' + n % 10);
	*p = 0;
	return buf;
}

int main(void)
{
	char what[40];
	u32 i, msr;

	test_begin("gpr_spr");
	msr = mfmsr();
	gpr_spr_run();
	for (i = 0; i < NREG; i++) {
		check(name(what, "sprg0 via r", i), res[i], 0x12345600 + i);
		check(name(what, "srr0 via r", i), res[NREG + i], 0x43216500 + i);
		check_msr(name(what, "mfmsr to r", i), res[2 * NREG + i], msr);
		check(name(what, "mas1 via r", i), res[3 * NREG + i], 0x80000100 | i << 16 | i);
		check(name(what, "sprg5 via r", i), res[4 * NREG + i], 0x55555500 + i);
	}
	check("cr kept", after_cr, 0x2468ace1);
	check("ctr kept", after_ctr, 0x0badcafe);
	check_mask("xer kept", after_xer, 0x20000000, 0xE0000000);
	check("lr kept", after_lr, 0x13579bdf);
	return test_end();
}
