/* SPDX-License-Identifier: GPL-2.0-only */
/* TLB permission bits (MAS3 UX SX UW SW UR SR): every single bit, none and
 * all, each tried with a load, a store and an instruction fetch from
 * supervisor and from user mode (rt_user_call). A denied data access is a
 * DSI (IVOR2) with SRR0 = the load/store, ESR[ST] for stores, DEAR = the
 * address; a denied fetch is an ISI (IVOR3) with SRR0 = the fetched address,
 * ESR = 0 and DEAR untouched. Then named cases (read-only page written by the
 * supervisor, user access to a supervisor-only page, no-execute page in both
 * modes), the same through a 1 MiB TLB1 entry and a private (TID 5) TLB0
 * entry, a permission change by tlbwe, and TS=1 (MSR[DS]) data mappings
 * against TS=0 ones (an EA mapped in one space only is a DTLB error in the
 * other, not a DSI).
 *
 * SRR0 is printed as an offset from the expected instruction (data faults) or
 * from the page base (fetch faults); DEAR as an offset from the page base.
 * ESR and DEAR are preloaded with a marker before every access, so a value
 * the interrupt did not write shows up. MAS registers are not looked at after
 * DSI/ISI (e500 leaves them alone; that is tested by tlbmiss for misses). */
#include "rt.h"

#define PG 0x20000000u            /* the test page (TLB0, TS=0) */
#define PG_PA (RT_SCRATCH + 0x10000)
#define DOFF 0x100u               /* data word inside the page */
#define TS_EA 0x20010000u         /* TS=0 and TS=1 entries, different pages */
#define TS_PA0 (RT_SCRATCH + 0x11000)
#define TS_PA1 (RT_SCRATCH + 0x12000)
#define TS0_ONLY 0x20011000u      /* mapped in TS=0 only */
#define TS1_ONLY 0x20012000u      /* mapped in TS=1 only */
#define TLB1_EA 0x21000000u       /* 1 MiB TLB1 entry over RT_SCRATCH */

#define FAULT_MARK 0xFA017u
#define ESR_MARK ESR_PIL          /* a defined ESR bit no access sets */
#define DEAR_MARK 0x0BAD0000u
#define STORE_VAL 0x53544f52u     /* "STOR" */
#define RET_VAL 0x5au             /* what the code on the test page returns */

static volatile u32 n_exc, e_vec, e_srr0, e_srr1, e_esr, e_dear;

static void on_fault(struct rt_frame *f)
{
	n_exc++;
	e_vec = f->vec;
	e_srr0 = f->srr0;
	e_srr1 = f->srr1;
	e_esr = mfspr(SPR_ESR);
	e_dear = mfspr(SPR_DEAR);
	f->gpr[3] = FAULT_MARK;
	if (f->vec == IVOR_ISI || f->vec == IVOR_ITLB_MISS)
		f->srr0 = f->lr; /* the fetch was the first insn of a called function */
	else
		f->srr0 += 4;
}

/* Leaf accessors: no stack use, so they also run with MSR[DS]=1. */
extern char x_ld[], x_st[], x_dsld[], x_dsst[];
extern u32 do_ld(u32 a), do_st(u32 a), ds_ld(u32 a, u32 msr), ds_st(u32 a, u32 msr);
__asm__(".text\n"
	".globl do_ld\ndo_ld:\n.globl x_ld\nx_ld: lwz 3,0(3)\n blr\n"
	".globl do_st\ndo_st:\n lis 6,0x5354\n ori 6,6,0x4f52\n"
	".globl x_st\nx_st: stw 6,0(3)\n blr\n"
	".globl ds_ld\nds_ld:\n mfmsr 5\n mtmsr 4\n isync\n"
	".globl x_dsld\nx_dsld: lwz 3,0(3)\n mtmsr 5\n isync\n blr\n"
	".globl ds_st\nds_st:\n mfmsr 5\n lis 6,0x5354\n ori 6,6,0x4f52\n mtmsr 4\n isync\n"
	".globl x_dsst\nx_dsst: stw 6,0(3)\n mtmsr 5\n isync\n blr\n");

/* ------------------------------------------------------------- names */
static char nbuf[96];

