// SPDX-License-Identifier: GPL-2.0-only
/*
 * Devices assigned to partitions, at run time: finding a device's page for
 * the shadow MMU, and forwarding its real MPIC sources to the partition's
 * virtual MPIC.
 *
 * A level-sensitive source is masked on the real MPIC when it fires and its
 * line raised on the virtual MPIC; the guest's EOI lowers the line and
 * unmasks it again (if the device still asserts, it fires again at once).
 * An edge-sensitive one is passed on as a pulse, which the virtual MPIC
 * latches. Whatever the guest masks in its virtual MPIC is masked on the
 * real one too. Everything here runs on the CPU of the partition's vCPU 0,
 * where its sources are routed, and touches the virtual MPIC only in
 * assign_irq_fire() and assign_irq_sync().
 */
#include <assign.h>
#include <drivers/mpic.h>
#include <partition.h>
#include <vdev.h>
#include <virq.h>

const struct assigned_dev *assign_find(const struct partition *p, uint64_t gpa)
{
	unsigned int i;

	for (i = 0; i < p->nassigned; i++)
		if (p->assigned[i].owned && assign_overlaps(&p->assigned[i], gpa, 1))
			return &p->assigned[i];
	return NULL;
}

/* The real source follows the guest: unmasked while it may be delivered. */
static void irq_update(struct partition *p, struct assign_irq *irq)
{
	const struct vdev *c = p->irqchip;
	bool want = p->state == PART_RUNNING && !irq->in_flight && c &&
		    c->type->irqchip->src_enabled(c, irq->src);

	if (want == irq->real_enabled)
		return;
	irq->real_enabled = want;
	mpic_set_masked(irq->src, !want);
}

void assign_route(struct partition *p, struct assigned_dev *d)
{
	unsigned int k;

	for (k = 0; k < d->nirq; k++) {
		struct assign_irq *irq = &d->irq[k];

		irq->in_flight = false;
		irq->real_enabled = false;
		mpic_route(irq->src, p->vcpu[0]->cpu, irq->level, irq->positive);
	}
}

spinlock_t assign_owner_lock = SPINLOCK_INIT;

void assign_partition_start(struct partition *p)
{
	unsigned int i;

	/* a claim moving one of them decides under the lock whom it is routed to */
	spin_lock(&assign_owner_lock);
	for (i = 0; i < p->nassigned; i++)
		if (p->assigned[i].owned)
			assign_route(p, &p->assigned[i]);
	spin_unlock(&assign_owner_lock);
}

void assign_settle(struct partition *p)
{
	unsigned int i, k;
	uint32_t before;

	spin_lock(&p->lock);
	before = virq_outputs(p);
	for (i = 0; i < p->nassigned; i++)
		for (k = 0; k < p->assigned[i].nirq; k++) {
			struct assign_irq *irq = &p->assigned[i].irq[k];

			if (p->assigned[i].owned) {
				/* masked by a fire while nobody owned it: resync */
				irq->real_enabled = false;
				mpic_set_masked(irq->src, true);
				irq_update(p, irq);
				continue;
			}
			if (irq->in_flight)
				virq_set(p, irq->src, false);
			irq->in_flight = false;
			irq->real_enabled = false;
		}
	virq_kick(p, before);
	spin_unlock(&p->lock);
}

static struct assign_irq *find_irq(struct partition *p, unsigned int src)
{
	unsigned int i, k;

	for (i = 0; i < p->nassigned; i++)
		for (k = 0; k < p->assigned[i].nirq && p->assigned[i].owned; k++)
			if (p->assigned[i].irq[k].src == src)
				return &p->assigned[i].irq[k];
	return NULL;
}

bool assign_irq_fire(unsigned int src)
{
	uint32_t before;
	unsigned int i, k, n;

	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];
		struct assign_irq *irq = find_irq(p, src);

		if (!irq)
			continue;
		/* the partition's vCPUs may be at its virtual MPIC right now */
		spin_lock(&p->lock);
		before = virq_outputs(p);
		if (p->state != PART_RUNNING) { /* stopped: quiet until it restarts */
			irq->real_enabled = false;
			mpic_set_masked(src, true);
		} else if (irq->level) {
			irq->in_flight = true;
			irq_update(p, irq);
			virq_set(p, src, true);
		} else {
			virq_set(p, src, true);
			virq_set(p, src, false);
		}
		virq_kick(p, before);
		spin_unlock(&p->lock);
		return true;
	}
	/*
	 * A device being moved by a claim (owned by nobody for a moment):
	 * quiet until its new owner's guest unmasks it (assign_route() routes
	 * it masked; a taker given up gives it back, assign_settle()).
	 */
	for (i = 0; i < npartitions; i++)
		for (k = 0; k < partitions[i].nassigned; k++)
			for (n = 0; n < partitions[i].assigned[k].nirq; n++)
				if (partitions[i].assigned[k].irq[n].src == src) {
					mpic_set_masked(src, true);
					return true;
				}
	return false;
}

void assign_irq_sync(struct partition *p)
{
	struct vdev *c = p->irqchip;
	unsigned int i, k;
	int src;

	if (!p->nassigned || !c)
		return;
	while ((src = c->type->irqchip->next_eoied(c)) >= 0) {
		struct assign_irq *irq = find_irq(p, (unsigned int)src);

		if (irq && irq->in_flight) {
			irq->in_flight = false;
			virq_set(p, (unsigned int)src, false);
		}
	}
	/* masking changes: irq_update() below looks at every source anyway */
	while (c->type->irqchip->next_changed(c) >= 0)
		;
	for (i = 0; i < p->nassigned; i++)
		for (k = 0; k < p->assigned[i].nirq && p->assigned[i].owned; k++)
			irq_update(p, &p->assigned[i].irq[k]);
}
