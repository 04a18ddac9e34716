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
 * others once the guest releases them); otherwise it waits for a start (by
 * its manager or the shell), or — the last partition to finish anywhere —
 * prints the statistics and powers the machine off.
 */
struct vcpu *sched_vcpu_stopped(struct vcpu *v);

/*
 * The guest released secondary vCPU v (its spin table): it starts at
 * `start` on its own CPU, which is woken. Nothing happens unless v is
 * parked and not released yet.
 */
void sched_release_vcpu(struct vcpu *v, const struct vcpu_start *start);

/*
 * Start a halted partition (its manager's hypercall, on the manager's CPU;
 * the shell's start, on the console CPU): load it afresh (load) or keep what
 * its memory holds and start at entry (!load), and release its vCPU 0.
 * 0, or -1 if it cannot be loaded.
 */
struct partition;
int sched_start_partition(struct partition *p, bool load, uint32_t entry);

/*
 * Holding a partition in place (the shell's pause, a debugger's stop):
 * each of its vCPUs leaves the guest at its next exit (its CPU is kicked)
 * and waits in sched_vcpu_hold(), running no guest instruction and
 * delivering it no timer or interrupt, until every reason it was held for
 * is gone; its virtual timers then go on from where they stood (the time
 * held does not count). Its CPU still serves the console and whatever
 * else the hypervisor asks of it; the other partitions run on. Any CPU,
 * never waits. why: VCPU_HOLD_* (vcpu.h).
 */
void sched_hold(struct partition *p, uint32_t why);
void sched_unhold(struct partition *p, uint32_t why);
void sched_unhold_vcpu(struct vcpu *v, uint32_t why);
/* No vCPU of p runs guest code, nor will before it is released (or p is stopped). */
bool sched_all_held(const struct partition *p);
/*
 * On v's CPU, on the way into the guest (trap_resume()), v->hold set: wait
 * until it is clear or the partition stops. The last vCPU of a partition
 * to be held says so (the shell's "paused", the debug stub's stop reply).
 */
void sched_vcpu_hold(struct vcpu *v);

/* The shell's pause and resume: 0, or -1 if p is not running (not paused). */
int sched_pause(struct partition *p);
int sched_resume(struct partition *p);

/*
 * A started partition will not run again. True for exactly one caller:
 * the one that finished the last partition (it calls hv_shutdown()).
 */
bool sched_partition_finished(void);

/* Print every partition's statistics and stop the machine. */
void hv_shutdown(void) __attribute__((noreturn));

#endif /* SCHED_H */
