// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared cores: several vCPUs take turns on one physical CPU under the
 * core's policy (sched_policy.h: cyclic frame, or priority with fair
 * share). Each vCPU is a hypervisor thread with a stack of its own
 * (arch_thread_*()); the core's idle thread, on the CPU's own stack, runs
 * when nobody may.
 *
 * The policy is asked again (sched_core_schedule()) when its deadline
 * passes (the slice or the window ends: the real decrementer, which the
 * trap path programs for the earlier of the guest's next timer event and
 * the core's deadline, fires even while the guest's virtual MSR[EE] is
 * off, since the real one never is), when something happens on the core
 * (an external interrupt or a kick: `event`), and when the running vCPU
 * blocks. Then, first, the time since the last decision is charged to the
 * vCPU that ran, and the blocked vCPUs that may go on are woken: an idle
 * one when an interrupt its MSR allows may be due (arch_vcpu_wake_due()),
 * it was kicked or its partition stopped; one waiting in the hypervisor
 * (parked, halted) on any event or when its wait times out. Interrupts for
 * a vCPU that is not running stay where they are (its virtual interrupt
 * controller, its timers, computed from the real timebase, so its view of
 * time stays true time) and are delivered when it runs.
 *
 * The core's deadline is the policy's own, or earlier the wake-up time
 * (next timer event) of a blocked vCPU whose wake would change the choice
 * (a higher priority, the owner of the current window), so that such a
 * vCPU preempts at once; so does one whose interrupt arrives as an event.
 */
#include <arch.h>
#include <hvirq.h>
#include <hvmem.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>
#include <smp.h>
#include <string.h>

#define SCHED_STACK_SIZE 16384
#define NEVER UINT64_MAX

struct sched_core_cfg sched_cfg[PLATFORM_MAX_CPUS];
struct sched_core *sched_cores[PLATFORM_MAX_CPUS];
uint64_t sched_epoch;

static struct sched_core sched_core_state[PLATFORM_MAX_CPUS];

static uint64_t us_to_ticks(uint32_t us)
{
	return (uint64_t)us * platform.tb_freq / 1000000;
}

/* The entity of partitions[part]'s vCPU n on c, or SCHED_NOBODY. */
static int sched_core_entity(const struct sched_core *c, unsigned int part, unsigned int n)
{
	unsigned int e;

	for (e = 0; e < c->pol.n; e++)
		if (c->vcpu[e]->part == &partitions[part] && c->vcpu[e]->id == n)
			return (int)e;
	return SCHED_NOBODY;
}

/* A vCPU's thread: its whole life (sched.c). */
static void sched_core_thread(void *v)
{
	sched_vcpu_main(v);
}

static void sched_core_build(unsigned int cpu)
{
	const struct sched_core_cfg *cfg = &sched_cfg[cpu];
	struct sched_core *c = &sched_core_state[cpu];
	unsigned int i, n, w;
	uint8_t *stacks;

	c->cpu = cpu;
	c->cur = SCHED_NOBODY;
	c->pol.ops = cfg->policy == SCHED_CYCLIC ? &sched_cyclic_ops : &sched_prio_ops;
	c->pol.slice = us_to_ticks(cfg->slice_us ? cfg->slice_us : SCHED_DEFAULT_SLICE_US);
	c->pol.frame = us_to_ticks(cfg->frame_us);
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];

		for (n = 0; n < p->nvcpus; n++) {
			struct vcpu *v = p->vcpu[n];
			struct sched_entity *e;

			/* config.c bounds how many share a core */
			if (!v || p->vcpu_cpu[n] != cpu || c->pol.n == SCHED_CORE_MAX_VCPUS)
				continue;
			e = &c->pol.ent[c->pol.n];
			e->prio = p->sched_prio;
			e->weight = p->sched_weight ? p->sched_weight : SCHED_DEFAULT_WEIGHT;
			v->core = c;
			v->sched_idx = (int)c->pol.n;
			c->vcpu[c->pol.n++] = v;
		}
	}
	for (w = 0; w < cfg->nwin; w++) {
		const struct sched_window_cfg *wc = &cfg->win[w];

		c->pol.win[w].offset = us_to_ticks(wc->offset_us);
		c->pol.win[w].length = us_to_ticks(wc->offset_us + wc->length_us) -
				       c->pol.win[w].offset;
		c->pol.win[w].ent = wc->part == SCHED_CFG_NO_PART ? SCHED_NOBODY
								  : sched_core_entity(c, wc->part, wc->vcpu);
	}
	c->pol.nwin = cfg->nwin;
	stacks = c->pol.n ? hvmem_alloc(c->pol.n * SCHED_STACK_SIZE, 16) : NULL;
	if (c->pol.n && !stacks) {
		pr_err("CPU %u: no memory for the stacks of its %u vCPUs\n", cpu, c->pol.n);
		return;
	}
	for (i = 0; i < c->pol.n; i++)
		arch_thread_init(&c->vcpu[i]->thread, stacks + i * SCHED_STACK_SIZE,
				 SCHED_STACK_SIZE, sched_core_thread, c->vcpu[i]);
	sched_cores[cpu] = c;
}

