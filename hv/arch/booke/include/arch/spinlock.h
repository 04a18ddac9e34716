/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The e500 side of hv/lib/spinlock.h: a lock word taken with lwarx/stwcx.
 * (the hypervisor's memory is mapped coherent, MAS2[M], as reservations
 * need), acquire with isync, release with msync (e500v2 has no lwsync).
 */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Set *lock from 0 to 1; false if it was already taken. */
static inline bool arch_spin_trylock(volatile uint32_t *lock)
{
	uint32_t old;

	__asm__ volatile("1:	lwarx	%0,0,%1\n"
			 "	cmpwi	0,%0,0\n"
			 "	bne-	2f\n"
			 "	stwcx.	%2,0,%1\n"
			 "	bne-	1b\n"
			 "	isync\n"
			 "2:"
			 : "=&r"(old)
			 : "r"(lock), "r"(1)
			 : "cr0", "memory");
	return old == 0;
}

static inline void arch_spin_unlock(volatile uint32_t *lock)
{
	__asm__ volatile("msync" : : : "memory");
	*lock = 0;
}

/* Full barrier: stores before it are visible to every core before later accesses. */
static inline void arch_smp_mb(void)
{
	__asm__ volatile("msync" : : : "memory");
}

#endif /* ARCH_SPINLOCK_H */
