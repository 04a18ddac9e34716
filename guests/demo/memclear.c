/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory clearing across a restart: on its first boot (beryl,boot-count 1)
 * the guest fills 8 MiB of its RAM with a pattern and asks for a reset
 * (GUTS RSTCR); beryl clears the partition's memory and starts it again;
 * on the second boot every word must read zero. Used with partitions in RAM
 * beyond beryl's direct map (tests/system/test_high_memory.py).
 */
#include "rt.h"

#define AREA 0x02000000u /* 32 MiB: past the image, stack and device tree */
#define AREA_SIZE (8u << 20)
#define GUTS_RSTCR (RT_CCSR_EA + 0xE00B0u)

int main(void)
{
	u32 boot = rt_fdt_u32("beryl,boot-count", 0), a, bad = 0;

	if (boot == 1) {
		for (a = AREA; a < AREA + AREA_SIZE; a += 4)
			*(volatile u32 *)a = a ^ 0x5A5A5A5Au;
		rt_printf("memclear: boot 1: pattern written, resetting\n");
		wr32(GUTS_RSTCR, 2);
		for (;;)
			;
	}
	for (a = AREA; a < AREA + AREA_SIZE; a += 4)
		if (*(volatile u32 *)a)
			bad++;
	if (bad)
		rt_printf("memclear: boot %u: %u words not zero\n", boot, bad);
	else
		rt_printf("memclear: boot %u: all 8 MiB zero\n", boot);
	return 0;
}