static const char *nm(const char *a, const char *b, const char *c, const char *d)
{
	const char *p[4] = { a, b, c, d };
	int i, n = 0;

	for (i = 0; i < 4; i++) {
		const char *s = p[i];
		if (!s)
			continue;
		if (n)
			nbuf[n++] = ' ';
		while (*s && n < (int)sizeof(nbuf) - 1)
			nbuf[n++] = *s++;
	}
	nbuf[n] = 0;
	return nbuf;
}

/* --------------------------------------------------------------- setup */
static void put_code(u32 pa)
{
	wr32(pa + 0, 0x38600000u | RET_VAL); /* li r3,RET_VAL */
	wr32(pa + 4, 0x4e800020u);           /* blr */
	__asm__ __volatile__("dcbst 0,%0; msync; icbi 0,%0; msync; isync" ::"r"(pa) : "memory");
}

static void arm(void)
{
	mtspr(SPR_ESR, ESR_MARK);
	mtspr(SPR_DEAR, DEAR_MARK);
	isync();
}

enum { LD, ST, FETCH };
static const char *const kname[] = { "ld", "st", "x" };

/*
 * One access of the given kind at page `page` (data word at page + DOFF,
 * code at page + 0) from supervisor (user = 0) or user mode, with MSR[DS]
 * = ds. `ok` says whether the permissions allow it; `rd` is the value a
 * load must return. `fvec` is the expected vector when denied (DSI/ISI, or
 * DTLB miss for the TS cases).
 */
static void access(const char *cfg, int kind, int user, u32 ds, u32 page, u32 pa, int ok,
		   u32 rd, u32 fvec)
{
	const char *mode = user ? (ds ? "usr ds1" : "usr") : (ds ? "sup ds1" : "sup");
	u32 before, r = 0, umsr = MSR_ME | ds;
	u32 a = page + DOFF;

	if (kind == ST)
		wr32(pa + DOFF, 0);
	arm();
	before = n_exc;
	if (kind == LD)
		r = user ? rt_user_call(do_ld, a, umsr) : ds ? ds_ld(a, mfmsr() | ds) : do_ld(a);
	else if (kind == ST)
		r = user ? rt_user_call(do_st, a, umsr) : ds ? ds_st(a, mfmsr() | ds) : do_st(a);
	else
		r = user ? rt_user_call((u32 (*)(u32))page, 0, umsr) : ((u32 (*)(u32))page)(0);

	if (!check(nm(cfg, mode, kname[kind], "faults"), n_exc - before, !ok))
		return;
	if (ok) {
		if (kind == LD)
			check(nm(cfg, mode, kname[kind], "value"), r, rd);
		else if (kind == ST)
			check(nm(cfg, mode, kname[kind], "stored"), rd32(pa + DOFF), STORE_VAL);
		else
			check(nm(cfg, mode, kname[kind], "ret"), r, RET_VAL);
		return;
	}
	check(nm(cfg, mode, kname[kind], "vec"), e_vec, fvec);
	if (kind == FETCH) {
		check(nm(cfg, mode, kname[kind], "srr0-page"), e_srr0 - page, 0);
	} else {
		u32 insn = (u32)(kind == LD ? (user || !ds ? x_ld : x_dsld) : (user || !ds ? x_st : x_dsst));
		check(nm(cfg, mode, kname[kind], "srr0-insn"), e_srr0 - insn, 0);
	}
	check_msr(nm(cfg, mode, kname[kind], "srr1"), e_srr1, MSR_ME | ds | (user ? MSR_PR : 0));
	if (fvec == IVOR_ITLB_MISS) {
		/* Masked: QEMU 7.2 writes DEAR = the fetch address and ESR = 0
		 * on an ITLB error; e500 defines neither for it. */
	} else if (kind == FETCH) {
		/* ISI: ESR cleared (no BO on e500v2), DEAR not written */
		check(nm(cfg, mode, kname[kind], "esr"), e_esr, 0);
		check(nm(cfg, mode, kname[kind], "dear untouched"), e_dear, DEAR_MARK);
	} else {
		check(nm(cfg, mode, kname[kind], "esr"), e_esr, kind == ST ? ESR_ST : 0);
		check(nm(cfg, mode, kname[kind], "dear-page"), e_dear - page, DOFF);
	}
	check(nm(cfg, mode, kname[kind], "r3"), r, FAULT_MARK);
}

