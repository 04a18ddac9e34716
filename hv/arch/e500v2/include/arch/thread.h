/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A hypervisor thread of a shared core (arch.h, "shared cores"): where its
 * stack pointer is while it is switched out, and the top of its stack,
 * where the exit path of its guest starts (percpu->hv_sp while it runs).
 */
#ifndef ARCH_THREAD_H
#define ARCH_THREAD_H

/*
 * thread.S's frame of a switched-out thread: back chain, (the callee's LR
 * word), CR, r14-r31; its LR is in the word above, as the ABI places it.
 */
#define THREAD_FRAME_CR 8
#define THREAD_FRAME_GPR 12 /* r14 first */
#define THREAD_FRAME_SIZE 96

#ifndef __ASSEMBLY__
#include <stdint.h>

struct arch_thread {
	uint32_t sp;        /* saved r1 (thread.S's frame) while switched out */
	uint32_t stack_top; /* 16-byte aligned; the trap path's r1 while it runs */
};
#endif

#endif /* ARCH_THREAD_H */
