// SPDX-License-Identifier: GPL-2.0-only
/*
 * Partition management by a manager partition (Freescale calls, as Linux's
 * fsl_hypervisor driver makes them through /dev/fsl-hv). A managed
 * partition is started, stopped or restarted the way its own lifecycle
 * does it (sched.c): START loads it afresh from the configuration (memory
 * cleared, images and device tree rebuilt) and releases its vCPU 0; STOP
 * stops it as a power-off would; RESTART as a reset request would,
 * whatever its on-reset policy says.
 *
 * In-service upgrade: FH_PARTITION_MEMCPY copies between the caller and
 * a partition it manages (a new image into a stopped one), then START
 * without load keeps that memory and starts it at the given entry. Every
 * range is checked against the partition map of its side; only private RAM
 * is reachable (a shared area belongs to others too).
 */
#include <hcall.h>
#include <hvmem.h>
#include <partition.h>
#include <printf.h>
#include <sched.h>

/* The partition handle h names, if v's partition may manage it; else NULL. */
static struct partition *managed(const struct vcpu *v, uint32_t h)
{
	unsigned int idx = h - 1;

	if (h == 0 || idx >= npartitions || !(v->part->manages & (1u << idx)))
		return NULL;
	return &partitions[idx];
}

/* r3 = handle (-1: the caller itself) -> r4 = status. */
static uint32_t fh_get_status(struct vcpu *v, uint32_t r[8])
{
	const struct partition *t = r[0] == 0xFFFFFFFFu ? v->part : managed(v, r[0]);

	if (!t)
		return EV_EINVAL;
	if (t->state == PART_RUNNING)
		r[1] = FH_PARTITION_RUNNING;
	else
		r[1] = t->halted ? FH_PARTITION_STOPPED : FH_PARTITION_STOPPING;
	return EV_SUCCESS;
}
HCALL_REGISTER(fh_partition_get_status, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_GET_STATUS),
	       fh_get_status);

static bool stopped(const struct partition *t)
{
	return t->state != PART_RUNNING && t->halted;
}

/*
 * r3 = handle, r4 = entry point, r5 = load: non-zero, the configured image
 * afresh (entry 0: the image's own); zero, what its memory holds now.
 */
static uint32_t fh_start(struct vcpu *v, uint32_t r[8])
{
	struct partition *t = managed(v, r[0]);
	uint64_t hpa;
	bool load = r[2] != 0;

	if (!t)
		return EV_EINVAL;
	if ((!load || r[1]) && !partition_gpa_to_hpa(t, r[1], 4, &hpa))
		return EV_EINVAL; /* an entry outside its RAM */
	if (!stopped(t))
		return EV_INVALID_STATE;
	if (load)
		pr_info("partition %s: started by %s\n", t->name, v->part->name);
	else
		pr_info("partition %s: started by %s at 0x%08x, memory kept\n", t->name,
			v->part->name, r[1]);
	return sched_start_partition(t, load, r[1]) ? EV_INVALID_STATE : EV_SUCCESS;
}
HCALL_REGISTER(fh_partition_start, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_START), fh_start);

/* One side of a copy: the caller (-1) or a partition it manages. */
static struct partition *side(struct vcpu *v, uint32_t h)
{
	return h == 0xFFFFFFFFu ? v->part : managed(v, h);
}

/* Host address of [gpa, gpa + len) if it lies in one private RAM region of p. */
static bool private_ram(const struct partition *p, uint64_t gpa, uint64_t len, uint64_t *hpa)
{
	const struct mem_region *m = partition_find_mem(p, gpa);

	return m && !m->shared && partition_gpa_to_hpa(p, gpa, len, hpa);
}

#define MEMCPY_CHUNK 256u
#define MEMCPY_MAX (256ull << 20) /* bytes per call: the caller's CPU is busy meanwhile */
#define SG_ENTRY 32u /* struct fh_sg_list: source, target, size, reserved (64 bits each) */

