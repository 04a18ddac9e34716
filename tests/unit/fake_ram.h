/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A made-up machine for tests of code that reaches guest memory through a
 * partition's memory map (gmem.c, virtq.c): "physical" memory is a host
 * buffer, partition A has two RAM regions that are not contiguous in it,
 * partition B one, and what lies between belongs to nobody. The hypervisor's
 * accessors of physical memory (hvmem.h) are stood in for here: they fail
 * the test on any byte outside the buffer, and the direct map covers only
 * its first half (the rest goes through the "window" path).
 */
#ifndef UNIT_FAKE_RAM_H
#define UNIT_FAKE_RAM_H

#include <stdbool.h>
#include <stdint.h>

#include <partition.h>

#define GM_PHYS_BASE 0x40000000ull
#define GM_REGION 0x10000u /* 64 KiB */
#define GM_PHYS_SIZE (5 * GM_REGION)
#define GM_DIRECT (GM_REGION * 5 / 2) /* directly mapped: the first 160 KiB */

/*
 * A: gpa 0 at phys +0, gpa GM_REGION at phys +3 regions; B: gpa 0 at phys
 * +1 region; regions 2 and 4 are nobody's.
 */
#define GM_A_SIZE (2 * GM_REGION)
#define GM_B_SIZE GM_REGION

extern uint8_t gm_phys[GM_PHYS_SIZE];
extern struct partition *gm_a, *gm_b;

/* Fresh partitions and memory; nobody's memory filled with 0xEE. */
void gm_setup(void);
/* Every byte of nobody's memory still 0xEE. */
bool gm_foreign_intact(void);
/* Guest memory of p, little-endian fields (the test fails if outside its RAM). */
uint8_t *gm_ptr(const struct partition *p, uint64_t gpa);
void gm_w16(const struct partition *p, uint64_t gpa, uint16_t v);
void gm_w32(const struct partition *p, uint64_t gpa, uint32_t v);
void gm_w64(const struct partition *p, uint64_t gpa, uint64_t v);
uint16_t gm_r16(const struct partition *p, uint64_t gpa);
uint32_t gm_r32(const struct partition *p, uint64_t gpa);

#endif /* UNIT_FAKE_RAM_H */
