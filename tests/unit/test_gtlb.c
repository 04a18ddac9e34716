// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the guest TLB model (hv/arch/booke/gtlb.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arch/gtlb.h>
#include <arch/spr.h>

#define MAS0(sel, esel)                                                                  \
	(((uint32_t)(sel) << MAS0_TLBSEL_SHIFT) | ((uint32_t)(esel) << MAS0_ESEL_SHIFT))
#define TID(x) ((uint32_t)(x) << MAS1_TID_SHIFT)
#define TSIZE(x) ((uint32_t)(x) << MAS1_TSIZE_SHIFT)
#define SPID(x) ((uint32_t)(x) << MAS6_SPID0_SHIFT)
#define PERM_ALL (MAS3_SR | MAS3_SW | MAS3_SX | MAS3_UR | MAS3_UW | MAS3_UX)

static struct gtlb *tlb;

static int setup(void **state)
{
	tlb = test_malloc(sizeof(*tlb));
	/* Garbage first, so gtlb_init must really clear everything. */
	for (size_t i = 0; i < sizeof(*tlb); i++)
		((unsigned char *)tlb)[i] = 0xA5;
	gtlb_init(tlb);
	return 0;
}

static int teardown(void **state)
{
	test_free(tlb);
	return 0;
}

static int wr(int sel, int esel, uint32_t mas1, uint32_t mas2, uint32_t mas3,
	      uint32_t mas7)
{
	struct gtlb_mas m = {.mas0 = MAS0(sel, esel),
			     .mas1 = mas1,
			     .mas2 = mas2,
			     .mas3 = mas3,
			     .mas7 = mas7};
	return gtlb_tlbwe(tlb, &m, NULL, NULL);
}

/* A valid TLB1 entry, TID 0, AS 0. */
static void wr1(int esel, uint32_t tsize, uint32_t epn, uint64_t rpn)
{
	assert_int_equal(wr(1, esel, MAS1_VALID | TSIZE(tsize), epn,
			    ((uint32_t)rpn & MAS3_RPN_MASK) | PERM_ALL,
			    (uint32_t)(rpn >> 32)),
			 0);
}

static struct gtlb_ctx ctx(uint32_t pid0, uint32_t pid1, uint32_t pid2, bool as)
{
	struct gtlb_ctx c = {.pid = {pid0, pid1, pid2}, .as = as};
	return c;
}

static bool look(uint32_t ea, struct gtlb_hit *hit)
{
	struct gtlb_ctx c = ctx(0, 0, 0, false);
	return gtlb_lookup(tlb, &c, ea, hit);
}

/* ---- init, size, rpn ---------------------------------------------------- */

static void test_init(void **state)
{
	struct gtlb_hit hit;

	for (int i = 0; i < GTLB0_ENTRIES; i++) {
		assert_int_equal(tlb->tlb0[i].mas1, 0);
		assert_int_equal(tlb->tlb0[i].mas2, 0);
		assert_int_equal(tlb->tlb0[i].mas3, 0);
		assert_int_equal(tlb->tlb0[i].mas7, 0);
	}
	for (int i = 0; i < GTLB1_ENTRIES; i++) {
		assert_int_equal(tlb->tlb1[i].mas1, 0);
		assert_int_equal(tlb->tlb1[i].mas2, 0);
		assert_int_equal(tlb->tlb1[i].mas3, 0);
		assert_int_equal(tlb->tlb1[i].mas7, 0);
	}
	assert_int_equal(tlb->next_victim, 0);
	assert_false(look(0, &hit));
	assert_false(look(0xFFFFF000, &hit));
}

static void test_entry_size(void **state)
{
	struct gtlb_entry e = {0};

	for (uint32_t ts = 1; ts <= 15; ts++) {
		e.mas1 = MAS1_VALID | TSIZE(ts);
		assert_true(gtlb_entry_size(&e) == (1024ull << (2 * ts)));
	}
	e.mas1 = TSIZE(TSIZE_4K);
	assert_true(gtlb_entry_size(&e) == 0x1000);
	e.mas1 = TSIZE(TSIZE_1G);
	assert_true(gtlb_entry_size(&e) == 0x40000000ull);
	e.mas1 = TSIZE(TSIZE_4G);
	assert_true(gtlb_entry_size(&e) == 0x100000000ull);
	/* no page below 4 KiB on e500 */
	e.mas1 = TSIZE(0);
	assert_true(gtlb_entry_size(&e) == 0x1000);
	/* other MAS1 fields do not leak into the size */
	e.mas1 = MAS1_VALID | MAS1_IPROT | TID(0xFF) | MAS1_TS | TSIZE(TSIZE_64K) | 0x80;
	assert_true(gtlb_entry_size(&e) == 0x10000);
}

static void test_entry_rpn(void **state)
{
	struct gtlb_entry e = {0};

	e.mas3 = 0x12345000 | MAS3_U0_3_MASK | PERM_ALL | 0xC00;
	e.mas7 = 0;
	assert_true(gtlb_entry_rpn(&e) == 0x12345000ull);
	e.mas7 = 0xF;
	assert_true(gtlb_entry_rpn(&e) == 0xF12345000ull);
	e.mas7 = 0xFFFFFFF3; /* only four bits exist */
	assert_true(gtlb_entry_rpn(&e) == 0x312345000ull);
}

/* ---- tlbwe ------------------------------------------------------------- */

static void test_tlbwe_tlb0_set_and_way(void **state)
{
	struct gtlb_mas m = {0};
	int sel = -5, idx = -5;

	/* set = EPN & 127 = 0x45, way = ESEL & 3 */
	m.mas0 = MAS0(0, 2);
	m.mas1 = MAS1_VALID | TSIZE(TSIZE_4K);
	m.mas2 = 0x10045000 | MAS2_I;
	m.mas3 = 0x00200000 | PERM_ALL;
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(sel, 0);
	assert_int_equal(idx, 0x45 * GTLB0_WAYS + 2);
	assert_int_equal(tlb->tlb0[idx].mas1, MAS1_VALID | TSIZE(TSIZE_4K));
	assert_int_equal(tlb->tlb0[idx].mas2, 0x10045000 | MAS2_I);
	assert_int_equal(tlb->tlb0[idx].mas3, 0x00200000 | PERM_ALL);

	/* set wraps: EPN 0x..80 uses set 0; ESEL 7 uses way 3 */
	m.mas0 = MAS0(0, 7);
	m.mas2 = 0x00080000;
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(sel, 0);
	assert_int_equal(idx, 3);

	/* set 127, way 0 */
	m.mas0 = MAS0(0, 0);
	m.mas2 = 0xFFFFF000;
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(idx, 127 * GTLB0_WAYS);
	assert_int_equal(tlb->tlb0[idx].mas2, 0xFFFFF000);

	/* Only the selected slots were written. */
	int valid = 0;
	for (int i = 0; i < GTLB0_ENTRIES; i++)
		valid += !!(tlb->tlb0[i].mas1 & MAS1_VALID);
	assert_int_equal(valid, 3);
}

