// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own TLB1 entries. They live in address space 0 with TID 0
 * and IPROT, so guest TLB flushes (which only touch AS1 shadow entries) and
 * MMUCSR0 flash invalidates never remove them.
 */
#include <arch/cpu.h>
#include <hvmem.h>
#include <string.h>

#define HV_TLB1_ENTRIES ARCH_TLB1_HV_ENTRIES
#define HV_HEAP_SIZE (8u << 20)

extern char __hv_start[], __hv_end[];

static uint64_t mapped_ram;
static uint64_t ccsr_base, ccsr_len;
static uintptr_t heap_next;

static uint32_t mas1_tsize(uint64_t size)
{
	uint32_t t = 1;

	while ((1024ull << (2 * t)) < size)
		t++;
	return t << MAS1_TSIZE_SHIFT;
}

static void map_entry(int esel, uint32_t va, uint64_t pa, uint64_t size, uint32_t wimge)
{
	arch_tlbwe((1u << MAS0_TLBSEL_SHIFT) | ((uint32_t)esel << MAS0_ESEL_SHIFT),
		   MAS1_VALID | MAS1_IPROT | mas1_tsize(size), va | wimge,
		   ((uint32_t)pa & MAS3_RPN_MASK) | MAS3_SX | MAS3_SW | MAS3_SR,
		   (uint32_t)(pa >> 32));
}

void hvmem_arch_init(uint64_t ram_size, uint64_t ccsr_pa, uint64_t ccsr_size)
{
	const uint64_t chunk = 256ull << 20;
	uint64_t pa = 0;
	int esel = 0;

	/*
	 * Entry 0 is the boot mapping we run from (EA 0 = PA 0); rewriting it
	 * with a larger page that keeps the same translation is safe.
	 */
	if (ram_size > HVMEM_RAM_MAP_MAX)
		ram_size = HVMEM_RAM_MAP_MAX;
	for (; pa < ram_size && esel < HV_TLB1_ENTRIES - 1; pa += chunk, esel++)
		map_entry(esel, (uint32_t)pa, pa, chunk, MAS2_M);
	mapped_ram = pa < ram_size ? pa : ram_size;
	map_entry(HV_TLB1_ENTRIES - 1, HVMEM_CCSR_VA, ccsr_pa, ccsr_size, MAS2_I | MAS2_G);
	ccsr_base = ccsr_pa;
	ccsr_len = ccsr_size;
	if (!heap_next)
		heap_next = (uintptr_t)__hv_end;
}

uintptr_t hvmem_phys_to_virt(uint64_t pa)
{
	if (pa < mapped_ram)
		return (uintptr_t)pa;
	if (pa >= ccsr_base && pa - ccsr_base < ccsr_len)
		return HVMEM_CCSR_VA + (uintptr_t)(pa - ccsr_base);
	return 0;
}

void *hvmem_alloc(size_t size, size_t align)
{
	uintptr_t p = (heap_next + align - 1) & ~(uintptr_t)(align - 1);

	if (p + size > (uintptr_t)__hv_end + HV_HEAP_SIZE)
		return NULL;
	heap_next = p + size;
	memset((void *)p, 0, size);
	return (void *)p;
}

void hvmem_reserved(uint64_t *start, uint64_t *end)
{
	*start = (uintptr_t)__hv_start;
	*end = (uintptr_t)__hv_end + HV_HEAP_SIZE;
}
