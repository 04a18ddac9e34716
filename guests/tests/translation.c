/* SPDX-License-Identifier: GPL-2.0-only */
/* Address translation: the same EA mapped to different RPNs in AS0/AS1 and
 * with different TIDs (PID0 switching, TID 0 global), aliases, TLB1 large
 * pages. Physical scratch pages at 0x00400000.. */
#include "rt.h"

#define P(n) (RT_SCRATCH + (n) * 0x1000)
#define EA 0x20000000u

static u32 rd_ds(u32 ea, u32 ds)
{
	u32 v;
	mtmsr(MSR_ME | (ds ? MSR_DS : 0));
	v = rd32(ea);
	mtmsr(MSR_ME);
	return v;
}

int main(void)
{
	u32 i;

	test_begin("translation");
	for (i = 0; i < 8; i++)
		wr32(P(i), 0xA0000000 + i);

	/* AS0 and AS1 */
	rt_tlb0_map(0, EA, P(1), 0, MAS3_SR | MAS3_SW, 0, 0);
	rt_tlb0_map(1, EA, P(2), 0, MAS3_SR | MAS3_SW, 0, 1);
	check("as0 read", rd_ds(EA, 0), 0xA0000001);
	check("as1 read", rd_ds(EA, 1), 0xA0000002);

	/* TIDs */
	rt_tlb0_map(0, EA + 0x1000, P(3), 0, MAS3_SR | MAS3_SW, 0x10, 0);
	rt_tlb0_map(1, EA + 0x1000, P(4), 0, MAS3_SR | MAS3_SW, 0x20, 0);
	mtspr(SPR_PID0, 0x10);
	isync();
	check("pid 10", rd32(EA + 0x1000), 0xA0000003);
	mtspr(SPR_PID0, 0x20);
	isync();
	check("pid 20", rd32(EA + 0x1000), 0xA0000004);
	check("global under pid 20", rd32(EA), 0xA0000001);
	mtspr(SPR_PID0, 0);
	mtspr(SPR_PID1, 0x10);
	isync();
	check("pid1 10", rd32(EA + 0x1000), 0xA0000003);
	mtspr(SPR_PID1, 0);
	mtspr(SPR_PID2, 0x20);
	isync();
	check("pid2 20", rd32(EA + 0x1000), 0xA0000004);
	mtspr(SPR_PID2, 0);
	isync();

	/* alias: two EAs, one page */
	rt_tlb0_map(2, EA + 0x2000, P(5), 0, MAS3_SR | MAS3_SW, 0, 0);
	rt_tlb0_map(3, EA + 0x3000, P(5), 0, MAS3_SR | MAS3_SW, 0, 0);
	wr32(EA + 0x2010, 0x12345678);
	check("alias read", rd32(EA + 0x3010), 0x12345678);
	check("alias physical", rd32(P(5) + 0x10), 0x12345678);
	wr32(EA + 0x3ffc, 0xCAFEBABE);
	check("alias read back", rd32(EA + 0x2ffc), 0xCAFEBABE);

	/* TLB1 large pages: 1 MiB at EA 0x30000000 -> PA 0x00400000, 16 MiB
	 * at 0x31000000 -> PA 0x01000000, 1 MiB TS=1 at 0x30000000 -> PA 0x00400000 */
	rt_tlb1_map(2, 0x30000000, 0, 0x00400000, TSIZE_1M, 0, MAS3_SR | MAS3_SW, 0, 0, 0);
	rt_tlb1_map(3, 0x31000000, 0, 0x01000000, TSIZE_16M, 0, MAS3_SR | MAS3_SW, 0, 0, 0);
	rt_tlb1_map(4, 0x30000000, 0, RT_SCRATCH, TSIZE_1M, 0, MAS3_SR | MAS3_SW, 0, 1, 0);
	check("1m page base", rd32(0x30000000), 0xA0000000);
	check("1m page +7000", rd32(0x30007000), 0xA0000007);
	wr32(0x300FFFF0, 0x0F0F0F0F);
	check("1m page end", rd32(P(0) + 0xFFFF0), 0x0F0F0F0F);
	wr32(0x01ABCDE0, 0x55AA55AA);
	check("16m page", rd32(0x31ABCDE0), 0x55AA55AA);
	wr32(0x31FFFFFC, 0x77665544);
	check("16m page end", rd32(0x01FFFFFC), 0x77665544);
	check("1m page as1", rd_ds(0x30006000, 1), 0xA0000006);

	/* TLB1 entry and TLB0 entry for different EAs, same page */
	check("tlb1 vs tlb0 same pa", rd32(0x30005000 + 0x10), rd32(EA + 0x2010));

	/* changing a mapping takes effect after tlbwe */
	rt_tlb0_map(0, EA, P(7), 0, MAS3_SR | MAS3_SW, 0, 0);
	check("remap as0", rd_ds(EA, 0), 0xA0000007);

	rt_tlb_reset();
	return test_end();
}
