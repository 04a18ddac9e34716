/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for hv/lib/printf.h: the hypervisor's snprintf is the C
 * library's; its log messages go to stderr and are counted (host.c), so a
 * test can see that a refusal was reported.
 */
#ifndef UNIT_PRINTF_H
#define UNIT_PRINTF_H

#include <stddef.h>
#include <stdio.h>

/* The console's hook into printf (hv/lib/printf.c); tests provide it. */
void printf_set_sink(void (*puts_fn)(const char *s, size_t len));

extern unsigned int host_log_count;

#define host_log(...) (host_log_count++, fprintf(stderr, __VA_ARGS__))
#define pr_err(...) host_log(__VA_ARGS__)
#define pr_warn(...) host_log(__VA_ARGS__)
#define pr_info(...) host_log(__VA_ARGS__)
#define pr_debug(...) host_log(__VA_ARGS__)

#endif /* UNIT_PRINTF_H */
