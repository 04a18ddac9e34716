/* SPDX-License-Identifier: GPL-2.0-only */
/* TLB miss interrupts: DTLB error (IVOR13) on load and store (SRR0 = the
 * instruction, DEAR = the address, ESR[ST] for stores), ITLB error (IVOR14)
 * on a branch to an unmapped page (SRR0 = the target), in supervisor and user
 * mode and in TS=1 (MSR[IS]/MSR[DS] = 1). On a miss the MAS registers are
 * loaded from the MAS4 defaults (e500 core RM, "MMU assist register field
 * updates", TLB error interrupt column):
 *   MAS0  TLBSEL = MAS4[TLBSELD]; ESEL/NV = next-victim hint
 *   MAS1  V = 1, IPROT = 0, TID = PID0/PID1/PID2/0 per MAS4[TIDSELD],
 *         TS = MSR[IS] (fetch) or MSR[DS] (data), TSIZE = MAS4[TSIZED]
 *   MAS2  EPN = EA of the miss (4 KiB granule), WIMGE = MAS4[WD..ED]
 *   MAS3  0 (RPN and permissions), MAS7 0
 *   MAS6  SPID0 = PID0, SAS = the address space of the access
 * QEMU 7.2 does the same (booke206_update_mas_tlb_miss), except that it
 * does not copy MAS4[X0D/X1D] into MAS2[X0/X1]: MAS4 here never sets them.
 * Masked:
 *   - MAS0[ESEL] and MAS0[NV]: the next-victim hint is an implementation
 *     detail (QEMU keeps one round-robin counter).
 *   - MAS3[U0..U3]: never preloaded, so their fate on a miss (QEMU clears
 *     them, KVM keeps them) is not looked at.
 *   - ESR and DEAR after an ITLB error: the e500 lists only SRR0/SRR1/MSR and
 *     the MAS registers for it; QEMU 7.2 also writes DEAR = the fetch address
 *     and ESR = 0. Not printed.
 * Then the classic software TLB reload: a handler that completes the MAS
 * registers the miss preloaded (MAS3 = RPN | permissions, MAS7 = 0) and
 * retries with tlbwe, over a loop touching 8 pages twice (second pass: no
 * misses), and the same for an instruction page and for user code in TS=1. */
#include "rt.h"

#define MAS4_TIDSELD(n) ((u32)(n) << 16) /* 0 PID0, 1 PID1, 2 PID2, 3 TID=0 */
#define MAS4_WIMGED 0x0000001Fu

#define MISS_EA 0x30001234u   /* never mapped */
#define ITLB_EA 0x30005000u   /* never mapped */
#define LOOP_EA 0x30100000u   /* 8 pages, reloaded by the handler */
#define LOOP_PA (RT_SCRATCH + 0x20000)
#define CODE_EA 0x30200000u   /* code page reloaded by the handler */
#define CODE_PA (RT_SCRATCH + 0x30000)
#define TS1_EA 0x30300040u    /* data EA used with MSR[DS] = 1 */

#define FAULT_MARK 0xFA017u
#define RET_VAL 0x5au

/* What the handler saw. */
static volatile u32 n_miss, n_dmiss_st, e_vec, e_srr0, e_srr1, e_esr, e_dear;
static volatile u32 m0, m1, m2, m3, m6, m7;
/* reload mode: 0 = skip the access; 1 = install the missing page and retry */
static volatile int reload;
static volatile u32 first_srr0, first_srr1, first_m1, first_m2, first_m6;

static u32 reload_pa(u32 epn)
{
	if (epn >= LOOP_EA && epn < LOOP_EA + 8 * 0x1000)
		return LOOP_PA + (epn - LOOP_EA);
	if (epn == CODE_EA)
		return CODE_PA;
	return epn; /* identity: the image (user code run in TS=1) */
}

