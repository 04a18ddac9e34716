/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for hv/arch/booke/include/arch/cpu.h (e500 SPRs, MSR, MMIO
 * by inline assembly). Nothing the fuzzed code may reach touches real
 * hardware: each of these stops the fuzzer if it is ever called.
 */
#ifndef FUZZ_ARCH_CPU_H
#define FUZZ_ARCH_CPU_H

#include <stdint.h>

#include <arch/spr.h>

void fuzz_hw_access(const char *what) __attribute__((noreturn));

#define mfspr(n) (fuzz_hw_access("mfspr"), 0u)
#define mtspr(n, v) fuzz_hw_access("mtspr")

static inline uint32_t mfmsr(void)
{
	fuzz_hw_access("mfmsr");
}

static inline void mtmsr(uint32_t v)
{
	fuzz_hw_access("mtmsr");
}

static inline uint64_t arch_timebase(void)
{
	fuzz_hw_access("timebase");
}

static inline void arch_mmio_write32(uintptr_t a, uint32_t v)
{
	fuzz_hw_access("MMIO write");
}

static inline uint32_t arch_mmio_read32(uintptr_t a)
{
	fuzz_hw_access("MMIO read");
}

#endif /* FUZZ_ARCH_CPU_H */
