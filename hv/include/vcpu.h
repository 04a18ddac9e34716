/* SPDX-License-Identifier: GPL-2.0-only */
/* A virtual CPU: the architecture state plus its place in a partition. */
#ifndef VCPU_H
#define VCPU_H

#include <stdint.h>

#include <stdbool.h>

#include <arch/vcpu.h>
#include <stats.h>

struct partition;

enum vcpu_state {
	VCPU_STOPPED = 0,
	VCPU_RUNNING,
	VCPU_IDLE, /* MSR[WE] with HID0 power management: waits for an interrupt */
};

struct vcpu {
	struct vcpu_arch arch; /* first: entry.S addresses arch.regs at offset 0 */
	struct partition *part;
	unsigned int id;  /* index in the partition; the guest's PIR */
	unsigned int cpu; /* physical CPU it runs on */
	enum vcpu_state state;
	/*
	 * A secondary vCPU waits, parked, until the guest releases it through
	 * its spin table (vspin.c), which fills release_* and sets released.
	 * parked: its CPU is outside the guest and will not touch the
	 * partition until released (a restart waits for every vCPU to park).
	 */
	volatile bool parked, released;
	uint32_t release_pc, release_r3, release_pir;
	struct exit_stats stats; /* this vCPU's exits (each CPU writes its own) */
};

#endif /* VCPU_H */
