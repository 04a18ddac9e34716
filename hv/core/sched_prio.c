// SPDX-License-Identifier: GPL-2.0-only
/*
 * Priority with fair share (sched_policy.h): strict priority between
 * levels; within the highest level that has a runnable vCPU, the core is
 * shared in proportion to the weights. Each vCPU's virtual time grows by
 * the time it runs divided by its weight; at the end of a slice the one
 * with the least virtual time runs next (a credit scheduler whose credits
 * are refilled continuously). A vCPU that wakes is placed no further back
 * than one slice behind the least virtual time of its level, so a long
 * sleep saves it no more than a slice of credit. A vCPU of a higher level
 * that wakes runs at once; within a level the slice is not cut short.
 * A vCPU alone at the highest level runs without slices until another
 * wakes beside it.
 */
#include <sched_policy.h>

#define VTIME_SHIFT 10 /* virtual time: ticks << 10 / weight */
#define NEVER UINT64_MAX

/* a before b in virtual time (wrap-safe) */
static bool vtime_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

static uint64_t vtime_of(const struct sched_entity *e, uint64_t ticks)
{
	uint64_t n = ticks << VTIME_SHIFT;

	/* a 32-bit division when it fits (a slice does): no libgcc call */
	return n >> 32 ? n / e->weight : (uint32_t)n / e->weight;
}

static void prio_start(struct sched_policy *s, uint64_t now)
{
	unsigned int i;

	s->cur = SCHED_NOBODY;
	s->slice_end = 0;
	for (i = 0; i < s->n; i++) {
		s->ent[i].vtime = 0;
		if (!s->ent[i].weight)
			s->ent[i].weight = 1;
	}
}

static void prio_charge(struct sched_policy *s, int e, uint64_t ticks)
{
	s->ent[e].vtime += vtime_of(&s->ent[e], ticks);
}

/* The least virtual time among the runnable vCPUs of level prio but skip; false if none. */
static bool level_min(const struct sched_policy *s, uint8_t prio, int skip, uint64_t *min)
{
	bool found = false;
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		const struct sched_entity *o = &s->ent[i];

		if ((int)i == skip || !o->runnable || o->prio != prio)
			continue;
		if (!found || vtime_before(o->vtime, *min))
			*min = o->vtime;
		found = true;
	}
	return found;
}

static void prio_wake(struct sched_policy *s, int e, uint64_t now)
{
	struct sched_entity *w = &s->ent[e];
	uint64_t min = 0, credit = vtime_of(w, s->slice);

	if (level_min(s, w->prio, e, &min) && vtime_before(w->vtime, min - credit))
		w->vtime = min - credit;
	/* the one running alone at this level gets a slice now that it is not alone */
	if (s->cur >= 0 && s->ent[s->cur].prio == w->prio && s->slice_end == NEVER)
		s->slice_end = now + s->slice;
}

static int prio_pick(struct sched_policy *s, uint64_t now, uint64_t *until)
{
	int best = SCHED_NOBODY, peers = 0;
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		const struct sched_entity *o = &s->ent[i];

		if (!o->runnable)
			continue;
		if (best < 0 || o->prio > s->ent[best].prio) {
			best = (int)i;
			peers = 1;
			continue;
		}
		if (o->prio < s->ent[best].prio)
			continue;
		peers++;
		/* ties: the one after the current, so equal vCPUs take turns */
		if (vtime_before(o->vtime, s->ent[best].vtime) ||
		    (o->vtime == s->ent[best].vtime && best == s->cur))
			best = (int)i;
	}
	if (best < 0) {
		s->cur = SCHED_NOBODY;
		*until = NEVER;
		return SCHED_NOBODY;
	}
	/* the current one keeps the rest of its slice against its peers */
	if (s->cur >= 0 && s->ent[s->cur].runnable && s->ent[s->cur].prio == s->ent[best].prio &&
	    now < s->slice_end) {
		*until = s->slice_end;
		return s->cur;
	}
	s->cur = best;
	s->slice_end = peers > 1 ? now + s->slice : NEVER;
	*until = s->slice_end;
	return best;
}

static bool prio_wake_matters(struct sched_policy *s, int e, int chosen, uint64_t now)
{
	if (chosen < 0)
		return true;
	if (s->ent[e].prio != s->ent[chosen].prio)
		return s->ent[e].prio > s->ent[chosen].prio;
	return s->slice_end == NEVER; /* alone until it wakes: no slice end to look then */
}

const struct sched_policy_ops sched_prio_ops = {
	.name = "priority",
	.start = prio_start,
	.charge = prio_charge,
	.wake = prio_wake,
	.pick = prio_pick,
	.wake_matters = prio_wake_matters,
};
