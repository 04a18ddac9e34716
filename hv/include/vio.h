/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual I/O resources the configuration gives partitions (docs/virtio.md,
 * docs/config.md): disks (/disks, config_io.c). Generic: which device
 * serves them to a guest is the business of the device types under hv/vdev
 * (virtio-blk).
 */
#ifndef VIO_H
#define VIO_H

#include <stdbool.h>
#include <stdint.h>

#include <partition.h>
#include <spinlock.h>

#define VIO_MAX_DISKS 8
#define VIO_PER_PARTITION 8 /* disks of one partition */
#define DISK_SECTOR 512u
#define DISK_ID_MAX 20 /* virtio-blk's GET_ID string */

/*
 * A disk: a store of physical memory the hypervisor owns (an image inside
 * the configuration blob, or a /phys-mem area no partition maps), kept while
 * beryl runs: what a partition writes survives its restart. Partitions
 * named in `writers` read and write it, those in `readers` only read it.
 */
struct disk {
	int node; /* in the configuration (messages) */
	const char *name;
	uint64_t pa, size; /* the store; size a multiple of DISK_SECTOR */
	char id[DISK_ID_MAX + 1];
	const char *writers[PART_MAX], *readers[PART_MAX];
	unsigned int nwriters, nreaders;
	bool valid;
	spinlock_t lock; /* one request at a time touches the store (several partitions) */
};

/*
 * The n-th disk partition p sees (in configuration order), and whether it
 * may write it; NULL when p has no n-th disk.
 */
struct disk *vio_disk(const struct partition *p, unsigned int n, bool *writable);
/* How many disks p sees. */
unsigned int vio_disk_count(const struct partition *p);

#endif /* VIO_H */
