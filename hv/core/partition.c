// SPDX-License-Identifier: GPL-2.0-only
/* Partitions: their memory maps and their lifecycle (stop, crash, reset). */
#include <hvirq.h>
#include <hvmem.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <range.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>

struct partition partitions[PART_MAX];
unsigned int npartitions;

const struct mem_region *partition_find_mem(const struct partition *p, uint64_t gpa)
{
	unsigned int i;

	for (i = 0; i < p->nmem; i++)
		if (gpa >= p->mem[i].gpa && gpa - p->mem[i].gpa < p->mem[i].size)
			return &p->mem[i];
	return NULL;
}

bool partition_gpa_to_hpa(const struct partition *p, uint64_t gpa, uint64_t len,
			  uint64_t *hpa)
{
	const struct mem_region *m = partition_find_mem(p, gpa);

	if (!m || len > m->size - (gpa - m->gpa))
		return false;
	*hpa = m->hpa + (gpa - m->gpa);
	return true;
}

int partition_add_mem(struct partition *p, uint64_t gpa, uint64_t hpa, uint64_t size,
		      bool shared)
{
	if (p->nmem == PART_MAX_MEM || !range_inside(gpa, size, 0, 1ull << 32) ||
	    !platform_is_ram(hpa, size))
		return -1;
	p->mem[p->nmem++] = (struct mem_region){ gpa, hpa, size, shared };
	return 0;
}

void partition_clear_memory(struct partition *p)
{
	unsigned int i;

	for (i = 0; i < p->nmem; i++)
		if (!p->mem[i].shared) /* others may be using it */
			hvmem_zero_phys(p->mem[i].hpa, p->mem[i].size);
}

void partition_request_reset(struct partition *p)
{
	p->reset_requested = true;
	partition_stop(p, "guest reset request");
}

void partition_crash(struct partition *p, const char *reason)
{
	if (p->state == PART_RUNNING)
		p->crashed = true;
	partition_stop(p, reason);
}

void partition_stop(struct partition *p, const char *reason)
{
	unsigned int n;

	spin_lock(&p->stop_lock);
	if (p->state == PART_STOPPED) {
		spin_unlock(&p->stop_lock);
		return;
	}
	partition_console_flush(p);
	/*
	 * Said before the state changes: once it is PART_STOPPED, the
	 * partition's own CPU may log what it does next (a restart) first.
	 */
	pr_info("partition %s stopped: %s\n", p->name, reason);
	p->state = PART_STOPPED;
	p->stop_reason = reason;
	arch_smp_mb();
	spin_unlock(&p->stop_lock);
	ipc_partition_stop(p); /* its managers are told */
	for (n = 0; n < p->nvcpus; n++)
		if (p->vcpu[n])
			sched_kick_vcpu(p->vcpu[n]); /* out of the guest, or awake */
}
