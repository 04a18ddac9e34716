/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's ePAPR spin table: how an SMP guest starts its secondary
 * vCPUs. The guest tree's cpu nodes point their cpu-release-addr here; the
 * page is trapped and emulated, so the hypervisor sees the release (the
 * store of an entry's addr_lo with bit 0 clear) the moment it happens and
 * wakes the vCPU's CPU, instead of polling guest memory.
 *
 * Each entry (32 bytes, big-endian 32-bit words, ePAPR 1.1 §5.5.2):
 * addr_hi, addr_lo (reads 1 while the vCPU spins), r3_hi, r3_lo, reserved,
 * pir, reserved, reserved. The released vCPU starts at addr, with r3 from
 * the table, its PIR from the table, and the boot loader's initial mapping:
 * 64 MiB, effective = physical, around the entry address (as U-Boot and
 * QEMU's spin table set it up).
 *
 * The address is QEMU ppce500's own spin table page (above 4 GiB, outside
 * any partition's RAM and outside CCSR), so a guest sees what it sees
 * natively; Linux ioremap()s it (smp_85xx_start_cpu: above high_memory).
 */
#ifndef DRIVERS_VSPIN_H
#define DRIVERS_VSPIN_H

#include <partition.h>

#define VSPIN_GPA 0xFEF000000ull
#define VSPIN_ENTRY_SIZE 0x20u
#define VSPIN_MAP_SIZE (64u << 20)

struct vspin {
	uint32_t w[PART_MAX_VCPUS][VSPIN_ENTRY_SIZE / 4];
};

/* All secondary vCPUs spinning (vCPU 0 runs from entry). */
void vspin_reset(struct vspin *s, uint32_t entry);

extern const struct vdev_ops vspin_ops;

#endif /* DRIVERS_VSPIN_H */
