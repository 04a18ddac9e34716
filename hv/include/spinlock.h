/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks between the physical CPUs. The hypervisor never takes an
 * interrupt while it holds one (it runs with MSR[EE] off outside its idle
 * waits), so no lock needs to mask anything; a lock is held for a few
 * hundred instructions at most (a console line, a counter).
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include <arch.h>

typedef struct spinlock {
	volatile uint32_t locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }

static inline void spin_lock(spinlock_t *l)
{
	while (!arch_spin_trylock(&l->locked))
		while (l->locked) /* wait without holding a reservation */
			;
}

static inline bool spin_trylock(spinlock_t *l)
{
	return arch_spin_trylock(&l->locked);
}

static inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(&l->locked);
}

#endif /* SPINLOCK_H */
