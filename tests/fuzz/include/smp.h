/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for hv/include/smp.h: the harness says which CPU runs. */
#ifndef FUZZ_SMP_H
#define FUZZ_SMP_H

extern unsigned int fuzz_cpu;

static inline unsigned int smp_cpu(void)
{
	return fuzz_cpu;
}

int smp_start_cpu(unsigned int cpu);
void smp_cpu_online(unsigned int cpu);

#endif /* FUZZ_SMP_H */
