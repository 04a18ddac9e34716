// SPDX-License-Identifier: GPL-2.0-only
/*
 * The life of vCPUs and partitions. A dedicated core runs the one vCPU the
 * configuration gives it; a shared core runs each of its vCPUs as a thread
 * (sched_core.c), with the same life. vCPU 0 of a partition starts at
 * boot; the others park until the guest releases them through its spin
 * table. When a partition stops, its other vCPUs are kicked out of the
 * guest and park, and vCPU 0 decides: restart (policy) or finish. Waiting
 * (sched_wait_event()) is a doze on a dedicated core and lets the others
 * run on a shared one. A CPU with nothing to run sleeps; the CPU that takes
 * the console's interrupt keeps forwarding console input meanwhile. A
 * partition can be held in place (paused, stopped by its debugger): its
 * vCPUs wait outside the guest until released (on a shared core the
 * others run meanwhile). The last CPU to see its partition finish prints
 * the statistics and powers the machine off.
 */
#include <arch.h>
#include <claim.h>
#include <console.h>
#include <gdbstub.h>
#include <hvirq.h>
#include <hvmem.h>
#include <integrity.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>

static spinlock_t sched_lock = SPINLOCK_INIT;
/* Partitions started and not finished (a restarting one is not finished). */
static unsigned int sched_active;

void hv_shutdown(void)
{
	static struct exit_stats sum;
	unsigned int i, n, allocs;
	size_t bytes;

	/*
	 * Nothing runs any more: the report waits for the line rather than
	 * being dropped when a slow line leaves no room (two Linux partitions'
	 * tables are about the hypervisor channel's whole share of the queue).
	 */
	for (i = 0; i < npartitions; i++) {
		memset(&sum, 0, sizeof(sum));
		for (n = 0; n < partitions[i].nvcpus && partitions[i].vcpu[n]; n++)
			stats_add(&sum, &partitions[i].vcpu[n]->stats);
		console_flush_sync();
		stats_print(partitions[i].name, &sum);
	}
	sched_core_report();
	console_flush_sync();
	integrity_report();
	hvmem_usage(&allocs, &bytes);
	printf("beryl: hypervisor heap: %u allocations, %u bytes\n", allocs, (unsigned int)bytes);
	if (console_dropped())
		printf("beryl: %u bytes of hypervisor messages dropped (console full)\n",
		       console_dropped());
	printf("beryl: all partitions stopped, powering off\n");
	platform_poweroff();
}

unsigned int sched_init(void)
{
	unsigned int i;

	sched_core_init();
	for (i = 0; i < npartitions; i++)
		if (partitions[i].state == PART_RUNNING)
			sched_active++;
	return sched_active;
}

bool sched_partition_finished(void)
{
	bool last;

	spin_lock(&sched_lock);
	last = --sched_active == 0;
	spin_unlock(&sched_lock);
	return last;
}

/*
 * Until something happens to v (a kick, an interrupt on its CPU) or, with
 * ticks, that much time passed; the caller looks again.
 */
static void sched_wait_event(struct vcpu *v, uint32_t ticks)
{
	if (v->core) {
		sched_core_wait(v, ticks);
		return;
	}
	if (ticks)
		arch_cpu_wait_ticks(ticks);
	else
		arch_cpu_wait();
	hvirq_handle();
}

void sched_wait(struct vcpu *v, uint32_t ticks)
{
	sched_wait_event(v, ticks);
}

/* Nothing to run for v any more (on a dedicated core: on this CPU). */
static void __attribute__((noreturn)) sched_idle(struct vcpu *v)
{
	if (v && v->core)
		sched_core_exit(v);
	if (smp_cpu() != hvirq_console_cpu)
		arch_cpu_sleep();
	/* Wake only for console input (MSR[WE]), hand it on, sleep again. */
	for (;;) {
		arch_cpu_wait();
		hvirq_handle();
	}
}

void sched_release_vcpu(struct vcpu *v, const struct vcpu_start *start)
{
	if (!v->parked || v->released)
		return;
	v->start = *start;
	arch_smp_mb(); /* the start state before the flag that publishes it */
	v->released = true;
	sched_kick_vcpu(v);
}

/*
 * Sleep until v is released: by the guest through its spin table
 * (sched_release_vcpu()) or by a manager (sched_start_partition()); either
 * kicks this CPU, and the MPIC latches the kick, so none is lost before the
 * wait.
 */
static void sched_sleep_until_released(struct vcpu *v)
{
	while (!v->released)
		sched_wait_event(v, 0);
	arch_smp_mb(); /* the start state after the flag */
}

