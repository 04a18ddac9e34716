/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's shell (shell.c, docs/debugging.md): command lines typed
 * on the console's channel 0 in mux mode, or, in prefixed mode, while the
 * shell has the input focus (Ctrl-\ after the last partition).
 *
 * Each module registers its commands with SHELL_COMMAND(), beside the code
 * they belong to (as devices register with VDEV_REGISTER); `help` lists
 * them with their help lines. A command runs on the console CPU, in the
 * middle of whatever that CPU was doing: it never waits for a guest. Only
 * the lifecycle commands (start, stop, restart, pause, resume) and the
 * ones whose help says so change anything.
 */
#ifndef SHELL_H
#define SHELL_H

#include <stdbool.h>
#include <stdint.h>

struct partition;

#define SHELL_MAX_ARGS 8
#define SHELL_USAGE (-2) /* what run() returns for wrong arguments: the usage line is printed */

struct shell_cmd {
	const char *name;
	const char *args; /* its arguments, for the usage line: "NAME ADDR LEN" ("" for none) */
	const char *help; /* one line */
	/* argv[0] is the name; 0, SHELL_USAGE, or -1 (an error it printed) */
	int (*run)(int argc, char *argv[]);
};

/* Register a command (collected at link time). */
#define SHELL_COMMAND(cmd)                                                                 \
	static const struct shell_cmd *const shell_reg_##cmd                               \
		__attribute__((used, section("shell_cmds"), aligned(sizeof(void *)))) = &cmd

extern const struct shell_cmd *const __start_shell_cmds[], *const __stop_shell_cmds[];

/* A byte typed for the shell (the console CPU). */
void shell_input(char c);
/* Print the prompt (the shell just got the input focus). */
void shell_prompt(void);
/* Run one command line (edited in place); what run() returned, or -1. */
int shell_run(char *line);

/*
 * Output of a command, on the hypervisor's channel. Unlike the
 * hypervisor's messages it is never dropped: when the channel's share of
 * the console is full it waits for the line to drain.
 */
void shell_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* For commands: the partition called name (else says so and returns NULL). */
struct partition *shell_partition(const char *name);
/* A number: decimal, or hex with 0x; false if s is not one. */
bool shell_number(const char *s, uint64_t *val);

#endif /* SHELL_H */
