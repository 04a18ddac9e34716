// SPDX-License-Identifier: GPL-2.0-only
#include <arch/cpu.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>

extern volatile uint32_t hv_canary[4];

void hv_shutdown(void)
{
	unsigned int i;

	for (i = 0; i < npartitions; i++)
		stats_print(partitions[i].name, &partitions[i].stats);
	printf("beryl: canary %08x %08x %08x %08x\n", hv_canary[0], hv_canary[1], hv_canary[2],
	       hv_canary[3]);
	printf("beryl: all partitions stopped, powering off\n");
	platform_poweroff();
}

struct vcpu *sched_vcpu_stopped(struct vcpu *v)
{
	unsigned int i;

	for (i = 0; i < npartitions; i++)
		if (partitions[i].state == PART_RUNNING)
			break;
	if (i == npartitions)
		hv_shutdown();
	/* Other partitions still run elsewhere: sleep without spinning. */
	for (;;)
		mtmsr(MSR_ME | MSR_WE);
}
