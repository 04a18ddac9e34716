/* SPDX-License-Identifier: GPL-2.0-only */
/* Which accesses are TLB misses, near entries that almost translate them:
 * the decisions a hypervisor's TLB-miss path must get right (beryl's
 * assembly path, fastpath.S, reflects a miss only when the guest's own TLB
 * has no entry; a wrong "no entry" shows as a miss here that the CPU does
 * not take, a wrong "entry" as a missing miss or a wrong value).
 *   - TLB0, one set: entries for the same 4 KiB page with another TID, the
 *     other TS, invalid; then TID = PID1, PID2, 0 (these translate).
 *   - TLB1: a 1 MiB entry in the other TS, another 1 MiB one; addresses in
 *     the same 16 MiB block outside them miss, inside them translate.
 *   - a run of misses with the full MAS0 (TLBSEL, ESEL, NV: the next-victim
 *     hint; QEMU 7.2 keeps one round-robin counter over the four TLB0
 *     ways, advanced by every TLB miss interrupt and tlbsx miss, which
 *     the e500 core RM describes as the NV of the round-robin replacement)
 *     and MAS1/2/6, DEAR, ESR for loads and stores, supervisor and user,
 *     data and instruction, under each MAS4[TIDSELD].
 */
#include "rt.h"

#define MAS4_TIDSELD(n) ((u32)(n) << 16)

#define SET_EA 0x31234000u  /* one TLB0 set, the page under test */
#define SET_PA (RT_SCRATCH + 0x10000)
#define BLK_EA 0x42000000u  /* a 16 MiB block with TLB1 entries in it */
#define BLK_PA (RT_SCRATCH + 0x00000) /* 1 MiB entries: the whole scratch */
#define RUN_EA 0x50000000u  /* nothing mapped anywhere near */
#define CODE_EA 0x51000000u /* an unmapped instruction page */

#define FAULT_MARK 0xFA017u

static volatile u32 n_miss, e_vec, e_srr0, e_srr1, e_esr, e_dear;
static volatile u32 m0, m1, m2, m3, m6, m7;

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
	f->gpr[3] = FAULT_MARK;
	if (f->vec == IVOR_ITLB_MISS)
		f->srr0 = f->lr; /* the fetch was the first insn of a called function */
	else
		f->srr0 += 4;
}

extern u32 do_ld(u32 a), do_st(u32 a);
__asm__(".text\n"
	".globl do_ld\ndo_ld: lwz 3,0(3)\n blr\n"
	".globl do_st\ndo_st: li 6,0x77\n stw 6,0(3)\n li 3,0\n blr\n");

static void set_pids(u32 mas4, u32 pid0, u32 pid1, u32 pid2)
{
	mtspr(SPR_MAS4, mas4);
	mtspr(SPR_PID0, pid0);
	mtspr(SPR_PID1, pid1);
	mtspr(SPR_PID2, pid2);
	isync();
}

/* A load at ea: "miss" (and the MAS registers it left) or the value. */
static void probe(const char *what, u32 ea)
{
	u32 before = n_miss, r = do_ld(ea);

	if (n_miss != before) {
		/* vec, DEAR, ESR, SRR1, MAS0-3, MAS6, MAS7 (console lines stay short) */
		rt_printf("%s: miss %u %08x %08x %08x mas %08x %08x %08x %08x %08x %08x\n",
			  what, e_vec, e_dear, e_esr, e_srr1 & MSR_CMP_MASK, m0, m1, m2, m3, m6,
			  m7);
		check("probe r3", r, FAULT_MARK);
	} else {
		rt_printf("%s: value %08x\n", what, r);
	}
}

/*
 * The same from user mode. After an instruction miss DEAR and ESR are not
 * printed: the e500 leaves them, QEMU 7.2 writes them (tlbmiss.c).
 */
static void user_probe(const char *what, u32 ea, u32 (*fn)(u32), int fetch)
{
	u32 before = n_miss, r = rt_user_call(fn, ea, MSR_ME);

	rt_printf("%s: %s %u %08x %08x %08x mas %08x %08x %08x %08x r3 %08x\n",
		  what, n_miss != before ? "miss" : "no miss", e_vec, fetch ? 0 : e_dear,
		  fetch ? 0 : e_esr, e_srr1 & MSR_CMP_MASK, m0, m1, m2, m6, r);
}

