/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Flood: 20,000 accesses to its emulated UART that beryl refuses (a
 * load-multiple, which no device register takes: a machine check each,
 * and a hypervisor warning), as fast as it can. The partition beside it
 * must not notice (tests/system/test_console.py): beryl rate-limits the
 * warnings and never lets console output hold another CPU.
 */
#include "rt.h"

#define ROUNDS 20000
#define UART_EA (RT_CCSR_EA + 0x4500)

static volatile u32 mchecks;

static void on_mcheck(struct rt_frame *f)
{
	mchecks++;
	mtspr(SPR_MCSR, mfspr(SPR_MCSR)); /* write one to clear */
	f->srr0 += 4;
}

int main(void)
{
	u32 i;

	rt_set_handler(IVOR_MACHINE_CHECK, on_mcheck);
	rt_printf("flood: %u refused accesses\n", ROUNDS);
	for (i = 0; i < ROUNDS; i++)
		__asm__ __volatile__("lmw 30,0(%0)" ::"b"(UART_EA) : "r30", "r31", "memory");
	rt_printf("flood: %u machine checks\n", mchecks);
	rt_printf("FLOOD DONE\n");
	return 0;
}