static void test_tlbwe_tlb0_forced_fields(void **state)
{
	struct gtlb_mas m = {0};
	int sel, idx;

	/* 16 MiB, IPROT, reserved bits: TLB0 keeps 4 KiB and drops IPROT */
	m.mas0 = MAS0(0, 1);
	m.mas1 = 0xFFFFFFFF;
	m.mas2 = 0x12345FFF;
	m.mas3 = 0xFFFFFFFF;
	m.mas7 = 0xFFFFFFFF;
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(idx, 0x45 * GTLB0_WAYS + 1);
	assert_int_equal(tlb->tlb0[idx].mas1,
			 MAS1_VALID | TID(0xFF) | MAS1_TS | TSIZE(TSIZE_4K));
	assert_int_equal(tlb->tlb0[idx].mas2, 0x12345000 | MAS2_ATTR_MASK);
	assert_int_equal(tlb->tlb0[idx].mas3, 0xFFFFFFFF);
	assert_int_equal(tlb->tlb0[idx].mas7, 0xF);

	/* TSIZE 0 and invalid entries are fine in TLB0 too: forced to 4 KiB */
	m.mas1 = TSIZE(0);
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(tlb->tlb0[idx].mas1, TSIZE(TSIZE_4K));
}

static void test_tlbwe_tlb1_fields(void **state)
{
	struct gtlb_mas m = {0};
	int sel = -1, idx = -1;

	m.mas0 = MAS0(1, 15);
	m.mas1 = 0xFFFFFFFF & ~MAS1_TSIZE_MASK; /* all bits but TSIZE */
	m.mas1 |= TSIZE(TSIZE_16M);
	m.mas2 = 0x12345FFF; /* EPN below 16 MiB and bits 0x80..0x800 dropped */
	m.mas3 = 0xABCDE3FF;
	m.mas7 = 0x00000017;
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(sel, 1);
	assert_int_equal(idx, 15);
	assert_int_equal(tlb->tlb1[15].mas1, MAS1_VALID | MAS1_IPROT | TID(0xFF) |
						 MAS1_TS | TSIZE(TSIZE_16M));
	assert_int_equal(tlb->tlb1[15].mas2, 0x12000000 | MAS2_ATTR_MASK);
	assert_int_equal(tlb->tlb1[15].mas3, 0xABCDE3FF);
	assert_int_equal(tlb->tlb1[15].mas7, 0x7);
}

static void test_tlbwe_tlb1_epn_masking(void **state)
{
	static const struct {
		uint32_t tsize, mas2, epn;
	} cases[] = {
	    {TSIZE_4K, 0xFEDCBA98, 0xFEDCB000},	  {TSIZE_16K, 0xFEDCBA98, 0xFEDC8000},
	    {TSIZE_64K, 0xFEDCBA98, 0xFEDC0000},  {TSIZE_256K, 0xFEDCBA98, 0xFEDC0000},
	    {TSIZE_1M, 0xFEDCBA98, 0xFED00000},	  {TSIZE_4M, 0xFEDCBA98, 0xFEC00000},
	    {TSIZE_16M, 0xFEDCBA98, 0xFE000000},  {TSIZE_64M, 0xFEDCBA98, 0xFC000000},
	    {TSIZE_256M, 0xFEDCBA98, 0xF0000000}, {TSIZE_1G, 0xFEDCBA98, 0xC0000000},
	    {TSIZE_4G, 0xFEDCBA98, 0x00000000},
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(
		    wr(1, i, MAS1_VALID | TSIZE(cases[i].tsize), cases[i].mas2, 0, 0), 0);
		assert_int_equal(tlb->tlb1[i].mas2,
				 cases[i].epn | (cases[i].mas2 & MAS2_ATTR_MASK));
		assert_int_equal(tlb->tlb1[i].mas1, MAS1_VALID | TSIZE(cases[i].tsize));
	}
}

static void test_tlbwe_esel_wraps(void **state)
{
	struct gtlb_mas m = {0};
	int sel = -1, idx = -1;

	/* e500's ESEL field has 4 bits; QEMU also takes ESEL & 15 for TLB1 */
	m.mas0 = MAS0(1, 17);
	m.mas1 = MAS1_VALID | TSIZE(TSIZE_4K);
	m.mas2 = 0x5000;
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(sel, 1);
	assert_int_equal(idx, 1);
	assert_int_equal(tlb->tlb1[1].mas2, 0x5000);

	m.mas0 = MAS0(1, 0xFFF);
	m.mas2 = 0x6000;
	assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
	assert_int_equal(idx, 15);
	assert_int_equal(tlb->tlb1[15].mas2, 0x6000);
}

static void test_tlbwe_bad_tlbsel(void **state)
{
	struct gtlb_mas m = {0};
	int sel = -7, idx = -7;

	for (int s = 2; s <= 3; s++) {
		m.mas0 = MAS0(s, 0);
		m.mas1 = MAS1_VALID | TSIZE(TSIZE_4K);
		m.mas2 = 0;
		assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), -1);
	}
	assert_int_equal(sel, -7);
	assert_int_equal(idx, -7);
	assert_int_equal(tlb->tlb0[0].mas1, 0);
	assert_int_equal(tlb->tlb1[0].mas1, 0);
}

static void test_tlbwe_tlb1_bad_tsize(void **state)
{
	/* A valid TLB1 entry needs TSIZE 1 (4 KiB) .. 11 (4 GiB). */
	assert_int_equal(wr(1, 3, MAS1_VALID | TSIZE(0), 0x1000, 0x1000, 0), -1);
	for (uint32_t ts = TSIZE_4G + 1; ts <= 15; ts++)
		assert_int_equal(wr(1, 3, MAS1_VALID | TSIZE(ts), 0x1000, 0x1000, 0), -1);
	assert_int_equal(tlb->tlb1[3].mas1, 0);
	assert_int_equal(tlb->tlb1[3].mas2, 0);
	assert_int_equal(tlb->tlb1[3].mas3, 0);

	/* An invalid entry keeps what was written (QEMU reads it back). */
	assert_int_equal(wr(1, 3, TSIZE(0) | TID(3), 0x1000, 0x1000, 0), 0);
	assert_int_equal(tlb->tlb1[3].mas1, TID(3));
	assert_int_equal(wr(1, 4, TSIZE(13), 0x1000, 0x1000, 0), 0);
	assert_int_equal(tlb->tlb1[4].mas1, TSIZE(13));
}

