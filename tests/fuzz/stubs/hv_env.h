/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor environment the fuzzed modules run in on the host
 * (stubs/hv_env.c): physical memory accesses checked against what the
 * harness allows, log messages counted, CPU kicks recorded.
 */
#ifndef FUZZ_HV_ENV_H
#define FUZZ_HV_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Physical ranges the code under test may write or read through hvmem_*
 * (the partition being loaded): anything else is an isolation failure.
 */
#define FUZZ_MAX_PHYS 8
extern struct fuzz_phys {
	uint64_t base, size;
} fuzz_phys_ok[FUZZ_MAX_PHYS];
extern unsigned int fuzz_nphys_ok;
/* Bytes written through hvmem_* since the last reset, and a sum of those copied. */
extern uint64_t fuzz_phys_written, fuzz_phys_sum;

/* The last device tree copied into guest memory, and where to. */
extern uint8_t fuzz_last_tree[0x10000];
extern size_t fuzz_last_tree_size;
extern uint64_t fuzz_last_tree_pa;

/* pr_err() calls since the last reset, the last one's text, all of them (cut). */
extern unsigned int fuzz_log_errors;
extern char fuzz_log_last[512];
extern char fuzz_log_all[4096];
/* Print every log message to stderr (FUZZ_VERBOSE=1 in the environment). */
extern bool fuzz_log_verbose;

/* hvirq_kick() calls since the last reset, one bit per CPU. */
extern unsigned int fuzz_kicked;

/* partition_console_flush() calls (stubs/partition_env.c), reset by the harness. */
extern unsigned int fuzz_console_flushes;

/* Forget the above (not the allowed ranges). */
void fuzz_env_reset(void);

#endif /* FUZZ_HV_ENV_H */
