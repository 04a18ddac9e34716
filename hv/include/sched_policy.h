/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduling policies of a shared core, as pure logic: who runs at a
 * given time and until when that choice stands. No clock, no vCPU, no
 * switching here (sched_core.c does that): each entry point takes the
 * current timebase value, so the policies are unit-tested on the host
 * (tests/unit/test_sched_policy.c).
 *
 *   cyclic (sched_cyclic.c): a major frame of windows, each owned by one
 *       vCPU (ARINC 653 style). The owner of the window holding `now`
 *       runs if it is runnable; otherwise, and between windows, nobody.
 *   priority (sched_prio.c): strict priority between levels; within the
 *       highest level with a runnable vCPU, weighted fair sharing of the
 *       core in slices (the one with the least weighted time received).
 */
#ifndef SCHED_POLICY_H
#define SCHED_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define SCHED_CORE_MAX_VCPUS 8 /* vCPUs on one shared core */
#define SCHED_MAX_WINDOWS 16   /* windows in a cyclic frame */
#define SCHED_NOBODY (-1)      /* no vCPU: the core idles */

enum sched_policy_kind { SCHED_DEDICATED = 0, SCHED_CYCLIC, SCHED_PRIORITY };

/* One vCPU of a shared core, as its policy sees it. */
struct sched_entity {
	bool runnable;
	uint8_t prio;     /* priority policy: higher runs first */
	uint32_t weight;  /* priority policy: share within its level (1..) */
	uint64_t vtime;   /* priority policy: time received / weight (scaled) */
	uint64_t runtime; /* timebase ticks it ran, in total */
};

/* A window of a cyclic frame: [offset, offset + length) ticks into the frame. */
struct sched_window {
	uint64_t offset, length;
	int ent; /* the entity that owns it, SCHED_NOBODY: a partition that never runs */
};

struct sched_policy {
	const struct sched_policy_ops *ops;
	unsigned int n; /* entities 0 .. n-1 */
	struct sched_entity ent[SCHED_CORE_MAX_VCPUS];
	int cur; /* the entity the last pick chose, SCHED_NOBODY */
	/* priority */
	uint64_t slice;     /* ticks */
	uint64_t slice_end; /* cur's slice ends (UINT64_MAX: alone, no slice) */
	/* cyclic */
	uint64_t frame, frame_start; /* ticks; frames repeat from frame_start */
	struct sched_window win[SCHED_MAX_WINDOWS]; /* sorted by offset, disjoint */
	unsigned int nwin;
};

struct sched_policy_ops {
	const char *name;
	/* Everything set up (entities, parameters), at time now. */
	void (*start)(struct sched_policy *s, uint64_t now);
	/* Entity e ran for ticks. */
	void (*charge)(struct sched_policy *s, int e, uint64_t ticks);
	/* Entity e became runnable at now (it was blocked). */
	void (*wake)(struct sched_policy *s, int e, uint64_t now);
	/*
	 * Who runs at now (SCHED_NOBODY: the core idles), and in *until the
	 * time at which this choice must be made again if nothing wakes.
	 */
	int (*pick)(struct sched_policy *s, uint64_t now, uint64_t *until);
	/*
	 * Entity e is blocked and chosen runs now: would e, woken, run
	 * before `until` of that choice? (Then e's wake-up time bounds the
	 * core's next decision.)
	 */
	bool (*wake_matters)(struct sched_policy *s, int e, int chosen, uint64_t now);
};

extern const struct sched_policy_ops sched_cyclic_ops, sched_prio_ops;

/* Convenience wrappers. */
static inline void sched_policy_charge(struct sched_policy *s, int e, uint64_t ticks)
{
	if (e >= 0) {
		s->ent[e].runtime += ticks;
		s->ops->charge(s, e, ticks);
	}
}

#endif /* SCHED_POLICY_H */
