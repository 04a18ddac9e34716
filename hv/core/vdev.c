// SPDX-License-Identifier: GPL-2.0-only
/* The emulated devices of partitions: instances of the registered types (vdev.h). */
#include <partition.h>
#include <printf.h>
#include <range.h>
#include <vdev.h>

int vdev_attach_all(struct partition *p)
{
	const struct vdev_type *const *t;

	p->ndev = 0;
	p->irqchip = NULL;
	p->console = NULL;
	for (t = __start_vdev_types; t < __stop_vdev_types; t++) {
		struct vdev d = { .type = *t, .part = p };

		if (!(*t)->attach(&d, p))
			continue;
		if (p->ndev == PART_MAX_DEV || !range_valid(d.gpa, d.size)) {
			pr_err("%s: no room for device %s\n", p->name, (*t)->name);
			return -1;
		}
		d.state = (*t)->states ? (char *)(*t)->states +
						 (size_t)(p - partitions) * (*t)->state_size
				       : NULL;
		p->dev[p->ndev] = d;
		if ((*t)->irqchip && !p->irqchip)
			p->irqchip = &p->dev[p->ndev];
		if ((*t)->console && !p->console)
			p->console = &p->dev[p->ndev];
		p->ndev++;
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
