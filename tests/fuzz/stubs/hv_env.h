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
#define FUZZ_MAX_PHYS 24
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

/*
 * stubs/partition_env.c, reset by the harness: partition_console_flush()
 * calls, sched_kick_vcpu() calls (one bit per CPU), bytes written on the
 * console.
 */
extern unsigned int fuzz_console_flushes, fuzz_vcpu_kicked;
extern unsigned long fuzz_console_bytes;

/*
 * If set, hvmem_copy_from_phys() reads what it returns here (the harness's
 * model of guest memory); otherwise zeros.
 */
extern void (*fuzz_phys_read)(void *dst, uint64_t pa, size_t len);

/* Forget the above (not the allowed ranges). */
void fuzz_env_reset(void);

#endif /* FUZZ_HV_ENV_H */