void sched_core_init(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < PLATFORM_MAX_CPUS && cpu < platform.ncpus; cpu++)
		if (sched_cfg[cpu].policy != SCHED_DEDICATED)
			sched_core_build(cpu);
}

/* Switch from the running thread to entity next's (SCHED_NOBODY: the idle thread). */
static void sched_core_switch(struct sched_core *c, int next)
{
	int prev = c->cur;
	struct arch_thread *from = prev >= 0 ? &c->vcpu[prev]->thread : &c->idle;
	struct arch_thread *to = next >= 0 ? &c->vcpu[next]->thread : &c->idle;

	c->cur = next;
	c->switches++;
	if (prev >= 0)
		arch_vcpu_put(c->vcpu[prev]);
	if (next >= 0) {
		struct partition *p = c->vcpu[next]->part;

		/*
		 * Another partition's guest ran here last: what it taught the
		 * branch predictor must not steer this one's speculation (a
		 * Spectre v2 style attack across partitions). The vCPUs of one
		 * partition, and the idle thread, leave it alone.
		 */
		if (c->last_part && c->last_part != p) {
			arch_btb_flush();
			c->btb_flushes++;
		}
		c->last_part = p;
		arch_vcpu_load(c->vcpu[next]);
	}
	arch_thread_switch(from, to);
}

/* Blocked vCPU v may go on at now (event: something happened on the core). */
static bool sched_core_wake_due(struct vcpu *v, uint64_t now, bool event)
{
	switch (v->sched_wait) {
	case SCHED_IDLE:
		if (v->kicked || v->hold || v->part->state != PART_RUNNING)
			return true;
		partition_poll(v->part); /* input or events queued for it raise its interrupt */
		return arch_vcpu_wake_due(v, now);
	case SCHED_WAIT:
		return event || v->kicked || now >= v->wait_until;
	default:
		return false;
	}
}

/* When blocked vCPU v wakes by itself, at the latest. */
static uint64_t sched_core_wake_time(const struct vcpu *v)
{
	switch (v->sched_wait) {
	case SCHED_IDLE:
		return arch_vcpu_next_event(v);
	case SCHED_WAIT:
		return v->wait_until;
	default:
		return NEVER;
	}
}

/*
 * The core's decision, in whatever thread runs now: charge, wake, pick,
 * set the deadline, switch. Returns when the calling thread runs again.
 */
static void sched_core_schedule(struct sched_core *c)
{
	uint64_t now = arch_timebase(), until;
	bool event = c->event;
	unsigned int e;
	int next;

	c->event = false;
	if (c->cur >= 0)
		sched_policy_charge(&c->pol, c->cur, now - c->since);
	else
		c->idle_ticks += now - c->since;
	c->since = now;
	for (e = 0; e < c->pol.n; e++) {
		struct vcpu *v = c->vcpu[e];

		if (c->pol.ent[e].runnable || !sched_core_wake_due(v, now, event))
			continue;
		v->sched_wait = SCHED_RUN;
		v->kicked = false;
		c->pol.ent[e].runnable = true;
		c->pol.ops->wake(&c->pol, (int)e, now);
	}
	next = c->pol.ops->pick(&c->pol, now, &until);
	for (e = 0; e < c->pol.n; e++) {
		uint64_t t;

		if (c->pol.ent[e].runnable)
			continue;
		t = sched_core_wake_time(c->vcpu[e]);
		if (t < until && c->pol.ops->wake_matters(&c->pol, (int)e, next, now))
			until = t;
	}
	c->deadline = until;
	if (next != c->cur)
		sched_core_switch(c, next);
}

