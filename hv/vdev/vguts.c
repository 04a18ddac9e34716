// SPDX-License-Identifier: GPL-2.0-only
/*
 * An emulated global-utilities block: a guest's reset request (RSTCR, as
 * Linux's fsl_rstcr_restart() writes it) resets its partition, not the
 * board. Other registers read as zero and ignore writes.
 */
#include <partition.h>
#include <platform.h>
#include <vdev.h>

#define VGUTS_SIZE 0x1000
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
		partition_request_reset(d->part);
	return true;
}

static bool vguts_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = platform.guts_pa;
	d->size = VGUTS_SIZE;
	return platform.guts_pa != 0;
}

static const struct vdev_type vguts_type = {
	.name = "guts",
	.attach = vguts_attach,
	.read = vguts_read,
	.write = vguts_write,
};
VDEV_REGISTER(vguts_type);
