// SPDX-License-Identifier: GPL-2.0-only
#include <arch/cpu.h>
#include <integrity.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>

void hv_shutdown(void)
{
	unsigned int i;

	for (i = 0; i < npartitions; i++)
		stats_print(partitions[i].name, &partitions[i].stats);
	integrity_report();
	printf("beryl: all partitions stopped, powering off\n");
	platform_poweroff();
}

struct vcpu *sched_vcpu_stopped(struct vcpu *v)
{
	struct partition *p = v->part;
	unsigned int i;

	if (p->reset_requested && p->restart_on_reset) {
		pr_info("partition %s: restarting\n", p->name);
		partition_clear_memory(p);
		if (!partition_boot(p))
			return p->vcpu[0];
	}

	for (i = 0; i < npartitions; i++)
		if (partitions[i].state == PART_RUNNING)
			break;
	if (i == npartitions)
		hv_shutdown();
	/* Other partitions still run elsewhere: sleep without spinning. */
	for (;;)
		mtmsr(MSR_ME | MSR_WE);
}