static void on_miss(struct rt_frame *f)
{
	n_miss++;
	e_vec = f->vec;
	e_srr0 = f->srr0;
	e_srr1 = f->srr1;
	e_esr = mfspr(SPR_ESR);
	e_dear = mfspr(SPR_DEAR);
	m0 = mfspr(SPR_MAS0);
	m1 = mfspr(SPR_MAS1);
	m2 = mfspr(SPR_MAS2);
	m3 = mfspr(SPR_MAS3);
	m6 = mfspr(SPR_MAS6);
	m7 = mfspr(SPR_MAS7);
	if (f->vec == IVOR_DTLB_MISS && (e_esr & ESR_ST))
		n_dmiss_st++;
	if (n_miss == 1) {
		first_srr0 = e_srr0;
		first_srr1 = e_srr1;
		first_m1 = m1;
		first_m2 = m2;
		first_m6 = m6;
	}
	if (reload) {
		/* The classic reload: MAS0/1/2 are as the miss left them. */
		mtspr(SPR_MAS3, reload_pa(m2 & ~0xFFFu) | MAS3_SR | MAS3_SW | MAS3_SX |
					MAS3_UR | MAS3_UW | MAS3_UX);
		mtspr(SPR_MAS7, 0);
		__asm__ __volatile__("isync; tlbwe; isync" ::: "memory");
		return; /* retry */
	}
	f->gpr[3] = FAULT_MARK;
	if (f->vec == IVOR_ITLB_MISS)
		f->srr0 = f->lr; /* the fetch was the first insn of a called function */
	else
		f->srr0 += 4;
}

/* Leaf accessors without stack use (they also run with MSR[DS] = 1). */
extern char x_ld[], x_st[], x_dsld[];
extern u32 do_ld(u32 a), do_st(u32 a), ds_ld(u32 a, u32 msr), u_ret(u32 a);
__asm__(".text\n"
	".globl do_ld\ndo_ld:\n.globl x_ld\nx_ld: lwz 3,0(3)\n blr\n"
	".globl do_st\ndo_st:\n li 6,0x77\n.globl x_st\nx_st: stw 6,0(3)\n blr\n"
	".globl ds_ld\nds_ld:\n mfmsr 5\n mtmsr 4\n isync\n"
	".globl x_dsld\nx_dsld: lwz 3,0(3)\n mtmsr 5\n isync\n blr\n"
	".globl u_ret\nu_ret:\n li 3,0x5a\n blr\n");

static void preload_mas(void)
{
	/* junk the miss must overwrite (no U0-U3 bits in MAS3, see above) */
	mtspr(SPR_MAS0, MAS0_TLBSEL(1) | MAS0_ESEL(7) | 1);
	mtspr(SPR_MAS1, MAS1_IPROT | MAS1_TID(0xEE) | MAS1_TS | MAS1_TSIZE(TSIZE_1G));
	mtspr(SPR_MAS2, 0x7777F000u | MAS2_I | MAS2_G);
	mtspr(SPR_MAS3, 0x12345000u | MAS3_SR | MAS3_SW | MAS3_UX);
	mtspr(SPR_MAS6, MAS6_SPID(0xEE) | MAS6_SAS);
	mtspr(SPR_MAS7, 0x5);
	mtspr(SPR_ESR, ESR_PIL);
	mtspr(SPR_DEAR, 0x0BAD0000u);
	isync();
}

static void set_ctx(u32 mas4, u32 pid0, u32 pid1, u32 pid2)
{
	mtspr(SPR_MAS4, mas4);
	mtspr(SPR_PID0, pid0);
	mtspr(SPR_PID1, pid1);
	mtspr(SPR_PID2, pid2);
	isync();
}

/* The MAS registers after a miss: MAS0 only TLBSEL, the rest exactly. */
static void check_mas(const char *n0, const char *n1, const char *n2, const char *n3,
		      const char *n6, const char *n7, u32 tlbsel, u32 mas1, u32 mas2, u32 mas6)
{
	check_mask(n0, m0, MAS0_TLBSEL(tlbsel), MAS0_TLBSEL_MASK);
	check(n1, m1, mas1);
	check(n2, m2, mas2);
	check(n3, m3, 0);
	check(n6, m6, mas6);
	check(n7, m7, 0);
}

