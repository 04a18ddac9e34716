/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one path of a guest's access to its guest-physical address space,
 * generic part. The core's TLB-miss handler asks partition_classify() what
 * a guest-physical address is and acts on the answer: RAM and directly
 * assigned devices get a real translation; an access to an emulated device
 * is decoded once by the core and served by mmio_access(); anything else is
 * outside the partition (a bus error).
 */
#ifndef MMIO_H
#define MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct mem_region;
struct partition;
struct vcpu;
struct vdev;

enum gpa_kind {
	GPA_RAM,      /* one of its RAM regions: target.ram */
	GPA_ASSIGNED, /* the page of a device assigned to it, at the same address */
	GPA_EMULATED, /* an emulated device: target.dev */
	GPA_OUTSIDE,  /* nothing of the partition's */
};

struct gpa_target {
	const struct mem_region *ram;
	struct vdev *dev;
};

/* What gpa is for partition p (and which region or device). */
enum gpa_kind partition_classify(struct partition *p, uint64_t gpa, struct gpa_target *t);

/*
 * vCPU v loads (store false) or stores `size` bytes (1, 2 or 4) at gpa,
 * inside emulated device d: the device's read or write, under the
 * partition's lock when it has several vCPUs, which are then woken if the
 * access raised their interrupt input. The value is in *val (a store's
 * bytes right-aligned). False: a bus error (the access runs past the
 * device's end, or the device refused it).
 */
bool mmio_access(struct vcpu *v, struct vdev *d, uint64_t gpa, unsigned int size, bool store,
		 uint32_t *val);

#endif /* MMIO_H */