static uint64_t be64_at(const uint8_t *b)
{
	uint64_t x = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		x = x << 8 | b[i];
	return x;
}

/* Entry i of the list: its ranges checked, host addresses and size out. */
static uint32_t sg_entry(struct vcpu *v, struct partition *src, struct partition *dst,
			 uint64_t list, uint32_t i, uint64_t *sa, uint64_t *da, uint64_t *n)
{
	uint64_t at = list + (uint64_t)i * SG_ENTRY, ea;
	uint8_t e[SG_ENTRY];

	if (at < list || !private_ram(v->part, at, SG_ENTRY, &ea))
		return EV_EFAULT;
	hvmem_copy_from_phys(e, ea, SG_ENTRY);
	*n = be64_at(e + 16); /* e + 24, reserved: Linux leaves it unset */
	if (!*n)
		return EV_SUCCESS;
	if (*n > MEMCPY_MAX)
		return EV_EINVAL;
	if (!private_ram(src, be64_at(e), *n, sa) || !private_ram(dst, be64_at(e + 8), *n, da))
		return EV_EFAULT;
	return EV_SUCCESS;
}

/*
 * r3 = source, r4 = target (a handle, or -1: the caller; not the same
 * partition), r5/r6 = guest physical address of the list in the caller
 * (low/high word), r7 = entries. A managed side must be stopped. The whole
 * list is checked before a byte moves: a range outside the private RAM of
 * its side is EV_EFAULT, more than MEMCPY_MAX bytes in all EV_EINVAL.
 */
static uint32_t fh_memcpy(struct vcpu *v, uint32_t r[8])
{
	struct partition *src = side(v, r[0]), *dst = side(v, r[1]);
	uint64_t list = (uint64_t)r[3] << 32 | r[2], sa, da, n, k, total = 0;
	uint8_t buf[MEMCPY_CHUNK];
	uint32_t i, st;

	if (!src || !dst || src == dst)
		return EV_EINVAL;
	if ((src != v->part && !stopped(src)) || (dst != v->part && !stopped(dst)))
		return EV_INVALID_STATE;
	for (i = 0; i < r[4]; i++) {
		st = sg_entry(v, src, dst, list, i, &sa, &da, &n);
		if (st)
			return st;
		if (n > MEMCPY_MAX - total)
			return EV_EINVAL;
		total += n;
	}
	for (i = 0; i < r[4]; i++) {
		/* checked again: its other vCPUs may have changed the list since */
		st = sg_entry(v, src, dst, list, i, &sa, &da, &n);
		if (st)
			return st;
		for (k = 0; k < n; k += MEMCPY_CHUNK) {
			uint32_t c = n - k < MEMCPY_CHUNK ? (uint32_t)(n - k) : MEMCPY_CHUNK;

			hvmem_copy_from_phys(buf, sa + k, c);
			hvmem_copy_to_phys(da + k, buf, c);
		}
		if (n)
			hvmem_sync_icache_phys(da, n); /* it may be code */
	}
	return EV_SUCCESS;
}
HCALL_REGISTER(fh_partition_memcpy, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_MEMCPY),
	       fh_memcpy);

static uint32_t stop(struct vcpu *v, uint32_t h, bool restart)
{
	struct partition *t = managed(v, h);

	if (!t)
		return EV_EINVAL;
	if (t->state != PART_RUNNING)
		return EV_INVALID_STATE;
	t->restart_forced = restart;
	partition_stop(t, restart ? "restart by its manager" : "stopped by its manager");
	return EV_SUCCESS;
}

/* r3 = handle. */
static uint32_t fh_stop(struct vcpu *v, uint32_t r[8])
{
	return stop(v, r[0], false);
}
HCALL_REGISTER(fh_partition_stop, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_STOP), fh_stop);

/* r3 = handle. */
static uint32_t fh_restart(struct vcpu *v, uint32_t r[8])
{
	return stop(v, r[0], true);
}
HCALL_REGISTER(fh_partition_restart, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_RESTART),
	       fh_restart);
