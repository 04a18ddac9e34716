/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An emulated Freescale GPIO block (fsl,qoriq-gpio) whose only wired line is
 * the board's power-off pin: driving it high stops the partition, exactly as
 * the same write powers off the machine when the guest runs natively.
 */
#ifndef DRIVERS_VGPIO_H
#define DRIVERS_VGPIO_H

#include <partition.h>

#define VGPIO_SIZE 0x20 /* through GPIBE (0x18), which QorIQ drivers set */

struct vgpio {
	uint32_t reg[VGPIO_SIZE / 4]; /* GPDIR GPODR GPDAT GPIER GPIMR GPICR GPIBE */
	uint32_t poweroff_mask;
};

extern const struct vdev_ops vgpio_ops;

#endif /* DRIVERS_VGPIO_H */