static void test_tlbwe_overwrite(void **state)
{
	struct gtlb_hit hit;

	wr1(0, TSIZE_4K, 0x1000, 0x100000);
	assert_true(look(0x1000, &hit));
	wr1(0, TSIZE_4K, 0x2000, 0x100000);
	assert_false(look(0x1000, &hit));
	assert_true(look(0x2000, &hit));
	/* writing V = 0 invalidates */
	assert_int_equal(wr(1, 0, TSIZE(TSIZE_4K), 0x2000, 0, 0), 0);
	assert_false(look(0x2000, &hit));
}

/* ---- tlbre ------------------------------------------------------------- */

static void test_tlbre_tlb0(void **state)
{
	struct gtlb_mas m = {0};

	assert_int_equal(wr(0, 3, MAS1_VALID | TID(9) | MAS1_TS | TSIZE(1),
			    0xC0123000 | MAS2_M, 0x7654321F, 0xA),
			 0);

	/* read back: set from MAS2[EPN], way from ESEL */
	m.mas0 = MAS0(0, 3) | 0xFFF; /* garbage NV is replaced */
	m.mas2 = 0x00123ABC;	     /* any EPN with set 0x23 */
	m.mas4 = 0x11111111;
	m.mas6 = 0x22222222;
	gtlb_tlbre(tlb, &m);
	assert_int_equal(m.mas0, MAS0(0, 3) | (tlb->next_victim & 3));
	assert_int_equal(m.mas1, MAS1_VALID | TID(9) | MAS1_TS | TSIZE(1));
	assert_int_equal(m.mas2, 0xC0123000 | MAS2_M);
	assert_int_equal(m.mas3, 0x7654321F);
	assert_int_equal(m.mas7, 0xA);
	assert_int_equal(m.mas4, 0x11111111);
	assert_int_equal(m.mas6, 0x22222222);

	/* another way of the same set is empty */
	m.mas0 = MAS0(0, 2);
	m.mas2 = 0xC0123000;
	gtlb_tlbre(tlb, &m);
	assert_int_equal(m.mas0, MAS0(0, 2));
	assert_int_equal(m.mas1, 0);
	assert_int_equal(m.mas2, 0);
	assert_int_equal(m.mas3, 0);
	assert_int_equal(m.mas7, 0);

	/* ESEL 7 reads way 3 and reports ESEL 3 */
	m.mas0 = MAS0(0, 7);
	m.mas2 = 0xC0123000;
	gtlb_tlbre(tlb, &m);
	assert_int_equal(m.mas0, MAS0(0, 3));
	assert_int_equal(m.mas3, 0x7654321F);
}

static void test_tlbre_tlb1(void **state)
{
	struct gtlb_mas m = {0};

	assert_int_equal(wr(1, 9, MAS1_VALID | MAS1_IPROT | TID(1) | TSIZE(TSIZE_256M),
			    0xE0000000 | MAS2_I | MAS2_G, 0x30000015, 0xF),
			 0);
	m.mas0 = MAS0(1, 9);
	m.mas2 = 0xDEADB000; /* irrelevant for TLB1 */
	gtlb_tlbre(tlb, &m);
	assert_int_equal(m.mas0, MAS0(1, 9));
	assert_int_equal(m.mas1, MAS1_VALID | MAS1_IPROT | TID(1) | TSIZE(TSIZE_256M));
	assert_int_equal(m.mas2, 0xE0000000 | MAS2_I | MAS2_G);
	assert_int_equal(m.mas3, 0x30000015);
	assert_int_equal(m.mas7, 0xF);

	/* ESEL 25 reads entry 9 and reports ESEL 9 */
	m.mas0 = MAS0(1, 25);
	m.mas1 = 0;
	gtlb_tlbre(tlb, &m);
	assert_int_equal(m.mas0, MAS0(1, 9));
	assert_int_equal(m.mas1, MAS1_VALID | MAS1_IPROT | TID(1) | TSIZE(TSIZE_256M));
}

static void test_tlbre_invalid_selection(void **state)
{
	struct gtlb_mas m = {.mas0 = MAS0(2, 0),
			     .mas1 = 0xFFFFFFFF,
			     .mas2 = 0x1234,
			     .mas3 = 0x5678,
			     .mas7 = 9};

	wr1(0, TSIZE_4K, 0, 0);
	gtlb_tlbre(tlb, &m);
	assert_int_equal(m.mas0, MAS0(2, 0));
	assert_int_equal(m.mas1, 0);
	assert_int_equal(m.mas2, 0x1234);
	assert_int_equal(m.mas3, 0x5678);
	assert_int_equal(m.mas7, 9);
}

static void test_tlbre_roundtrip(void **state)
{
	struct gtlb_mas w = {0}, r = {0};

	w.mas0 = MAS0(1, 4);
	w.mas1 = MAS1_VALID | TID(0x42) | TSIZE(TSIZE_64M);
	w.mas2 = 0x0C000000 | MAS2_W | MAS2_E;
	w.mas3 = 0x04000000 | MAS3_U0_3_MASK | MAS3_SR | MAS3_SW;
	w.mas7 = 0x2;
	assert_int_equal(gtlb_tlbwe(tlb, &w, NULL, NULL), 0);
	r.mas0 = MAS0(1, 4);
	gtlb_tlbre(tlb, &r);
	assert_int_equal(r.mas1, w.mas1);
	assert_int_equal(r.mas2, w.mas2);
	assert_int_equal(r.mas3, w.mas3);
	assert_int_equal(r.mas7, w.mas7);
}

/* ---- tlbsx ------------------------------------------------------------- */

static void test_tlbsx_hit_tlb0(void **state)
{
	struct gtlb_mas m = {0};

	assert_int_equal(
	    wr(0, 2, MAS1_VALID | TID(5) | TSIZE(1), 0x40007000 | MAS2_G, 0x9000003F, 1),
	    0);
	m.mas6 = SPID(5);
	m.mas4 = 0x10000000 | MAS4_DEFAULTS_MASK; /* unused on a hit */
	assert_true(gtlb_tlbsx(tlb, &m, 0x40007ABC));
	assert_int_equal(m.mas0, MAS0(0, 2) | 0);
	assert_int_equal(m.mas1, MAS1_VALID | TID(5) | TSIZE(1));
	assert_int_equal(m.mas2, 0x40007000 | MAS2_G);
	assert_int_equal(m.mas3, 0x9000003F);
	assert_int_equal(m.mas7, 1);
	assert_int_equal(m.mas6, SPID(5));
	/* a hit does not move the victim hint */
	assert_int_equal(tlb->next_victim, 0);
}

