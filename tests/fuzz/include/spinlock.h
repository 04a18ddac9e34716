/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for hv/lib/spinlock.h (whose arch part is e500 assembly).
 * The fuzzers are single-threaded: a lock only records that it is held, and
 * taking a held lock is a deadlock the harness reports.
 */
#ifndef FUZZ_SPINLOCK_H
#define FUZZ_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct spinlock {
	volatile uint32_t locked;
} spinlock_t;

#define SPINLOCK_INIT                                                                    \
	{                                                                                \
		0                                                                        \
	}

static inline void spin_lock(spinlock_t *l)
{
	if (l->locked)
		abort(); /* one thread: it would spin forever */
	l->locked = 1;
}

static inline bool spin_trylock(spinlock_t *l)
{
	if (l->locked)
		return false;
	l->locked = 1;
	return true;
}

static inline void spin_unlock(spinlock_t *l)
{
	l->locked = 0;
}

static inline void arch_smp_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif /* FUZZ_SPINLOCK_H */
