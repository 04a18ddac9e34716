/* SPDX-License-Identifier: GPL-2.0-only */
/* tlbwe changes no register: r0, r3-r12, CR, XER, CTR and LR hold what
 * they held before it, whichever TLB it writes (beryl serves a TLB0 write
 * by a C call from its program-interrupt fast path, which saves only the
 * registers C may change, and a TLB1 write by its full exit path), and the
 * written entries translate. */
#include "rt.h"

#define EA0 0x30400000u /* TLB0 entry */
#define EA1 0x30800000u /* TLB1 entry, 1 MiB */
#define PA (RT_SCRATCH + 0x00000)

/* out[0..10] = r0, r3..r12; out[11] CR; out[12] XER; out[13] CTR; out[14] LR */
static void tlbwe_keeps(u32 *out)
{
	__asm__ __volatile__(
		"mr 31,%0\n"
		"lis 0,0x1234\n ori 0,0,0x5600\n"
		"lis 3,0x1234\n ori 3,3,0x5603\n"
		"lis 4,0x1234\n ori 4,4,0x5604\n"
		"lis 5,0x1234\n ori 5,5,0x5605\n"
		"lis 6,0x1234\n ori 6,6,0x5606\n"
		"lis 7,0x1234\n ori 7,7,0x5607\n"
		"lis 8,0x1234\n ori 8,8,0x5608\n"
		"lis 9,0x1234\n ori 9,9,0x5609\n"
		"lis 10,0x1234\n ori 10,10,0x560a\n"
		"lis 11,0x1234\n ori 11,11,0x560b\n"
		"lis 12,0x1234\n ori 12,12,0x560c\n"
		"lis 30,0x9abc\n ori 30,30,0xdef0\n mtcrf 0xff,30\n"
		"lis 30,0x2000\n ori 30,30,0x0035\n mtxer 30\n"
		"lis 30,0x0bad\n ori 30,30,0xc0de\n mtctr 30\n"
		"lis 30,0x0ddb\n ori 30,30,0xa11c\n mtlr 30\n"
		"isync\n tlbwe\n isync\n"
		"stw 0,0(31)\n stw 3,4(31)\n stw 4,8(31)\n stw 5,12(31)\n stw 6,16(31)\n"
		"stw 7,20(31)\n stw 8,24(31)\n stw 9,28(31)\n stw 10,32(31)\n stw 11,36(31)\n"
		"stw 12,40(31)\n mfcr 30\n stw 30,44(31)\n mfxer 30\n stw 30,48(31)\n"
		"mfctr 30\n stw 30,52(31)\n mflr 30\n stw 30,56(31)\n"
		:
		: "b"(out)
		: "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r30", "r31",
		  "ctr", "lr", "xer", "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7",
		  "memory");
}

static void check_regs(const char *what)
{
	static const char *const names[15] = { "r0",  "r3",  "r4",  "r5", "r6",  "r7",
					       "r8",  "r9",  "r10", "r11", "r12", "cr",
					       "xer", "ctr", "lr" };
	static const u32 gpr_no[11] = { 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	u32 out[15], i, bad = 0;

	tlbwe_keeps(out);
	for (i = 0; i < 11; i++)
		if (out[i] != 0x12345600u + gpr_no[i]) {
			rt_printf("%s: %s %08x\n", what, names[i], out[i]);
			bad++;
		}
	if (out[11] != 0x9abcdef0u || out[12] != 0x20000035u || out[13] != 0x0badc0deu ||
	    out[14] != 0x0ddba11cu) {
		rt_printf("%s: cr %08x xer %08x ctr %08x lr %08x\n", what, out[11], out[12],
			  out[13], out[14]);
		bad++;
	}
	check(what, bad, 0);
}

int main(void)
{
	test_begin("tlbwe_regs");
	wr32(PA + 0x40, 0x7e57da7au);

	/* a TLB0 entry, then the same entry rewritten (the old one's shadow goes) */
	mtspr(SPR_MAS0, MAS0_TLBSEL(0) | MAS0_ESEL(1));
	mtspr(SPR_MAS1, MAS1_VALID | MAS1_TSIZE(TSIZE_4K));
	mtspr(SPR_MAS2, EA0);
	mtspr(SPR_MAS3, PA | MAS3_SR | MAS3_SW);
	mtspr(SPR_MAS7, 0);
	check_regs("tlb0 new");
	check("tlb0 new value", rd32(EA0 + 0x40), 0x7e57da7au);
	check_regs("tlb0 again");
	check("tlb0 again value", rd32(EA0 + 0x40), 0x7e57da7au);
	/* now read-only: a store is a DSI (not taken here), a load still works */
	mtspr(SPR_MAS3, PA | MAS3_SR);
	check_regs("tlb0 ro");
	check("tlb0 ro value", rd32(EA0 + 0x40), 0x7e57da7au);

	/* a TLB1 entry */
	mtspr(SPR_MAS0, MAS0_TLBSEL(1) | MAS0_ESEL(5));
	mtspr(SPR_MAS1, MAS1_VALID | MAS1_TSIZE(TSIZE_1M));
	mtspr(SPR_MAS2, EA1);
	mtspr(SPR_MAS3, PA | MAS3_SR | MAS3_SW);
	mtspr(SPR_MAS7, 0);
	check_regs("tlb1");
	check("tlb1 value", rd32(EA1 + 0x40), 0x7e57da7au);

	rt_tlb_reset();
	return test_end();
}
