/* SPDX-License-Identifier: GPL-2.0-only */
/* Program interrupts: illegal (ESR[PIL]), privileged from user (ESR[PPR]),
 * trap (ESR[PTR]) with SRR0 = faulting instruction and SRR1 (QEMU reason bits
 * stripped by the runtime); data storage on a protected page. */
#include "rt.h"

static volatile u32 n_exc, e_vec, e_srr0, e_srr1, e_esr, e_dear;

static void on_exc(struct rt_frame *f)
{
	n_exc++;
	e_vec = f->vec;
	e_srr0 = f->srr0;
	e_srr1 = f->srr1;
	e_esr = mfspr(SPR_ESR);
	e_dear = (f->vec == IVOR_DSI || f->vec == IVOR_ALIGNMENT || f->vec == IVOR_DTLB_MISS) ?
			 mfspr(SPR_DEAR) : 0;
	f->srr0 += 4;
}

extern char x_ill[], x_tw[], x_twi[], x_priv[], x_st[], x_ld[];
extern void do_ill(void), do_tw(void), do_twi(void), do_st(u32), do_ld(u32);
extern u32 do_priv(u32);
__asm__(".text\n"
	".globl do_ill\ndo_ill:\n.globl x_ill\nx_ill: .long 0x00000000\n blr\n"
	".globl do_tw\ndo_tw:\n li 4,5\n.globl x_tw\nx_tw: tw 4,4,4\n blr\n"
	".globl do_twi\ndo_twi:\n li 4,7\n.globl x_twi\nx_twi: twi 31,4,0\n blr\n"
	".globl do_priv\ndo_priv:\n.globl x_priv\nx_priv: mfmsr 3\n blr\n"
	".globl do_st\ndo_st:\n li 4,0x55\n.globl x_st\nx_st: stw 4,0(3)\n blr\n"
	".globl do_ld\ndo_ld:\n.globl x_ld\nx_ld: lwz 4,0(3)\n blr\n");

int main(void)
{
	u32 i;

	test_begin("exceptions");
	for (i = 0; i < RT_NVEC; i++)
		if (i != IVOR_SYSCALL)
			rt_set_handler(i, on_exc);

	do_ill();
	check("illegal vec", e_vec, IVOR_PROGRAM);
	check("illegal srr0", e_srr0 == (u32)x_ill, 1);
	check_msr("illegal srr1", e_srr1, MSR_ME);
	check("illegal esr", e_esr, ESR_PIL);

	do_tw();
	check("tw vec", e_vec, IVOR_PROGRAM);
	check("tw srr0", e_srr0 == (u32)x_tw, 1);
	check("tw esr", e_esr, ESR_PTR);
	do_twi();
	check("twi esr", e_esr, ESR_PTR);
	check("twi srr0", e_srr0 == (u32)x_twi, 1);

	rt_user_call(do_priv, 0, MSR_ME);
	check("priv vec", e_vec, IVOR_PROGRAM);
	check("priv srr0", e_srr0 == (u32)x_priv, 1);
	check_msr("priv srr1", e_srr1, MSR_ME | MSR_PR);
	check("priv esr", e_esr, ESR_PPR);

	rt_user_call((u32 (*)(u32))do_ill, 0, MSR_ME);
	check("user illegal esr", e_esr, ESR_PIL);
	check_msr("user illegal srr1", e_srr1, MSR_ME | MSR_PR);

	/* DSI: read-only supervisor page */
	rt_tlb0_map(0, 0x20000000, RT_SCRATCH, 0, MAS3_SR, 0, 0);
	do_st(0x20000010);
	check("dsi vec", e_vec, IVOR_DSI);
	check("dsi srr0", e_srr0 == (u32)x_st, 1);
	check("dsi esr st", e_esr, ESR_ST);
	check("dsi dear", e_dear, 0x20000010);
	/* DTLB miss */
	do_ld(0x23456780);
	check("dtlb vec", e_vec, IVOR_DTLB_MISS);
	check("dtlb srr0", e_srr0 == (u32)x_ld, 1);
	check("dtlb esr", e_esr, 0);
	check("dtlb dear", e_dear, 0x23456780);
	check("exception count", n_exc, 7);

	rt_tlb_reset();
	return test_end();
}
