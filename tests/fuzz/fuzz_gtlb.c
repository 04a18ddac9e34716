// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential fuzzer of the guest TLB model (gtlb.c) against the reference
 * model of e500v2 TLB semantics in gtlb_ref.c. The input is a sequence of
 * operations (tlbwe, tlbre, tlbsx, tlbivax, flash invalidate, translation
 * lookups, TLB-miss MAS loading); every result either model gives is
 * compared, and at the end the whole TLB as tlbre reads it.
 */
#include <string.h>

#include <arch/gtlb.h>

#include "fuzz.h"
#include "gtlb_cmp.h"
#include "gtlb_ref.h"

/* Recently written EPNs: effective addresses near them hit entries. */
static uint32_t recent[8];

static uint32_t gen_ea(struct fuzz_in *in)
{
	uint8_t mode = fuzz_u8(in);

	if (mode & 0x80)
		return fuzz_u32(in);
	return recent[mode & 7] ^ ((uint32_t)fuzz_u16(in) << ((mode >> 3) & 15));
}

/* Small TIDs and PIDs (0-3) often, so entries and contexts meet. */
static uint32_t gen_id(struct fuzz_in *in)
{
	uint8_t b = fuzz_u8(in);

	return b & 0x80 ? b & 3 : b;
}

static void gen_mas(struct fuzz_in *in, struct gtlb_mas *m)
{
	uint8_t ctl = fuzz_u8(in);
	uint32_t tlbsel = (ctl & 0x70) ? (ctl & 1) : (ctl >> 1) & 3; /* mostly 0 and 1 */
	uint32_t tsize = fuzz_u8(in);

	m->mas0 =
	    tlbsel << 28 | (uint32_t)fuzz_u8(in) << 16 | (ctl & 0x80 ? fuzz_u32(in) : 0);
	m->mas1 = (ctl & 0x08 ? 0x80000000u : 0) | (tsize & 0x80 ? 0x40000000u : 0) |
		  gen_id(in) << 16 | (tsize & 0x40 ? 0x1000u : 0) | (tsize & 0xf) << 8;
	if (tsize & 0x20)
		m->mas1 ^= fuzz_u32(in); /* any bits at all */
	m->mas2 = gen_ea(in) ^ (fuzz_u8(in) & 0x7f);
	m->mas3 = fuzz_u32(in);
	m->mas7 = ctl & 0x04 ? fuzz_u32(in) : (uint32_t)(ctl & 0x03);
	m->mas4 = fuzz_u32(in);
	m->mas6 = gen_id(in) << 16 | (uint32_t)fuzz_u8(in) << 24 | (fuzz_u8(in) & 0x81);
}

static bool in_matches(const struct ref_matches *rm, int tlbsel, int index)
{
	int i;

	for (i = 0; i < rm->n; i++)
		if (rm->pos[i].tlb == tlbsel && gtlb_cmp_index(rm->pos[i]) == index)
			return true;
	return false;
}

static void to_ref(const struct gtlb_mas *g, struct ref_mas *r)
{
	*r = (struct ref_mas){g->mas0, g->mas1, g->mas2, g->mas3,
			      g->mas4, g->mas6, g->mas7};
}

static void op_tlbwe(struct fuzz_in *in, struct gtlb *t, struct ref_tlb *r)
{
	struct gtlb_mas m;
	struct ref_mas rm;
	struct ref_pos rp;
	int sel = -1, idx = -1, res;
	bool ok;

	gen_mas(in, &m);
	to_ref(&m, &rm);
	res = gtlb_tlbwe(t, &m, &sel, &idx);
	ok = ref_tlbwe(r, &rm, &rp);
	FUZZ_CHECK((res == 0) == ok, "tlbwe MAS0 %08x MAS1 %08x: gtlb %d, reference %s",
		   m.mas0, m.mas1, res, ok ? "writes" : "refuses");
	if (ok) {
		FUZZ_CHECK(sel == rp.tlb && idx == gtlb_cmp_index(rp),
			   "tlbwe wrote TLB%d[%d], reference TLB%d[%d]", sel, idx, rp.tlb,
			   gtlb_cmp_index(rp));
		recent[fuzz_u8(in) & 7] = ref_at(r, rp)->epn;
	}
}

static void op_tlbre(struct fuzz_in *in, struct gtlb *t, struct ref_tlb *r)
{
	struct gtlb_mas m;
	struct ref_mas rm;

	gen_mas(in, &m);
	to_ref(&m, &rm);
	gtlb_tlbre(t, &m);
	ref_tlbre(r, &rm);
	gtlb_cmp_mas("tlbre", &m, &rm);
}