int main(void)
{
	u32 i;

	test_begin("tlbmiss_set");
	rt_set_handler(IVOR_DTLB_MISS, on_miss);
	rt_set_handler(IVOR_ITLB_MISS, on_miss);
	wr32(SET_PA + 0x10, 0x5e7da7a0u);
	for (i = 0; i < 16; i++)
		wr32(BLK_PA + i * 0x10000, 0xb10c0000u + i);
	wr32(BLK_PA + 0xffffc, 0xb10cffffu);

	/* ---- TLB0: one set, one page, entries that must not translate */
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K) | MAS2_M, 0x11, 0x22,
		 0x33);
	probe("empty set", SET_EA + 0x10);
	rt_tlb0_map(0, SET_EA, SET_PA, 0, MAS3_ALL, 0x44, 0);
	probe("other tid", SET_EA + 0x10);
	rt_tlb0_map(1, SET_EA, SET_PA, 0, MAS3_ALL, 0x11, 1);
	probe("other ts", SET_EA + 0x10);
	rt_tlb0_map(2, SET_EA + 0x80000, SET_PA, 0, MAS3_ALL, 0, 0); /* same set, other page */
	probe("other page", SET_EA + 0x10);
	tlb_write(MAS0_TLBSEL(0) | MAS0_ESEL(3), MAS1_TID(0x11) | MAS1_TSIZE(TSIZE_4K),
		  SET_EA, SET_PA | MAS3_ALL, 0);
	probe("invalid", SET_EA + 0x10);
	/* TIDSELD 1, 2, 3 for the MAS1 a miss loads */
	set_pids(MAS4_TLBSELD(1) | MAS4_TIDSELD(1) | MAS4_TSIZED(TSIZE_16K) | MAS2_W, 0x11, 0x22,
		 0x33);
	probe("tidseld 1", SET_EA + 0x10);
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(2) | MAS4_TSIZED(TSIZE_4K) | MAS2_I | MAS2_G, 0x11,
		 0x22, 0x33);
	probe("tidseld 2", SET_EA + 0x10);
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(3) | MAS4_TSIZED(TSIZE_4K) | MAS2_E, 0x11, 0x22,
		 0x33);
	probe("tidseld 3", SET_EA + 0x10);
	/* now entries that do translate: TID = PID1, then PID2, then global */
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K), 0x11, 0x44, 0x33);
	probe("tid pid1", SET_EA + 0x10);
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K), 0x11, 0x22, 0x44);
	probe("tid pid2", SET_EA + 0x10);
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K), 0x11, 0x22, 0x33);
	probe("tid none", SET_EA + 0x10);
	rt_tlb0_map(3, SET_EA, SET_PA, 0, MAS3_ALL, 0, 0);
	probe("tid 0", SET_EA + 0x10);
	rt_tlb_reset();

	/* ---- TLB1: a 16 MiB block with two 1 MiB entries, one in TS 1 */
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K), 0x05, 0, 0);
	rt_tlb1_map(2, BLK_EA + 0x100000, 0, BLK_PA, TSIZE_1M, 0, MAS3_ALL, 0, 1, 0);
	rt_tlb1_map(3, BLK_EA + 0x300000, 0, BLK_PA, TSIZE_1M, 0, MAS3_ALL, 0x05, 0, 0);
	probe("block start", BLK_EA);
	probe("block ts1 entry", BLK_EA + 0x120000);
	probe("block entry", BLK_EA + 0x320000);
	probe("block entry end", BLK_EA + 0x3ffffc);
	probe("block after entry", BLK_EA + 0x400000);
	probe("block end", BLK_EA + 0xfffffc);
	probe("next block", BLK_EA + 0x1000000);
	mtspr(SPR_PID0, 0x06);
	isync();
	probe("block entry other pid", BLK_EA + 0x320000);
	rt_tlb_reset();

	/* ---- a run of misses: the next-victim hint, loads, stores, user */
	set_pids(MAS4_TLBSELD(0) | MAS4_TIDSELD(0) | MAS4_TSIZED(TSIZE_4K) | MAS2_M, 0x07, 0, 0);
	for (i = 0; i < 6; i++) {
		u32 before = n_miss;

		if (i & 1)
			do_st(RUN_EA + i * 0x3008);
		else
			do_ld(RUN_EA + i * 0x3008);
		rt_printf("run %u: misses %u %08x %08x mas %08x %08x %08x %08x\n",
			  i, n_miss - before, e_dear, e_esr, m0, m1, m2, m6);
	}
	user_probe("user load", RUN_EA + 0x40000, do_ld, 0);
	user_probe("user store", RUN_EA + 0x41000, do_st, 0);
	user_probe("user fetch", 0, (u32 (*)(u32))(CODE_EA + 0x80), 1);
	{
		u32 before = n_miss, r = ((u32 (*)(u32))CODE_EA)(0);

		rt_printf("fetch: misses %u %u %08x %08x mas %08x %08x %08x %08x r3 %08x\n",
			  n_miss - before, e_vec, e_srr0, e_srr1 & MSR_CMP_MASK, m0, m1, m2, m6, r);
	}
	check("misses in all", n_miss, 25);

	mtspr(SPR_MAS4, 0);
	rt_tlb_reset();
	return test_end();
}