static void test_tlbsx_hit_tlb1(void **state)
{
	struct gtlb_mas m = {0};

	assert_int_equal(wr(1, 11, MAS1_VALID | MAS1_IPROT | MAS1_TS | TSIZE(TSIZE_1M),
			    0x00F00000, 0x01F00000 | PERM_ALL, 0),
			 0);
	m.mas6 = SPID(77) | MAS6_SAS; /* TID 0 entry matches any SPID */
	assert_true(gtlb_tlbsx(tlb, &m, 0x00FFFFFF));
	assert_int_equal(m.mas0, MAS0(1, 11));
	assert_int_equal(m.mas1, MAS1_VALID | MAS1_IPROT | MAS1_TS | TSIZE(TSIZE_1M));
	assert_int_equal(m.mas2, 0x00F00000);
	assert_int_equal(m.mas3, 0x01F00000 | PERM_ALL);
	assert_int_equal(m.mas7, 0);
}

static void test_tlbsx_matching(void **state)
{
	struct gtlb_mas m = {0};

	/* TLB1 entry with TID 3 in AS 0 */
	assert_int_equal(wr(1, 0, MAS1_VALID | TID(3) | TSIZE(TSIZE_4K), 0x8000, 0, 0),
			 0);

	m.mas6 = SPID(3);
	assert_true(gtlb_tlbsx(tlb, &m, 0x8000));
	m.mas6 = SPID(4); /* wrong TID */
	assert_false(gtlb_tlbsx(tlb, &m, 0x8000));
	m.mas6 = SPID(0); /* SPID 0 only finds TID 0 */
	assert_false(gtlb_tlbsx(tlb, &m, 0x8000));
	m.mas6 = SPID(3) | MAS6_SAS; /* wrong space */
	assert_false(gtlb_tlbsx(tlb, &m, 0x8000));
	m.mas6 = SPID(3);
	assert_false(gtlb_tlbsx(tlb, &m, 0x9000)); /* next page */
	assert_false(gtlb_tlbsx(tlb, &m, 0x7FFF)); /* previous page */
	assert_true(gtlb_tlbsx(tlb, &m, 0x8FFF));

	/* invalid entries are not found */
	assert_int_equal(wr(1, 0, TID(3) | TSIZE(TSIZE_4K), 0x8000, 0, 0), 0);
	m.mas6 = SPID(3);
	assert_false(gtlb_tlbsx(tlb, &m, 0x8000));
}

static void test_tlbsx_tlb0_first(void **state)
{
	struct gtlb_mas m = {0};

	wr1(0, TSIZE_16M, 0x01000000, 0x02000000);
	assert_int_equal(wr(0, 1, MAS1_VALID | TSIZE(1), 0x01234000, 0x5000, 0), 0);
	assert_true(gtlb_tlbsx(tlb, &m, 0x01234000));
	assert_int_equal(m.mas0, MAS0(0, 1));
	assert_int_equal(m.mas3, 0x5000);
	assert_true(gtlb_tlbsx(tlb, &m, 0x01235000));
	assert_int_equal(m.mas0, MAS0(1, 0));
}

static void test_tlbsx_miss(void **state)
{
	struct gtlb_mas m = {0};

	m.mas0 = 0xFFFFFFFF;
	m.mas1 = 0xFFFFFFFF;
	m.mas2 = 0xFFFFFFFF;
	m.mas3 = 0xFFFFFFFF;
	m.mas7 = 0xFFFFFFFF;
	m.mas4 = 0x10000000 | 0x00030000 | TSIZE(TSIZE_64K) | 0x7F | 0x80; /* TLBSELD 1 */
	m.mas6 = SPID(0xAB) | MAS6_SAS;
	assert_false(gtlb_tlbsx(tlb, &m, 0x12345678));
	/* ESEL = hint (0), NV = advanced hint (1) */
	assert_int_equal(m.mas0, MAS0(1, 0) | 1);
	assert_int_equal(m.mas1, TID(0xAB) | MAS1_TS | TSIZE(TSIZE_64K));
	assert_int_equal(m.mas2, MAS4_DEFAULTS_MASK); /* no EPN (QEMU) */
	assert_int_equal(m.mas3, 0);
	assert_int_equal(m.mas7, 0);
	assert_int_equal(m.mas4, 0x10000000 | 0x00030000 | TSIZE(TSIZE_64K) | 0xFF);
	assert_int_equal(m.mas6, SPID(0xAB) | MAS6_SAS);
	assert_int_equal(tlb->next_victim, 1);

	/* AS 0, TLBSELD 0, WIMGE subset */
	m.mas4 = TSIZE(TSIZE_4K) | MAS2_W | MAS2_G;
	m.mas6 = SPID(0);
	assert_false(gtlb_tlbsx(tlb, &m, 0x1000));
	assert_int_equal(m.mas0, MAS0(0, 1) | 2);
	assert_int_equal(m.mas1, TSIZE(TSIZE_4K));
	assert_int_equal(m.mas2, MAS2_W | MAS2_G);
}

static void test_tlbsx_victim_rotation(void **state)
{
	struct gtlb_mas m = {0};

	for (int i = 0; i < 9; i++) {
		assert_false(gtlb_tlbsx(tlb, &m, 0x1000));
		assert_int_equal((m.mas0 & MAS0_ESEL_MASK) >> MAS0_ESEL_SHIFT, i & 3);
		assert_int_equal(m.mas0 & MAS0_NV_MASK, (i + 1) & 3);
	}
	/* tlbre reports the current hint in NV */
	m.mas0 = MAS0(1, 0);
	gtlb_tlbre(tlb, &m);
	assert_int_equal(m.mas0, MAS0(1, 0) | (9 & 3));
	/* the hint the NV reports is where a miss goes next */
	assert_false(gtlb_tlbsx(tlb, &m, 0x1000));
	assert_int_equal((m.mas0 & MAS0_ESEL_MASK) >> MAS0_ESEL_SHIFT, 9 & 3);
}

/* ---- tlbivax ----------------------------------------------------------- */

