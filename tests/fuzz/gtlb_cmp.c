// SPDX-License-Identifier: GPL-2.0-only
/* Comparing the hypervisor's guest TLB (gtlb.c) with the reference model. */
#include <string.h>

#include "fuzz.h"
#include "gtlb_cmp.h"

struct ref_pos gtlb_cmp_pos(int tlbsel, int index)
{
	if (tlbsel)
		return (struct ref_pos){1, 0, index};
	return (struct ref_pos){0, index / GTLB0_WAYS, index % GTLB0_WAYS};
}

int gtlb_cmp_index(struct ref_pos p)
{
	return p.tlb ? p.way : p.set * GTLB0_WAYS + p.way;
}

void gtlb_cmp_mas(const char *op, const struct gtlb_mas *g, const struct ref_mas *r)
{
	FUZZ_CHECK(g->mas0 == r->mas0 && g->mas1 == r->mas1 && g->mas2 == r->mas2 &&
		       g->mas3 == r->mas3 && g->mas7 == r->mas7 && g->mas4 == r->mas4 &&
		       g->mas6 == r->mas6,
		   "%s: gtlb MAS0-4,6,7 %08x %08x %08x %08x %08x %08x %08x, "
		   "reference %08x %08x %08x %08x %08x %08x %08x",
		   op, g->mas0, g->mas1, g->mas2, g->mas3, g->mas4, g->mas6, g->mas7,
		   r->mas0, r->mas1, r->mas2, r->mas3, r->mas4, r->mas6, r->mas7);
}

void gtlb_cmp_all(struct gtlb *t, struct ref_tlb *r)
{
	static const struct gtlb_entry gzero;
	static const struct ref_entry rzero;
	int i;

	for (i = 0; i < GTLB0_ENTRIES + GTLB1_ENTRIES; i++) {
		struct ref_pos p = i < GTLB0_ENTRIES ? gtlb_cmp_pos(0, i)
						     : gtlb_cmp_pos(1, i - GTLB0_ENTRIES);
		const struct gtlb_entry *raw = p.tlb ? &t->tlb1[p.way] : &t->tlb0[i];
		struct gtlb_mas g = {.mas0 = (uint32_t)p.tlb << 28 | (uint32_t)p.way
									 << 16,
				     .mas2 = (uint32_t)p.set << 12};
		struct ref_mas rm = {0};

		/* never written in either (the common case): nothing to compare */
		if (!memcmp(raw, &gzero, sizeof(gzero)) &&
		    !memcmp(ref_at(r, p), &rzero, sizeof(rzero)))
			continue;
		gtlb_tlbre(t, &g);
		ref_read_entry(r, p, &rm);
		rm.mas4 = g.mas4;
		rm.mas6 = g.mas6;
		gtlb_cmp_mas("tlbre (whole TLB)", &g, &rm);
	}
	/* the next victim, which tlbre reports in MAS0[NV] */
	{
		struct gtlb_mas g = {.mas0 = 1u << 28};
		struct ref_mas rm = {0};

		gtlb_tlbre(t, &g);
		ref_read_entry(r, (struct ref_pos){1, 0, 0}, &rm);
		FUZZ_CHECK((g.mas0 & 0xfff) == (rm.mas0 & 0xfff),
			   "next victim %u, reference %u", g.mas0 & 0xfff,
			   rm.mas0 & 0xfff);
	}
}
