// SPDX-License-Identifier: GPL-2.0-only
#include <stdint.h>

#include <integrity.h>
#include <printf.h>

extern const uint32_t __hv_start[], __rodata_end[];

/* Known values in hypervisor memory; isolation tests check they survive. */
static volatile uint32_t integrity_canary[4] = { 0xC0FFEE00, 0xDEADBEEF, 0x8BADF00D,
						 0x0B5E55ED };
static uint32_t integrity_sum;

/* FNV-1a over 32-bit words: cheap, and any changed word changes it. */
static uint32_t integrity_text_sum(void)
{
	const volatile uint32_t *p;
	uint32_t h = 2166136261u;

	for (p = __hv_start; p < __rodata_end; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

void integrity_init(void)
{
	integrity_sum = integrity_text_sum();
}

bool integrity_report(void)
{
	uint32_t now = integrity_text_sum();
	bool ok = now == integrity_sum && integrity_canary[0] == 0xC0FFEE00 &&
		  integrity_canary[1] == 0xDEADBEEF && integrity_canary[2] == 0x8BADF00D &&
		  integrity_canary[3] == 0x0B5E55ED;

	printf("beryl: canary %08x %08x %08x %08x\n", integrity_canary[0], integrity_canary[1],
	       integrity_canary[2], integrity_canary[3]);
	printf("beryl: text checksum %08x at boot, %08x now: %s\n", integrity_sum, now,
	       now == integrity_sum ? "unchanged" : "CHANGED");
	return ok;
}
