// SPDX-License-Identifier: GPL-2.0-only
/* A partition's guest-physical address space: what an address is, and emulated accesses. */
#include <assign.h>
#include <mmio.h>
#include <partition.h>
#include <range.h>
#include <vdev.h>
#include <virq.h>

enum gpa_kind partition_classify(struct partition *p, uint64_t gpa, struct gpa_target *t)
{
	t->ram = partition_find_mem(p, gpa);
	if (t->ram)
		return GPA_RAM;
	if (assign_find(p, gpa))
		return GPA_ASSIGNED;
	t->dev = vdev_find(p, gpa);
	return t->dev ? GPA_EMULATED : GPA_OUTSIDE;
}

/* The device's read or write; caller holds p->lock if p has several vCPUs. */
static bool dev_op(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size, bool store,
		   uint32_t *val)
{
	bool ok;

	if (!store)
		return d->type->read(d, v, off, size, val);
	ok = d->type->write(d, v, off, size, *val);
	/* an EOI or a mask change may concern the real source of an assigned device */
	if (d == v->part->irqchip)
		assign_irq_sync(v->part);
	return ok;
}

bool mmio_access(struct vcpu *v, struct vdev *d, uint64_t gpa, unsigned int size, bool store,
		 uint32_t *val)
{
	struct partition *p = v->part;
	uint32_t before, off;
	bool ok;

	if (!range_inside(gpa, size, d->gpa, d->size))
		return false;
	off = (uint32_t)(gpa - d->gpa);
	/*
	 * One vCPU: every access to its devices happens on its own CPU (its
	 * forwarded interrupts are routed there too), so the lock and the
	 * wake-ups are for SMP partitions only; this is the UART polling path.
	 */
	if (p->nvcpus < 2) {
		ok = dev_op(d, v, off, size, store, val);
	} else {
		spin_lock(&p->lock);
		before = virq_outputs(p);
		ok = dev_op(d, v, off, size, store, val);
		virq_kick(p, before);
		spin_unlock(&p->lock);
	}
	return ok;
}
