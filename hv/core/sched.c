// SPDX-License-Identifier: GPL-2.0-only
/*
 * One partition per physical CPU: each CPU runs the vCPU of the partition
 * that names it. A CPU whose partition stops for good sleeps; the CPU that
 * takes the console's interrupt keeps forwarding console input meanwhile.
 * The last CPU to see its partition finish prints the statistics and
 * powers the machine off.
 */
#include <arch/cpu.h>
#include <arch/vcpu_ops.h>
#include <hvirq.h>
#include <integrity.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>

static spinlock_t sched_lock = SPINLOCK_INIT;
/* Partitions started and not finished (a restarting one is not finished). */
static unsigned int sched_active;

void hv_shutdown(void)
{
	unsigned int i;

	for (i = 0; i < npartitions; i++)
		stats_print(partitions[i].name, &partitions[i].stats);
	integrity_report();
	printf("beryl: all partitions stopped, powering off\n");
	platform_poweroff();
}

unsigned int sched_init(void)
{
	unsigned int i;

	for (i = 0; i < npartitions; i++)
		if (partitions[i].state == PART_RUNNING)
			sched_active++;
	return sched_active;
}

bool sched_partition_finished(void)
{
	bool last;

	spin_lock(&sched_lock);
	last = --sched_active == 0;
	spin_unlock(&sched_lock);
	return last;
}

/* Nothing to run on this CPU any more. */
static void __attribute__((noreturn)) sched_idle(void)
{
	if (smp_cpu() != HVIRQ_CONSOLE_CPU)
		arch_cpu_sleep();
	/* Wake only for console input (MSR[WE]), hand it on, sleep again. */
	for (;;) {
		arch_cpu_wait();
		hvirq_handle();
	}
}

void sched_cpu_run(void)
{
	unsigned int cpu = smp_cpu(), i;

	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];

		if (p->state == PART_RUNNING && p->vcpu[0]->cpu == cpu)
			vcpu_arch_run(p->vcpu[0]);
	}
	sched_idle();
}

struct vcpu *sched_vcpu_stopped(struct vcpu *v)
{
	struct partition *p = v->part;

	if ((p->reset_requested && p->restart_on_reset) || (p->crashed && p->restart_on_crash)) {
		pr_info("partition %s: restarting\n", p->name);
		partition_clear_memory(p);
		if (!partition_boot(p))
			return p->vcpu[0];
	}
	if (sched_partition_finished())
		hv_shutdown();
	sched_idle();
}