static void test_tlbivax_tlb0_ea(void **state)
{
	struct gtlb_hit hit;

	/* three ways of set 0x10 with the same EPN but different TID/TS, one other */
	assert_int_equal(wr(0, 0, MAS1_VALID | TSIZE(1), 0x00010000, 0, 0), 0);
	assert_int_equal(wr(0, 1, MAS1_VALID | TID(7) | TSIZE(1), 0x00010000, 0, 0), 0);
	assert_int_equal(wr(0, 2, MAS1_VALID | MAS1_TS | TSIZE(1), 0x00010000, 0, 0), 0);
	assert_int_equal(wr(0, 3, MAS1_VALID | TSIZE(1), 0x00090000, 0, 0),
			 0); /* same set */
	assert_int_equal(wr(0, 0, MAS1_VALID | TSIZE(1), 0x00011000, 0, 0),
			 0);		 /* next set */
	wr1(0, TSIZE_1M, 0x00000000, 0); /* TLB1 covers it too */

	/* offset in page and the low flag bits are ignored */
	assert_int_equal(gtlb_tlbivax(tlb, 0x00010FF3), 3);
	for (int w = 0; w < 3; w++)
		assert_false(tlb->tlb0[0x10 * 4 + w].mas1 & MAS1_VALID);
	assert_true(tlb->tlb0[0x10 * 4 + 3].mas1 & MAS1_VALID);
	assert_true(tlb->tlb0[0x11 * 4].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[0].mas1 & MAS1_VALID);
	/* the other fields stay */
	assert_int_equal(tlb->tlb0[0x10 * 4 + 1].mas1, TID(7) | TSIZE(1));

	/* nothing left to invalidate */
	assert_int_equal(gtlb_tlbivax(tlb, 0x00010000), 0);
	/* the lookup now falls through to TLB1 */
	assert_true(look(0x00010000, &hit));
	assert_int_equal(hit.tlbsel, 1);
}

static void test_tlbivax_tlb1_ea(void **state)
{
	struct gtlb_hit hit;

	wr1(0, TSIZE_16M, 0x10000000, 0x20000000);
	assert_int_equal(
	    wr(1, 1, MAS1_VALID | MAS1_IPROT | TSIZE(TSIZE_16M), 0x10000000, 0, 0), 0);
	assert_int_equal(
	    wr(1, 2, MAS1_VALID | TID(3) | MAS1_TS | TSIZE(TSIZE_4K), 0x10ABC000, 0, 0),
	    0);
	wr1(3, TSIZE_16M, 0x11000000, 0);
	assert_int_equal(wr(0, 0, MAS1_VALID | TSIZE(1), 0x10ABC000, 0, 0), 0);

	/* an EA in the middle of the 16M page hits entries 0 (not IPROT) and 2 */
	assert_int_equal(gtlb_tlbivax(tlb, 0x10ABC000 | TLBIVAX_TLB1), 2);
	assert_false(tlb->tlb1[0].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[1].mas1 & MAS1_VALID); /* IPROT survives */
	assert_false(tlb->tlb1[2].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[3].mas1 & MAS1_VALID);
	assert_true(tlb->tlb0[(0x10ABC & 127) * 4].mas1 &
		    MAS1_VALID); /* TLB0 untouched */
	assert_true(look(0x10000000, &hit));
	assert_int_equal(hit.index, 1);
}

static void test_tlbivax_all(void **state)
{
	for (int i = 0; i < GTLB0_ENTRIES; i += 5)
		tlb->tlb0[i].mas1 = MAS1_VALID | TSIZE(1);
	wr1(0, TSIZE_4K, 0, 0);
	assert_int_equal(
	    wr(1, 5, MAS1_VALID | MAS1_IPROT | TSIZE(TSIZE_4K), 0x5000, 0, 0), 0);
	wr1(6, TSIZE_4K, 0x6000, 0);

	/* TLB0 all: every valid TLB0 entry, TLB1 untouched; EA bits ignored */
	assert_int_equal(gtlb_tlbivax(tlb, 0xFFFFF000 | TLBIVAX_ALL),
			 (GTLB0_ENTRIES + 4) / 5);
	for (int i = 0; i < GTLB0_ENTRIES; i++)
		assert_false(tlb->tlb0[i].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[0].mas1 & MAS1_VALID);

	/* TLB1 all: spares IPROT */
	assert_int_equal(gtlb_tlbivax(tlb, TLBIVAX_ALL | TLBIVAX_TLB1), 2);
	assert_false(tlb->tlb1[0].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[5].mas1 & MAS1_VALID);
	assert_false(tlb->tlb1[6].mas1 & MAS1_VALID);
	assert_int_equal(gtlb_tlbivax(tlb, TLBIVAX_ALL | TLBIVAX_TLB1), 0);
}

/* ---- flash invalidate -------------------------------------------------- */

static void test_flash_invalidate(void **state)
{
	tlb->tlb0[0].mas1 = MAS1_VALID | TSIZE(1);
	tlb->tlb0[GTLB0_ENTRIES - 1].mas1 = MAS1_VALID | TSIZE(1);
	wr1(0, TSIZE_4K, 0, 0);
	assert_int_equal(
	    wr(1, 15, MAS1_VALID | MAS1_IPROT | TSIZE(TSIZE_4K), 0x5000, 0, 0), 0);

	assert_int_equal(gtlb_flash_invalidate(tlb, 0), 0);
	assert_true(tlb->tlb0[0].mas1 & MAS1_VALID);

	assert_int_equal(gtlb_flash_invalidate(tlb, MMUCSR0_TLB0_FI), 2);
	assert_false(tlb->tlb0[0].mas1 & MAS1_VALID);
	assert_false(tlb->tlb0[GTLB0_ENTRIES - 1].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[0].mas1 & MAS1_VALID);

	tlb->tlb0[7].mas1 = MAS1_VALID | TSIZE(1);
	assert_int_equal(gtlb_flash_invalidate(tlb, MMUCSR0_TLB1_FI), 1);
	assert_true(tlb->tlb0[7].mas1 & MAS1_VALID);
	assert_false(tlb->tlb1[0].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[15].mas1 & MAS1_VALID);

	wr1(3, TSIZE_4K, 0x3000, 0);
	assert_int_equal(gtlb_flash_invalidate(tlb, MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI),
			 2);
	assert_false(tlb->tlb0[7].mas1 & MAS1_VALID);
	assert_false(tlb->tlb1[3].mas1 & MAS1_VALID);
	assert_true(tlb->tlb1[15].mas1 & MAS1_VALID);
}

/* ---- lookup ------------------------------------------------------------ */

