/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per physical CPU data. SPRG2 holds the address of the running CPU's block
 * while a guest runs, so the exception vectors find it with one mfspr.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

#include <stdint.h>

#include <platform.h>

#define HV_STACK_SIZE 16384
#define SHADOW_MAX_SID 255

struct vcpu;

/* Enough for e500v2's 128 sets (512 entries, 4 ways); more are not used. */
#define SHADOW_TLB0_MAX_SETS 256

struct percpu {
	uint32_t scratch_cr; /* vectors save CR here before anything else */
	/* the program-interrupt fast path (fastpath.S) saves its scratch here */
	uint32_t fp_r8, fp_r9, fp_r12, fp_r13, fp_ctr, fp_tb;
	uint32_t fp_r14; /* the TLB-miss fast path's one more */
	struct vcpu *vcpu;   /* the vCPU this CPU runs */
	uint32_t hv_sp;      /* top of this CPU's hypervisor stack */
	uint32_t cpu;
	/* shadow MMU: translation contexts that own a hardware TID */
	uint32_t ctx_key;   /* context currently loaded in PID0 */
	uint32_t cur_sid;   /* its shadow ID, 0 = none loaded */
	uint32_t prev_key;  /* the context loaded before it (the fast path */
	uint32_t prev_sid;  /* switches back to it: fastpath.S), 0 = none */
	uint32_t sid_count; /* shadow IDs in use: 1..sid_count */
	uint32_t sid_key[SHADOW_MAX_SID + 1];
	/* the vCPU each shadow ID belongs to (NULL: retired until the ids run out) */
	struct vcpu *sid_owner[SHADOW_MAX_SID + 1];
	uint32_t sid_gen; /* counts full flushes: saved ids of older ones are void */
	bool spe_dirty;   /* the SPE state here may be a vCPU's (vcpu.c) */
	uint32_t resv_scratch; /* a word to cancel a reservation with */
	/* the real TLB0's geometry (TLB0CFG) and a round-robin way per set */
	uint32_t tlb0_ways, tlb0_sets;
	uint8_t tlb0_victim[SHADOW_TLB0_MAX_SETS];
	uint32_t tlb1_victim; /* round robin over the shadow part of TLB1 */
};

extern struct percpu percpu_data[PLATFORM_MAX_CPUS];

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	__asm__ volatile("mfspr %0, 274" : "=r"(p)); /* SPRG2 */
	return p;
}

static inline unsigned int arch_cpu_id(void)
{
	return this_cpu()->cpu;
}

#endif /* ARCH_PERCPU_H */
