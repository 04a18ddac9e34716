// SPDX-License-Identifier: GPL-2.0-only
#include <vcpu.h>

#include "vgpio.h"

#define GPDIR 0
#define GPDAT 2
#define GPIER 3

static bool vgpio_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	struct vgpio *g = d->priv;

	if (size != 4 || (off & 3))
		return false;
	*val = off / 4 == GPIER ? 0 : g->reg[off / 4];
	return true;
}

static bool vgpio_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	struct vgpio *g = d->priv;

	if (size != 4 || (off & 3))
		return false;
	if (off / 4 == GPIER) {
		g->reg[GPIER] &= ~val; /* write one to clear */
		return true;
	}
	g->reg[off / 4] = val;
	if (g->reg[GPDIR] & g->reg[GPDAT] & g->poweroff_mask)
		partition_stop(v->part, "guest power-off");
	return true;
}

const struct vdev_ops vgpio_ops = {
	.read = vgpio_read,
	.write = vgpio_write,
};
