/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical CPUs. The boot CPU (0) sets everything up and loads every
 * partition, then releases the secondary CPUs partitions use through their
 * ePAPR spin tables (the hardware tree's cpu-release-addr); each one sets
 * up its own MMU entries, vectors and timers and runs its partition's vCPU.
 * CPUs no partition uses stay in their boot loader's spin loop.
 */
#ifndef SMP_H
#define SMP_H

#include <arch.h>

/* The CPU running this code. */
static inline unsigned int smp_cpu(void)
{
	return arch_cpu_id();
}

/*
 * Release cpu into the hypervisor and wait (at most a second) until it is
 * up. 0 on success, -1 if it has no spin table or did not come up.
 */
int smp_start_cpu(unsigned int cpu);

/* Called by a secondary CPU once it can take interrupts and run a guest. */
void smp_cpu_online(unsigned int cpu);

#endif /* SMP_H */
