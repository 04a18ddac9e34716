// SPDX-License-Identifier: GPL-2.0-only
#include "vguts.h"

#define GUTS_RSTCR 0xB0
#define GUTS_RSTCR_HRESET_REQ 0x2u

static bool vguts_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	if (size != 4 || (off & 3))
		return false;
	*val = 0;
	return true;
}

static bool vguts_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	if (size != 4 || (off & 3))
		return false;
	if (off == GUTS_RSTCR && (val & GUTS_RSTCR_HRESET_REQ))
		partition_request_reset(v->part);
	return true;
}

const struct vdev_ops vguts_ops = {
	.read = vguts_read,
	.write = vguts_write,
};
