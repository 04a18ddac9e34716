/* SPDX-License-Identifier: GPL-2.0-only */
/* A virtual CPU: the architecture state plus its place in a partition. */
#ifndef VCPU_H
#define VCPU_H

#include <stdint.h>

#include <arch/vcpu.h>

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
};

#endif /* VCPU_H */
