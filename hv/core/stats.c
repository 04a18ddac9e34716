// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>

#include <partition.h>
#include <printf.h>
#include <shell.h>
#include <stats.h>
#include <string.h>

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

/* A line of the table: a hypervisor message (power-off), or the shell's output. */
static void __attribute__((format(printf, 2, 3))) stats_out(bool shell, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (shell)
		shell_printf("%s\n", buf);
	else
		printf("beryl: %s\n", buf);
}

static void stats_table(bool shell, const char *title, const struct exit_stats *s)
{
	uint64_t all = 0, ticks = 0;
	unsigned int k;

	stats_out(shell, "exit statistics for %s (timebase ticks)", title);
	stats_out(shell, "  %-14s %10s %12s %8s %8s %8s", "exit", "count", "total", "mean", "min",
		  "max");
	for (k = 0; k < ARCH_EXIT_COUNT; k++) {
		const struct exit_stat *e = &s->e[k];

		if (!e->count)
			continue;
		stats_out(shell, "  %-14s %10u %12llu %8llu %8u %8u", arch_exit_names[k], e->count,
			  (unsigned long long)e->total, (unsigned long long)(e->total / e->count),
			  e->min, e->max);
		all += e->count;
		ticks += e->total;
	}
	stats_out(shell, "  %-14s %10llu %12llu", "all", (unsigned long long)all,
		  (unsigned long long)ticks);
}

void stats_print(const char *title, const struct exit_stats *s)
{
	stats_table(false, title, s);
}

/* stats NAME [reset]: the exit table as it stands (each vCPU's exits summed). */
static int stats_cmd(int argc, char *argv[])
{
	static struct exit_stats sum;
	struct partition *p;
	unsigned int n;

	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "reset")))
		return SHELL_USAGE;
	p = shell_partition(argv[1]);
	if (!p)
		return -1;
	if (argc == 3) {
		/* each CPU writes its own vCPU's counters: a count in flight may survive */
		for (n = 0; n < p->nvcpus && p->vcpu[n]; n++)
			memset(&p->vcpu[n]->stats, 0, sizeof(p->vcpu[n]->stats));
		shell_printf("exit statistics of %s reset\n", p->name);
		return 0;
	}
	memset(&sum, 0, sizeof(sum));
	for (n = 0; n < p->nvcpus && p->vcpu[n]; n++)
		stats_add(&sum, &p->vcpu[n]->stats);
	stats_table(true, p->name, &sum);
	return 0;
}

static const struct shell_cmd stats_shell_cmd = {
	.name = "stats",
	.args = "NAME [reset]",
	.help = "a partition's exit table now (reset: start counting again)",
	.run = stats_cmd,
};
SHELL_COMMAND(stats_shell_cmd);
