// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own TLB1 entries. They live in address space 0 with TID 0
 * and IPROT, so guest TLB flushes (which only touch AS1 shadow entries) and
 * MMUCSR0 flash invalidates never remove them:
 *
 *   0 .. HV_RAM_ENTRIES-1   RAM from physical 0, one-to-one, in the largest
 *                           pages that fit (1 GiB at most), up to 3 GiB
 *   HV_WINDOW_ESEL          the window: any other physical block, for a moment
 *   HV_CCSR_ESEL            the SoC registers at HVMEM_CCSR_VA
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <hvmem.h>
#include <string.h>

#define HV_RAM_ENTRIES (ARCH_TLB1_HV_ENTRIES - 2)
#define HV_WINDOW_ESEL (ARCH_TLB1_HV_ENTRIES - 2)
#define HV_CCSR_ESEL (ARCH_TLB1_HV_ENTRIES - 1)
#define HV_HEAP_SIZE (8u << 20)
#define HV_PAGE_MAX (1ull << 30) /* the largest page used for the direct map */

extern char __hv_start[], __hv_end[];

static uint64_t mapped_ram;
static uint64_t ccsr_base, ccsr_len;
static uintptr_t heap_next;
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
void hvmem_arch_init(uint64_t direct_size, uint64_t ccsr_pa, uint64_t ccsr_size)
{
	unsigned int i;

	if (direct_size > HVMEM_DIRECT_MAX)
		direct_size = HVMEM_DIRECT_MAX;
	mapped_ram = 0;
	for (i = 0; i < HV_RAM_ENTRIES; i++) {
		uint64_t page = HV_PAGE_MAX;

		while (page > 4096 && page > direct_size - mapped_ram)
			page >>= 2;
		if (page > direct_size - mapped_ram)
			break;
		ram_page[i] = page;
		mapped_ram += page;
	}
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
	uint64_t pa = 0;
	unsigned int esel;

	for (esel = 0; esel < HV_RAM_ENTRIES && ram_page[esel]; esel++) {
		map_entry(esel, (uint32_t)pa, pa, ram_page[esel], MAS2_M);
		pa += ram_page[esel];
	}
	map_entry(HV_CCSR_ESEL, HVMEM_CCSR_VA, ccsr_base, ccsr_len, MAS2_I | MAS2_G);
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI);
	while (mfspr(SPR_MMUCSR0) & (MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI))
		;
	isync();
}

uintptr_t hvmem_window_map(uint64_t pa, uint64_t *avail)
{
	uint64_t block = pa & ~(uint64_t)(HVMEM_WINDOW_SIZE - 1);

	map_entry(HV_WINDOW_ESEL, HVMEM_WINDOW_VA, block, HVMEM_WINDOW_SIZE, MAS2_M);
	*avail = block + HVMEM_WINDOW_SIZE - pa;
	return HVMEM_WINDOW_VA + (uintptr_t)(pa - block);
}

void hvmem_window_unmap(void)
{
	arch_tlbwe((1u << MAS0_TLBSEL_SHIFT) | (HV_WINDOW_ESEL << MAS0_ESEL_SHIFT), 0,
		   HVMEM_WINDOW_VA, 0, 0);
}

uintptr_t hvmem_phys_to_virt(uint64_t pa)
{
	if (pa < mapped_ram)
		return (uintptr_t)pa;
	if (pa >= ccsr_base && pa - ccsr_base < ccsr_len)
		return HVMEM_CCSR_VA + (uintptr_t)(pa - ccsr_base);
	return 0;
}

enum phys_op { PHYS_TO, PHYS_FROM, PHYS_ZERO, PHYS_ICACHE };

/* One operation over [pa, pa + len), a mapped piece at a time. */
static void phys_op(enum phys_op op, uint64_t pa, void *buf, uint64_t len)
{
	bool windowed = false;

	while (len) {
		uint64_t n;
		uintptr_t va;

		if (pa < mapped_ram) {
			va = (uintptr_t)pa;
			n = mapped_ram - pa;
		} else {
			va = hvmem_window_map(pa, &n);
			windowed = true;
		}
		if (n > len)
			n = len;
		switch (op) {
		case PHYS_TO:
			memcpy((void *)va, buf, n);
			break;
		case PHYS_FROM:
			memcpy(buf, (const void *)va, n);
			break;
		case PHYS_ZERO:
			memset((void *)va, 0, n);
			break;
		case PHYS_ICACHE:
			arch_sync_icache((const void *)va, (uint32_t)n);
			break;
		}
		if (buf)
			buf = (char *)buf + n;
		pa += n;
		len -= n;
	}
	if (windowed)
		hvmem_window_unmap();
}

void hvmem_copy_to_phys(uint64_t pa, const void *src, size_t len)
{
	phys_op(PHYS_TO, pa, (void *)(uintptr_t)src, len);
}

void hvmem_copy_from_phys(void *dst, uint64_t pa, size_t len)
{
	phys_op(PHYS_FROM, pa, dst, len);
}

void hvmem_zero_phys(uint64_t pa, uint64_t len)
{
	phys_op(PHYS_ZERO, pa, NULL, len);
}

void hvmem_sync_icache_phys(uint64_t pa, uint64_t len)
{
	phys_op(PHYS_ICACHE, pa, NULL, len);
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
