/* SPDX-License-Identifier: GPL-2.0-only */
/* tlbivax by EA in TLB0 and TLB1, IPROT entries survive, invalidate-all
 * forms (EA|0x4, |0x8 for TLB1), MMUCSR0 flash invalidate, tlbsync. */
#include "rt.h"

static u32 valid(u32 sel, u32 esel, u32 epn)
{
	struct tlbe e;
	tlb_read(sel, esel, epn, &e);
	return e.mas1 >> 31;
}

static void setup(void)
{
	rt_tlb1_map(2, 0x20000000, 0, 0x00400000, TSIZE_1M, 0, MAS3_SR, 0x11, 0, 0);
	rt_tlb1_map(3, 0x20100000, 0, 0x00400000, TSIZE_1M, 0, MAS3_SR, 0, 1, 0);
	rt_tlb1_map(4, 0x20200000, 0, 0x00400000, TSIZE_1M, 0, MAS3_SR, 0, 0, 1); /* IPROT */
	rt_tlb0_map(0, 0x21000000, 0x00400000, 0, MAS3_SR, 0, 0);
	rt_tlb0_map(1, 0x21001000, 0x00401000, 0, MAS3_SR, 0x5, 1);
	rt_tlb0_map(3, 0x21002000, 0x00402000, 0, MAS3_SR, 0, 0);
}

#define STATE(n)                                                               \
	check(n, valid(1, 2, 0) << 5 | valid(1, 3, 0) << 4 | valid(1, 4, 0) << 3 |      \
		  valid(0, 0, 0x21000000) << 2 | valid(0, 1, 0x21001000) << 1 |        \
		  valid(0, 3, 0x21002000), 0)

int main(void)
{
	test_begin("tlbivax");

	setup();
	check("all valid", valid(1, 2, 0) << 5 | valid(1, 3, 0) << 4 | valid(1, 4, 0) << 3 |
		  valid(0, 0, 0x21000000) << 2 | valid(0, 1, 0x21001000) << 1 | valid(0, 3, 0x21002000), 0x3f);

	/* by EA: TID and TS are ignored by tlbivax */
	tlb_ivax(0x20000000 | TLBIVAX_TLB1);
	check("tlb1 ea (tid 11)", valid(1, 2, 0), 0);
	check("tlb1 others kept", valid(1, 3, 0) << 1 | valid(1, 4, 0), 3);
	tlb_ivax(0x20180000 | TLBIVAX_TLB1); /* any EA inside the page, TS=1 entry */
	check("tlb1 ea inside ts1 page", valid(1, 3, 0), 0);
	tlb_ivax(0x20200000 | TLBIVAX_TLB1);
	check("tlb1 iprot survives", valid(1, 4, 0), 1);
	tlb_ivax(0x21001000); /* TLB0, TID 5, TS 1 */
	check("tlb0 ea tid5 ts1", valid(0, 1, 0x21001000), 0);
	check("tlb0 others kept", valid(0, 0, 0x21000000) << 1 | valid(0, 3, 0x21002000), 3);
	tlb_ivax(0x21000000 | TLBIVAX_TLB1); /* wrong array: nothing */
	check("tlb0 entry kept by tlb1 ivax", valid(0, 0, 0x21000000), 1);
	tlb_ivax(0x21002ff0);
	check("tlb0 ea inside page", valid(0, 3, 0x21002000), 0);
	check("runtime entries", valid(1, 0, 0) << 1 | valid(1, 1, 0), 3);

	/* invalidate all TLB0 */
	setup();
	tlb_ivax(TLBIVAX_ALL);
	check("tlb0 all: tlb0", valid(0, 0, 0x21000000) | valid(0, 1, 0x21001000) | valid(0, 3, 0x21002000), 0);
	check("tlb0 all: tlb1 kept", valid(1, 2, 0) << 2 | valid(1, 3, 0) << 1 | valid(1, 4, 0), 7);

	/* invalidate all TLB1 */
	setup();
	tlb_ivax(TLBIVAX_ALL | TLBIVAX_TLB1);
	check("tlb1 all: non-iprot gone", valid(1, 2, 0) | valid(1, 3, 0), 0);
	check("tlb1 all: iprot kept", valid(1, 4, 0), 1);
	check("tlb1 all: runtime kept", valid(1, 0, 0) << 1 | valid(1, 1, 0), 3);
	check("tlb1 all: tlb0 kept", valid(0, 0, 0x21000000) << 2 | valid(0, 1, 0x21001000) << 1 |
		  valid(0, 3, 0x21002000), 7);

	/* MMUCSR0 flash invalidate */
	setup();
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB0_FI);
	isync();
	check("mmucsr0 tlb0 fi", valid(0, 0, 0x21000000) | valid(0, 1, 0x21001000) | valid(0, 3, 0x21002000), 0);
	check("mmucsr0 tlb0 fi: tlb1 kept", valid(1, 2, 0), 1);
	check("mmucsr0 reads 0", mfspr(SPR_MMUCSR0) & (MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI), 0);
	setup();
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB1_FI);
	isync();
	check("mmucsr0 tlb1 fi", valid(1, 2, 0) | valid(1, 3, 0), 0);
	check("mmucsr0 tlb1 fi: iprot kept", valid(1, 4, 0), 1);
	check("mmucsr0 tlb1 fi: tlb0 kept", valid(0, 0, 0x21000000), 1);

	/* tlbsync alone */
	__asm__ __volatile__("tlbsync; isync" ::: "memory");
	check("tlbsync", 1, 1);

	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(4), 0, 0, 0, 0);
	rt_tlb_reset();
	return test_end();
}
