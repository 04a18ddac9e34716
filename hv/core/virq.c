// SPDX-License-Identifier: GPL-2.0-only
/* A partition's interrupt controller: the virtual MPIC, as a trapped device. */
#include <assign.h>
#include <vdev/vmpic.h>
#include <partition.h>

static bool virq_mpic_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			   uint32_t *val)
{
	return size == 4 && vmpic_read(d->priv, v->id, off, val);
}

static bool virq_mpic_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			    uint32_t val)
{
	bool ok = size == 4 && vmpic_write(d->priv, v->id, off, val);

	assign_irq_sync(v->part); /* an EOI or a mask change may concern a real source */
	return ok;
}

const struct vdev_ops virq_mpic_ops = {
	.read = virq_mpic_read,
	.write = virq_mpic_write,
};

void partition_set_irq(struct partition *p, unsigned int src, bool level)
{
	if (p->vmpic && src < VMPIC_NR_SRC)
		vmpic_set_irq(p->vmpic, src, level);
}

bool partition_irq_pending(const struct vcpu *v)
{
	return v->part->vmpic && vmpic_int_pending(v->part->vmpic, v->id);
}

bool partition_irq_coreint(const struct vcpu *v, uint32_t *vector)
{
	struct partition *p = v->part;

	if (!vmpic_coreint(p->vmpic))
		return false;
	spin_lock(&p->lock); /* other vCPUs change the controller too */
	*vector = vmpic_ack(p->vmpic, v->id);
	spin_unlock(&p->lock);
	return true;
}
