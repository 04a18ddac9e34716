/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own view of physical memory: RAM mapped one-to-one (up to
 * HVMEM_RAM_MAP_MAX), the SoC register block at HVMEM_CCSR_VA, and a simple
 * boot-time allocator for its private memory.
 */
#ifndef HVMEM_H
#define HVMEM_H

#include <stddef.h>
#include <stdint.h>

#define HVMEM_CCSR_VA 0xFE000000u
#define HVMEM_TEMP_VA 0xFD000000u /* hvmem_map_temp()'s window */
#define HVMEM_RAM_MAP_MAX 0xC0000000ull /* 3 GiB of RAM mapped for the hypervisor */

/* Set up the hypervisor's TLB1 entries on the boot CPU (once). */
void hvmem_arch_init(uint64_t ram_size, uint64_t ccsr_pa, uint64_t ccsr_size);
/* The same entries on a secondary CPU (its TLBs are its own). */
void hvmem_arch_init_cpu(void);

/* Hypervisor address of a physical address, 0 if it is not mapped. */
uintptr_t hvmem_phys_to_virt(uint64_t pa);

/*
 * Map the 4 KiB page holding pa (anything outside the permanent maps) for
 * a moment; boot CPU only, before it enters a guest. Returns pa's address.
 */
uintptr_t hvmem_map_temp(uint64_t pa);
void hvmem_unmap_temp(void);

/* Private memory from the end of the hypervisor image; never freed. */
void *hvmem_alloc(size_t size, size_t align);
/* [start, end) of the hypervisor image plus what hvmem_alloc may hand out. */
void hvmem_reserved(uint64_t *start, uint64_t *end);

#endif /* HVMEM_H */
