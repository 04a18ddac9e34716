/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An emulated 16550 for a guest's console: transmitted bytes go to the
 * partition's console (the hypervisor console, prefixed with its name).
 */
#ifndef DRIVERS_VUART_H
#define DRIVERS_VUART_H

#include <partition.h>

struct vuart {
	uint8_t ier, lcr, mcr, scr, fcr, dll, dlm;
};

extern const struct vdev_ops vuart_ops;

#endif /* DRIVERS_VUART_H */
