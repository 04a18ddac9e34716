// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own translations: TLB1 entries in address space 0 with
 * TID 0 and IPROT, so guest TLB flushes (which only touch AS1 shadow
 * entries) and MMUCSR0 flash invalidates never remove them:
 *
 *   0 .. HV_RAM_ENTRIES-1   RAM from physical 0, one-to-one, in the largest
 *                           pages that fit (1 GiB at most), up to 3 GiB
 *   HV_WINDOW_ESEL          the window: any other physical block, for a moment
 *   HV_CCSR_ESEL            the SoC registers at HV_CCSR_VA
 */
#include <arch.h>

#define HV_RAM_ENTRIES (ARCH_TLB1_HV_ENTRIES - 2)
#define HV_WINDOW_ESEL (ARCH_TLB1_HV_ENTRIES - 2)
#define HV_CCSR_ESEL (ARCH_TLB1_HV_ENTRIES - 1)
#define HV_PAGE_MAX (1ull << 30)          /* the largest page of the direct map */
#define HV_DIRECT_MAX 0xC0000000ull       /* effective addresses it may use */
#define HV_WINDOW_VA 0xF0000000u
#define HV_WINDOW_SIZE 0x01000000u        /* 16 MiB, aligned */
#define HV_CCSR_VA 0xFE000000u

static uint64_t ccsr_base, ccsr_len;
static uint64_t ram_page[HV_RAM_ENTRIES]; /* size of each direct-map entry, 0: unused */

static uint32_t mas1_tsize(uint64_t size)
{
	uint32_t t = 1;

	while ((1024ull << (2 * t)) < size)
		t++;
	return t << MAS1_TSIZE_SHIFT;
}

static void map_entry(unsigned int esel, uint32_t va, uint64_t pa, uint64_t size, uint32_t wimge)
{
	arch_tlbwe((1u << MAS0_TLBSEL_SHIFT) | ((uint32_t)esel << MAS0_ESEL_SHIFT),
		   MAS1_VALID | MAS1_IPROT | mas1_tsize(size), va | wimge,
		   ((uint32_t)pa & MAS3_RPN_MASK) | MAS3_SX | MAS3_SW | MAS3_SR,
		   (uint32_t)(pa >> 32));
}

/*
 * The direct map in at most HV_RAM_ENTRIES pages: each the largest power of
 * 4 KiB (at most HV_PAGE_MAX) that fits what is left. Pages are taken in
 * decreasing size from 0, so each is aligned to its size. What they do not
 * cover is reached through the window.
 */
uint64_t arch_mem_init(uint64_t direct_size, uint64_t ccsr_pa, uint64_t ccsr_size,
		       uintptr_t *ccsr_va)
{
	uint64_t mapped = 0;
	unsigned int i;

	if (direct_size > HV_DIRECT_MAX)
		direct_size = HV_DIRECT_MAX;
	for (i = 0; i < HV_RAM_ENTRIES; i++) {
		uint64_t page = HV_PAGE_MAX;

		while (page > 4096 && page > direct_size - mapped)
			page >>= 2;
		if (page > direct_size - mapped)
			break;
		ram_page[i] = page;
		mapped += page;
	}
	ccsr_base = ccsr_pa;
	ccsr_len = ccsr_size;
	*ccsr_va = HV_CCSR_VA;
	arch_mem_init_cpu();
	return mapped;
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
void arch_mem_init_cpu(void)
{
	uint64_t pa = 0;
	unsigned int esel;

	for (esel = 0; esel < HV_RAM_ENTRIES && ram_page[esel]; esel++) {
		map_entry(esel, (uint32_t)pa, pa, ram_page[esel], MAS2_M);
		pa += ram_page[esel];
	}
	map_entry(HV_CCSR_ESEL, HV_CCSR_VA, ccsr_base, ccsr_len, MAS2_I | MAS2_G);
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI);
	while (mfspr(SPR_MMUCSR0) & (MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI))
		;
	isync();
}

uintptr_t arch_mem_window_map(uint64_t pa, uint64_t *avail)
{
	uint64_t block = pa & ~(uint64_t)(HV_WINDOW_SIZE - 1);

	map_entry(HV_WINDOW_ESEL, HV_WINDOW_VA, block, HV_WINDOW_SIZE, MAS2_M);
	*avail = block + HV_WINDOW_SIZE - pa;
	return HV_WINDOW_VA + (uintptr_t)(pa - block);
}

void arch_mem_window_unmap(void)
{
	arch_tlbwe((1u << MAS0_TLBSEL_SHIFT) | (HV_WINDOW_ESEL << MAS0_ESEL_SHIFT), 0,
		   HV_WINDOW_VA, 0, 0);
}