static void test_lookup_tlb1_sizes(void **state)
{
	struct gtlb_hit hit;

	for (uint32_t ts = TSIZE_4K; ts <= TSIZE_1G; ts++) {
		uint64_t size = 1024ull << (2 * ts);
		/* a page at 3 * size when it fits, else at size */
		uint32_t epn = (uint32_t)(size * 3 < 0x100000000ull ? size * 3 : size);
		uint64_t rpn = 0x100000000ull - size; /* top of 4 GiB */

		gtlb_init(tlb);
		wr1(2, ts, epn, rpn);

		assert_true(look(epn, &hit));
		assert_ptr_equal(hit.entry, &tlb->tlb1[2]);
		assert_int_equal(hit.tlbsel, 1);
		assert_int_equal(hit.index, 2);
		assert_true(hit.page_size == size);
		assert_true(hit.gpa == rpn);

		assert_true(look(epn + (uint32_t)size - 1, &hit));
		assert_true(hit.gpa == rpn + size - 1);

		assert_true(look(epn + (uint32_t)size / 2 + 0x123, &hit));
		assert_true(hit.gpa == rpn + size / 2 + 0x123);

		assert_false(look(epn + (uint32_t)size, &hit));
		assert_false(look(epn - 1, &hit));
	}
}

static void test_lookup_4g_page(void **state)
{
	struct gtlb_hit hit;

	wr1(0, TSIZE_4G, 0x00000000, 0x000000000ull);
	assert_true(look(0, &hit));
	assert_true(hit.page_size == 0x100000000ull);
	assert_true(hit.gpa == 0);
	assert_true(look(0xFFFFFFFF, &hit));
	assert_true(hit.gpa == 0xFFFFFFFFull);

	/* with MAS7 the 4 GiB page sits at 0x3_0000_0000 */
	gtlb_init(tlb);
	assert_int_equal(wr(1, 0, MAS1_VALID | TSIZE(TSIZE_4G), 0, 0, 3), 0);
	assert_true(look(0x89ABCDEF, &hit));
	assert_true(hit.gpa == 0x389ABCDEFull);
}

static void test_lookup_rpn_masked_to_page(void **state)
{
	struct gtlb_hit hit;

	/* an unaligned RPN contributes only the bits above the page size */
	assert_int_equal(
	    wr(1, 0, MAS1_VALID | TSIZE(TSIZE_1M), 0x00100000, 0x12345000 | PERM_ALL, 0),
	    0);
	assert_true(look(0x00100000 + 0xABCDE, &hit));
	assert_true(hit.gpa == 0x12300000ull + 0xABCDE);
	/* permission and U bits never leak into the address */
	assert_int_equal(
	    wr(1, 1, MAS1_VALID | TSIZE(TSIZE_4K), 0x5000, 0x7000 | 0xFFF, 0), 0);
	assert_true(look(0x5004, &hit));
	assert_true(hit.gpa == 0x7004ull);
}

static void test_lookup_36bit_rpn(void **state)
{
	struct gtlb_hit hit;

	/* CCSR-like mapping at 0xF_E000_0000 */
	assert_int_equal(wr(1, 4, MAS1_VALID | TSIZE(TSIZE_1M),
			    0xE0000000 | MAS2_I | MAS2_G, 0xE0000000 | MAS3_SR | MAS3_SW,
			    0xF),
			 0);
	assert_true(look(0xE0004500, &hit));
	assert_true(hit.gpa == 0xFE0004500ull);
	assert_true(look(0xE00FFFFF, &hit));
	assert_true(hit.gpa == 0xFE00FFFFFull);
	assert_false(look(0xE0100000, &hit));

	/* TLB0 too; MAS7 bits above 4 are dropped at tlbwe */
	assert_int_equal(wr(0, 0, MAS1_VALID | TSIZE(1), 0x00042000, 0x00099000, 0x35),
			 0);
	assert_true(look(0x00042ABC, &hit));
	assert_true(hit.gpa == 0x500099ABCull);
}

static void test_lookup_tlb0_sets(void **state)
{
	struct gtlb_hit hit;

	/* Same way, sets 0 / 1 / 127; and two EPNs in the same set in two ways */
	assert_int_equal(wr(0, 0, MAS1_VALID | TSIZE(1), 0x00000000, 0x00A00000, 0), 0);
	assert_int_equal(wr(0, 0, MAS1_VALID | TSIZE(1), 0x00001000, 0x00B00000, 0), 0);
	assert_int_equal(wr(0, 0, MAS1_VALID | TSIZE(1), 0x0007F000, 0x00C00000, 0), 0);
	assert_int_equal(wr(0, 3, MAS1_VALID | TSIZE(1), 0x00080000, 0x00D00000, 0), 0);

	assert_true(look(0x00000FFF, &hit));
	assert_int_equal(hit.tlbsel, 0);
	assert_int_equal(hit.index, 0);
	assert_true(hit.page_size == 0x1000);
	assert_true(hit.gpa == 0x00A00FFF);
	assert_ptr_equal(hit.entry, &tlb->tlb0[0]);

	assert_true(look(0x00001000, &hit));
	assert_int_equal(hit.index, 1 * GTLB0_WAYS);
	assert_true(hit.gpa == 0x00B00000);

	assert_true(look(0x0007F800, &hit));
	assert_int_equal(hit.index, 127 * GTLB0_WAYS);
	assert_true(hit.gpa == 0x00C00800);

	assert_true(look(0x00080010, &hit));
	assert_int_equal(hit.index, 3);
	assert_true(hit.gpa == 0x00D00010);

	assert_false(look(0x00002000, &hit));
	assert_false(look(0x00100000, &hit)); /* set 0, EPN not present */

	/* an entry placed in a set its EPN does not index is never found */
	tlb->tlb0[5 * GTLB0_WAYS].mas1 = MAS1_VALID | TSIZE(1);
	tlb->tlb0[5 * GTLB0_WAYS].mas2 = 0x00006000; /* belongs to set 6 */
	assert_false(look(0x00006000, &hit));
}

