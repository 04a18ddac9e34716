// SPDX-License-Identifier: GPL-2.0-only
/* A partition's interrupts, through the device in its irqchip slot. */
#include <hvirq.h>
#include <partition.h>
#include <smp.h>
#include <vdev.h>
#include <virq.h>

void virq_set(struct partition *p, unsigned int src, bool level)
{
	struct vdev *c = p->irqchip;

	if (c && src < c->type->irqchip->nr_sources)
		c->type->irqchip->set_irq(c, src, level);
}

bool virq_pending(const struct vcpu *v)
{
	const struct vdev *c = v->part->irqchip;

	return c && c->type->irqchip->pending(c, v->id);
}

bool virq_coreint_ack(const struct vcpu *v, uint32_t *vector)
{
	struct partition *p = v->part;
	bool ok;

	if (!p->irqchip)
		return false;
	spin_lock(&p->lock); /* other vCPUs change the controller too */
	ok = p->irqchip->type->irqchip->coreint_ack(p->irqchip, v->id, vector);
	spin_unlock(&p->lock);
	return ok;
}

uint32_t virq_outputs(const struct partition *p)
{
	uint32_t m = 0;
	unsigned int n;

	/* one vCPU: nobody else to wake (the MMIO path stays short) */
	if (p->nvcpus < 2)
		return 0;
	for (n = 0; n < p->nvcpus; n++)
		if (virq_pending(p->vcpu[n]))
			m |= 1u << n;
	return m;
}

void virq_kick(const struct partition *p, uint32_t before)
{
	uint32_t rose = virq_outputs(p) & ~before;
	unsigned int n;

	for (n = 0; rose; n++, rose >>= 1)
		if ((rose & 1) && p->vcpu[n]->cpu != smp_cpu())
			hvirq_kick(p->vcpu[n]->cpu);
}