static void op_tlbsx(struct fuzz_in *in, struct gtlb *t, struct ref_tlb *r)
{
	struct gtlb_mas m;
	struct ref_mas rm;
	struct ref_matches found;
	uint32_t ea = gen_ea(in), spid;
	bool hit;

	gen_mas(in, &m);
	to_ref(&m, &rm);
	spid = (m.mas6 >> 16) & 0xff;
	ref_search(r, ea, m.mas6 & 1, &spid, 1, &found);
	hit = gtlb_tlbsx(t, &m, ea);
	FUZZ_CHECK(hit == (found.n > 0),
		   "tlbsx %08x MAS6 %08x: gtlb %s, reference %d matches", ea, rm.mas6,
		   hit ? "hit" : "miss", found.n);
	if (hit) {
		int sel = (m.mas0 >> 28) & 3, esel = (m.mas0 >> 16) & 0xfff;
		int idx =
		    sel ? esel : ((ea >> 12) & (GTLB0_SETS - 1)) * GTLB0_WAYS + esel;

		FUZZ_CHECK(sel <= 1 && esel < (sel ? GTLB1_ENTRIES : GTLB0_WAYS) &&
			       in_matches(&found, sel, idx),
			   "tlbsx %08x found TLB%d ESEL %d, not a matching entry", ea,
			   sel, esel);
		ref_read_entry(r, gtlb_cmp_pos(sel, idx), &rm);
	} else {
		ref_tlbsx_miss(r, &rm);
	}
	gtlb_cmp_mas("tlbsx", &m, &rm);
}

static void op_lookup(struct fuzz_in *in, struct gtlb *t, struct ref_tlb *r)
{
	struct gtlb_ctx ctx;
	struct gtlb_hit h;
	struct ref_matches found;
	uint32_t ea = gen_ea(in);
	bool hit;

	ctx.pid[0] = gen_id(in);
	ctx.pid[1] = gen_id(in);
	ctx.pid[2] = gen_id(in);
	ctx.as = fuzz_u8(in) & 1;
	ref_search(r, ea, ctx.as, ctx.pid, 3, &found);
	hit = gtlb_lookup(t, &ctx, ea, &h);
	FUZZ_CHECK(hit == (found.n > 0), "lookup %08x: gtlb %s, reference %d matches", ea,
		   hit ? "hit" : "miss", found.n);
	if (!hit)
		return;
	FUZZ_CHECK(in_matches(&found, h.tlbsel, h.index),
		   "lookup %08x: TLB%d[%d] does not match", ea, h.tlbsel, h.index);
	FUZZ_CHECK(h.entry == (h.tlbsel ? &t->tlb1[h.index] : &t->tlb0[h.index]),
		   "lookup: entry pointer is not TLB%d[%d]", h.tlbsel, h.index);
	FUZZ_CHECK(h.page_size ==
		       ref_page_size(ref_at(r, gtlb_cmp_pos(h.tlbsel, h.index))->tsize),
		   "lookup %08x: page size %llx", ea, (unsigned long long)h.page_size);
	FUZZ_CHECK(
	    h.gpa == ref_translate(r, gtlb_cmp_pos(h.tlbsel, h.index), ea),
	    "lookup %08x: gpa %llx, reference %llx", ea, (unsigned long long)h.gpa,
	    (unsigned long long)ref_translate(r, gtlb_cmp_pos(h.tlbsel, h.index), ea));
}

static void op_miss(struct fuzz_in *in, struct gtlb *t, struct ref_tlb *r)
{
	struct gtlb_ctx ctx;
	struct gtlb_mas m;
	struct ref_mas rm;
	uint32_t ea = gen_ea(in);

	gen_mas(in, &m);
	ctx.pid[0] = gen_id(in) | (uint32_t)fuzz_u8(in) << 8; /* PIDs above 8 bits too */
	ctx.pid[1] = gen_id(in);
	ctx.pid[2] = gen_id(in);
	ctx.as = fuzz_u8(in) & 1;
	to_ref(&m, &rm);
	gtlb_miss_mas(t, &m, &ctx, ea);
	ref_miss(r, &rm, ctx.pid, ctx.as, ea);
	gtlb_cmp_mas("TLB miss", &m, &rm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	static struct gtlb t;
	static struct ref_tlb r;
	int ops = 0;

	gtlb_init(&t);
	ref_init(&r);
	memset(recent, 0, sizeof(recent));
	while (fuzz_left(&in) && ops++ < 512) {
		uint8_t op = fuzz_u8(&in);
		uint32_t x;
		int a, b;

		switch (op % 8) {
		case 0:
		case 1:
			op_tlbwe(&in, &t, &r);
			break;
		case 2:
			op_tlbre(&in, &t, &r);
			break;
		case 3:
			op_tlbsx(&in, &t, &r);
			break;
		case 4:
			x = gen_ea(&in);
			a = gtlb_tlbivax(&t, x);
			b = ref_tlbivax(&r, x);
			FUZZ_CHECK(a == b,
				   "tlbivax %08x: gtlb invalidated %d, reference %d", x,
				   a, b);
			break;
		case 5:
			x = fuzz_u8(&in) & 0x7;
			if (op & 0x80)
				x = fuzz_u32(&in);
			a = gtlb_flash_invalidate(&t, x);
			b = ref_flash(&r, x);
			FUZZ_CHECK(a == b, "flash invalidate %x: gtlb %d, reference %d",
				   x, a, b);
			break;
		case 6:
			op_lookup(&in, &t, &r);
			break;
		default:
			op_miss(&in, &t, &r);
			break;
		}
	}
	gtlb_cmp_all(&t, &r);
	return 0;
}
