// SPDX-License-Identifier: GPL-2.0-only
/* The made-up machine of guestmem.h and the hypervisor stand-ins it needs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvmem.h>
#include <platform.h>
#include <virtio.h>

#include "fake_ram.h"

uint8_t gm_phys[GM_PHYS_SIZE];
struct partition *gm_a, *gm_b;

static void gm_die(const char *what, uint64_t pa, uint64_t len)
{
	fprintf(stderr, "guestmem: %s outside the machine: 0x%llx+0x%llx\n", what,
		(unsigned long long)pa, (unsigned long long)len);
	abort();
}

static uint8_t *phys(uint64_t pa, uint64_t len, const char *what)
{
	if (pa < GM_PHYS_BASE || pa - GM_PHYS_BASE > GM_PHYS_SIZE ||
	    len > GM_PHYS_SIZE - (pa - GM_PHYS_BASE))
		gm_die(what, pa, len);
	return gm_phys + (pa - GM_PHYS_BASE);
}

/* ------------------------------------------------ hypervisor stand-ins */

bool platform_is_ram(uint64_t pa, uint64_t size)
{
	return size && pa >= GM_PHYS_BASE && pa - GM_PHYS_BASE <= GM_PHYS_SIZE &&
	       size <= GM_PHYS_SIZE - (pa - GM_PHYS_BASE);
}

uintptr_t hvmem_phys_to_virt(uint64_t pa)
{
	if (pa >= GM_PHYS_BASE && pa - GM_PHYS_BASE < GM_DIRECT)
		return (uintptr_t)(gm_phys + (pa - GM_PHYS_BASE));
	return 0;
}

void hvmem_copy_to_phys(uint64_t pa, const void *src, size_t len)
{
	memcpy(phys(pa, len, "write"), src, len);
}

void hvmem_copy_from_phys(void *dst, uint64_t pa, size_t len)
{
	memcpy(dst, phys(pa, len, "read"), len);
}

void hvmem_zero_phys(uint64_t pa, uint64_t len)
{
	memset(phys(pa, len, "clear"), 0, len);
}

void hvirq_kick(unsigned int cpu)
{
}

void partition_console_flush(struct partition *p)
{
}

void ipc_partition_stop(struct partition *p)
{
}

void sched_kick_vcpu(struct vcpu *v)
{
}

/* ------------------------------------------------ the machine */

void gm_setup(void)
{
	memset(gm_phys, 0xEE, sizeof(gm_phys));
	memset(partitions, 0, sizeof(partitions[0]) * 2);
	npartitions = 2;
	gm_a = &partitions[0];
	gm_b = &partitions[1];
	strcpy(gm_a->name, "a");
	strcpy(gm_b->name, "b");
	if (partition_add_mem(gm_a, 0, GM_PHYS_BASE, GM_REGION, false) ||
	    partition_add_mem(gm_a, GM_REGION, GM_PHYS_BASE + 3 * GM_REGION, GM_REGION, false) ||
	    partition_add_mem(gm_b, 0, GM_PHYS_BASE + GM_REGION, GM_B_SIZE, false))
		abort();
	memset(gm_phys, 0, 2 * GM_REGION);
	memset(gm_phys + 3 * GM_REGION, 0, GM_REGION);
}

bool gm_foreign_intact(void)
{
	static uint8_t pattern[GM_REGION];

	if (pattern[0] != 0xEE)
		memset(pattern, 0xEE, sizeof(pattern));
	return !memcmp(gm_phys + 2 * GM_REGION, pattern, GM_REGION) &&
	       !memcmp(gm_phys + 4 * GM_REGION, pattern, GM_REGION);
}

uint8_t *gm_ptr(const struct partition *p, uint64_t gpa)
{
	uint64_t hpa;

	if (!partition_gpa_to_hpa(p, gpa, 1, &hpa))
		gm_die("guest address", gpa, 1);
	return phys(hpa, 1, "guest");
}

void gm_w16(const struct partition *p, uint64_t gpa, uint16_t v)
{
	virtio_put_le16(gm_ptr(p, gpa), v);
}

void gm_w32(const struct partition *p, uint64_t gpa, uint32_t v)
{
	virtio_put_le32(gm_ptr(p, gpa), v);
}

void gm_w64(const struct partition *p, uint64_t gpa, uint64_t v)
{
	virtio_put_le64(gm_ptr(p, gpa), v);
}

uint16_t gm_r16(const struct partition *p, uint64_t gpa)
{
	return virtio_le16(gm_ptr(p, gpa));
}

uint32_t gm_r32(const struct partition *p, uint64_t gpa)
{
	return virtio_le32(gm_ptr(p, gpa));
}
