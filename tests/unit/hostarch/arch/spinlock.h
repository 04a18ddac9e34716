/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for <arch/spinlock.h>: the unit tests run on one thread,
 * so a lock only has to show that it was taken and released (a test may
 * check that nothing was left locked).
 */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

static inline bool arch_spin_trylock(volatile uint32_t *lock)
{
	if (*lock)
		return false;
	*lock = 1;
	return true;
}

static inline void arch_spin_unlock(volatile uint32_t *lock)
{
	*lock = 0;
}

static inline void arch_smp_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif /* ARCH_SPINLOCK_H */
