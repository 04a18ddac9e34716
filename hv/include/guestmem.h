/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's memory as its guest sees it, for the debug stub and the
 * shell (guestmem.c): effective addresses translated by a vCPU's own
 * translation (its guest TLB, arch_guest_translate()), then the
 * partition's memory map; or guest-physical addresses through the map
 * alone. Only the partition's RAM is reached: never a device, emulated or
 * assigned, and never anything outside the partition.
 */
#ifndef GUESTMEM_H
#define GUESTMEM_H

#include <stddef.h>
#include <stdint.h>

struct vcpu;

enum guestmem_space {
	GUESTMEM_DATA, /* effective, the vCPU's data translation (MSR[DS]) */
	GUESTMEM_CODE, /* effective, its instruction translation (MSR[IS]) */
	GUESTMEM_PHYS, /* guest-physical */
};

/*
 * Copy len bytes at addr out of (into) v's partition. Returns how many
 * were copied from the start: fewer where the range leaves what is mapped
 * or the partition's RAM. A write is made visible to instruction fetch.
 */
size_t guestmem_read(struct vcpu *v, enum guestmem_space sp, uint64_t addr, void *buf,
		     size_t len);
size_t guestmem_write(struct vcpu *v, enum guestmem_space sp, uint64_t addr, const void *buf,
		      size_t len);

#endif /* GUESTMEM_H */
