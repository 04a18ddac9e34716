// SPDX-License-Identifier: GPL-2.0-only
/* The hypervisor's access to physical memory, on the core's translations (arch.h). */
#include <arch.h>
#include <hvmem.h>
#include <string.h>

#define HV_HEAP_SIZE (8u << 20)

extern char __hv_start[], __hv_end[];

static uint64_t mapped_ram;
static uint64_t ccsr_base, ccsr_len;
static uintptr_t ccsr_va;
static uintptr_t heap_next;

void hvmem_init(uint64_t direct_size, uint64_t ccsr_pa, uint64_t ccsr_size)
{
	mapped_ram = arch_mem_init(direct_size, ccsr_pa, ccsr_size, &ccsr_va);
	ccsr_base = ccsr_pa;
	ccsr_len = ccsr_size;
	heap_next = (uintptr_t)__hv_end;
}

uintptr_t hvmem_phys_to_virt(uint64_t pa)
{
	if (pa < mapped_ram)
		return (uintptr_t)pa;
	if (pa >= ccsr_base && pa - ccsr_base < ccsr_len)
		return ccsr_va + (uintptr_t)(pa - ccsr_base);
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
			va = arch_mem_window_map(pa, &n);
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
		arch_mem_window_unmap();
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

static unsigned int heap_allocs;

void *hvmem_alloc(size_t size, size_t align)
{
	uintptr_t p = (heap_next + align - 1) & ~(uintptr_t)(align - 1);

	if (p + size > (uintptr_t)__hv_end + HV_HEAP_SIZE)
		return NULL;
	heap_next = p + size;
	heap_allocs++;
	memset((void *)p, 0, size);
	return (void *)p;
}

void hvmem_usage(unsigned int *allocs, size_t *bytes)
{
	*allocs = heap_allocs;
	*bytes = heap_next ? heap_next - (uintptr_t)__hv_end : 0;
}

void hvmem_reserved(uint64_t *start, uint64_t *end)
{
	*start = (uintptr_t)__hv_start;
	*end = (uintptr_t)__hv_end + HV_HEAP_SIZE;
}