/*
 * A secondary vCPU, parked: start it on this CPU once the guest releases
 * it. Forever parked, if the partition never runs again.
 */
static struct vcpu *sched_wait_release(struct vcpu *v)
{
	struct partition *p = v->part;

	for (;;) {
		sched_sleep_until_released(v);
		/*
		 * Unpark before looking at the state, as partition_stop() sets
		 * the state before vCPU 0 looks at parked: either vCPU 0 waits
		 * for us, or we see the stop and stay parked.
		 */
		v->parked = false;
		arch_smp_mb();
		if (p->state == PART_RUNNING)
			break;
		v->parked = true; /* a stale release: the partition stopped since */
		arch_smp_mb();
		sched_wait_event(v, 0); /* until the next kick */
	}
	v->released = false;
	arch_vcpu_reset(v, &v->start);
	arch_vcpu_flush_tlb(v);
	pr_info("partition %s: vCPU %u started on CPU %u at 0x%08x\n", p->name, v->id, v->cpu,
		v->start.pc);
	return v;
}

/*
 * vCPU 0 of a waiting (or stopped managed) partition: its manager loaded it
 * (sched_start_partition()). Started, even if stopped again since (a quick
 * STOP): the partition then goes through the stop path, which settles it.
 */
static struct vcpu *sched_wait_start(struct vcpu *v)
{
	sched_sleep_until_released(v);
	v->released = false;
	arch_vcpu_flush_tlb(v);
	return v;
}

int sched_start_partition(struct partition *p, bool load, uint32_t entry)
{
	struct vcpu *v;

	if (load)
		partition_clear_memory(p);
	if (partition_boot_at(p, load, entry))
		return -1;
	spin_lock(&sched_lock);
	sched_active++;
	spin_unlock(&sched_lock);
	p->halted = false;
	v = p->vcpu[0];
	arch_smp_mb(); /* the loaded partition before the release */
	v->released = true;
	sched_kick_vcpu(v);
	ipc_partition_running(p);
	return 0;
}

/* Secondary CPUs wait here until the boot CPU has started them all. */
static volatile bool sched_go;

void sched_start(void)
{
	uint64_t us;

	sched_epoch = arch_timebase(); /* the cyclic frames of every shared core begin */
	us = sched_epoch / (platform.tb_freq / 1000000);

	/* the timebase counts from the machine's reset: boot loader included */
	pr_info("%u partition(s) started, %llu us after reset\n", sched_active,
		(unsigned long long)us);
	arch_smp_mb();
	sched_go = true;
}

void sched_vcpu_main(struct vcpu *v)
{
	struct partition *p = v->part;

	if (v->id != 0)
		arch_vcpu_run(sched_wait_release(v));
	if (p->state == PART_RUNNING)
		arch_vcpu_run(v);
	if (p->halted) /* start = "wait" */
		arch_vcpu_run(sched_wait_start(v));
	sched_idle(v); /* its partition never runs */
}

void sched_cpu_run(void)
{
	unsigned int cpu = smp_cpu(), i, n;

	while (!sched_go) /* idle, not spinning: under QEMU all CPUs share one thread */
		arch_cpu_wait_ticks(platform.tb_freq / 1000);
	arch_smp_mb();
	if (sched_cores[cpu])
		sched_core_run(sched_cores[cpu]);
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];

		for (n = 0; n < p->nvcpus; n++)
			if (p->vcpu[n] && p->vcpu[n]->cpu == cpu)
				sched_vcpu_main(p->vcpu[n]);
	}
	sched_idle(NULL);
}

/* vCPU 0, its partition stopped: wait until every other vCPU is out of the guest. */
static void sched_wait_parked(struct partition *p)
{
	unsigned int n;

	for (n = 1; n < p->nvcpus; n++) {
		struct vcpu *o = p->vcpu[n];

		/* it kicks us when it parks; kick it again every ms meanwhile */
		while (!o->parked) {
			sched_wait_event(p->vcpu[0], platform.tb_freq / 1000);
			if (!o->parked)
				sched_kick_vcpu(o);
		}
	}
	arch_smp_mb();
}

void sched_hold(struct partition *p, uint32_t why)
{
	unsigned int n;

	if (why & VCPU_HOLD_PAUSE)
		p->pause_said = false;
	for (n = 0; n < p->nvcpus; n++)
		__atomic_fetch_or(&p->vcpu[n]->hold, why, __ATOMIC_SEQ_CST);
	/* each vCPU leaves its guest (or idle wait) and sees the bits */
	for (n = 0; n < p->nvcpus; n++)
		sched_kick_vcpu(p->vcpu[n]);
}

