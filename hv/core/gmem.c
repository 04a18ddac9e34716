// SPDX-License-Identifier: GPL-2.0-only
/* A partition's RAM through its memory map, for the hypervisor's devices (gmem.h). */
#include <gmem.h>
#include <hvmem.h>
#include <partition.h>
#include <range.h>
#include <string.h>

/*
 * How many bytes from gpa (at most len) lie in one RAM region of p, and
 * where they are in host physical memory; 0 if gpa is outside p's RAM.
 */
static uint64_t gmem_piece(const struct partition *p, uint64_t gpa, uint64_t len, uint64_t *hpa)
{
	const struct mem_region *m = partition_find_mem(p, gpa);
	uint64_t n;

	if (!m)
		return 0;
	n = m->size - (gpa - m->gpa);
	*hpa = m->hpa + (gpa - m->gpa);
	return n < len ? n : len;
}

bool gmem_check(const struct partition *p, uint64_t gpa, uint64_t len)
{
	uint64_t hpa = 0, n;

	if (len && !range_valid(gpa, len))
		return false;
	for (; len; gpa += n, len -= n) {
		n = gmem_piece(p, gpa, len, &hpa);
		if (!n)
			return false;
	}
	return true;
}

void *gmem_direct(const struct partition *p, uint64_t gpa, uint64_t len)
{
	uint64_t hpa;
	uintptr_t va;

	if (!len || !partition_gpa_to_hpa(p, gpa, len, &hpa))
		return NULL;
	va = hvmem_phys_to_virt(hpa);
	if (!va || hvmem_phys_to_virt(hpa + len - 1) != va + (uintptr_t)(len - 1))
		return NULL;
	return (void *)va;
}

/* Physical to physical, through the direct map where both ends are in it. */
static void phys_copy(uint64_t dst, uint64_t src, uint64_t len)
{
	uintptr_t d = hvmem_phys_to_virt(dst), s = hvmem_phys_to_virt(src);
	uint8_t bounce[256];

	if (d && s && hvmem_phys_to_virt(dst + len - 1) && hvmem_phys_to_virt(src + len - 1)) {
		memcpy((void *)d, (const void *)s, len);
		return;
	}
	while (len) { /* one end beyond the direct map: the window, a piece at a time */
		uint64_t n = len < sizeof(bounce) ? len : sizeof(bounce);

		hvmem_copy_from_phys(bounce, src, n);
		hvmem_copy_to_phys(dst, bounce, n);
		dst += n;
		src += n;
		len -= n;
	}
}

enum gmem_op { GMEM_READ, GMEM_WRITE, GMEM_TO_GUEST, GMEM_FROM_GUEST };

static bool gmem_op(const struct partition *p, uint64_t gpa, void *buf, uint64_t pa, size_t len,
		    enum gmem_op op)
{
	uint64_t hpa = 0, n;

	if (!gmem_check(p, gpa, len))
		return false;
	for (; len; gpa += n, len -= n) {
		n = gmem_piece(p, gpa, len, &hpa);
		switch (op) {
		case GMEM_READ:
			hvmem_copy_from_phys(buf, hpa, n);
			break;
		case GMEM_WRITE:
			hvmem_copy_to_phys(hpa, buf, n);
			break;
		case GMEM_TO_GUEST:
			phys_copy(hpa, pa, n);
			break;
		case GMEM_FROM_GUEST:
			phys_copy(pa, hpa, n);
			break;
		}
		buf = buf ? (char *)buf + n : NULL;
		pa += n;
	}
	return true;
}

bool gmem_read(const struct partition *p, uint64_t gpa, void *buf, size_t len)
{
	return gmem_op(p, gpa, buf, 0, len, GMEM_READ);
}

bool gmem_write(const struct partition *p, uint64_t gpa, const void *buf, size_t len)
{
	return gmem_op(p, gpa, (void *)(uintptr_t)buf, 0, len, GMEM_WRITE);
}

bool gmem_phys(const struct partition *p, uint64_t gpa, uint64_t pa, size_t len, bool to_guest)
{
	return gmem_op(p, gpa, NULL, pa, len, to_guest ? GMEM_TO_GUEST : GMEM_FROM_GUEST);
}

bool gmem_copy(const struct partition *dst, uint64_t dst_gpa, const struct partition *src,
	       uint64_t src_gpa, size_t len)
{
	uint64_t hpa = 0, n;

	if (!gmem_check(src, src_gpa, len) || !gmem_check(dst, dst_gpa, len))
		return false;
	for (; len; src_gpa += n, dst_gpa += n, len -= n) {
		n = gmem_piece(src, src_gpa, len, &hpa);
		if (!gmem_phys(dst, dst_gpa, hpa, n, true))
			return false;
	}
	return true;
}
