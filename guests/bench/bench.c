/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Micro-benchmarks for `make bench`: the same image runs natively on QEMU
 * and under beryl (both with -icount shift=0,sleep=off, so the timebase
 * counts executed instructions). Each line is
 *
 *     bench <name> <iterations> <timebase ticks>
 *
 * and tools/bench.py turns the two runs into per-operation costs and ratios.
 * Each loop body is one operation plus the loop overhead, which is the same
 * natively and under beryl.
 */
#include "rt.h"

static inline u32 tb(void)
{
	u32 t;

	/* mfspr TBL, as Linux does (QEMU's e500v2 lacks the mftb opcode) */
	__asm__ __volatile__("mfspr %0,268" : "=r"(t));
	return t;
}

#define BENCH(name, n, body)                                                   \
	do {                                                                   \
		u32 i_, t0_ = tb();                                            \
		for (i_ = 0; i_ < (n); i_++) {                                 \
			body;                                                  \
		}                                                              \
		rt_printf("bench %s %u %u\n", name, (u32)(n), tb() - t0_);     \
	} while (0)

static void on_sc(struct rt_frame *f)
{
	(void)f;
}

static u32 user_nop(u32 x)
{
	return x;
}

/* 1 MiB of guest RAM at 32 MiB, inside the runtime's 64 MiB TLB1 entry */
#define PAGES ((volatile u32 (*)[1024])0x02000000)

int main(void)
{
	volatile u32 sink = 0;
	u32 msr = mfmsr(), x = 1;

	rt_set_handler(IVOR_SYSCALL, on_sc);
	rt_printf("bench start\n");

	/* no trap at all: must cost the same under beryl */
	BENCH("compute", 2000000, x = x * 1103515245u + 12345u);
	sink = x;

	/* the common emulated instructions */
	BENCH("mfmsr", 20000, sink = mfmsr());
	BENCH("mtmsr", 20000, mtmsr(msr));
	BENCH("wrteei", 20000, __asm__ __volatile__("wrteei 0" ::: "memory"));
	BENCH("mfspr-sprg0", 20000, sink = mfspr(SPR_SPRG0));
	BENCH("mtspr-srr0", 20000, mtspr(SPR_SRR0, x));
	BENCH("rfi", 20000, {
		u32 t;
		__asm__ __volatile__("lis %0,1f@ha; addi %0,%0,1f@l; mtsrr0 %0;"
				     "mtsrr1 %1; rfi; 1:"
				     : "=&b"(t)
				     : "r"(msr)
				     : "memory");
	});
	BENCH("sc", 20000, __asm__ __volatile__("sc" ::: "memory", "r0", "r3"));
	/* into guest user mode and back: an rfi and a system call across privilege */
	BENCH("user-roundtrip", 5000, sink = rt_user_call(user_nop, x, MSR_ME));
	BENCH("tlbwe", 5000,
	      rt_tlb0_map(0, 0x20000000, 0x03000000, 0, MAS3_SR | MAS3_SW, 0, 0));
	tlb_ivax(0x20000000);
	BENCH("mmio-uart-lsr", 5000, sink = rd8(RT_CCSR_EA + 0x4505));

	/* first touch of each page (under beryl: 4 KiB shadow fills), again */
	BENCH("touch-256-pages", 1, {
		u32 p;
		for (p = 0; p < 256; p++)
			PAGES[p][0] = p;
	});
	BENCH("retouch-256-pages", 1, {
		u32 p;
		for (p = 0; p < 256; p++)
			sink = PAGES[p][0];
	});
	(void)sink;
	rt_printf("bench done\n");
	return 0;
}