void sched_unhold_vcpu(struct vcpu *v, uint32_t why)
{
	__atomic_fetch_and(&v->hold, ~why, __ATOMIC_SEQ_CST);
	sched_kick_vcpu(v);
}

void sched_unhold(struct partition *p, uint32_t why)
{
	unsigned int n;

	for (n = 0; n < p->nvcpus; n++)
		sched_unhold_vcpu(p->vcpu[n], why);
}

bool sched_all_held(const struct partition *p)
{
	unsigned int n;

	if (p->state != PART_RUNNING)
		return true;
	for (n = 0; n < p->nvcpus; n++) {
		const struct vcpu *v = p->vcpu[n];

		/* a parked vCPU enters its guest through sched_vcpu_hold() */
		if (!v->held && !(v->parked && v->hold))
			return false;
	}
	return true;
}

/* A vCPU was held: the last one of its partition says so (under sched_lock). */
static void sched_held_notify(struct partition *p)
{
	bool paused;

	spin_lock(&sched_lock);
	paused = !p->pause_said && sched_all_held(p) && (p->vcpu[0]->hold & VCPU_HOLD_PAUSE);
	if (paused)
		p->pause_said = true;
	spin_unlock(&sched_lock);
	if (paused)
		pr_info("partition %s paused\n", p->name);
	gdbstub_held(p);
}

void sched_vcpu_hold(struct vcpu *v)
{
	struct partition *p = v->part;
	uint64_t t0;

	if (v->hold & VCPU_HOLD_REVOKE) /* no hold: done here, at once */
		claim_revoke_vcpu(v);
	if (!v->hold)
		return;
	t0 = arch_timebase();
	v->held_since = t0;
	v->held = true;
	arch_smp_mb(); /* held before the look at the others */
	sched_held_notify(p);
	while (v->hold && p->state == PART_RUNNING) {
		sched_wait_event(v, 0); /* a kick: released, or something to serve */
		if (v->hold & VCPU_HOLD_REVOKE) /* a device taken meanwhile */
			claim_revoke_vcpu(v);
	}
	v->held = false;
	arch_smp_mb();
	arch_vcpu_unhold(v, t0, arch_timebase());
}

int sched_pause(struct partition *p)
{
	if (p->state != PART_RUNNING)
		return -1;
	sched_hold(p, VCPU_HOLD_PAUSE);
	return 0;
}

int sched_unpause(struct partition *p)
{
	if (p->state != PART_RUNNING || !(p->vcpu[0]->hold & VCPU_HOLD_PAUSE))
		return -1;
	sched_unhold(p, VCPU_HOLD_PAUSE);
	pr_info("partition %s resumed\n", p->name);
	return 0;
}

struct vcpu *sched_vcpu_stopped(struct vcpu *v)
{
	struct partition *p = v->part;

	/* Only vCPU 0 decides what happens next; the others park until released. */
	if (v->id != 0) {
		arch_smp_mb();
		v->parked = true;
		arch_smp_mb();
		sched_kick_vcpu(p->vcpu[0]); /* vCPU 0 may be waiting for that */
		return sched_wait_release(v);
	}
	sched_wait_parked(p);
	vdev_stop_all(p); /* nothing of the old run reaches its memory any more */
	if ((p->reset_requested && p->restart_on_reset) || (p->crashed && p->restart_on_crash) ||
	    (p->wdt_expired && p->wdt_policy == WDT_RESET) || p->restart_forced) {
		p->restart_forced = false;
		pr_info("partition %s: restarting\n", p->name);
		partition_clear_memory(p);
		if (!partition_boot(p)) {
			unsigned int allocs;
			size_t bytes;

			hvmem_usage(&allocs, &bytes);
			pr_info("partition %s: boot %u; hypervisor heap: %u allocations, %u bytes\n",
				p->name, p->boots, allocs, (unsigned int)bytes);
			arch_vcpu_flush_tlb(p->vcpu[0]); /* nothing of the old run */
			ipc_partition_running(p);
			return p->vcpu[0];
		}
	}
	gdbstub_stopped(p);
	if (sched_partition_finished())
		hv_shutdown();
	/* its manager, or the shell, may start it again */
	arch_smp_mb();
	p->halted = true;
	ipc_partition_halted(p);
	return sched_wait_start(v);
}
