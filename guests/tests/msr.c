/* SPDX-License-Identifier: GPL-2.0-only */
/* MSR: mfmsr/mtmsr round trips, wrtee/wrteei, IS/DS switching with code,
 * data, stack and console mapped in both address spaces. MSR[CE] and
 * MSR[DE] stay 0 (QEMU clears them on base-class interrupts). */
#include "rt.h"

static volatile u32 data_word = 0x600dd00d;

static u32 __attribute__((noinline)) as1_function(u32 x)
{
	return x * 3 + 1;
}

static u32 user_read_msr_as(u32 x)
{
	return data_word + as1_function(x);
}

static void msr_set(const char *what, u32 v)
{
	mtmsr(v);
	{
		u32 got = mfmsr();
		mtmsr(MSR_ME);
		check_msr(what, got, v);
	}
}

static u32 sc_srr1, sc_msr;

static void on_sc(struct rt_frame *f)
{
	sc_srr1 = f->srr1;
	sc_msr = mfmsr();
}

int main(void)
{
	u32 m;

	test_begin("msr");
	check_msr("initial msr", mfmsr(), MSR_ME);

	/* EE (no interrupt source is armed: TCR = 0) */
	mtmsr(MSR_ME | MSR_EE);
	check_msr("mtmsr ee", mfmsr(), MSR_ME | MSR_EE);
	__asm__ __volatile__("wrteei 0" ::: "memory");
	check_msr("wrteei 0", mfmsr(), MSR_ME);
	__asm__ __volatile__("wrteei 1" ::: "memory");
	check_msr("wrteei 1", mfmsr(), MSR_ME | MSR_EE);
	m = 0;
	__asm__ __volatile__("wrtee %0" ::"r"(m) : "memory");
	check_msr("wrtee 0", mfmsr(), MSR_ME);
	m = MSR_EE;
	__asm__ __volatile__("wrtee %0" ::"r"(m) : "memory");
	check_msr("wrtee ee", mfmsr(), MSR_ME | MSR_EE);
	/* wrtee copies only bit EE */
	m = ~MSR_EE;
	__asm__ __volatile__("wrtee %0" ::"r"(m) : "memory");
	check_msr("wrtee only ee", mfmsr(), MSR_ME);
	m = 0xFFFFFFFFu;
	__asm__ __volatile__("wrtee %0" ::"r"(m) : "memory");
	check_msr("wrtee all ones", mfmsr(), MSR_ME | MSR_EE);
	__asm__ __volatile__("wrteei 0" ::: "memory");

	/* ME */
	msr_set("mtmsr 0", 0);
	msr_set("mtmsr me", MSR_ME);
	/* other implemented bits, one at a time */
	msr_set("mtmsr ucle", MSR_ME | MSR_UCLE);
	msr_set("mtmsr spv", MSR_ME | MSR_SPV);
	msr_set("mtmsr fe0", MSR_ME | MSR_FE0);
	msr_set("mtmsr fe1", MSR_ME | MSR_FE1);
	msr_set("mtmsr ucle spv ee", MSR_ME | MSR_UCLE | MSR_SPV | MSR_EE);

	/* AS1: a TS=1 copy of RAM (64 MiB) and of the console page. */
	rt_tlb1_map(2, 0, 0, 0, TSIZE_64M, 0, MAS3_ALL, 0, 1, 0);
	rt_tlb1_map(3, RT_CCSR_EA, 0xF, 0xE0000000u, TSIZE_1M, MAS2_I | MAS2_G,
		    MAS3_SR | MAS3_SW, 0, 1, 0);

	mtmsr(MSR_ME | MSR_DS);
	m = mfmsr();
	{
		u32 d = data_word;
		mtmsr(MSR_ME);
		check_msr("mtmsr ds", m, MSR_ME | MSR_DS);
		check("ds data read", d, 0x600dd00d);
	}
	mtmsr(MSR_ME | MSR_IS);
	m = mfmsr();
	{
		u32 r = as1_function(5);
		mtmsr(MSR_ME);
		check_msr("mtmsr is", m, MSR_ME | MSR_IS);
		check("is code fetch", r, 16);
	}
	mtmsr(MSR_ME | MSR_IS | MSR_DS);
	m = mfmsr();
	data_word = 0x12345678;
	rt_printf("printing from AS1\n");
	check_msr("mtmsr is ds", m, MSR_ME | MSR_IS | MSR_DS);
	check("as1 data write", data_word, 0x12345678);
	check("as1 call", as1_function(7), 22);
	mtmsr(MSR_ME);
	check_msr("back to as0", mfmsr(), MSR_ME);
	check("as0 sees as1 write", data_word, 0x12345678);

	/* user mode in AS1 */
	check("user as1 call", rt_user_call(user_read_msr_as, 1, MSR_ME | MSR_IS | MSR_DS),
	      0x12345678 + 4);
	check_msr("msr after user as1", mfmsr(), MSR_ME);
	check("user as0 call", rt_user_call(user_read_msr_as, 2, MSR_ME), 0x12345678 + 7);

	rt_set_handler(IVOR_SYSCALL, on_sc);
	/* exceptions taken from AS1 run in AS0 and return to AS1 */
	mtmsr(MSR_ME | MSR_IS | MSR_DS);
	__asm__ __volatile__("li %%r0,0; sc" ::: "r0", "r3", "memory");
	m = mfmsr();
	mtmsr(MSR_ME);
	check_msr("msr after sc from as1", m, MSR_ME | MSR_IS | MSR_DS);
	check_msr("sc srr1 from as1", sc_srr1, MSR_ME | MSR_IS | MSR_DS);
	check_msr("sc handler msr", sc_msr, MSR_ME);

	rt_tlb_reset();
	return test_end();
}
