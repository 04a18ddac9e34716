// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's shell (shell.h): a line editor on the console's input,
 * the registered commands and `help`.
 */
#include <stdarg.h>

#include <console.h>
#include <partition.h>
#include <printf.h>
#include <shell.h>
#include <string.h>

#define SHELL_LINE_MAX 128
#define SHELL_PROMPT "beryl> "

static char shell_line[SHELL_LINE_MAX + 1];
static unsigned int shell_len;
static bool shell_overflow;
static char shell_last; /* the previous byte: CR LF ends one line, not two */

void shell_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n, tries;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	/* wait for room: what is queued drains at the line's speed */
	for (tries = 0; tries < 4 && !console_write(CONSOLE_CHAN_HV, buf, (size_t)n); tries++)
		console_flush_sync();
}

void shell_prompt(void)
{
	shell_printf(SHELL_PROMPT);
}

/* Prefixed mode: the terminal is raw, the shell echoes what is typed. */
static void shell_echo(const char *s)
{
	if (console_mode() == CONSOLE_PREFIXED)
		shell_printf("%s", s);
}

static const struct shell_cmd *shell_find(const char *name)
{
	const struct shell_cmd *const *c;

	for (c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

static bool shell_space(char c)
{
	return c == ' ' || c == '\t';
}

int shell_run(char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	const struct shell_cmd *cmd;
	int argc = 0, r;

	while (*line) {
		while (shell_space(*line))
			*line++ = '\0';
		if (!*line)
			break;
		if (argc == SHELL_MAX_ARGS) {
			shell_printf("too many arguments (at most %d)\n", SHELL_MAX_ARGS - 1);
			return -1;
		}
		argv[argc++] = line;
		while (*line && !shell_space(*line))
			line++;
	}
	argv[argc] = NULL;
	if (!argc)
		return 0;
	cmd = shell_find(argv[0]);
	if (!cmd) {
		shell_printf("unknown command '%s' (help lists them)\n", argv[0]);
		return -1;
	}
	r = cmd->run(argc, argv);
	if (r == SHELL_USAGE)
		shell_printf("usage: %s%s%s\n", cmd->name, cmd->args[0] ? " " : "", cmd->args);
	return r;
}

void shell_input(char c)
{
	char last = shell_last;

	shell_last = c;
	if (c == '\n' && last == '\r')
		return;
	if (c == '\r' || c == '\n') {
		shell_echo("\n");
		shell_line[shell_len] = '\0';
		if (shell_overflow)
			shell_printf("line too long (at most %d characters)\n", SHELL_LINE_MAX);
		else
			shell_run(shell_line);
		shell_len = 0;
		shell_overflow = false;
		shell_prompt();
		return;
	}
	if (c == 0x7F || c == '\b') {
		if (shell_len) {
			shell_len--;
			shell_echo("\b \b");
		}
		return;
	}
	if (c < 0x20 || c > 0x7E)
		return; /* control characters are not part of a command */
	if (shell_len == SHELL_LINE_MAX) {
		shell_overflow = true;
		return;
	}
	shell_line[shell_len++] = c;
	if (console_mode() == CONSOLE_PREFIXED) {
		char s[2] = { c, '\0' };

		shell_echo(s);
	}
}

struct partition *shell_partition(const char *name)
{
	unsigned int i;

	for (i = 0; i < npartitions; i++)
		if (!strcmp(partitions[i].name, name))
			return &partitions[i];
	shell_printf("no partition named '%s'\n", name);
	return NULL;
}

bool shell_number(const char *s, uint64_t *val)
{
	uint64_t v = 0;
	unsigned int base = 10;
	int digits = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
		digits++;
	}
	if (!digits)
		return false;
	*val = v;
	return true;
}

/* The command after `after` in name order (NULL: the first), NULL after the last. */
static const struct shell_cmd *shell_next(const struct shell_cmd *after)
{
	const struct shell_cmd *const *c, *best = NULL;

	for (c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if ((!after || strcmp((*c)->name, after->name) > 0) &&
		    (!best || strcmp((*c)->name, best->name) < 0))
			best = *c;
	return best;
}

static void shell_help_line(const struct shell_cmd *c)
{
	char use[48];

	snprintf(use, sizeof(use), "%s%s%s", c->name, c->args[0] ? " " : "", c->args);
	shell_printf("  %-30s %s\n", use, c->help);
}

static int shell_help(int argc, char *argv[])
{
	const struct shell_cmd *c;

	if (argc > 2)
		return SHELL_USAGE;
	if (argc == 2) {
		c = shell_find(argv[1]);
		if (!c) {
			shell_printf("unknown command '%s' (help lists them)\n", argv[1]);
			return -1;
		}
		shell_help_line(c);
		return 0;
	}
	for (c = shell_next(NULL); c; c = shell_next(c))
		shell_help_line(c);
	return 0;
}

static const struct shell_cmd shell_help_cmd = {
	.name = "help",
	.args = "[COMMAND]",
	.help = "list the commands (or one) with what they do",
	.run = shell_help,
};
SHELL_COMMAND(shell_help_cmd);
