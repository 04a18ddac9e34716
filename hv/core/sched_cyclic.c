// SPDX-License-Identifier: GPL-2.0-only
/*
 * The time-partitioned cyclic schedule (sched_policy.h): a major frame,
 * repeated from frame_start for good, made of windows each owned by one
 * vCPU. The owner of the window holding `now` runs if it is runnable; an
 * idle owner keeps its window (nobody else gets it: temporal isolation),
 * and between windows the core idles. Frames are counted from frame_start,
 * not from when a decision was made, so late decisions never shift later
 * windows.
 */
#include <sched_policy.h>

#define NEVER UINT64_MAX

static void cyclic_start(struct sched_policy *s, uint64_t now)
{
	s->cur = SCHED_NOBODY;
	s->frame_start = now;
}

static void cyclic_charge(struct sched_policy *s, int e, uint64_t ticks)
{
}

static void cyclic_wake(struct sched_policy *s, int e, uint64_t now)
{
}

/* Advance frame_start to the frame holding now (now >= frame_start). */
static void cyclic_frame(struct sched_policy *s, uint64_t now)
{
	uint64_t d = now - s->frame_start;

	if (d < s->frame)
		return;
	if (d < 4 * s->frame) { /* the common case: one frame on, without a division */
		while (now - s->frame_start >= s->frame)
			s->frame_start += s->frame;
		return;
	}
	s->frame_start += d - d % s->frame;
}

/* The window holding now (-1: none) and when what holds now ends. */
static int cyclic_window(struct sched_policy *s, uint64_t now, uint64_t *end)
{
	uint64_t pos;
	unsigned int i;

	cyclic_frame(s, now);
	pos = now - s->frame_start;
	for (i = 0; i < s->nwin; i++) {
		const struct sched_window *w = &s->win[i];

		if (pos < w->offset) {
			*end = s->frame_start + w->offset;
			return -1;
		}
		if (pos < w->offset + w->length) {
			*end = s->frame_start + w->offset + w->length;
			return (int)i;
		}
	}
	*end = s->frame_start + s->frame;
	return -1;
}

static int cyclic_pick(struct sched_policy *s, uint64_t now, uint64_t *until)
{
	int w, owner;

	if (!s->frame || !s->nwin || now < s->frame_start) {
		*until = s->frame && s->nwin ? s->frame_start : NEVER;
		return s->cur = SCHED_NOBODY;
	}
	w = cyclic_window(s, now, until);
	owner = w < 0 ? SCHED_NOBODY : s->win[w].ent;
	if (owner >= 0 && !s->ent[owner].runnable)
		owner = SCHED_NOBODY;
	return s->cur = owner;
}

static bool cyclic_wake_matters(struct sched_policy *s, int e, int chosen, uint64_t now)
{
	uint64_t end;
	int w;

	if (chosen >= 0 || !s->frame || !s->nwin || now < s->frame_start)
		return false;
	w = cyclic_window(s, now, &end);
	return w >= 0 && s->win[w].ent == e;
}

const struct sched_policy_ops sched_cyclic_ops = {
	.name = "cyclic",
	.start = cyclic_start,
	.charge = cyclic_charge,
	.wake = cyclic_wake,
	.pick = cyclic_pick,
	.wake_matters = cyclic_wake_matters,
};
