/* SPDX-License-Identifier: GPL-2.0-only */
/* Miscellaneous privileged SPRs: round trips of the writable bits and the
 * read-only identification/configuration registers. */
#include "rt.h"

#define RT(name, spr, val, mask)                                               \
	do {                                                                   \
		mtspr(spr, val);                                               \
		check_mask(name, mfspr(spr), (val), (mask));                   \
	} while (0)

int main(void)
{
	u32 ivpr, i;

	test_begin("spr_misc");

	RT("srr0", SPR_SRR0, 0x12345678, 0xFFFFFFFF);
	RT("srr1", SPR_SRR1, 0x0000c030, 0xFFFFFFFF);
	RT("csrr0", SPR_CSRR0, 0x87654320, 0xFFFFFFFF);
	RT("csrr1", SPR_CSRR1, 0x00008010, 0xFFFFFFFF);
	RT("mcsrr0", SPR_MCSRR0, 0x0badc0de, 0xFFFFFFFF);
	RT("mcsrr1", SPR_MCSRR1, 0x00004020, 0xFFFFFFFF);
	RT("esr", SPR_ESR, ESR_ST, 0xFFFFFFFF);
	RT("esr 0", SPR_ESR, 0, 0xFFFFFFFF);
	RT("dear", SPR_DEAR, 0xdeadbee0, 0xFFFFFFFF);

	/* IVPR: only the upper 16 bits are defined. */
	ivpr = mfspr(SPR_IVPR);
	mtspr(SPR_IVPR, 0x12340000);
	check_mask("ivpr", mfspr(SPR_IVPR), 0x12340000, 0xFFFF0000);
	mtspr(SPR_IVPR, ivpr);
	check_mask("ivpr restored", mfspr(SPR_IVPR), 0, 0xFFFF0000);

	/* IVORs hold what rt_init wrote (offsets 0x100 + n*0x20); round-trip one. */
	check_mask("ivor0", mfspr(SPR_IVOR0 + 0), 0x100, 0xFFF0);
	check_mask("ivor1", mfspr(SPR_IVOR0 + 1), 0x120, 0xFFF0);
	check_mask("ivor2", mfspr(SPR_IVOR0 + 2), 0x140, 0xFFF0);
	check_mask("ivor6", mfspr(SPR_IVOR0 + 6), 0x1c0, 0xFFF0);
	check_mask("ivor8", mfspr(SPR_IVOR0 + 8), 0x200, 0xFFF0);
	check_mask("ivor10", mfspr(SPR_IVOR0 + 10), 0x240, 0xFFF0);
	check_mask("ivor13", mfspr(SPR_IVOR0 + 13), 0x2a0, 0xFFF0);
	check_mask("ivor15", mfspr(SPR_IVOR0 + 15), 0x2e0, 0xFFF0);
	check_mask("ivor32", mfspr(SPR_IVOR32 + 0), 0x500, 0xFFF0);
	check_mask("ivor35", mfspr(SPR_IVOR32 + 3), 0x560, 0xFFF0);
	i = mfspr(SPR_IVOR0 + 9);
	mtspr(SPR_IVOR0 + 9, 0x0000abc0);
	check_mask("ivor9 write", mfspr(SPR_IVOR0 + 9), 0xabc0, 0xFFF0);
	mtspr(SPR_IVOR0 + 9, i);

	/* PID0-2: 8-bit TIDs on e500v2. */
	RT("pid0", SPR_PID0, 0x5a, 0xFF);
	RT("pid1", SPR_PID1, 0xa5, 0xFF);
	RT("pid2", SPR_PID2, 0x3c, 0xFF);
	mtspr(SPR_PID0, 0);
	mtspr(SPR_PID1, 0);
	mtspr(SPR_PID2, 0);
	check_mask("pid0 cleared", mfspr(SPR_PID0), 0, 0xFF);

	/* DECAR is write-only on e500; write it but do not read it. DEC (no
	 * TCR[DIE]): write a large value and check it does not grow. */
	mtspr(SPR_DECAR, 0x1000);
	mtspr(SPR_DEC, 0x7fffffff);
	check("dec counts down", mfspr(SPR_DEC) <= 0x7fffffff, 1);
	mtspr(SPR_DEC, 0);
	mtspr(SPR_TSR, 0xFFFFFFFF);

	/* Identification registers. */
	check("pvr", mfspr(SPR_PVR), E500V2_PVR);
	check("pir", mfspr(SPR_PIR), 0);
	rt_printf("svr: %08x\n", mfspr(SPR_SVR));
	check("mmucfg", mfspr(SPR_MMUCFG), mfspr(SPR_MMUCFG));
	check("tlb0cfg", mfspr(SPR_TLB0CFG), E500V2_TLB0CFG);
	check("tlb1cfg", mfspr(SPR_TLB1CFG), E500V2_TLB1CFG);

	/* HID0/HID1, L1CSR0/1, BUCSR: print what is there; write back. */
	rt_printf("hid0: %08x\n", mfspr(SPR_HID0));
	rt_printf("hid1: %08x\n", mfspr(SPR_HID1));
	rt_printf("l1csr0: %08x\n", mfspr(SPR_L1CSR0));
	rt_printf("l1csr1: %08x\n", mfspr(SPR_L1CSR1));
	rt_printf("bucsr: %08x\n", mfspr(SPR_BUCSR));
	mtspr(SPR_HID0, mfspr(SPR_HID0));
	check("hid0 write back", 1, 1);

	/* MAS registers: writable bits only. */
	RT("mas0", SPR_MAS0, MAS0_TLBSEL(1) | MAS0_ESEL(5), MAS0_TLBSEL_MASK | MAS0_ESEL_MASK);
	RT("mas0 tlb0", SPR_MAS0, MAS0_TLBSEL(0) | MAS0_ESEL(3), MAS0_TLBSEL_MASK | MAS0_ESEL_MASK);
	RT("mas1", SPR_MAS1, MAS1_VALID | MAS1_IPROT | MAS1_TID(0x42) | MAS1_TS | MAS1_TSIZE(5),
	   0xC0FF1F00);
	RT("mas1 0", SPR_MAS1, 0, 0xC0FF1F00);
	RT("mas2", SPR_MAS2, 0xABCDE000 | MAS2_W | MAS2_I | MAS2_M | MAS2_G | MAS2_E, 0xFFFFF01F);
	RT("mas3", SPR_MAS3, 0x12345000 | MAS3_ALL, 0xFFFFF03F);
	RT("mas4", SPR_MAS4, MAS4_TLBSELD(1) | MAS4_TSIZED(3) | MAS2_I | MAS2_G, 0x30000F1F);
	RT("mas4 0", SPR_MAS4, 0, 0x30000F1F);
	RT("mas6", SPR_MAS6, MAS6_SPID(0x77) | MAS6_SAS, 0x00FF0001);
	RT("mas6 0", SPR_MAS6, 0, 0x00FF0001);
	RT("mas7", SPR_MAS7, 0xF, 0xF);
	RT("mas7 0", SPR_MAS7, 0, 0xF);

	/* TCR round trip (interrupt enables only with no interrupt possible). */
	RT("tcr", SPR_TCR, (2u << TCR_WP_SHIFT) | (5u << TCR_FPEXT_SHIFT), 0xFFFFFFFF);
	RT("tcr 0", SPR_TCR, 0, 0xFFFFFFFF);

	return test_end();
}
