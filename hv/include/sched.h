/* SPDX-License-Identifier: GPL-2.0-only */
/* What a physical CPU does when its vCPU's partition stops. */
#ifndef SCHED_H
#define SCHED_H

#include <vcpu.h>

/*
 * v's partition stopped. Returns a vCPU to run on this CPU (after a restart
 * policy brought one back), or — when no partition runs anywhere — prints
 * the statistics and powers the machine off. A CPU left without work sleeps.
 */
struct vcpu *sched_vcpu_stopped(struct vcpu *v);

/* Print every partition's statistics and stop the machine. */
void hv_shutdown(void) __attribute__((noreturn));

#endif /* SCHED_H */
