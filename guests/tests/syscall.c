/* SPDX-License-Identifier: GPL-2.0-only */
/* sc from supervisor and user mode: SRR0 = address after sc, SRR1 = MSR at
 * sc, MSR in the handler, GPRs preserved. */
#include "rt.h"

static volatile u32 n_sc, sc_srr0, sc_srr1, sc_msr, sc_r3, sc_r4, sc_esr_set;

static void on_sc(struct rt_frame *f)
{
	n_sc++;
	sc_srr0 = f->srr0;
	sc_srr1 = f->srr1;
	sc_msr = mfmsr();
	sc_r3 = f->gpr[3];
	sc_r4 = f->gpr[4];
	f->gpr[3] = f->gpr[3] + f->gpr[4]; /* "return value" */
}

extern char sc_after_sup[], sc_after_user[];
extern u32 do_sc_sup(u32 a, u32 b);
extern u32 do_sc_user(u32 a);
__asm__(".text\n"
	".globl do_sc_sup\n"
	"do_sc_sup:\n"
	"	li %r0, 1\n"
	"	sc\n"
	".globl sc_after_sup\n"
	"sc_after_sup:\n"
	"	blr\n"
	".globl do_sc_user\n"
	"do_sc_user:\n"
	"	li %r4, 0x100\n"
	"	li %r0, 2\n"
	"	sc\n"
	".globl sc_after_user\n"
	"sc_after_user:\n"
	"	blr\n");

int main(void)
{
	u32 r;

	test_begin("syscall");
	rt_set_handler(IVOR_SYSCALL, on_sc);

	r = do_sc_sup(0x1000, 0x234);
	check("sup sc count", n_sc, 1);
	check("sup sc srr0 = after sc", sc_srr0 == (u32)sc_after_sup, 1);
	check_msr("sup sc srr1", sc_srr1, MSR_ME);
	check_msr("sup sc handler msr", sc_msr, MSR_ME);
	check("sup sc r3", sc_r3, 0x1000);
	check("sup sc r4", sc_r4, 0x234);
	check("sup sc result", r, 0x1234);

	mtmsr(MSR_ME | MSR_EE);
	r = do_sc_sup(1, 2);
	mtmsr(MSR_ME);
	check_msr("sup sc srr1 ee", sc_srr1, MSR_ME | MSR_EE);
	check_msr("sup sc handler msr ee cleared", sc_msr, MSR_ME);
	check("sup sc result 2", r, 3);

	r = rt_user_call(do_sc_user, 0x55, MSR_ME);
	check("user sc count", n_sc, 3);
	check("user sc srr0 = after sc", sc_srr0 == (u32)sc_after_user, 1);
	check_msr("user sc srr1", sc_srr1, MSR_ME | MSR_PR);
	check_msr("user sc handler msr", sc_msr, MSR_ME);
	check("user sc result", r, 0x155);

	r = rt_user_call(do_sc_user, 0x66, MSR_ME | MSR_EE);
	check_msr("user sc srr1 ee", sc_srr1, MSR_ME | MSR_PR | MSR_EE);
	check_msr("user sc handler msr from ee", sc_msr, MSR_ME);
	check("user sc result 2", r, 0x166);
	check_msr("msr after user", mfmsr(), MSR_ME);

	/* AS1 */
	rt_tlb1_map(2, 0, 0, 0, TSIZE_64M, 0, MAS3_ALL, 0, 1, 0);
	r = rt_user_call(do_sc_user, 0x77, MSR_ME | MSR_IS | MSR_DS);
	check_msr("user as1 sc srr1", sc_srr1, MSR_ME | MSR_PR | MSR_IS | MSR_DS);
	check_msr("user as1 sc handler msr", sc_msr, MSR_ME);
	check("user as1 sc result", r, 0x177);
	check("total sc", n_sc, 5);

	rt_tlb_reset();
	return test_end();
}
