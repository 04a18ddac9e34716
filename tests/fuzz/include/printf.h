/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for hv/lib/printf.h: snprintf and vsnprintf are the C
 * library's; log messages go to fuzz_log_msg() (stubs/hv_env.c), which
 * keeps the last error for the harnesses.
 */
#ifndef FUZZ_PRINTF_H
#define FUZZ_PRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum log_level { LOG_ERR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_msg(enum log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define pr_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define pr_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define pr_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* The hypervisor's console printf: counted, never printed (stubs/hv_env.c). */
#define printf(...) fuzz_printf(__VA_ARGS__)
int fuzz_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* FUZZ_PRINTF_H */
