/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for <arch/percpu.h>: the tests run as CPU host_cpu. */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

extern unsigned int host_cpu;

static inline unsigned int arch_cpu_id(void)
{
	return host_cpu;
}

#endif /* ARCH_PERCPU_H */