int main(void)
{
	u32 before, r, i, sum, bad;

	test_begin("tlbmiss");
	rt_set_handler(IVOR_DTLB_MISS, on_miss);
	rt_set_handler(IVOR_ITLB_MISS, on_miss);

	/* ---- DTLB error on a load: TLBSELD 0, TIDSELD PID0, 4K, M */
	set_ctx(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K) | MAS2_M, 0x12, 0, 0);
	preload_mas();
	before = n_miss;
	r = do_ld(MISS_EA);
	check("dtlb ld count", n_miss - before, 1);
	check("dtlb ld vec", e_vec, IVOR_DTLB_MISS);
	check("dtlb ld srr0-insn", e_srr0 - (u32)x_ld, 0);
	check_msr("dtlb ld srr1", e_srr1, MSR_ME);
	check("dtlb ld esr", e_esr, 0);
	check("dtlb ld dear", e_dear, MISS_EA);
	check("dtlb ld r3", r, FAULT_MARK);
	check_mas("dtlb ld mas0", "dtlb ld mas1", "dtlb ld mas2", "dtlb ld mas3", "dtlb ld mas6",
		  "dtlb ld mas7", 0, MAS1_VALID | MAS1_TID(0x12) | MAS1_TSIZE(TSIZE_4K),
		  (MISS_EA & ~0xFFFu) | MAS2_M, MAS6_SPID(0x12));

	/* ---- DTLB error on a store: TLBSELD 1, TIDSELD PID1, 64K, W|E */
	set_ctx(MAS4_TLBSELD(1) | MAS4_TIDSELD(1) | MAS4_TSIZED(TSIZE_64K) | MAS2_W | MAS2_E,
		0x34, 0x56, 0);
	preload_mas();
	before = n_miss;
	do_st(MISS_EA + 0x10000);
	check("dtlb st count", n_miss - before, 1);
	check("dtlb st vec", e_vec, IVOR_DTLB_MISS);
	check("dtlb st srr0-insn", e_srr0 - (u32)x_st, 0);
	check_msr("dtlb st srr1", e_srr1, MSR_ME);
	check("dtlb st esr", e_esr, ESR_ST);
	check("dtlb st dear", e_dear, MISS_EA + 0x10000);
	check_mas("dtlb st mas0", "dtlb st mas1", "dtlb st mas2", "dtlb st mas3", "dtlb st mas6",
		  "dtlb st mas7", 1, MAS1_VALID | MAS1_TID(0x56) | MAS1_TSIZE(TSIZE_64K),
		  ((MISS_EA + 0x10000) & ~0xFFFu) | MAS2_W | MAS2_E, MAS6_SPID(0x34));

	/* ---- DTLB error from user mode: TIDSELD PID2, 16K, I|G */
	set_ctx(MAS4_TLBSELD(0) | MAS4_TIDSELD(2) | MAS4_TSIZED(TSIZE_16K) | MAS2_I | MAS2_G,
		0x01, 0x02, 0x03);
	preload_mas();
	before = n_miss;
	r = rt_user_call(do_ld, MISS_EA + 0x20ffc, MSR_ME);
	check("user dtlb count", n_miss - before, 1);
	check("user dtlb vec", e_vec, IVOR_DTLB_MISS);
	check("user dtlb srr0-insn", e_srr0 - (u32)x_ld, 0);
	check_msr("user dtlb srr1", e_srr1, MSR_ME | MSR_PR);
	check("user dtlb esr", e_esr, 0);
	check("user dtlb dear", e_dear, MISS_EA + 0x20ffc);
	check("user dtlb r3", r, FAULT_MARK);
	check_mas("user dtlb mas0", "user dtlb mas1", "user dtlb mas2", "user dtlb mas3",
		  "user dtlb mas6", "user dtlb mas7", 0,
		  MAS1_VALID | MAS1_TID(0x03) | MAS1_TSIZE(TSIZE_16K),
		  ((MISS_EA + 0x20ffc) & ~0xFFFu) | MAS2_I | MAS2_G, MAS6_SPID(0x01));

	/* ---- ITLB error on a branch to an unmapped page: TIDSELD 3 (TID 0) */
	set_ctx(MAS4_TLBSELD(0) | MAS4_TIDSELD(3) | MAS4_TSIZED(TSIZE_4K), 0x21, 0x22, 0);
	preload_mas();
	before = n_miss;
	r = ((u32 (*)(u32))ITLB_EA)(0);
	check("itlb count", n_miss - before, 1);
	check("itlb vec", e_vec, IVOR_ITLB_MISS);
	check("itlb srr0-target", e_srr0 - ITLB_EA, 0);
	check_msr("itlb srr1", e_srr1, MSR_ME);
	check("itlb r3", r, FAULT_MARK);
	check_mas("itlb mas0", "itlb mas1", "itlb mas2", "itlb mas3", "itlb mas6", "itlb mas7", 0,
		  MAS1_VALID | MAS1_TSIZE(TSIZE_4K), ITLB_EA, MAS6_SPID(0x21));

	/* mid-page target, TIDSELD PID0, from user mode */
	set_ctx(MAS4_TLBSELD(1) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K) | MAS2_M, 0x21, 0, 0);
	preload_mas();
	before = n_miss;
	r = rt_user_call((u32 (*)(u32))(ITLB_EA + 0xFF0), 0, MSR_ME);
	check("user itlb count", n_miss - before, 1);
	check("user itlb vec", e_vec, IVOR_ITLB_MISS);
	check("user itlb srr0-page", e_srr0 - ITLB_EA, 0xFF0);
	check_msr("user itlb srr1", e_srr1, MSR_ME | MSR_PR);
	check("user itlb r3", r, FAULT_MARK);
	check_mas("user itlb mas0", "user itlb mas1", "user itlb mas2", "user itlb mas3",
		  "user itlb mas6", "user itlb mas7", 1,
		  MAS1_VALID | MAS1_TID(0x21) | MAS1_TSIZE(TSIZE_4K), ITLB_EA | MAS2_M,
		  MAS6_SPID(0x21));

	/* ---- DTLB error in TS=1 (MSR[DS] = 1); the image is mapped in TS=0 only */
	set_ctx(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K), 0x44, 0, 0);
	preload_mas();
	before = n_miss;
	r = ds_ld(TS1_EA, mfmsr() | MSR_DS);
	check("ts1 dtlb count", n_miss - before, 1);
	check("ts1 dtlb vec", e_vec, IVOR_DTLB_MISS);
	check("ts1 dtlb srr0-insn", e_srr0 - (u32)x_dsld, 0);
	check_msr("ts1 dtlb srr1", e_srr1, MSR_ME | MSR_DS);
	check("ts1 dtlb dear", e_dear, TS1_EA);
	check("ts1 dtlb r3", r, FAULT_MARK);
	check_mas("ts1 dtlb mas0", "ts1 dtlb mas1", "ts1 dtlb mas2", "ts1 dtlb mas3",
		  "ts1 dtlb mas6", "ts1 dtlb mas7", 0,
		  MAS1_VALID | MAS1_TID(0x44) | MAS1_TS | MAS1_TSIZE(TSIZE_4K), TS1_EA & ~0xFFFu,
		  MAS6_SPID(0x44) | MAS6_SAS);
	/* the same EA with DS = 0: TS = 0, SAS = 0 */
	preload_mas();
	r = do_ld(TS1_EA);
	check("ts0 dtlb vec", e_vec, IVOR_DTLB_MISS);
	check("ts0 dtlb mas1", m1, MAS1_VALID | MAS1_TID(0x44) | MAS1_TSIZE(TSIZE_4K));
	check("ts0 dtlb mas6", m6, MAS6_SPID(0x44));

	/* ---- software reload: 8 data pages, twice */
	set_ctx(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K) | MAS2_M, 0x07, 0, 0);
	for (i = 0; i < 8; i++)
		wr32(LOOP_PA + i * 0x1000 + 8 * i, 0);
	reload = 1;
	n_miss = n_dmiss_st = 0;
	for (i = 0; i < 8; i++)
		wr32(LOOP_EA + i * 0x1000 + 8 * i, 0xC0DE0000u + i);
	check("reload pass1 misses", n_miss, 8);
	check("reload pass1 store misses", n_dmiss_st, 8);
	check("reload first mas1", first_m1, MAS1_VALID | MAS1_TID(0x07) | MAS1_TSIZE(TSIZE_4K));
	check("reload first mas2", first_m2, LOOP_EA | MAS2_M);
	check("reload first mas6", first_m6, MAS6_SPID(0x07));
	check("reload last mas2", m2, (LOOP_EA + 7 * 0x1000) | MAS2_M);
	for (i = 0, sum = 0; i < 8; i++)
		sum += rd32(LOOP_EA + i * 0x1000 + 8 * i);
	for (i = 0; i < 8; i++)
		wr32(LOOP_EA + i * 0x1000 + 8 * i + 4, i);
	check("reload pass2 misses", n_miss, 8);
	check("reload pass2 sum", sum, 8 * 0xC0DE0000u + 28);
	for (i = 0, bad = 0; i < 8; i++)
		bad += rd32(LOOP_PA + i * 0x1000 + 8 * i) != 0xC0DE0000u + i ||
		       rd32(LOOP_PA + i * 0x1000 + 8 * i + 4) != i;
	check("reload physical pages", bad, 0);
	/* the installed entries are what the miss preloaded plus MAS3 */
	{
		struct tlbe e;
		tlb_search(LOOP_EA + 0x3000, MAS6_SPID(0x07), &e);
		check("reload entry mas1", e.mas1, MAS1_VALID | MAS1_TID(0x07) | MAS1_TSIZE(TSIZE_4K));
		check("reload entry mas2", e.mas2, (LOOP_EA + 0x3000) | MAS2_M);
		check("reload entry mas3", e.mas3, (LOOP_PA + 0x3000) | MAS3_ALL);
	}
	/* entries are private to TID 7: another PID misses again */
	mtspr(SPR_PID0, 0x08);
	isync();
	r = rd32(LOOP_EA + 2 * 0x1000 + 8 * 2);
	check("reload other pid misses", n_miss, 9);
	check("reload other pid mas1", m1, MAS1_VALID | MAS1_TID(0x08) | MAS1_TSIZE(TSIZE_4K));
	check("reload other pid value", r, 0xC0DE0002u);
	mtspr(SPR_PID0, 0x07);
	isync();

	/* ---- software reload of an instruction page */
	wr32(CODE_PA + 0x40, 0x38600000u | RET_VAL); /* li r3,RET_VAL */
	wr32(CODE_PA + 0x44, 0x4e800020u);           /* blr */
	__asm__ __volatile__("dcbst 0,%0; msync; icbi 0,%0; msync; isync" ::"r"(CODE_PA + 0x40)
			     : "memory");
	n_miss = 0;
	r = ((u32 (*)(u32))(CODE_EA + 0x40))(0);
	check("code reload misses", n_miss, 1);
	check("code reload vec", e_vec, IVOR_ITLB_MISS);
	check("code reload srr0-page", e_srr0 - CODE_EA, 0x40);
	check("code reload mas2", m2, CODE_EA | MAS2_M);
	check("code reload ret", r, RET_VAL);
	r = ((u32 (*)(u32))(CODE_EA + 0x40))(0);
	check("code reload again misses", n_miss, 1);
	check("code reload again ret", r, RET_VAL);

	/* ---- user code in TS=1 (MSR[IS] = 1): the fetch misses, the handler
	 * maps the image's pages in TS=1 (identity) and the code runs. How many
	 * pages that takes depends on the layout, so only the first miss is
	 * printed. */
	set_ctx(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K), 0x09, 0, 0);
	n_miss = 0;
	r = rt_user_call(u_ret, 0, MSR_ME | MSR_IS);
	check("ts1 itlb ret", r, RET_VAL);
	check("ts1 itlb some misses", n_miss >= 1, 1);
	check("ts1 itlb srr0-fn", first_srr0 - (u32)u_ret, 0);
	check_msr("ts1 itlb srr1", first_srr1, MSR_ME | MSR_PR | MSR_IS);
	check("ts1 itlb mas1", first_m1, MAS1_VALID | MAS1_TID(0x09) | MAS1_TS | MAS1_TSIZE(TSIZE_4K));
	check("ts1 itlb mas2-page", first_m2 - ((u32)u_ret & ~0xFFFu), 0);
	check("ts1 itlb mas6", first_m6, MAS6_SPID(0x09) | MAS6_SAS);
	reload = 0;

	check_msr("msr after", mfmsr(), MSR_ME);
	mtspr(SPR_MAS4, 0);
	rt_tlb_reset();
	return test_end();
}
