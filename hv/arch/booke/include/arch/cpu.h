/* SPDX-License-Identifier: GPL-2.0-only */
/* Access to the real e500 core: SPRs, MSR, timebase, barriers. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

#include <arch/spr.h>

#define mfspr(n)                                                                   \
	({                                                                         \
		uint32_t v_;                                                       \
		__asm__ volatile("mfspr %0, %1" : "=r"(v_) : "i"(n));              \
		v_;                                                                \
	})
#define mtspr(n, v) __asm__ volatile("mtspr %0, %1" : : "i"(n), "r"((uint32_t)(v)) : "memory")

/*
 * Real TLB1: entries 0..ARCH_TLB1_HV_ENTRIES-1 are the hypervisor's own
 * (IPROT); the rest hold large shadow entries of guest TLB1 mappings.
 */
#define ARCH_TLB1_HV_ENTRIES 6
#define ARCH_TLB1_ENTRIES 16

/* A software breakpoint (arch.h): trap (tw 31,0,0), as gdb writes for PowerPC. */
#define ARCH_BREAK_INSN 0x7FE00008u

static inline uint32_t mfmsr(void)
{
	uint32_t v;

	__asm__ volatile("mfmsr %0" : "=r"(v));
	return v;
}

static inline void mtmsr(uint32_t v)
{
	__asm__ volatile("mtmsr %0; isync" : : "r"(v) : "memory");
}

static inline void isync(void)
{
	__asm__ volatile("isync" : : : "memory");
}

static inline void msync(void)
{
	__asm__ volatile("msync" : : : "memory");
}

static inline uint64_t arch_timebase(void)
{
	uint32_t hi, lo, hi2;

	do {
		hi = mfspr(SPR_TBRU);
		lo = mfspr(SPR_TBRL);
		hi2 = mfspr(SPR_TBRU);
	} while (hi != hi2);
	return ((uint64_t)hi << 32) | lo;
}

/*
 * Flash-invalidate the core's branch target buffer (BUCSR[BBFI]), keeping
 * the other BUCSR bits; the guest asks for it as a Spectre v2 mitigation.
 */
static inline void arch_btb_flush(void)
{
	mtspr(SPR_BUCSR, mfspr(SPR_BUCSR) | BUCSR_BBFI);
	isync();
}

/* Write one hardware TLB entry from MAS0-3/7. */
static inline void arch_tlbwe(uint32_t mas0, uint32_t mas1, uint32_t mas2, uint32_t mas3,
			      uint32_t mas7)
{
	mtspr(SPR_MAS0, mas0);
	mtspr(SPR_MAS1, mas1);
	mtspr(SPR_MAS2, mas2);
	mtspr(SPR_MAS3, mas3);
	mtspr(SPR_MAS7, mas7);
	__asm__ volatile("isync; tlbwe; msync; isync" : : : "memory");
}

static inline void arch_mmio_write8(uintptr_t a, uint8_t v)
{
	*(volatile uint8_t *)a = v;
	__asm__ volatile("mbar" : : : "memory");
}

static inline uint8_t arch_mmio_read8(uintptr_t a)
{
	uint8_t v = *(volatile uint8_t *)a;

	__asm__ volatile("mbar" : : : "memory");
	return v;
}

static inline void arch_mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
	__asm__ volatile("mbar" : : : "memory");
}

static inline uint32_t arch_mmio_read32(uintptr_t a)
{
	uint32_t v = *(volatile uint32_t *)a;

	__asm__ volatile("mbar" : : : "memory");
	return v;
}

/* Make code just written to [p, p+len) visible to instruction fetch. */
static inline void arch_sync_icache(const void *p, uint32_t len)
{
	uintptr_t a = (uintptr_t)p & ~31u, end = (uintptr_t)p + len;

	for (; a < end; a += 32)
		__asm__ volatile("dcbst 0,%0; msync; icbi 0,%0" : : "r"(a) : "memory");
	__asm__ volatile("msync; isync" : : : "memory");
}

/* Write [p, p+len) back to memory (another core may read it uncached). */
static inline void arch_dcache_flush(const volatile void *p, uint32_t len)
{
	uintptr_t a = (uintptr_t)p & ~31u, end = (uintptr_t)p + len;

	for (; a < end; a += 32)
		__asm__ volatile("dcbf 0,%0" : : "r"(a) : "memory");
	__asm__ volatile("msync" : : : "memory");
}

/* Sleep (MSR[WE], doze) until an external or decrementer interrupt, then return. */
static inline void arch_cpu_wait(void)
{
	mtmsr(MSR_ME | MSR_EE | MSR_WE);
	mtmsr(MSR_ME);
	mtspr(SPR_TSR, TSR_DIS);
}

/* Wait for an interrupt, or at most ticks of timebase (the decrementer). */
static inline void arch_cpu_wait_ticks(uint32_t ticks)
{
	uint32_t tcr = mfspr(SPR_TCR);

	if (tcr & TCR_ARE) /* following a guest's periodic decrementer (timer.c) */
		mtspr(SPR_TCR, tcr & ~TCR_ARE);
	mtspr(SPR_DEC, ticks);
	arch_cpu_wait();
}

/* Sleep for good: MSR[WE] with every interrupt off, no spinning. */
static inline void __attribute__((noreturn)) arch_cpu_sleep(void)
{
	for (;;)
		mtmsr(MSR_ME | MSR_WE);
}

#endif /* ARCH_CPU_H */
