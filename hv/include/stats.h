/* SPDX-License-Identifier: GPL-2.0-only */
/* Exit statistics: count and handling time (timebase ticks) per exit kind. */
#ifndef STATS_H
#define STATS_H

#include <stdint.h>

#include <arch.h>

struct exit_stat {
	uint32_t count;
	uint32_t min, max;
	uint64_t total;
};

struct exit_stats {
	struct exit_stat e[ARCH_EXIT_COUNT];
};

static inline void stats_record(struct exit_stats *s, unsigned int kind, uint32_t ticks)
{
	struct exit_stat *e = &s->e[kind];

	if (!e->count || ticks < e->min)
		e->min = ticks;
	if (ticks > e->max)
		e->max = ticks;
	e->count++;
	e->total += ticks;
}

/* Add the exits of src to dst (a partition's vCPUs, summed for the table). */
void stats_add(struct exit_stats *dst, const struct exit_stats *src);

/* Print the table (kinds with a zero count are left out). */
void stats_print(const char *title, const struct exit_stats *s);

#endif /* STATS_H */
