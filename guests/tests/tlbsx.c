/* SPDX-License-Identifier: GPL-2.0-only */
/* tlbsx: hits in TLB0/TLB1 with TS/TID matching (TID 0 global), misses fill
 * MAS0/MAS1 from MAS4/MAS6. Masked: MAS0[NV] always; MAS0[ESEL] after a miss
 * (victim hint); MAS2/MAS3/MAS7 after a miss are not printed (QEMU fills MAS2
 * with WIMGED only, silicon also loads the EPN). */
#include "rt.h"

static void hit(const char *n, u32 ea, u32 mas6, u32 m0, u32 m1, u32 m2, u32 m3)
{
	struct tlbe e;
	tlb_search(ea, mas6, &e);
	check_mask(n, e.mas0, m0, ~MAS0_NV_MASK);
	check(n, e.mas1, m1);
	check(n, e.mas2, m2);
	check(n, e.mas3, m3);
}

static void miss(const char *n, u32 ea, u32 mas6, u32 m0, u32 m1)
{
	struct tlbe e;
	tlb_search(ea, mas6, &e);
	check_mask(n, e.mas0, m0, MAS0_TLBSEL_MASK);
	check(n, e.mas1, m1);
}

int main(void)
{
	test_begin("tlbsx");
	mtspr(SPR_MAS4, 0);

	rt_tlb1_map(2, 0x20000000, 0, 0x00400000, TSIZE_1M, MAS2_M, MAS3_SR | MAS3_SW, 0x11, 0, 0);
	rt_tlb1_map(3, 0x20000000, 0, 0x00500000, TSIZE_1M, 0, MAS3_SR, 0x22, 0, 0);
	rt_tlb1_map(4, 0x20000000, 0, 0x00600000, TSIZE_1M, MAS2_G, MAS3_SR | MAS3_UR, 0, 1, 0);
	rt_tlb0_map(2, 0x21003000, 0x00403000, MAS2_I, MAS3_SR, 0, 0);
	rt_tlb0_map(1, 0x21004000, 0x00404000, MAS2_W, MAS3_UR, 0x33, 1);

	hit("tlb1 tid11", 0x20012340, MAS6_SPID(0x11), MAS0_TLBSEL(1) | MAS0_ESEL(2),
	    MAS1_VALID | MAS1_TID(0x11) | MAS1_TSIZE(TSIZE_1M), 0x20000000 | MAS2_M,
	    0x00400000 | MAS3_SR | MAS3_SW);
	hit("tlb1 tid22", 0x200FFFFC, MAS6_SPID(0x22), MAS0_TLBSEL(1) | MAS0_ESEL(3),
	    MAS1_VALID | MAS1_TID(0x22) | MAS1_TSIZE(TSIZE_1M), 0x20000000, 0x00500000 | MAS3_SR);
	hit("tlb1 ts1 global", 0x20000000, MAS6_SPID(0x55) | MAS6_SAS, MAS0_TLBSEL(1) | MAS0_ESEL(4),
	    MAS1_VALID | MAS1_TS | MAS1_TSIZE(TSIZE_1M), 0x20000000 | MAS2_G,
	    0x00600000 | MAS3_SR | MAS3_UR);
	hit("tlb0 global", 0x21003FFF, MAS6_SPID(0x99), MAS0_TLBSEL(0) | MAS0_ESEL(2),
	    MAS1_VALID | MAS1_TSIZE(TSIZE_4K), 0x21003000 | MAS2_I, 0x00403000 | MAS3_SR);
	hit("tlb0 tid33 ts1", 0x21004008, MAS6_SPID(0x33) | MAS6_SAS, MAS0_TLBSEL(0) | MAS0_ESEL(1),
	    MAS1_VALID | MAS1_TID(0x33) | MAS1_TS | MAS1_TSIZE(TSIZE_4K), 0x21004000 | MAS2_W,
	    0x00404000 | MAS3_UR);
	hit("runtime entry", 0x00001000, 0, MAS0_TLBSEL(1) | MAS0_ESEL(0),
	    MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(TSIZE_64M), 0, MAS3_ALL);

	/* misses */
	mtspr(SPR_MAS4, MAS4_TLBSELD(1) | MAS4_TSIZED(TSIZE_16K) | MAS2_I | MAS2_G);
	miss("miss tid", 0x20000000, MAS6_SPID(0x44), MAS0_TLBSEL(1),
	     MAS1_TID(0x44) | MAS1_TSIZE(TSIZE_16K));
	miss("miss ts0 tid33", 0x21004000, MAS6_SPID(0x33), MAS0_TLBSEL(1),
	     MAS1_TID(0x33) | MAS1_TSIZE(TSIZE_16K));
	miss("miss ts1", 0x21003000, MAS6_SAS, MAS0_TLBSEL(1), MAS1_TS | MAS1_TSIZE(TSIZE_16K));
	mtspr(SPR_MAS4, MAS4_TLBSELD(0) | MAS4_TSIZED(TSIZE_4K) | MAS2_M);
	miss("miss unmapped", 0x38000000, MAS6_SPID(0x7) | MAS6_SAS, MAS0_TLBSEL(0),
	     MAS1_TID(0x7) | MAS1_TS | MAS1_TSIZE(TSIZE_4K));
	miss("miss outside 1m", 0x20100000, MAS6_SPID(0x11), MAS0_TLBSEL(0),
	     MAS1_TID(0x11) | MAS1_TSIZE(TSIZE_4K));

	/* an invalidated entry no longer hits */
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(2), 0, 0, 0, 0);
	miss("miss after invalidate", 0x20000000, MAS6_SPID(0x11), MAS0_TLBSEL(0),
	     MAS1_TID(0x11) | MAS1_TSIZE(TSIZE_4K));

	mtspr(SPR_MAS4, 0);
	rt_tlb_reset();
	return test_end();
}
