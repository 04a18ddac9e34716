// SPDX-License-Identifier: GPL-2.0-only
/*
 * What any TLB entry an operation writes must respect so that the fuzzer
 * can go on, whatever the entry and whatever beryl makes of it: the
 * interrupt vectors, handlers, frames and stack (all in [0, GF_PROT_TOP),
 * reached through TLB1[0] in address space 0) stay reachable, nothing
 * writes them, and no stray jump executes the fuzzer's RAM. Sizes are
 * taken at their largest reading (a reserved TSIZE counts as 4 GiB, TLB0
 * as its TSIZE field says) and address ranges at their widest (an RPN not
 * aligned to the page), so that no interpretation beryl could give the
 * entry breaks these rules.
 */
#include "gfuzz.h"

#define MAS0_ESEL_LOW 0x000F0000u
#define MAS3_RPN 0xFFFFF000u

static u64 entry_size(u32 mas1)
{
	u32 tsize = (mas1 & MAS1_TSIZE_MASK) >> 8;

	if (tsize == 0 || tsize > 11)
		return 1ull << 32;
	return 1024ull << (2 * tsize);
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

static bool touches_page(u64 pa, u64 len, u32 off)
{
	return overlaps(pa, len, 0xF00000000ull + GF_CCSR_PA + off, 0x1000);
}

/* gfuzz_ops.c sets this around the entry of an operation that means to write GUTS or
 * GPIO. */
bool gf_tlb_dev_write;

bool gf_tlb_sanitize(struct gf_mas *m)
{
	u64 size = entry_size(m->mas1), ea, pa, pa_lo;

	/* TLB1[0] is the fuzzer's (ESEL is 4 bits: higher bits ignored) */
	if (!(m->mas0 & MAS0_ESEL_LOW) && (m->mas0 & MAS0_TLBSEL_MASK))
		m->mas0 |= MAS0_ESEL(1 + gf_below(15));
	/* no other translation in AS 0 over its RAM or its console mapping */
	ea = (u64)(m->mas2 & MAS3_RPN) & ~(size - 1);
	if (!(m->mas1 & MAS1_TS) &&
	    (overlaps(ea, size, 0, GF_RAM) || overlaps(ea, size, RT_CCSR_EA, 0x100000)))
		m->mas1 |= MAS1_TS;
	pa = ((u64)(m->mas7 & 0xF) << 32) | (m->mas3 & MAS3_RPN);
	pa_lo = pa & ~(size - 1);
	if (overlaps(pa_lo, pa - pa_lo + size, 0, GF_RAM))
		m->mas3 &= ~(MAS3_SX | MAS3_UX);
	if (overlaps(pa_lo, pa - pa_lo + size, 0, GF_PROT_TOP))
		m->mas3 &= ~(MAS3_SW | MAS3_UW);
	if (!gf_tlb_dev_write && (touches_page(pa_lo, pa - pa_lo + size, GF_GUTS_OFF) ||
				  touches_page(pa_lo, pa - pa_lo + size, GF_GPIO_OFF)))
		m->mas3 &= ~(MAS3_SW | MAS3_UW);
	return (m->mas0 & MAS0_TLBSEL_MASK) && (m->mas0 & MAS0_ESEL_LOW) == MAS0_ESEL(1);
}

void gf_emit_tlbwe(const struct gf_mas *m, unsigned int r)
{
	gf_li32(r, m->mas0);
	gf_mtspr(SPR_MAS0, r);
	gf_li32(r, m->mas1);
	gf_mtspr(SPR_MAS1, r);
	gf_li32(r, m->mas2);
	gf_mtspr(SPR_MAS2, r);
	gf_li32(r, m->mas3);
	gf_mtspr(SPR_MAS3, r);
	gf_li32(r, m->mas7);
	gf_mtspr(SPR_MAS7, r);
	gf_emit(GF_INSN_TLBWE);
	gf_emit(GF_INSN_ISYNC);
}
