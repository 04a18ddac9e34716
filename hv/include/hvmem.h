/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own view of physical memory: the RAM range at address 0
 * mapped one-to-one (up to HVMEM_DIRECT_MAX), the SoC register block at
 * HVMEM_CCSR_VA, a window through which every other physical address is
 * reached for a moment (RAM above the direct map, 36-bit RAM above 4 GiB),
 * and a simple boot-time allocator for its private memory.
 */
#ifndef HVMEM_H
#define HVMEM_H

#include <stddef.h>
#include <stdint.h>

#define HVMEM_CCSR_VA 0xFE000000u
#define HVMEM_WINDOW_VA 0xF0000000u     /* hvmem_window_map()'s block */
#define HVMEM_WINDOW_SIZE 0x01000000u   /* 16 MiB, aligned */
#define HVMEM_DIRECT_MAX 0xC0000000ull  /* at most 3 GiB of RAM mapped one-to-one */

/*
 * Set up the hypervisor's TLB1 entries on the boot CPU (once): direct_size
 * bytes of RAM from physical 0 (as much as HVMEM_DIRECT_MAX and the entries
 * allow), and the CCSR block.
 */
void hvmem_arch_init(uint64_t direct_size, uint64_t ccsr_pa, uint64_t ccsr_size);
/* The same entries on a secondary CPU (its TLBs are its own). */
void hvmem_arch_init_cpu(void);

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

/*
 * Map the HVMEM_WINDOW_SIZE block holding pa on this CPU (coherent,
 * cacheable) until hvmem_window_unmap(). Returns pa's address; *avail: the
 * bytes mapped from there. Not nested; only while this CPU is outside its
 * guest (its interrupts off).
 */
uintptr_t hvmem_window_map(uint64_t pa, uint64_t *avail);
void hvmem_window_unmap(void);

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
