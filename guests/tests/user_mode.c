/* SPDX-License-Identifier: GPL-2.0-only */
/* User mode: rfi to PR=1 and back through sc; privileged instructions from
 * user mode raise program interrupts with ESR[PPR]; user reads of USPRG0 and
 * SPRG4-7; user-visible registers survive the round trip. */
#include "rt.h"

static volatile u32 n_prog, last_esr, last_srr1;

static void on_program(struct rt_frame *f)
{
	n_prog++;
	last_esr = mfspr(SPR_ESR);
	last_srr1 = f->srr1;
	f->gpr[3] = 0xEEEE;
	f->srr0 += 4;
}

#define USER_INSN(name, insn)                                                  \
	static u32 name(u32 x)                                                 \
	{                                                                      \
		u32 v = 0x1234;                                                \
		__asm__ __volatile__("mr 3,%1\n\t" insn "\n\tmr %0,3"          \
				     : "=r"(v)                                 \
				     : "r"(v)                                  \
				     : "r3", "memory");                        \
		return v;                                                      \
	}

USER_INSN(u_mfmsr, "mfmsr 3")
USER_INSN(u_mtmsr, "mtmsr 3")
USER_INSN(u_wrteei, "wrteei 1")
USER_INSN(u_wrtee, "wrtee 3")
USER_INSN(u_tlbwe, "tlbwe")
USER_INSN(u_tlbre, "tlbre")
USER_INSN(u_tlbsx, "tlbsx 0,3")
USER_INSN(u_tlbivax, "tlbivax 0,3")
USER_INSN(u_tlbsync, "tlbsync")
USER_INSN(u_rfi, "rfi")
USER_INSN(u_rfci, "rfci")
USER_INSN(u_mfsrr0, "mfspr 3,26")
USER_INSN(u_mtivpr, "mtspr 63,3")
USER_INSN(u_mfpvr, "mfspr 3,287")
USER_INSN(u_mtdec, "mtspr 22,3")
USER_INSN(u_mftcr, "mfspr 3,340")
USER_INSN(u_mtpid, "mtspr 48,3")
USER_INSN(u_mfmas1, "mfspr 3,625")
USER_INSN(u_mfsprg4, "mfspr 3,260")
USER_INSN(u_mfusprg0, "mfspr 3,256")
USER_INSN(u_mfxer, "mfspr 3,1")

static u32 u_regs(u32 x)
{
	/* LR/CTR/CR/XER are user registers */
	u32 ctr;
	__asm__ __volatile__("mtctr %1; mfctr %0" : "=r"(ctr) : "r"(x) : "ctr");
	return ctr;
}

struct ucase {
	const char *name;
	u32 (*fn)(u32);
	u32 traps;
};

int main(void)
{
	static const struct ucase cases[] = {
		{ "mfmsr", u_mfmsr, 1 },       { "mtmsr", u_mtmsr, 1 },
		{ "wrteei", u_wrteei, 1 },     { "wrtee", u_wrtee, 1 },
		{ "tlbwe", u_tlbwe, 1 },       { "tlbre", u_tlbre, 1 },
		{ "tlbsx", u_tlbsx, 1 },       { "tlbivax", u_tlbivax, 1 },
		{ "tlbsync", u_tlbsync, 1 },   { "rfi", u_rfi, 1 },
		{ "rfci", u_rfci, 1 },         { "mfspr srr0", u_mfsrr0, 1 },
		{ "mtspr ivpr", u_mtivpr, 1 }, { "mfspr pvr", u_mfpvr, 1 },
		{ "mtspr dec", u_mtdec, 1 },   { "mfspr tcr", u_mftcr, 1 },
		{ "mtspr pid0", u_mtpid, 1 },  { "mfspr mas1", u_mfmas1, 1 },
		{ "mfspr sprg4r", u_mfsprg4, 0 }, { "mfspr usprg0", u_mfusprg0, 0 },
		{ "mfspr xer", u_mfxer, 0 },
	};
	char name[48];
	u32 i;

	test_begin("user_mode");
	rt_set_handler(IVOR_PROGRAM, on_program);
	mtspr(SPR_SPRG4, 0x44440000);
	mtspr(SPR_USPRG0, 0x0000abcd);
	mtspr(SPR_IVPR, 0);

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 before = n_prog, r;
		const char *s = cases[i].name;
		int n = 0;

		last_esr = last_srr1 = 0;
		r = rt_user_call(cases[i].fn, 0, MSR_ME);
		while (*s)
			name[n++] = *s++;
		name[n] = 0;
		check(name, n_prog - before, cases[i].traps);
		if (cases[i].traps) {
			name[n] = ' '; name[n + 1] = 'e'; name[n + 2] = 's'; name[n + 3] = 'r';
			name[n + 4] = 0;
			check(name, last_esr, ESR_PPR);
			name[n + 1] = 's'; name[n + 2] = 'r'; name[n + 3] = 'r'; name[n + 4] = '1';
			name[n + 5] = 0;
			check_msr(name, last_srr1, MSR_ME | MSR_PR);
		} else if (cases[i].fn == u_mfsprg4) {
			check("user sprg4 value", r, 0x44440000);
		} else if (cases[i].fn == u_mfusprg0) {
			check("user usprg0 value", r, 0xabcd);
		}
	}
	check("ivpr untouched", mfspr(SPR_IVPR) & 0xFFFF0000, 0);
	check("sprg4 untouched", mfspr(SPR_SPRG4), 0x44440000);
	check("user regs", rt_user_call(u_regs, 0x10, MSR_ME), 0x10);
	check_msr("msr after user", mfmsr(), MSR_ME);
	return test_end();
}
