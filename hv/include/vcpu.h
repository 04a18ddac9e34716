/* SPDX-License-Identifier: GPL-2.0-only */
/* A virtual CPU: the core's state of it plus its place in a partition. */
#ifndef VCPU_H
#define VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include <arch.h>
#include <stats.h>

struct partition;
struct sched_core;

/*
 * Why a vCPU is held (struct vcpu's hold): paused by the shell, stopped by
 * its debugger; REVOKE is no hold but a request: a device was taken from
 * its partition, its CPU drops the device's shadow TLB entries (and, for
 * vCPU 0, its interrupt lines) before the vCPU runs guest code again, then
 * clears the bit (claim_take.c).
 */
#define VCPU_HOLD_PAUSE 1u
#define VCPU_HOLD_DEBUG 2u
#define VCPU_HOLD_REVOKE 4u

/* Where a vCPU starts: the ePAPR boot state a boot loader would give it. */
struct vcpu_start {
	uint32_t pc;       /* first instruction (guest effective = physical) */
	uint32_t r3;       /* the device tree, or a secondary's spin-table r3 */
	uint32_t pir;      /* its processor ID */
	uint64_t map_pa;   /* initial mapping: effective = guest physical, */
	uint32_t map_size; /* map_size bytes from map_pa (aligned to its size) */
};

struct vcpu {
	struct vcpu_arch arch; /* first (it holds a page-aligned page) */
	struct partition *part;
	unsigned int id;  /* index in the partition; the guest's PIR */
	unsigned int cpu; /* physical CPU it runs on */
	/*
	 * The scheduler's (sched.c): a secondary vCPU waits, parked, until
	 * sched_release_vcpu() (the guest's spin table) fills `start` and sets
	 * `released`. parked: its CPU is outside the guest and will not touch
	 * the partition until released (a restart waits for every vCPU to park).
	 */
	volatile bool parked, released;
	/*
	 * Held outside the guest (sched_hold()): `hold` says why (VCPU_HOLD_*
	 * bits, set by any CPU), `held` that its CPU waits in sched_vcpu_hold()
	 * and will not touch the guest's state until the bits are clear.
	 */
	volatile uint32_t hold;
	volatile bool held;
	uint64_t held_since; /* timebase when it was last held */
	struct vcpu_start start;
	bool idle_request; /* EV_IDLE: wait for the next interrupt before going back */
	/*
	 * On a shared core (sched.h; NULL core: a dedicated one): its entity
	 * in the core's policy, why its thread does not run, and the thread.
	 */
	struct sched_core *core;
	int sched_idx;
	uint8_t sched_wait;  /* enum sched_wait */
	bool kicked;         /* sched_kick_vcpu() from its own core */
	uint64_t wait_until; /* SCHED_WAIT: woken at this timebase value at the latest */
	struct arch_thread thread;
	struct exit_stats stats; /* this vCPU's exits (each CPU writes its own) */
};

#endif /* VCPU_H */
