// SPDX-License-Identifier: GPL-2.0-only
/* Hypervisor threads of a shared core: a new one's first frame (thread.S switches). */
#include <arch.h>
#include <arch/thread.h>
#include <string.h>

extern char arch_thread_start[];

void arch_thread_init(struct arch_thread *t, void *stack, size_t size, void (*fn)(void *),
		      void *arg)
{
	uint32_t top = ((uint32_t)(uintptr_t)stack + size - 16) & ~15u;
	uint32_t *f = (uint32_t *)(uintptr_t)(top - THREAD_FRAME_SIZE);

	/* the frame arch_thread_switch() pops, and the 16 bytes above it */
	memset(f, 0, THREAD_FRAME_SIZE + 16);
	f[0] = top;                                  /* back chain */
	f[THREAD_FRAME_SIZE / 4 + 1] = (uint32_t)(uintptr_t)arch_thread_start; /* its LR */
	f[THREAD_FRAME_GPR / 4] = (uint32_t)(uintptr_t)fn;      /* r14 */
	f[THREAD_FRAME_GPR / 4 + 1] = (uint32_t)(uintptr_t)arg; /* r15 */
	t->sp = (uint32_t)(uintptr_t)f;
	t->stack_top = top; /* its word 0 (0) ends the back chain */
}

void arch_thread_init_self(struct arch_thread *t)
{
	t->sp = 0; /* saved at the first switch away */
	t->stack_top = this_cpu()->hv_sp;
}