static void test_lookup_ts_tid(void **state)
{
	struct gtlb_hit hit;
	struct gtlb_ctx c;

	assert_int_equal(wr(1, 0, MAS1_VALID | TSIZE(TSIZE_4K), 0x1000, 0x11000, 0),
			 0); /* global AS0 */
	assert_int_equal(
	    wr(1, 1, MAS1_VALID | MAS1_TS | TSIZE(TSIZE_4K), 0x2000, 0x12000, 0),
	    0); /* global AS1 */
	assert_int_equal(
	    wr(1, 2, MAS1_VALID | TID(5) | TSIZE(TSIZE_4K), 0x3000, 0x13000, 0), 0);
	assert_int_equal(
	    wr(1, 3, MAS1_VALID | TID(6) | MAS1_TS | TSIZE(TSIZE_4K), 0x4000, 0x14000, 0),
	    0);
	assert_int_equal(wr(0, 0, MAS1_VALID | TID(0xFF) | TSIZE(1), 0x5000, 0x15000, 0),
			 0);

	/* TID 0: any PIDs, right AS only */
	c = ctx(9, 8, 7, false);
	assert_true(gtlb_lookup(tlb, &c, 0x1000, &hit));
	assert_false(gtlb_lookup(tlb, &c, 0x2000, &hit));
	c = ctx(9, 8, 7, true);
	assert_false(gtlb_lookup(tlb, &c, 0x1000, &hit));
	assert_true(gtlb_lookup(tlb, &c, 0x2000, &hit));
	c = ctx(0, 0, 0, true);
	assert_true(gtlb_lookup(tlb, &c, 0x2000, &hit));

	/* TID 5 through PID0, PID1 or PID2 */
	c = ctx(5, 0, 0, false);
	assert_true(gtlb_lookup(tlb, &c, 0x3000, &hit));
	c = ctx(1, 5, 0, false);
	assert_true(gtlb_lookup(tlb, &c, 0x3000, &hit));
	c = ctx(1, 2, 5, false);
	assert_true(gtlb_lookup(tlb, &c, 0x3000, &hit));
	assert_int_equal(hit.index, 2);
	assert_true(hit.gpa == 0x13000);
	c = ctx(1, 2, 3, false);
	assert_false(gtlb_lookup(tlb, &c, 0x3000, &hit));
	c = ctx(0, 0, 0, false); /* PID 0 matches only TID 0 */
	assert_false(gtlb_lookup(tlb, &c, 0x3000, &hit));
	c = ctx(5, 5, 5, true); /* wrong AS */
	assert_false(gtlb_lookup(tlb, &c, 0x3000, &hit));

	/* TID 6 in AS 1 */
	c = ctx(0, 0, 6, true);
	assert_true(gtlb_lookup(tlb, &c, 0x4000, &hit));
	c = ctx(0, 0, 6, false);
	assert_false(gtlb_lookup(tlb, &c, 0x4000, &hit));

	/* TID 255 in TLB0 */
	c = ctx(0, 255, 0, false);
	assert_true(gtlb_lookup(tlb, &c, 0x5000, &hit));
	assert_int_equal(hit.tlbsel, 0);
	c = ctx(254, 0, 0, false);
	assert_false(gtlb_lookup(tlb, &c, 0x5000, &hit));
}

static void test_lookup_priority(void **state)
{
	struct gtlb_hit hit;
	struct gtlb_ctx c = ctx(4, 0, 0, false);

	/* TLB1 entry 7 and 3 overlap; lower index first; TLB0 before both */
	wr1(7, TSIZE_1M, 0x00000000, 0x07000000);
	wr1(3, TSIZE_4K, 0x00001000, 0x03000000);
	assert_true(gtlb_lookup(tlb, &c, 0x1234, &hit));
	assert_int_equal(hit.tlbsel, 1);
	assert_int_equal(hit.index, 3);
	assert_true(hit.gpa == 0x03000234);
	assert_true(gtlb_lookup(tlb, &c, 0x2234, &hit));
	assert_int_equal(hit.index, 7);
	assert_true(hit.gpa == 0x07002234);

	assert_int_equal(
	    wr(0, 2, MAS1_VALID | TID(4) | TSIZE(1), 0x00001000, 0x00AAA000, 0), 0);
	assert_true(gtlb_lookup(tlb, &c, 0x1234, &hit));
	assert_int_equal(hit.tlbsel, 0);
	assert_int_equal(hit.index, 1 * GTLB0_WAYS + 2);
	assert_true(hit.gpa == 0x00AAA234);

	/* an entry that does not match (wrong TID) does not hide later ones */
	c = ctx(3, 0, 0, false);
	assert_true(gtlb_lookup(tlb, &c, 0x1234, &hit));
	assert_int_equal(hit.tlbsel, 1);
	assert_int_equal(hit.index, 3);
}

/* ---- miss MAS ---------------------------------------------------------- */

static void test_miss_mas(void **state)
{
	struct gtlb_mas m;
	struct gtlb_ctx c = ctx(0x11, 0x22, 0x33, false);

	static const uint32_t want_tid[4] = {0x11, 0x22, 0x33, 0};

	for (uint32_t sel = 0; sel < 4; sel++) {
		uint32_t nv = tlb->next_victim;

		m = (struct gtlb_mas){.mas0 = 0xFFFFFFFF,
				      .mas1 = 0xFFFFFFFF,
				      .mas2 = 0xFFFFFFFF,
				      .mas3 = 0xFFFFFFFF,
				      .mas7 = 0xFFFFFFFF,
				      .mas6 = 0xFFFFFFFF};
		m.mas4 = (sel << 16) | TSIZE(TSIZE_4K) | MAS2_M;
		gtlb_miss_mas(tlb, &m, &c, 0xDEADBEEF);
		assert_int_equal(m.mas0, MAS0(0, nv) | ((nv + 1) & 3));
		assert_int_equal(m.mas1,
				 MAS1_VALID | TID(want_tid[sel]) | TSIZE(TSIZE_4K));
		assert_int_equal(m.mas2, 0xDEADB000 | MAS2_M);
		assert_int_equal(m.mas3, 0);
		assert_int_equal(m.mas7, 0);
		assert_int_equal(m.mas6, SPID(0x11));
		assert_int_equal(m.mas4, (sel << 16) | TSIZE(TSIZE_4K) | MAS2_M);
		assert_int_equal(tlb->next_victim, (nv + 1) & 3);
	}
}

static void test_miss_mas_as1_defaults(void **state)
{
	struct gtlb_mas m = {0};
	struct gtlb_ctx c = ctx(0x7F, 0x80, 0, true);

	/* TLBSELD 1, TIDSELD PID1, 64 MiB, all defaults incl. X0D/X1D */
	m.mas4 = 0x10000000 | 0x00010000 | TSIZE(TSIZE_64M) | MAS4_DEFAULTS_MASK | 0x80;
	m.mas6 = 0xFFFFFFFF;
	gtlb_miss_mas(tlb, &m, &c, 0x00000FFF);
	assert_int_equal(m.mas0, MAS0(1, 0) | 1);
	assert_int_equal(m.mas1, MAS1_VALID | TID(0x80) | MAS1_TS | TSIZE(TSIZE_64M));
	assert_int_equal(m.mas2, 0x00000000 | MAS4_DEFAULTS_MASK);
	assert_int_equal(m.mas6, SPID(0x7F) | MAS6_SAS);

	/* the MAS values describe the page: write them back and it translates */
	m.mas1 = (m.mas1 & ~MAS1_TSIZE_MASK) | TSIZE(TSIZE_4K);
	m.mas3 = 0x00400000 | PERM_ALL;
	assert_int_equal(gtlb_tlbwe(tlb, &m, NULL, NULL), 0);
	struct gtlb_hit hit;
	assert_true(gtlb_lookup(tlb, &c, 0x00000FFF, &hit));
	assert_true(hit.gpa == 0x00400FFF);
}

