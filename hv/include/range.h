/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Address ranges [base, base + size) of 64-bit addresses (physical, guest
 * physical, bus), with every sum overflow-checked: the one place where
 * configuration and hardware-tree addresses are added. A range whose end
 * would pass 2^64 is invalid, so no range can wrap around and come back
 * over addresses below its base.
 */
#ifndef RANGE_H
#define RANGE_H

#include <stdbool.h>
#include <stdint.h>

/* Nonzero size and no wrap: the last byte, base + size - 1, is representable. */
static inline bool range_valid(uint64_t base, uint64_t size)
{
	return size && base + (size - 1) >= base;
}

/* The last byte of a valid range. */
static inline uint64_t range_last(uint64_t base, uint64_t size)
{
	return base + (size - 1);
}

/* Both ranges valid and [base, base + size) lies inside [obase, obase + osize). */
static inline bool range_inside(uint64_t base, uint64_t size, uint64_t obase, uint64_t osize)
{
	return range_valid(base, size) && range_valid(obase, osize) && base >= obase &&
	       size <= osize && base - obase <= osize - size;
}

/* Two valid ranges share a byte. */
static inline bool range_overlaps(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
	return range_valid(a, asize) && range_valid(b, bsize) && a <= range_last(b, bsize) &&
	       b <= range_last(a, asize);
}

/* addr lies in the valid range [base, base + size). */
static inline bool range_contains(uint64_t base, uint64_t size, uint64_t addr)
{
	return addr >= base && addr - base < size;
}

#endif /* RANGE_H */
