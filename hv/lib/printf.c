// SPDX-License-Identifier: GPL-2.0-only
/* A small vsnprintf and the log functions built on it. */
#include <stdint.h>

#include <printf.h>
#include <shell.h>
#include <string.h>

enum log_level log_threshold = LOG_INFO;
static void (*sink)(const char *s, size_t len);

struct out {
	char *buf;
	size_t size, len;
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_num(struct out *o, unsigned long long v, unsigned int base, int upper,
		    int neg, int width, char pad, int left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, total;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	total = n + neg;
	if (neg && pad == '0')
		out_char(o, '-');
	if (!left)
		for (; width > total; width--)
			out_char(o, pad);
	if (neg && pad != '0')
		out_char(o, '-');
	while (n)
		out_char(o, tmp[--n]);
	if (left)
		for (; width > total; width--)
			out_char(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int width = 0, left = 0, lng = 0;
		char pad = ' ';

		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') {
			left = 1;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			lng++;
			fmt++;
		}
		if (*fmt == 'z') {
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			out_char(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len;

			if (!s)
				s = "(null)";
			len = strlen(s);
			if (!left)
				for (; width > len; width--)
					out_char(&o, ' ');
			while (*s)
				out_char(&o, *s++);
			if (left)
				for (; width > len; width--)
					out_char(&o, ' ');
			break;
		}
		case 'd':
		case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long)
				      : lng ? va_arg(ap, long) : va_arg(ap, int);
			int neg = v < 0;

			out_num(&o, neg ? -(unsigned long long)v : (unsigned long long)v, 10, 0,
				neg, width, pad, left);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
					       : lng ? va_arg(ap, unsigned long)
						     : va_arg(ap, unsigned int);

			out_num(&o, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', 0, width, pad, left);
			break;
		}
		case 'p':
			out_char(&o, '0');
			out_char(&o, 'x');
			out_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 0, 8, '0', 0);
			break;
		case '%':
			out_char(&o, '%');
			break;
		default:
			out_char(&o, '%');
			if (*fmt)
				out_char(&o, *fmt);
			else
				fmt--;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void printf_set_sink(void (*puts_fn)(const char *s, size_t len))
{
	sink = puts_fn;
}

/*
 * One sink call per message: the console keeps such a call in one piece. A
 * message longer than the buffer is cut, but a line stays a line: if the
 * message ended one, so does what is left of it.
 */
static void emit(char *buf, int n, size_t size)
{
	if (!sink || n < 0)
		return;
	if ((size_t)n >= size) {
		n = (int)size - 1;
		buf[n - 1] = '\n';
	}
	sink(buf, (size_t)n);
}

int printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	emit(buf, n, sizeof(buf));
	return n;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	static const char *const names[] = { "error: ", "warning: ", "", "debug: " };
	char buf[256];
	va_list ap;
	int n;

	if (lvl > log_threshold)
		return;
	n = snprintf(buf, sizeof(buf), "beryl: %s", names[lvl]);
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	emit(buf, n, sizeof(buf));
}

/* The shell's loglevel: which hypervisor messages are printed. */
static const char *const log_names[] = { "error", "warning", "info", "debug" };

static int log_level_cmd(int argc, char *argv[])
{
	unsigned int i;

	if (argc > 2)
		return SHELL_USAGE;
	if (argc == 2) {
		for (i = 0; i < sizeof(log_names) / sizeof(log_names[0]); i++)
			if (!strcmp(argv[1], log_names[i]))
				break;
		if (i == sizeof(log_names) / sizeof(log_names[0]))
			return SHELL_USAGE;
		log_threshold = (enum log_level)i;
	}
	shell_printf("log level %s (messages up to %s are printed)\n", log_names[log_threshold],
		     log_names[log_threshold]);
	return 0;
}

static const struct shell_cmd log_level_shell_cmd = {
	.name = "loglevel",
	.args = "[LEVEL]",
	.help = "show or set which messages are printed: error, warning, info, debug",
	.run = log_level_cmd,
};
SHELL_COMMAND(log_level_shell_cmd);
