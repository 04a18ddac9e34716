// SPDX-License-Identifier: GPL-2.0-only
/* Partitions: memory map lookups, emulated devices, console, lifecycle. */
#include <vdev/vuart.h>
#include <hvirq.h>
#include <hvmem.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <range.h>
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

/*
 * Which partition console input goes to: the first running partition with
 * a console, until the user switches with PART_CONSOLE_SWITCH. Only the
 * console CPU (console_poll_input) reads and writes it.
 */
static unsigned int console_focus;

static bool console_can_focus(const struct partition *p)
{
	return p->state == PART_RUNNING && p->vuart;
}

/* Ctrl-\: the next running partition takes the input; beryl says which. */
static void console_switch_focus(void)
{
	unsigned int i;

	for (i = 1; i <= npartitions; i++) {
		unsigned int k = (console_focus + i) % npartitions;

		if (console_can_focus(&partitions[k])) {
			console_focus = k;
			pr_info("console input to %s\n", partitions[k].name);
			return;
		}
	}
}

void partition_console_input(char c)
{
	struct partition *p;
	unsigned int i;
	uint32_t put;

	if (c == PART_CONSOLE_SWITCH) {
		console_switch_focus();
		return;
	}
	/* The focused partition, or (stopped) the first running one after it. */
	for (i = 0; i < npartitions; i++) {
		p = &partitions[(console_focus + i) % npartitions];
		if (console_can_focus(p))
			break;
	}
	if (i == npartitions)
		return;
	put = p->rx_put;
	if (put - p->rx_get < PART_RX_RING) {
		p->rx_ring[put % PART_RX_RING] = (uint8_t)c;
		arch_smp_mb(); /* the byte before the index that publishes it */
		p->rx_put = put + 1;
	}
	/* its vCPU 0 takes it (any vCPU would, on its next exit) */
	if (p->vcpu[0]->cpu != smp_cpu())
		hvirq_kick(p->vcpu[0]->cpu);
}

uint32_t partition_irq_outputs(const struct partition *p)
{
	uint32_t m = 0;
	unsigned int n;

	/* one vCPU: nobody else to wake (the MMIO path stays short) */
	if (p->nvcpus < 2)
		return 0;
	for (n = 0; n < p->nvcpus; n++)
		if (partition_irq_pending(p->vcpu[n]))
			m |= 1u << n;
	return m;
}

void partition_irq_kick(const struct partition *p, uint32_t before)
{
	uint32_t rose = partition_irq_outputs(p) & ~before;
	unsigned int n;

	for (n = 0; rose; n++, rose >>= 1)
		if ((rose & 1) && p->vcpu[n]->cpu != smp_cpu())
			hvirq_kick(p->vcpu[n]->cpu);
}

static bool dev_op(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size, bool store,
		   uint32_t *val)
{
	return store ? d->ops->write(d, v, off, size, *val) : d->ops->read(d, v, off, size, val);
}

bool partition_dev_access(struct vcpu *v, struct vdev *d, uint32_t off, unsigned int size,
			  bool store, uint32_t *val)
{
	struct partition *p = v->part;
	uint32_t before;
	bool ok;

	/*
	 * One vCPU: every access to its devices happens on its own CPU (its
	 * forwarded interrupts are routed there too), so the lock and the
	 * wake-ups are for SMP partitions only; this is the UART polling path.
	 */
	if (p->nvcpus < 2)
		return dev_op(d, v, off, size, store, val);
	spin_lock(&p->lock);
	before = partition_irq_outputs(p);
	ok = dev_op(d, v, off, size, store, val);
	partition_irq_kick(p, before);
	spin_unlock(&p->lock);
	return ok;
}

/* Caller holds p->lock. */
static void console_take(struct partition *p)
{
	uint32_t get = p->rx_get, put = p->rx_put;

	arch_smp_mb(); /* the bytes after the index */
	while (get != put && vuart_rx(p->vuart, p->rx_ring[get % PART_RX_RING]))
		get++;
	arch_smp_mb(); /* read before the slots are given back */
	p->rx_get = get;
}

void partition_console_take_locked(struct partition *p)
{
	if (p->vuart && p->rx_get != p->rx_put)
		console_take(p);
}

void partition_console_take_slow(struct partition *p)
{
	uint32_t before;

	if (!p->vuart)
		return;
	spin_lock(&p->lock); /* several vCPUs take input */
	before = partition_irq_outputs(p);
	console_take(p);
	partition_irq_kick(p, before);
	spin_unlock(&p->lock);
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
	if (p->line_len)
		console_flush(p);
	p->state = PART_STOPPED;
	p->stop_reason = reason;
	arch_smp_mb();
	spin_unlock(&p->stop_lock);
	pr_info("partition %s stopped: %s\n", p->name, reason);
	for (n = 0; n < p->nvcpus; n++)
		if (p->vcpu[n] && p->vcpu[n]->cpu != smp_cpu())
			hvirq_kick(p->vcpu[n]->cpu);
}
