/* SPDX-License-Identifier: GPL-2.0-only */
/* Formatted output and log levels for the hypervisor console. */
#ifndef HV_PRINTF_H
#define HV_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

enum log_level { LOG_ERR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* %c %s %d %i %u %x %X %p with l/ll, width, '0' and '-' flags. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The sink every console message goes to (set by the console driver). */
void printf_set_sink(void (*puts_fn)(const char *s, size_t len));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Messages above this level are dropped (default LOG_INFO). */
extern enum log_level log_threshold;
void log_msg(enum log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define pr_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define pr_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define pr_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif /* HV_PRINTF_H */
