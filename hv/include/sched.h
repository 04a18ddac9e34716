/* SPDX-License-Identifier: GPL-2.0-only */
/* What each physical CPU runs, and when the machine stops. */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>

#include <vcpu.h>

/* Boot CPU, partitions loaded: count the running ones (0: nothing to do). */
unsigned int sched_init(void);

/* Boot CPU, every secondary CPU started (or given up): let them run guests. */
void sched_start(void);

/*
 * Run the vCPU of the partition that uses this CPU; without one, sleep (the
 * CPU taking console input keeps forwarding it). Never returns.
 */
void sched_cpu_run(void) __attribute__((noreturn));

/*
 * v's partition stopped (on v's CPU). Returns a vCPU to run on this CPU
 * (after a restart policy brought the partition back: vCPU 0 at once, the
 * others once the guest releases them); otherwise the CPU sleeps, or — the
 * last partition to finish anywhere — prints the statistics and powers the
 * machine off.
 */
struct vcpu *sched_vcpu_stopped(struct vcpu *v);

/*
 * The guest released secondary vCPU v (its spin table): it starts at
 * `start` on its own CPU, which is woken. Nothing happens unless v is
 * parked and not released yet.
 */
void sched_release_vcpu(struct vcpu *v, const struct vcpu_start *start);

/*
 * Start a halted partition (its manager's hypercall, on the manager's CPU):
 * load it afresh and release its vCPU 0. 0, or -1 if it cannot be loaded.
 */
struct partition;
int sched_start_partition(struct partition *p);

/*
 * A started partition will not run again. True for exactly one caller:
 * the one that finished the last partition (it calls hv_shutdown()).
 */
bool sched_partition_finished(void);

/* Print every partition's statistics and stop the machine. */
void hv_shutdown(void) __attribute__((noreturn));

#endif /* SCHED_H */
