/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's RAM as the hypervisor's devices see it: every access goes
 * through the partition's memory map (its RAM regions, partition.h), so a
 * guest-physical address a guest hands over (a ring, a buffer) reaches its
 * own RAM or nothing. A range may cross from one region into an adjacent
 * one; a range with any byte outside the partition's RAM is refused whole,
 * before anything is copied.
 */
#ifndef GMEM_H
#define GMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct partition;

/* Every byte of [gpa, gpa + len) is RAM of p (len 0: true). */
bool gmem_check(const struct partition *p, uint64_t gpa, uint64_t len);

/*
 * The hypervisor's pointer to [gpa, gpa + len) when that range lies in one
 * RAM region of p and in the hypervisor's direct map (the fast path of the
 * virtqueues: a ring or a buffer checked once, then reached directly); NULL
 * otherwise (outside p's RAM, across two regions, beyond the direct map, or
 * len 0), where the calls below still reach what is p's. p's memory map is
 * fixed while the hypervisor runs (configuration time), so the pointer
 * stays p's for as long as the caller keeps it.
 */
void *gmem_direct(const struct partition *p, uint64_t gpa, uint64_t len);

/* Between p's RAM and the hypervisor's own memory. False: outside p's RAM. */
bool gmem_read(const struct partition *p, uint64_t gpa, void *buf, size_t len);
bool gmem_write(const struct partition *p, uint64_t gpa, const void *buf, size_t len);

/*
 * Between p's RAM and physical memory the hypervisor owns (a disk's store):
 * to_guest copies [pa, pa + len) to gpa, else gpa to pa. The caller has
 * checked the physical range.
 */
bool gmem_phys(const struct partition *p, uint64_t gpa, uint64_t pa, size_t len, bool to_guest);

/* From one partition's RAM to another's (a frame on a virtual switch). */
bool gmem_copy(const struct partition *dst, uint64_t dst_gpa, const struct partition *src,
	       uint64_t src_gpa, size_t len);

#endif /* GMEM_H */
