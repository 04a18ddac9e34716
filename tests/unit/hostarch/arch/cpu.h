/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-ins for the core accessors of <arch/cpu.h>, so that generic
 * code and pure arch modules build and run in host unit tests and fuzzers
 * (tests/unit/unit.mk puts this folder before the real arch headers). The
 * timebase is whatever the test sets; device registers and caches do
 * nothing; waiting returns at once.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>
#include <stdlib.h>

#include <arch/spr.h>

#define ARCH_TLB1_HV_ENTRIES 6
#define ARCH_TLB1_ENTRIES 16

extern uint64_t host_timebase;
extern unsigned int host_btb_flushes;

static inline uint64_t arch_timebase(void)
{
	return host_timebase;
}

static inline void arch_btb_flush(void)
{
	host_btb_flushes++;
}

static inline void arch_cpu_wait(void)
{
}

static inline void arch_cpu_wait_ticks(uint32_t ticks)
{
	(void)ticks;
}

static inline void arch_cpu_sleep(void)
{
	abort();
}

static inline void arch_sync_icache(const void *p, uint32_t len)
{
	(void)p;
	(void)len;
}

static inline void arch_dcache_flush(const volatile void *p, uint32_t len)
{
	(void)p;
	(void)len;
}

static inline uint8_t arch_mmio_read8(uintptr_t a)
{
	return *(volatile uint8_t *)a;
}

static inline uint32_t arch_mmio_read32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void arch_mmio_write8(uintptr_t a, uint8_t v)
{
	*(volatile uint8_t *)a = v;
}

static inline void arch_mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

#endif /* ARCH_CPU_H */
