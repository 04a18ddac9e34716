// SPDX-License-Identifier: GPL-2.0-only
/* The emulated devices of partitions: instances of the registered types (vdev.h). */
#include <hvirq.h>
#include <partition.h>
#include <printf.h>
#include <range.h>
#include <smp.h>
#include <vdev.h>
#include <virq.h>

int vdev_attach_all(struct partition *p)
{
	const struct vdev_type *const *t;
	unsigned int n, count;

	p->ndev = 0;
	p->irqchip = NULL;
	p->console = NULL;
	for (t = __start_vdev_types; t < __stop_vdev_types; t++) {
		count = (*t)->instances ? (*t)->instances : 1;
		for (n = 0; n < count; n++) {
			struct vdev d = { .type = *t, .part = p, .instance = n };
			size_t slot = (size_t)(p - partitions) * count + n;

			d.state = (*t)->states ? (char *)(*t)->states + slot * (*t)->state_size
					       : NULL;
			if (!(*t)->attach(&d, p))
				continue;
			if (p->ndev == PART_MAX_DEV || !range_valid(d.gpa, d.size)) {
				pr_err("%s: no room for device %s\n", p->name, (*t)->name);
				return -1;
			}
			p->dev[p->ndev] = d;
			if ((*t)->irqchip && !p->irqchip)
				p->irqchip = &p->dev[p->ndev];
			if ((*t)->console && !p->console)
				p->console = &p->dev[p->ndev];
			p->ndev++;
		}
	}
	return 0;
}

void vdev_reset_all(struct partition *p, uint32_t entry)
{
	unsigned int i;

	for (i = 0; i < p->ndev; i++)
		if (p->dev[i].type->reset)
			p->dev[i].type->reset(&p->dev[i], entry);
}

struct vdev *vdev_find(struct partition *p, uint64_t gpa)
{
	unsigned int i;

	for (i = 0; i < p->ndev; i++)
		if (range_contains(p->dev[i].gpa, p->dev[i].size, gpa))
			return &p->dev[i];
	return NULL;
}

void vdev_wake(struct partition *p)
{
	struct vcpu *v = p->vcpu[0];

	if (p->vdev_wake)
		return; /* asked already */
	p->vdev_wake = true;
	arch_smp_mb(); /* the request before the kick that makes it seen */
	if (v)
		hvirq_kick(v->cpu);
}

void vdev_poll_all(struct partition *p)
{
	unsigned int i;
	uint32_t before;

	spin_lock(&p->lock);
	p->vdev_wake = false;
	arch_smp_mb(); /* a request made from now on sets it again */
	before = virq_outputs(p);
	for (i = 0; i < p->ndev; i++)
		if (p->dev[i].type->poll)
			p->dev[i].type->poll(&p->dev[i]);
	virq_kick(p, before);
	spin_unlock(&p->lock);
}

void vdev_stop_all(struct partition *p)
{
	unsigned int i;

	for (i = 0; i < p->ndev; i++)
		if (p->dev[i].type->stop)
			p->dev[i].type->stop(&p->dev[i]);
}

int vdev_fdt_fixup_all(const struct partition *p, void *fdt)
{
	unsigned int i;
	int err;

	for (i = 0; i < p->ndev; i++) {
		if (!p->dev[i].type->fdt_fixup)
			continue;
		err = p->dev[i].type->fdt_fixup(&p->dev[i], fdt);
		if (err)
			return err;
	}
	return 0;
}
