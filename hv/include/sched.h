/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What each physical CPU runs, and when the machine stops.
 *
 * A core is dedicated (the default: it runs one vCPU, which owns it) or
 * shared (several vCPUs, of one partition or several, take turns under
 * the core's policy: docs/config.md, "/cores"). On a shared core each vCPU
 * is a hypervisor thread with its own stack (arch_thread_*()), so that a
 * vCPU waiting inside the hypervisor (its guest idle, parked until its
 * guest releases it, its partition stopped) gives the core to the others;
 * sched_core.c switches them, the policies (sched_policy.h) choose.
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include <platform.h>
#include <sched_policy.h>
#include <vcpu.h>

/* ------------------------------------------------ the configuration */

/* A window of a cyclic frame as configured: microseconds, partition index. */
struct sched_window_cfg {
	uint8_t part;  /* index in partitions[], SCHED_CFG_NO_PART: not started */
	uint8_t vcpu;  /* its vCPU */
	uint32_t offset_us, length_us;
};
#define SCHED_CFG_NO_PART 0xFF

/* How a physical CPU is used (config.c fills it from /cores). */
struct sched_core_cfg {
	enum sched_policy_kind policy; /* SCHED_DEDICATED unless /cores says otherwise */
	uint32_t slice_us;             /* priority: the slice */
	uint32_t frame_us;             /* cyclic: the major frame */
	struct sched_window_cfg win[SCHED_MAX_WINDOWS];
	unsigned int nwin;
};
extern struct sched_core_cfg sched_cfg[PLATFORM_MAX_CPUS];

/* Priority and weight of a partition's vCPUs on priority cores (defaults). */
#define SCHED_DEFAULT_PRIO 0
#define SCHED_DEFAULT_WEIGHT 1
#define SCHED_MAX_PRIO 255
#define SCHED_MAX_WEIGHT 1000
#define SCHED_DEFAULT_SLICE_US 5000

/* ---------------------------------------------------- shared cores */

/* Why a vCPU thread of a shared core does not run (struct vcpu's sched_wait). */
enum sched_wait {
	SCHED_RUN = 0, /* runnable */
	SCHED_IDLE,    /* its guest idles: until an interrupt may be due */
	SCHED_WAIT,    /* in the hypervisor (parked, halted): until an event or wait_until */
	SCHED_DEAD,    /* will never run again */
};

struct sched_core {
	/* what the trap path of its vCPUs looks at (sched_resume_due()) */
	bool event;        /* an interrupt or a kick arrived: look at the blocked vCPUs */
	uint64_t deadline; /* timebase of the next decision */
	unsigned int cpu;
	struct sched_policy pol;
	struct vcpu *vcpu[SCHED_CORE_MAX_VCPUS]; /* entity e of pol is vcpu[e] */
	int cur;        /* whose thread runs (SCHED_NOBODY: the idle thread) */
	uint64_t since; /* when cur's time was last charged */
	struct arch_thread idle; /* the core's own thread: waits when nobody runs */
	struct partition *last_part; /* whose guest ran here last (NULL: none yet) */
	uint64_t switches, btb_flushes, idle_ticks;
};

/* The shared core of each CPU (NULL: dedicated or unused). */
extern struct sched_core *sched_cores[PLATFORM_MAX_CPUS];

/*
 * v's trap path, on a shared core: is the core's decision due (its
 * deadline passed, the real decrementer fired: timer_fired) or did
 * something happen on the core?
 */
static inline bool sched_resume_due(const struct vcpu *v, bool timer_fired)
{
	return v->core && (timer_fired || v->core->event);
}

/*
 * ... then: let the core's policy decide. v may be preempted: this returns
 * when v runs again (its core state loaded again: arch_vcpu_load()).
 */
void sched_resume(struct vcpu *v);

/* The core's next decision: the real decrementer fires by then (trap path). */
static inline uint64_t sched_deadline(const struct vcpu *v)
{
	return v->core ? v->core->deadline : UINT64_MAX;
}

/* An interrupt reached v's CPU while v ran (trap path): blocked vCPUs may wake. */
static inline void sched_note_event(struct vcpu *v)
{
	if (v->core)
		v->core->event = true;
}

/*
 * v's guest idles (MSR[WE], EV_IDLE) on a shared core: the others run
 * until an interrupt v's MSR allows may be due (arch_vcpu_wake_due()), v
 * is kicked or its partition stops. Returns when v runs again (the caller
 * checks, and may call it again).
 */
void sched_block_idle(struct vcpu *v);

/*
 * Something happened that v must look at (an interrupt raised for it, a
 * release, its partition stopped): its CPU is interrupted, or, on this
 * shared core, v is woken to look.
 */
void sched_kick_vcpu(struct vcpu *v);

/*
 * If v waits on this CPU's shared core (it is not the one running), mark
 * it to look at its partition's events when the core next decides, and
 * return true: no interrupt needed, the caller's way back into its guest
 * decides (and a higher-priority v preempts at once). Else false.
 */
bool sched_kick_here(struct vcpu *v);

/* Boot CPU, before any guest runs: build the shared cores from sched_cfg. */
void sched_core_init(void);
/* A shared core's CPU: run its vCPUs for good. */
void sched_core_run(struct sched_core *c) __attribute__((noreturn));
/* v, in its thread on a shared core: wait for an event or `ticks` (0: no bound). */
void sched_core_wait(struct vcpu *v, uint32_t ticks);
/* v, in its thread on a shared core, will never run again. */
void sched_core_exit(struct vcpu *v) __attribute__((noreturn));
/* Each shared core's time, per vCPU (hv_shutdown()). */
void sched_core_report(void);
/* The timebase at which the cyclic frames of every core began. */
extern uint64_t sched_epoch;

/* --------------------------------------------------------- lifecycle */

/* Boot CPU, partitions loaded: count the running ones (0: nothing to do). */
unsigned int sched_init(void);

/* Boot CPU, every secondary CPU started (or given up): let them run guests. */
void sched_start(void);

/*
 * Run the vCPUs of this CPU: the one of a dedicated core, or every one of
 * a shared core; without any, sleep (the CPU taking console input keeps
 * forwarding it). Never returns.
 */
void sched_cpu_run(void) __attribute__((noreturn));

/*
 * A vCPU's life from its first entry (on a shared core, its thread's
 * body): vCPU 0 enters its guest, or waits for its manager's start; the
 * others wait for their guest to release them. Never returns.
 */
void sched_vcpu_main(struct vcpu *v) __attribute__((noreturn));

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

/*
 * v, outside its guest (a hypercall that waits for other CPUs): until
 * something happens to v or ticks passed (0: no bound); a doze on a
 * dedicated core, the others run on a shared one. The caller looks again.
 */
void sched_wait(struct vcpu *v, uint32_t ticks);

/* The shell's pause and resume: 0, or -1 if p is not running (not paused). */
int sched_pause(struct partition *p);
int sched_unpause(struct partition *p);

/*
 * A started partition will not run again. True for exactly one caller:
 * the one that finished the last partition (it calls hv_shutdown()).
 */
bool sched_partition_finished(void);

/* Print every partition's statistics and stop the machine. */
void hv_shutdown(void) __attribute__((noreturn));

#endif /* SCHED_H */