/* All six accesses on `page` (mapped by the caller with `perms`) -> pa. */
static void matrix_at(const char *cfg, u32 perms, u32 tag, u32 page, u32 pa)
{
	wr32(pa + DOFF, tag);
	access(cfg, LD, 0, 0, page, pa, !!(perms & MAS3_SR), tag, IVOR_DSI);
	wr32(pa + DOFF, tag);
	access(cfg, ST, 0, 0, page, pa, !!(perms & MAS3_SW), 0, IVOR_DSI);
	access(cfg, FETCH, 0, 0, page, pa, !!(perms & MAS3_SX), 0, IVOR_ISI);
	wr32(pa + DOFF, tag);
	access(cfg, LD, 1, 0, page, pa, !!(perms & MAS3_UR), tag, IVOR_DSI);
	access(cfg, ST, 1, 0, page, pa, !!(perms & MAS3_UW), 0, IVOR_DSI);
	access(cfg, FETCH, 1, 0, page, pa, !!(perms & MAS3_UX), 0, IVOR_ISI);
}

/* PG mapped with `perms` (TLB0, TS=0, TID 0). */
static void matrix(const char *cfg, u32 perms, u32 tag)
{
	rt_tlb0_map(0, PG, PG_PA, 0, perms, 0, 0);
	matrix_at(cfg, perms, tag, PG, PG_PA);
}

