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

#define HV_RAM_CHUNK (256ull << 20)

static unsigned int ram_entries; /* TLB1 entries 0..ram_entries-1 map RAM */

void hvmem_arch_init(uint64_t ram_size, uint64_t ccsr_pa, uint64_t ccsr_size)
{
	if (ram_size > HVMEM_RAM_MAP_MAX)
		ram_size = HVMEM_RAM_MAP_MAX;
	ram_entries = (unsigned int)((ram_size + HV_RAM_CHUNK - 1) / HV_RAM_CHUNK);
	if (ram_entries > HV_TLB1_ENTRIES - 1)
		ram_entries = HV_TLB1_ENTRIES - 1;
	mapped_ram = ram_entries * HV_RAM_CHUNK;
	if (mapped_ram > ram_size)
		mapped_ram = ram_size;
	ccsr_base = ccsr_pa;
	ccsr_len = ccsr_size;
	if (!heap_next)
		heap_next = (uintptr_t)__hv_end;
	hvmem_arch_init_cpu();
}

/*
 * The same entries, at the same indices, on every CPU (each core has its
 * own TLBs). Entry 0 maps EA 0 = PA 0 like the boot mapping we run from:
 * on the boot CPU that mapping is entry 0 itself, rewritten with a larger
 * page that keeps the translation; on a secondary released through the
 * spin table it is another entry (QEMU uses TLB1[1]), which matches the
 * same addresses with the same translation until it is overwritten or
 * flash-invalidated below (an overlap of identical translations; silicon
 * calls multiple hits undefined, a known shortcut: see docs/config.md).
 * Whatever else the boot loader left that is not IPROT goes too.
 */
void hvmem_arch_init_cpu(void)
{
	unsigned int esel;

	for (esel = 0; esel < ram_entries; esel++)
		map_entry(esel, (uint32_t)(esel * HV_RAM_CHUNK), esel * HV_RAM_CHUNK,
			  HV_RAM_CHUNK, MAS2_M);
	map_entry(HV_TLB1_ENTRIES - 1, HVMEM_CCSR_VA, ccsr_base, ccsr_len, MAS2_I | MAS2_G);
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI);
	while (mfspr(SPR_MMUCSR0) & (MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI))
		;
	isync();
}

/*
 * A temporary 4 KiB window (the boot CPU's spin-table writes): the last
 * TLB1 entry, a shadow entry once guests run, so only before this CPU
 * enters one. Coherent and cacheable, as ePAPR spin tables are accessed.
 */
#define HV_TEMP_ESEL (ARCH_TLB1_ENTRIES - 1u)

uintptr_t hvmem_map_temp(uint64_t pa)
{
	map_entry(HV_TEMP_ESEL, HVMEM_TEMP_VA, pa & ~0xFFFull, 0x1000, MAS2_M);
	return HVMEM_TEMP_VA + (uintptr_t)(pa & 0xFFF);
}

void hvmem_unmap_temp(void)
{
	arch_tlbwe((1u << MAS0_TLBSEL_SHIFT) | (HV_TEMP_ESEL << MAS0_ESEL_SHIFT), 0,
		   HVMEM_TEMP_VA, 0, 0);
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
