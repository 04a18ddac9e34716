/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An emulated global-utilities block: a guest's reset request (RSTCR, as
 * Linux's fsl_rstcr_restart() writes it) resets its partition, not the
 * board. Other registers read as zero and ignore writes.
 */
#ifndef DRIVERS_VGUTS_H
#define DRIVERS_VGUTS_H

#include <partition.h>

#define VGUTS_SIZE 0x1000

extern const struct vdev_ops vguts_ops;

#endif /* DRIVERS_VGUTS_H */
