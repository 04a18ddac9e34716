/* SPDX-License-Identifier: GPL-2.0-only */
/* tlbwe/tlbre: TLB0 and TLB1 entries written and read back; page sizes
 * 4K..256M in TLB1; IPROT kept in TLB1, ignored in TLB0; TSIZE forced to 4K
 * in TLB0. MAS0[NV] after tlbre is an implementation detail (masked). */
#include "rt.h"

static void rd(const char *what, u32 sel, u32 esel, u32 epn, u32 m1, u32 m2, u32 m3, u32 m7)
{
	struct tlbe e;
	char n[64];
	int i = 0;
	const char *s = what;

	tlb_read(sel, esel, epn, &e);
	while (*s)
		n[i++] = *s++;
	n[i] = ' '; n[i + 1] = 'm'; n[i + 2] = 'a'; n[i + 3] = 's'; n[i + 5] = 0;
	n[i + 4] = '0';
	check_mask(n, e.mas0, MAS0_TLBSEL(sel) | MAS0_ESEL(esel), ~MAS0_NV_MASK);
	n[i + 4] = '1';
	check(n, e.mas1, m1);
	n[i + 4] = '2';
	check(n, e.mas2, m2);
	n[i + 4] = '3';
	check(n, e.mas3, m3);
	n[i + 4] = '7';
	check(n, e.mas7, m7);
}

int main(void)
{
	static const struct { const char *name; int tsize; u32 ea, pa; } pg[] = {
		{ "tlb1 4k", TSIZE_4K, 0x40001000, 0x00201000 },
		{ "tlb1 16k", TSIZE_16K, 0x40004000, 0x00204000 },
		{ "tlb1 64k", TSIZE_64K, 0x40010000, 0x00210000 },
		{ "tlb1 256k", TSIZE_256K, 0x40040000, 0x00240000 },
		{ "tlb1 1m", TSIZE_1M, 0x40100000, 0x00300000 },
		{ "tlb1 4m", TSIZE_4M, 0x40400000, 0x00400000 },
		{ "tlb1 16m", TSIZE_16M, 0x41000000, 0x01000000 },
		{ "tlb1 64m", TSIZE_64M, 0x44000000, 0x00000000 },
		{ "tlb1 256m", TSIZE_256M, 0x50000000, 0x00000000 },
	};
	u32 i;

	test_begin("tlbwe_tlbre");

	/* runtime entries */
	rd("tlb1[0]", 1, 0, 0, MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(TSIZE_64M), 0, MAS3_ALL, 0);
	rd("tlb1[1]", 1, 1, 0, MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(TSIZE_1M),
	   RT_CCSR_EA | MAS2_I | MAS2_G, 0xE0000000u | MAS3_SR | MAS3_SW, 0xF);
	rd("tlb1[5] invalid", 1, 5, 0, 0, 0, 0, 0);

	for (i = 0; i < ARRAY_SIZE(pg); i++) {
		u32 m1 = MAS1_VALID | MAS1_TID(i) | MAS1_TSIZE(pg[i].tsize) | (i & 1 ? MAS1_TS : 0);
		tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(2 + i), m1, pg[i].ea | (i & 3 ? MAS2_M : 0),
			  pg[i].pa | MAS3_SR | MAS3_UR | (i & 2 ? MAS3_SW : 0), 0);
		rd(pg[i].name, 1, 2 + i, 0, m1, pg[i].ea | (i & 3 ? MAS2_M : 0),
		   pg[i].pa | MAS3_SR | MAS3_UR | (i & 2 ? MAS3_SW : 0), 0);
	}
	/* IPROT and MAS7 in TLB1 */
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(13), MAS1_VALID | MAS1_IPROT | MAS1_TID(0x99) | MAS1_TSIZE(TSIZE_4K),
		  0x7000F000 | MAS2_W | MAS2_E, 0x12345000 | MAS3_UX | MAS3_SX, 0x3);
	rd("tlb1 iprot mas7", 1, 13, 0, MAS1_VALID | MAS1_IPROT | MAS1_TID(0x99) | MAS1_TSIZE(TSIZE_4K),
	   0x7000F000 | MAS2_W | MAS2_E, 0x12345000 | MAS3_UX | MAS3_SX, 0x3);
	/* invalid entry written in TLB1 */
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(14), MAS1_TSIZE(TSIZE_4K), 0x70010000, 0x00010000 | MAS3_SR, 0);
	rd("tlb1 written invalid", 1, 14, 0, MAS1_TSIZE(TSIZE_4K), 0x70010000, 0x00010000 | MAS3_SR, 0);

	/* TLB0: 4 ways of one set, and another set */
	for (i = 0; i < 4; i++) {
		u32 ea = 0x30000000 + i * 0x80000; /* same set (index = EA bits 13..19) */
		tlb_write(MAS0_TLBSEL(0) | MAS0_ESEL(i), MAS1_VALID | MAS1_TID(i + 1) | MAS1_TSIZE(TSIZE_4K),
			  ea | MAS2_I, (0x00500000 + i * 0x1000) | MAS3_SR | MAS3_SW, 0);
	}
	for (i = 0; i < 4; i++) {
		u32 ea = 0x30000000 + i * 0x80000;
		char nm[] = "tlb0 way0";
		nm[8] = (char)('0' + i);
		rd(nm, 0, i, ea, MAS1_VALID | MAS1_TID(i + 1) | MAS1_TSIZE(TSIZE_4K), ea | MAS2_I,
		   (0x00500000 + i * 0x1000) | MAS3_SR | MAS3_SW, 0);
	}
	/* IPROT is not supported in TLB0 (TLB0CFG[IPROT] = 0); TSIZE is fixed 4K */
	tlb_write(MAS0_TLBSEL(0) | MAS0_ESEL(1), MAS1_VALID | MAS1_IPROT | MAS1_TS | MAS1_TSIZE(TSIZE_64K),
		  0x30005000, 0x00505000 | MAS3_ALL, 0);
	rd("tlb0 iprot tsize", 0, 1, 0x30005000, MAS1_VALID | MAS1_TS | MAS1_TSIZE(TSIZE_4K), 0x30005000,
	   0x00505000 | MAS3_ALL, 0);
	/* a different set: no aliasing with the first */
	rd("tlb0 other set", 0, 1, 0x30006000, 0, 0x30006000 & 0, 0, 0);

	rt_tlb_reset();
	rd("tlb1 after reset", 1, 2, 0, 0, 0, 0, 0);
	return test_end();
}