static void test_miss_then_tlbwe_tlb0(void **state)
{
	/* A TLB0 refill the way a guest handler does it: miss MAS, set RPN, tlbwe. */
	struct gtlb_mas m = {.mas4 = TSIZE(TSIZE_4K)};
	struct gtlb_ctx c = ctx(3, 0, 0, false);
	struct gtlb_hit hit;
	int sel, idx;

	for (int i = 0; i < 5; i++) {
		uint32_t ea = 0x10000000 + (uint32_t)i * 0x80000; /* all in set 0 */

		gtlb_miss_mas(tlb, &m, &c, ea);
		m.mas3 = (0x00800000 + (uint32_t)i * 0x1000) | PERM_ALL;
		assert_int_equal(gtlb_tlbwe(tlb, &m, &sel, &idx), 0);
		assert_int_equal(sel, 0);
		assert_int_equal(idx, i & 3);
	}
	/* the fifth refill evicted the first */
	assert_false(gtlb_lookup(tlb, &c, 0x10000000, &hit));
	assert_true(gtlb_lookup(tlb, &c, 0x10200000, &hit));
	assert_true(hit.gpa == 0x00804000);
	for (int i = 1; i < 4; i++)
		assert_true(
		    gtlb_lookup(tlb, &c, 0x10000000 + (uint32_t)i * 0x80000, &hit));
	/* TID 3: another PID does not see them */
	c = ctx(4, 0, 0, false);
	assert_false(gtlb_lookup(tlb, &c, 0x10080000, &hit));
}

/* ---- the fast path's summaries (fastpath.S) ------------------------------ */

/*
 * tlb1_map, recomputed here from the entries: bit b set exactly when a
 * valid TLB1 entry overlaps [b << 24, (b + 1) << 24); and every valid TLB0
 * entry is a 4 KiB page (the fast path compares TLB0 EPNs at 4 KiB).
 */
static void check_summaries(void)
{
	for (uint32_t b = 0; b < 256; b++) {
		bool want = false;

		for (int i = 0; i < GTLB1_ENTRIES; i++) {
			const struct gtlb_entry *e = &tlb->tlb1[i];
			uint64_t size = gtlb_entry_size(e);
			uint64_t start = e->mas2 & MAS2_EPN_MASK & ~(size - 1);

			if ((e->mas1 & MAS1_VALID) && start < ((uint64_t)b + 1) << 24 &&
			    start + size > (uint64_t)b << 24)
				want = true;
		}
		assert_int_equal(gtlb_tlb1_may_hold(tlb, b << 24), want);
		assert_int_equal(gtlb_tlb1_may_hold(tlb, (b << 24) | 0xFFFFFF), want);
		assert_int_equal(((tlb->tlb1_map[b >> 5] >> (b & 31)) & 1) != 0, want);
	}
	for (int i = 0; i < GTLB0_ENTRIES; i++)
		if (tlb->tlb0[i].mas1 & MAS1_VALID)
			assert_int_equal(tlb->tlb0[i].mas1 & MAS1_TSIZE_MASK, TSIZE(TSIZE_4K));
}

static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8 | rnd_state << 24;
}

static void test_fast_path_summaries(void **state)
{
	struct gtlb_hit hit;

	check_summaries(); /* after init, from garbage */
	for (int n = 0; n < 20000; n++) {
		uint32_t op = rnd() % 8, ea = rnd();
		struct gtlb_mas m = {.mas0 = MAS0(rnd() % 3, rnd() % 16),
				     .mas1 = rnd(),
				     .mas2 = ea,
				     .mas3 = rnd(),
				     .mas7 = rnd()};

		if (op < 5) {
			gtlb_tlbwe(tlb, &m, NULL, NULL);
		} else if (op == 5) {
			/* ea's low bits choose TLB1 (TLBIVAX_TLB1) and all (TLBIVAX_ALL) */
			gtlb_tlbivax(tlb, ea);
		} else if (op == 6 && rnd() % 16 == 0) {
			gtlb_flash_invalidate(tlb, (rnd() % 2 ? MMUCSR0_TLB0_FI : 0) |
							   (rnd() % 2 ? MMUCSR0_TLB1_FI : 0));
		} else if (rnd() % 64 == 0) {
			gtlb_init(tlb);
		}
		check_summaries();
		/* a TLB1 entry the lookup finds is always inside a mapped block */
		{
			struct gtlb_ctx c = ctx(rnd() & 0xFF, rnd() & 0xFF, 0, rnd() & 1);

			if (gtlb_lookup(tlb, &c, ea, &hit) && hit.tlbsel == 1)
				assert_true(gtlb_tlb1_may_hold(tlb, ea));
		}
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_init),
	    T(test_entry_size),
	    T(test_entry_rpn),
	    T(test_tlbwe_tlb0_set_and_way),
	    T(test_tlbwe_tlb0_forced_fields),
	    T(test_tlbwe_tlb1_fields),
	    T(test_tlbwe_tlb1_epn_masking),
	    T(test_tlbwe_esel_wraps),
	    T(test_tlbwe_bad_tlbsel),
	    T(test_tlbwe_tlb1_bad_tsize),
	    T(test_tlbwe_overwrite),
	    T(test_tlbre_tlb0),
	    T(test_tlbre_tlb1),
	    T(test_tlbre_invalid_selection),
	    T(test_tlbre_roundtrip),
	    T(test_tlbsx_hit_tlb0),
	    T(test_tlbsx_hit_tlb1),
	    T(test_tlbsx_matching),
	    T(test_tlbsx_tlb0_first),
	    T(test_tlbsx_miss),
	    T(test_tlbsx_victim_rotation),
	    T(test_tlbivax_tlb0_ea),
	    T(test_tlbivax_tlb1_ea),
	    T(test_tlbivax_all),
	    T(test_flash_invalidate),
	    T(test_lookup_tlb1_sizes),
	    T(test_lookup_4g_page),
	    T(test_lookup_rpn_masked_to_page),
	    T(test_lookup_36bit_rpn),
	    T(test_lookup_tlb0_sets),
	    T(test_lookup_ts_tid),
	    T(test_lookup_priority),
	    T(test_miss_mas),
	    T(test_miss_mas_as1_defaults),
	    T(test_miss_then_tlbwe_tlb0),
	    T(test_fast_path_summaries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
