// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's partition commands: the list (partitions) and the lifecycle
 * actions (start, stop, restart, pause, resume), which go through the same
 * paths as a guest's power-off and reset or a manager's hypercalls
 * (partition.c, sched.c).
 */
#include <arch.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>
#include <shell.h>
#include <string.h>

static const char *partition_state_name(const struct partition *p)
{
	uint32_t hold = p->vcpu[0] ? p->vcpu[0]->hold : 0;

	if (p->state != PART_RUNNING) {
		if (!p->halted)
			return "stopping";
		return p->boots ? "stopped" : "waiting";
	}
	if (hold & VCPU_HOLD_PAUSE)
		return sched_all_held(p) ? "paused" : "pausing";
	if (hold & VCPU_HOLD_DEBUG)
		return sched_all_held(p) ? "debug-stop" : "stopping-dbg";
	return "running";
}

static int partition_list(int argc, char *argv[])
{
	unsigned int i, n;

	if (argc != 1)
		return SHELL_USAGE;
	shell_printf("%-16s %-12s %5s %14s  %s\n", "NAME", "STATE", "BOOTS", "UPTIME",
		     "VCPU:CPU (s: a shared core)");
	for (i = 0; i < npartitions; i++) {
		const struct partition *p = &partitions[i];
		char up[24] = "-", cpus[48] = "";
		int len = 0;

		if (p->state == PART_RUNNING && platform.tb_freq) {
			uint64_t ms = (arch_timebase() - p->started_tb) / (platform.tb_freq / 1000);

			snprintf(up, sizeof(up), "%llu.%03u s", (unsigned long long)(ms / 1000),
				 (unsigned int)(ms % 1000));
		}
		for (n = 0; n < p->nvcpus; n++)
			len += snprintf(cpus + len, sizeof(cpus) - len, "%s%u:%u%s", n ? " " : "", n,
					p->vcpu_cpu[n], p->vcpu[n] && p->vcpu[n]->core ? "s" : "");
		shell_printf("%-16s %-12s %5u %14s  %s%s%s\n", p->name, partition_state_name(p),
			     p->boots, up, cpus, p->state == PART_RUNNING ? "" : "  last stop: ",
			     p->state == PART_RUNNING || !p->stop_reason ? "" : p->stop_reason);
	}
	return 0;
}

/* The partition argv[1] of a NAME-only command: 0, or what the command returns. */
static int partition_arg(int argc, char *argv[], struct partition **p)
{
	if (argc != 2)
		return SHELL_USAGE;
	*p = shell_partition(argv[1]);
	return *p ? 0 : -1;
}

static int partition_cmd_start(int argc, char *argv[])
{
	struct partition *p;
	int r = partition_arg(argc, argv, &p);

	if (r)
		return r;
	if (p->state == PART_RUNNING || !p->halted) {
		shell_printf("%s is %s\n", p->name, partition_state_name(p));
		return -1;
	}
	shell_printf("starting %s\n", p->name);
	if (sched_start_partition(p, true, 0)) {
		shell_printf("%s cannot be loaded\n", p->name);
		return -1;
	}
	return 0;
}

static int partition_cmd_stop(int argc, char *argv[])
{
	struct partition *p;
	int r = partition_arg(argc, argv, &p);

	if (r)
		return r;
	if (p->state != PART_RUNNING) {
		shell_printf("%s is %s\n", p->name, partition_state_name(p));
		return -1;
	}
	partition_stop(p, "stopped from the shell");
	return 0;
}

static int partition_cmd_restart(int argc, char *argv[])
{
	struct partition *p;
	int r = partition_arg(argc, argv, &p);

	if (r)
		return r;
	if (p->state != PART_RUNNING)
		return partition_cmd_start(argc, argv);
	p->restart_forced = true;
	partition_stop(p, "restart from the shell");
	return 0;
}

static int partition_cmd_pause(int argc, char *argv[])
{
	struct partition *p;
	int r = partition_arg(argc, argv, &p);

	if (r)
		return r;
	if (p->state != PART_RUNNING || (p->vcpu[0]->hold & VCPU_HOLD_PAUSE)) {
		shell_printf("%s is %s\n", p->name, partition_state_name(p));
		return -1;
	}
	shell_printf("pausing %s\n", p->name);
	return sched_pause(p);
}

static int partition_cmd_resume(int argc, char *argv[])
{
	struct partition *p;
	int r = partition_arg(argc, argv, &p);

	if (r)
		return r;
	if (sched_unpause(p)) {
		shell_printf("%s is %s, not paused\n", p->name, partition_state_name(p));
		return -1;
	}
	return 0;
}

static const struct shell_cmd partition_list_cmd = {
	.name = "partitions",
	.args = "",
	.help = "every partition: state, boots, uptime, its vCPUs and their CPUs",
	.run = partition_list,
};
SHELL_COMMAND(partition_list_cmd);

static const struct shell_cmd partition_start_cmd = {
	.name = "start",
	.args = "NAME",
	.help = "start a stopped (or waiting) partition from its image",
	.run = partition_cmd_start,
};
SHELL_COMMAND(partition_start_cmd);

static const struct shell_cmd partition_stop_cmd = {
	.name = "stop",
	.args = "NAME",
	.help = "stop a partition, as a power-off would",
	.run = partition_cmd_stop,
};
SHELL_COMMAND(partition_stop_cmd);

static const struct shell_cmd partition_restart_cmd = {
	.name = "restart",
	.args = "NAME",
	.help = "restart a partition from its image, memory cleared",
	.run = partition_cmd_restart,
};
SHELL_COMMAND(partition_restart_cmd);

static const struct shell_cmd partition_pause_cmd = {
	.name = "pause",
	.args = "NAME",
	.help = "hold a partition in place: no instruction, no timer, until resume",
	.run = partition_cmd_pause,
};
SHELL_COMMAND(partition_pause_cmd);

static const struct shell_cmd partition_resume_cmd = {
	.name = "resume",
	.args = "NAME",
	.help = "let a paused partition go on where it stood",
	.run = partition_cmd_resume,
};
SHELL_COMMAND(partition_resume_cmd);
