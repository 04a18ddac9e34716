/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Crasher: says it is up, then crashes the way a broken kernel does: a
 * machine check (a load outside its memory) with MSR[ME] clear, which on
 * e500 is a checkstop. beryl stops the partition and, with on-crash =
 * "restart", starts it again (tests/system/test_lifecycle.py).
 */
#include "rt.h"

int main(void)
{
	rt_printf("crasher: up\n");
	/* map guest-physical 0x7F000000 (no memory there) and load from it */
	rt_tlb1_map(2, 0x30000000, 0, 0x7F000000, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR, 0, 0, 0);
	mtmsr(0);
	(void)rd32(0x30000000);
	rt_printf("crasher: still alive?\n");
	return 0;
}
