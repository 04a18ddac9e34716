/* SPDX-License-Identifier: GPL-2.0-only */
/* rfi / rfci (/ rfmci): return to an address and MSR taken from
 * SRR0/1, CSRR0/1 (MCSRR0/1).
 *
 * QEMU 7.2 deviation: its e500v2 model does not implement rfmci (it raises a
 * program interrupt, ESR[PIL]), although e500v2 silicon has it. rfmci is
 * therefore not executed here; only the MCSRR0/1 round trip is tested. */
#include "rt.h"

extern char rf_target[];
extern u32 rf_jump(u32 kind, u32 addr, u32 msr);

/* r3 = kind (0 rfi, 1 rfci, 2 rfmci), r4 = target, r5 = msr; returns at
 * rf_target with r3 = MSR seen there. */
__asm__(".text\n"
	".globl rf_jump\n"
	"rf_jump:\n"
	"	mflr %r9\n"
	"	cmpwi %r3, 0\n"
	"	bne 1f\n"
	"	mtsrr0 %r4\n"
	"	mtsrr1 %r5\n"
	"	li %r3, 0x111\n"
	"	rfi\n"
	"1:	cmpwi %r3, 1\n"
	"	bne 2f\n"
	"	mtspr 58, %r4\n"
	"	mtspr 59, %r5\n"
	"	li %r3, 0x222\n"
	"	rfci\n"
	"2:	mtspr 570, %r4\n"
	"	mtspr 571, %r5\n"
	"	li %r3, 0x333\n"
	"	rfmci\n"
	"	li %r3, -1\n"
	"	blr\n"
	".globl rf_target\n"
	"rf_target:\n"
	"	mfmsr %r4\n"
	"	mtlr %r9\n"
	"	mr %r3, %r4\n"
	"	blr\n"
	".globl rf_target2\n"
	"rf_target2:\n"
	"	mfmsr %r3\n"
	"	ori %r3, %r3, 1\n"
	"	mtlr %r9\n"
	"	blr\n");

extern char rf_target2[];

static u32 user_target_msr;
static void on_sc(struct rt_frame *f)
{
	user_target_msr = f->srr1;
	f->srr1 = MSR_ME;
}

/* used as a user-mode landing pad: sc back */
__asm__(".text\n"
	".globl rf_user_pad\n"
	"rf_user_pad:\n"
	"	li %r0, 0\n"
	"	sc\n"
	"	mtlr %r9\n"
	"	li %r3, 0x5c\n"
	"	blr\n");
extern char rf_user_pad[];

int main(void)
{
	static const char *const kinds[3] = { "rfi", "rfci", "rfmci" };
	static const u32 msrs[4] = { MSR_ME, MSR_ME | MSR_EE, MSR_ME | MSR_DS,
				     MSR_ME | MSR_UCLE };
	char buf[40];
	u32 k, i;

	test_begin("rfci_rfmci");

	/* AS1 copy of RAM so that DS=1 keeps data accessible */
	rt_tlb1_map(2, 0, 0, 0, TSIZE_64M, 0, MAS3_ALL, 0, 1, 0);

	for (k = 0; k < 2; k++)
		for (i = 0; i < 4; i++) {
			u32 got = rf_jump(k, (u32)rf_target, msrs[i]);
			mtmsr(MSR_ME);
			/* build name "<kind> msr<i>" */
			{
				const char *s = kinds[k];
				int n = 0;
				while (*s)
					buf[n++] = *s++;
				buf[n++] = ' ';
				buf[n++] = 'm';
				buf[n++] = 's';
				buf[n++] = 'r';
				buf[n++] = (char)('0' + i);
				buf[n] = 0;
			}
			check_msr(buf, got, msrs[i]);
		}

	check_msr("rfi other target", rf_jump(0, (u32)rf_target2, MSR_ME), MSR_ME | 1);
	check_msr("rfci other target", rf_jump(1, (u32)rf_target2, MSR_ME), MSR_ME | 1);

	/* return into user mode with each, come back by sc */
	rt_set_handler(IVOR_SYSCALL, on_sc);
	for (k = 0; k < 2; k++) {
		u32 r;
		user_target_msr = 0;
		r = rf_jump(k, (u32)rf_user_pad, MSR_ME | MSR_PR);
		check(k == 0 ? "rfi to user" : k == 1 ? "rfci to user" : "rfmci to user", r, 0x5c);
		check_msr(k == 0 ? "rfi user msr" : k == 1 ? "rfci user msr" : "rfmci user msr",
			  user_target_msr, MSR_ME | MSR_PR);
	}

	/* SRR/CSRR/MCSRR unchanged by the other returns */
	mtspr(SPR_SRR0, 0x1111);
	mtspr(SPR_SRR1, 0x2222);
	rf_jump(1, (u32)rf_target, MSR_ME);
	check("srr0 after rfci", mfspr(SPR_SRR0), 0x1111);
	check("srr1 after rfci", mfspr(SPR_SRR1), 0x2222);
	mtspr(SPR_CSRR0, 0x3330);
	mtspr(SPR_CSRR1, 0x4440);
	rf_jump(0, (u32)rf_target, MSR_ME);
	check("csrr0 after rfi", mfspr(SPR_CSRR0), 0x3330);
	check("csrr1 after rfi", mfspr(SPR_CSRR1), 0x4440);
	mtspr(SPR_MCSRR0, 0x5550);
	mtspr(SPR_MCSRR1, 0x6660);
	rf_jump(1, (u32)rf_target, MSR_ME);
	rf_jump(0, (u32)rf_target, MSR_ME);
	check("mcsrr0 after rfci rfi", mfspr(SPR_MCSRR0), 0x5550);
	check("mcsrr1 after rfci rfi", mfspr(SPR_MCSRR1), 0x6660);

	rt_tlb_reset();
	return test_end();
}
