// SPDX-License-Identifier: GPL-2.0-only
#include <printf.h>
#include <stats.h>

void stats_add(struct exit_stats *dst, const struct exit_stats *src)
{
	unsigned int k;

	for (k = 0; k < ARCH_EXIT_COUNT; k++) {
		struct exit_stat *d = &dst->e[k];
		const struct exit_stat *e = &src->e[k];

		if (!e->count)
			continue;
		if (!d->count || e->min < d->min)
			d->min = e->min;
		if (e->max > d->max)
			d->max = e->max;
		d->count += e->count;
		d->total += e->total;
	}
}

void stats_print(const char *title, const struct exit_stats *s)
{
	uint64_t all = 0, ticks = 0;
	unsigned int k;

	printf("beryl: exit statistics for %s (timebase ticks)\n", title);
	printf("beryl:   %-14s %10s %12s %8s %8s %8s\n", "exit", "count", "total", "mean",
	       "min", "max");
	for (k = 0; k < ARCH_EXIT_COUNT; k++) {
		const struct exit_stat *e = &s->e[k];

		if (!e->count)
			continue;
		printf("beryl:   %-14s %10u %12llu %8llu %8u %8u\n", arch_exit_names[k], e->count,
		       (unsigned long long)e->total,
		       (unsigned long long)(e->total / e->count), e->min, e->max);
		all += e->count;
		ticks += e->total;
	}
	printf("beryl:   %-14s %10llu %12llu\n", "all", (unsigned long long)all,
	       (unsigned long long)ticks);
}
