// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stubs of the hypervisor services the fuzzed modules call: physical
 * memory (hvmem.h), logging (printf.h), CPU kicks (hvirq.h), the current
 * CPU (smp.h), console input into a virtual UART. See hv_env.h.
 */
#include <stdarg.h>
#include <string.h>

#include <partition.h>
#include <hvirq.h>
#include <hvmem.h>
#include <printf.h>
#include <smp.h>

#include "fuzz.h"
#include "hv_env.h"

struct fuzz_phys fuzz_phys_ok[FUZZ_MAX_PHYS];
unsigned int fuzz_nphys_ok;
uint64_t fuzz_phys_written, fuzz_phys_sum;
uint8_t fuzz_last_tree[0x10000];
size_t fuzz_last_tree_size;
uint64_t fuzz_last_tree_pa;
unsigned int fuzz_log_errors;
char fuzz_log_last[512];
char fuzz_log_all[4096];
bool fuzz_log_verbose;
unsigned int fuzz_kicked;
void (*fuzz_phys_read)(void *dst, uint64_t pa, size_t len);

void fuzz_env_reset(void)
{
	fuzz_phys_written = 0;
	fuzz_last_tree_size = 0;
	fuzz_log_errors = 0;
	fuzz_log_last[0] = '\0';
	fuzz_log_all[0] = '\0';
	fuzz_kicked = 0;
	fuzz_log_verbose = getenv("FUZZ_VERBOSE") != NULL;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	char buf[sizeof(fuzz_log_last)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (fuzz_log_verbose)
		fprintf(stderr, "beryl: %s", buf);
	if (lvl == LOG_ERR) {
		size_t n = strlen(fuzz_log_all);

		fuzz_log_errors++;
		memcpy(fuzz_log_last, buf, sizeof(buf));
		snprintf(fuzz_log_all + n, sizeof(fuzz_log_all) - n, "%s", buf);
	}
}

int fuzz_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fuzz_log_verbose ? vfprintf(stderr, fmt, ap) : 0;
	va_end(ap);
	return n;
}

void hvirq_kick(unsigned int cpu)
{
	FUZZ_CHECK(cpu < 32, "kick of CPU %u", cpu);
	fuzz_kicked |= 1u << cpu;
}

/* [pa, pa + len) lies inside one allowed range. */
static void phys_check(const char *what, uint64_t pa, uint64_t len)
{
	unsigned int i;

	if (!len)
		return;
	for (i = 0; i < fuzz_nphys_ok; i++)
		if (pa >= fuzz_phys_ok[i].base &&
		    pa - fuzz_phys_ok[i].base < fuzz_phys_ok[i].size &&
		    len <= fuzz_phys_ok[i].size - (pa - fuzz_phys_ok[i].base))
			return;
	FUZZ_CHECK(0, "%s of physical 0x%llx+0x%llx: outside the memory it may touch",
		   what, (unsigned long long)pa, (unsigned long long)len);
}

void hvmem_copy_to_phys(uint64_t pa, const void *src, size_t len)
{
	size_t i;

	phys_check("copy", pa, len);
	for (i = 0; i < len; i++) /* the source must be readable (ASan) */
		fuzz_phys_sum += ((const uint8_t *)src)[i];
	/* a device tree (big-endian magic d00dfeed): kept for the harness */
	if (len >= 4 && len <= sizeof(fuzz_last_tree) &&
	    !memcmp(src, "\xd0\x0d\xfe\xed", 4)) {
		memcpy(fuzz_last_tree, src, len);
		fuzz_last_tree_size = len;
		fuzz_last_tree_pa = pa;
	}
	fuzz_phys_written += len;
}

void hvmem_copy_from_phys(void *dst, uint64_t pa, size_t len)
{
	phys_check("read", pa, len);
	if (fuzz_phys_read)
		fuzz_phys_read(dst, pa, len);
	else
		memset(dst, 0, len);
}

void hvmem_zero_phys(uint64_t pa, uint64_t len)
{
	phys_check("clear", pa, len);
	fuzz_phys_written += len;
}

void hvmem_sync_icache_phys(uint64_t pa, uint64_t len)
{
	phys_check("icache sync", pa, len);
}

void *hvmem_alloc(size_t size, size_t align)
{
	return calloc(1, size);
}

/* What hvmem.c reserves: the image from physical 0, then its 8 MiB heap. */
void hvmem_reserved(uint64_t *start, uint64_t *end)
{
	*start = 0;
	*end = 0x63000 + (8u << 20);
}

uintptr_t hvmem_phys_to_virt(uint64_t pa)
{
	return 0;
}

/* virq.c: no interrupt controller model here, no interrupt pending. */
bool partition_irq_pending(const struct vcpu *v)
{
	return false;
}