int main(void)
{
	static const struct {
		const char *name;
		u32 perms;
	} cfgs[] = {
		{ "SR", MAS3_SR },
		{ "SW", MAS3_SW },
		{ "SX", MAS3_SX },
		{ "UR", MAS3_UR },
		{ "UW", MAS3_UW },
		{ "UX", MAS3_UX },
		{ "none", 0 },
		{ "all", MAS3_ALL },
		/* named cases */
		{ "ro page", MAS3_SR | MAS3_UR | MAS3_SX | MAS3_UX },
		{ "sup-only page", MAS3_SR | MAS3_SW | MAS3_SX },
		{ "no-exec page", MAS3_SR | MAS3_SW | MAS3_UR | MAS3_UW },
		{ "user-only page", MAS3_UR | MAS3_UW | MAS3_UX },
	};
	u32 i;

	test_begin("perms");
	rt_set_handler(IVOR_DSI, on_fault);
	rt_set_handler(IVOR_ISI, on_fault);
	rt_set_handler(IVOR_DTLB_MISS, on_fault);
	rt_set_handler(IVOR_ITLB_MISS, on_fault);
	put_code(PG_PA);

	for (i = 0; i < ARRAY_SIZE(cfgs); i++)
		matrix(cfgs[i].name, cfgs[i].perms, 0xD0000000u | i);

	/* The same through a 1 MiB TLB1 entry (EA TLB1_EA -> PA RT_SCRATCH;
	 * the test page is PG_PA inside it) and through a private TLB0 entry
	 * (TID 5 under PID0 = 5). */
	rt_tlb1_map(2, TLB1_EA, 0, RT_SCRATCH, TSIZE_1M, 0, MAS3_SR | MAS3_UW | MAS3_SX, 0, 0, 0);
	matrix_at("tlb1 SR|UW|SX", MAS3_SR | MAS3_UW | MAS3_SX, 0xE0000001u,
		  TLB1_EA + (PG_PA - RT_SCRATCH), PG_PA);
	rt_tlb1_map(2, TLB1_EA, 0, RT_SCRATCH, TSIZE_1M, 0, MAS3_SW | MAS3_UR | MAS3_UX, 0, 0, 0);
	matrix_at("tlb1 SW|UR|UX", MAS3_SW | MAS3_UR | MAS3_UX, 0xE0000002u,
		  TLB1_EA + (PG_PA - RT_SCRATCH), PG_PA);
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(2), 0, 0, 0, 0);
	mtspr(SPR_PID0, 5);
	isync();
	rt_tlb0_map(0, PG, PG_PA, 0, MAS3_UR | MAS3_UX | MAS3_SW, 5, 0);
	matrix_at("tid5 UR|UX|SW", MAS3_UR | MAS3_UX | MAS3_SW, 0xE0000003u, PG, PG_PA);
	/* under another PID the private entry does not match: TLB misses */
	mtspr(SPR_PID0, 6);
	isync();
	access("tid5 pid6", LD, 1, 0, PG, PG_PA, 0, 0, IVOR_DTLB_MISS);
	access("tid5 pid6", FETCH, 0, 0, PG, PG_PA, 0, 0, IVOR_ITLB_MISS);
	mtspr(SPR_PID0, 0);
	isync();

	/* A permission change takes effect at tlbwe: the same page, now
	 * writable, then read-only again. */
	rt_tlb0_map(0, PG, PG_PA, 0, MAS3_SR | MAS3_SW, 0, 0);
	access("remap rw", ST, 0, 0, PG, PG_PA, 1, 0, IVOR_DSI);
	rt_tlb0_map(0, PG, PG_PA, 0, MAS3_SR, 0, 0);
	access("remap ro", ST, 0, 0, PG, PG_PA, 0, 0, IVOR_DSI);

	/* TS=1 data mappings vs TS=0: the same EA maps to a writable page in
	 * TS=0 and a read-only page in TS=1 (MSR[DS] selects; fetches stay in
	 * TS=0 through MSR[IS]=0). */
	rt_tlb0_map(1, TS_EA, TS_PA0, 0, MAS3_SR | MAS3_SW | MAS3_UR | MAS3_UW, 0, 0);
	rt_tlb0_map(2, TS_EA, TS_PA1, 0, MAS3_SR | MAS3_UR, 0, 1);
	rt_tlb0_map(1, TS0_ONLY, TS_PA0, 0, MAS3_ALL, 0, 0);
	rt_tlb0_map(1, TS1_ONLY, TS_PA1, 0, MAS3_ALL, 0, 1);
	wr32(TS_PA0 + DOFF, 0xA0A0A0A0u);
	wr32(TS_PA1 + DOFF, 0xA1A1A1A1u);
	access("ts", LD, 0, 0, TS_EA, TS_PA0, 1, 0xA0A0A0A0u, IVOR_DSI);
	access("ts", LD, 0, MSR_DS, TS_EA, TS_PA1, 1, 0xA1A1A1A1u, IVOR_DSI);
	access("ts", LD, 1, 0, TS_EA, TS_PA0, 1, 0xA0A0A0A0u, IVOR_DSI);
	access("ts", LD, 1, MSR_DS, TS_EA, TS_PA1, 1, 0xA1A1A1A1u, IVOR_DSI);
	access("ts", ST, 0, 0, TS_EA, TS_PA0, 1, 0, IVOR_DSI);
	access("ts", ST, 0, MSR_DS, TS_EA, TS_PA1, 0, 0, IVOR_DSI);
	check("ts1 page unchanged", rd32(TS_PA1 + DOFF), 0);
	access("ts", ST, 1, 0, TS_EA, TS_PA0, 1, 0, IVOR_DSI);
	access("ts", ST, 1, MSR_DS, TS_EA, TS_PA1, 0, 0, IVOR_DSI);
	/* an EA mapped in one space only misses (DTLB error) in the other */
	wr32(TS_PA0 + DOFF, 0xB0B0B0B0u);
	wr32(TS_PA1 + DOFF, 0xB1B1B1B1u);
	access("ts0 only", LD, 0, 0, TS0_ONLY, TS_PA0, 1, 0xB0B0B0B0u, IVOR_DTLB_MISS);
	access("ts0 only", LD, 0, MSR_DS, TS0_ONLY, TS_PA0, 0, 0, IVOR_DTLB_MISS);
	access("ts0 only", LD, 1, MSR_DS, TS0_ONLY, TS_PA0, 0, 0, IVOR_DTLB_MISS);
	access("ts1 only", LD, 0, MSR_DS, TS1_ONLY, TS_PA1, 1, 0xB1B1B1B1u, IVOR_DTLB_MISS);
	access("ts1 only", LD, 0, 0, TS1_ONLY, TS_PA1, 0, 0, IVOR_DTLB_MISS);
	access("ts1 only", ST, 1, 0, TS1_ONLY, TS_PA1, 0, 0, IVOR_DTLB_MISS);
	check_msr("msr after", mfmsr(), MSR_ME);

	rt_tlb_reset();
	return test_end();
}
