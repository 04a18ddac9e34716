/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own view of physical memory: the RAM range at address 0
 * mapped one-to-one (as much as the core maps: 3 GiB on e500v2), the SoC
 * register block, a window through which every other physical address is
 * reached for a moment (RAM above the direct map, 36-bit RAM above 4 GiB),
 * and a simple boot-time allocator for its private memory.
 */
#ifndef HVMEM_H
#define HVMEM_H

#include <stddef.h>
#include <stdint.h>

/* Boot CPU, once: map direct_size bytes of RAM from 0 and the CCSR block. */
void hvmem_init(uint64_t direct_size, uint64_t ccsr_pa, uint64_t ccsr_size);

/* Hypervisor address of a directly mapped physical address (RAM or CCSR), else 0. */
uintptr_t hvmem_phys_to_virt(uint64_t pa);

/*
 * Physical memory anywhere (the direct map where it reaches, the window
 * elsewhere): copy in and out, clear, make written code visible to
 * instruction fetch. The caller has checked that the range is its to touch.
 */
void hvmem_copy_to_phys(uint64_t pa, const void *src, size_t len);
void hvmem_copy_from_phys(void *dst, uint64_t pa, size_t len);
void hvmem_zero_phys(uint64_t pa, uint64_t len);
void hvmem_sync_icache_phys(uint64_t pa, uint64_t len);

/* Private memory from the end of the hypervisor image; never freed. */
void *hvmem_alloc(size_t size, size_t align);
/*
 * What hvmem_alloc has handed out so far: calls and bytes (alignment
 * included). Printed at power-off and on each restart, so that a leak
 * shows (tests/system/test_soak.py).
 */
void hvmem_usage(unsigned int *allocs, size_t *bytes);
/* [start, end) of the hypervisor image plus what hvmem_alloc may hand out. */
void hvmem_reserved(uint64_t *start, uint64_t *end);

#endif /* HVMEM_H */
