// SPDX-License-Identifier: GPL-2.0-only
/* Partitions: memory map lookups, emulated devices, console, lifecycle. */
#include <drivers/vuart.h>
#include <hvirq.h>
#include <hvmem.h>
#include <partition.h>
#include <printf.h>
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

struct vdev *partition_find_dev(struct partition *p, uint64_t gpa)
{
	unsigned int i;

	for (i = 0; i < p->ndev; i++)
		if (gpa >= p->dev[i].gpa && gpa - p->dev[i].gpa < p->dev[i].size)
			return &p->dev[i];
	return NULL;
}

int partition_add_dev(struct partition *p, const char *name, uint64_t gpa, uint64_t size,
		      const struct vdev_ops *ops, void *priv)
{
	struct vdev *d;

	if (p->ndev == PART_MAX_DEV)
		return -1;
	d = &p->dev[p->ndev++];
	d->name = name;
	d->gpa = gpa;
	d->size = size;
	d->ops = ops;
	d->priv = priv;
	return 0;
}

static void console_flush(struct partition *p)
{
	p->line[p->line_len] = '\0';
	printf("[%s] %s\n", p->name, p->line);
	p->line_len = 0;
}

void partition_console_putc(struct partition *p, char c)
{
	if (c == '\r')
		return;
	if (c == '\n') {
		console_flush(p);
		return;
	}
	p->line[p->line_len++] = c;
	if (p->line_len == sizeof(p->line) - 1)
		console_flush(p);
}

void partition_console_input(char c)
{
	unsigned int i;

	/* The first running partition with a console has the input. */
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];
		uint32_t put = p->rx_put;

		if (p->state != PART_RUNNING || !p->vuart)
			continue;
		if (put - p->rx_get < PART_RX_RING) {
			p->rx_ring[put % PART_RX_RING] = (uint8_t)c;
			arch_smp_mb(); /* the byte before the index that publishes it */
			p->rx_put = put + 1;
		}
		if (p->vcpu[0]->cpu != smp_cpu())
			hvirq_kick(p->vcpu[0]->cpu);
		return;
	}
}

void partition_console_take_slow(struct partition *p)
{
	uint32_t get = p->rx_get, put = p->rx_put;

	if (!p->vuart)
		return;
	arch_smp_mb(); /* the bytes after the index */
	while (get != put && vuart_rx(p->vuart, p->rx_ring[get % PART_RX_RING]))
		get++;
	arch_smp_mb(); /* read before the slots are given back */
	p->rx_get = get;
}

void partition_clear_memory(struct partition *p)
{
	unsigned int i;

	for (i = 0; i < p->nmem; i++)
		if (!p->mem[i].shared) /* others may be using it */
			memset((void *)hvmem_phys_to_virt(p->mem[i].hpa), 0, p->mem[i].size);
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
	if (p->state == PART_STOPPED)
		return;
	if (p->line_len)
		console_flush(p);
	p->state = PART_STOPPED;
	p->stop_reason = reason;
	pr_info("partition %s stopped: %s\n", p->name, reason);
}