void sched_resume(struct vcpu *v)
{
	struct sched_core *c = v->core;

	if (c->event || arch_timebase() >= c->deadline)
		sched_core_schedule(c);
}

/* v (the running thread) stops being runnable for `why`, and the core decides. */
static void sched_core_block(struct vcpu *v, enum sched_wait why)
{
	struct sched_core *c = v->core;

	v->sched_wait = why;
	c->pol.ent[v->sched_idx].runnable = false;
	sched_core_schedule(c);
}

void sched_block_idle(struct vcpu *v)
{
	sched_core_block(v, SCHED_IDLE);
}

void sched_core_wait(struct vcpu *v, uint32_t ticks)
{
	v->wait_until = ticks ? arch_timebase() + ticks : NEVER;
	sched_core_block(v, SCHED_WAIT);
}

void sched_core_exit(struct vcpu *v)
{
	for (;;)
		sched_core_block(v, SCHED_DEAD);
}

bool sched_kick_here(struct vcpu *v)
{
	struct sched_core *c = v->core;

	if (!c || v->cpu != smp_cpu() || c->cur == v->sched_idx)
		return false;
	v->kicked = true;
	c->event = true;
	return true;
}

void sched_kick_vcpu(struct vcpu *v)
{
	if (v->cpu != smp_cpu())
		hvirq_kick(v->cpu);
	else
		sched_kick_here(v); /* the one running (or a dedicated core's) looks anyway */
}

void sched_core_run(struct sched_core *c)
{
	unsigned int e;

	arch_thread_init_self(&c->idle);
	for (e = 0; e < c->pol.n; e++) {
		c->vcpu[e]->sched_wait = SCHED_RUN;
		c->pol.ent[e].runnable = true;
	}
	c->pol.ops->start(&c->pol, sched_epoch);
	c->since = arch_timebase();
	pr_info("CPU %u: %u vCPUs share it (%s)\n", c->cpu, c->pol.n, c->pol.ops->name);
	for (;;) {
		uint64_t now, left;

		sched_core_schedule(c);
		/* nobody may run: wait for the deadline or an interrupt */
		now = arch_timebase();
		if (c->deadline > now) {
			left = c->deadline - now;
			arch_cpu_wait_ticks(left > 0x7FFFFFFF ? 0x7FFFFFFF : (uint32_t)left);
		}
		hvirq_handle();
		c->event = true;
	}
}

void sched_core_report(void)
{
	unsigned int cpu, e;

	for (cpu = 0; cpu < PLATFORM_MAX_CPUS; cpu++) {
		const struct sched_core *c = sched_cores[cpu];
		uint64_t total;

		if (!c)
			continue;
		total = c->idle_ticks;
		for (e = 0; e < c->pol.n; e++)
			total += c->pol.ent[e].runtime;
		printf("beryl: CPU %u (%s): %llu switches, %llu BTB flushes, idle %llu us\n", cpu,
		       c->pol.ops->name, (unsigned long long)c->switches,
		       (unsigned long long)c->btb_flushes,
		       (unsigned long long)(c->idle_ticks / (platform.tb_freq / 1000000)));
		for (e = 0; e < c->pol.n; e++) {
			const struct vcpu *v = c->vcpu[e];
			uint64_t rt = c->pol.ent[e].runtime;

			printf("beryl:   %s vCPU %u ran %llu us (%llu.%llu%%)\n", v->part->name, v->id,
			       (unsigned long long)(rt / (platform.tb_freq / 1000000)),
			       (unsigned long long)(total ? rt * 100 / total : 0),
			       (unsigned long long)(total ? rt * 1000 / total % 10 : 0));
		}
	}
}
