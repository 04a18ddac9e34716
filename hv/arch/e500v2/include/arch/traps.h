/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU-level set-up: vectors, timers, per-CPU pointer; the fatal trap path. */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include <stdint.h>

#include <arch/vcpu.h>

void traps_arch_init(void);
void percpu_arch_init(unsigned int cpu, uint8_t *stack_top);
/* An interrupt the hypervisor itself took by mistake: print it and stop. */
void hv_trap_panic(struct vcpu_regs *r, unsigned int ivor) __attribute__((noreturn));

#endif /* ARCH_TRAPS_H */
