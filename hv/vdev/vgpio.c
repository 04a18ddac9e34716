// SPDX-License-Identifier: GPL-2.0-only
/*
 * An emulated Freescale GPIO block (fsl,qoriq-gpio) whose only wired line is
 * the board's power-off pin: driving it high stops the partition, exactly as
 * the same write powers off the machine when the guest runs natively. A
 * partition has one when the hardware tree has a gpio-poweroff line.
 */
#include <partition.h>
#include <platform.h>
#include <vdev.h>

#define VGPIO_SIZE 0x20 /* through GPIBE (0x18), which QorIQ drivers set */
#define GPDIR 0
#define GPDAT 2
#define GPIER 3

struct vgpio {
	uint32_t reg[VGPIO_SIZE / 4]; /* GPDIR GPODR GPDAT GPIER GPIMR GPICR GPIBE */
};

static struct vgpio vgpio_state[PART_MAX];

static bool vgpio_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	struct vgpio *g = d->state;

	if (size != 4 || (off & 3))
		return false;
	*val = off / 4 == GPIER ? 0 : g->reg[off / 4];
	return true;
}

static bool vgpio_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	struct vgpio *g = d->state;
	uint32_t poweroff = 0x80000000u >> platform.poweroff_pin;

	if (size != 4 || (off & 3))
		return false;
	if (off / 4 == GPIER) {
		g->reg[GPIER] &= ~val; /* write one to clear */
		return true;
	}
	g->reg[off / 4] = val;
	if (g->reg[GPDIR] & g->reg[GPDAT] & poweroff)
		partition_stop(d->part, "guest power-off");
	return true;
}

static void vgpio_reset(struct vdev *d, uint32_t entry)
{
	struct vgpio *g = d->state;
	unsigned int i;

	for (i = 0; i < VGPIO_SIZE / 4; i++)
		g->reg[i] = 0;
}

static bool vgpio_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = platform.gpio_pa;
	d->size = VGPIO_SIZE;
	return platform.poweroff_pin >= 0 && platform.poweroff_pin < 32;
}

static const struct vdev_type vgpio_type = {
	.name = "gpio",
	.states = vgpio_state,
	.state_size = sizeof(vgpio_state[0]),
	.attach = vgpio_attach,
	.reset = vgpio_reset,
	.read = vgpio_read,
	.write = vgpio_write,
};
VDEV_REGISTER(vgpio_type);
