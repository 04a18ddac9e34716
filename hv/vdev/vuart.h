/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An emulated 16550 for a guest's console: transmitted bytes go to the
 * partition's console (the hypervisor console, prefixed with its name);
 * bytes typed on the hypervisor console arrive in the receive FIFO. Its
 * interrupt (receive data, transmitter empty) is a source of the
 * partition's virtual MPIC.
 */
#ifndef DRIVERS_VUART_H
#define DRIVERS_VUART_H

#include <partition.h>

#define VUART_RX_SIZE 64

struct vuart {
	struct partition *part;
	int irq; /* virtual MPIC source, -1 for none */
	uint8_t ier, lcr, mcr, scr, fcr, dll, dlm;
	bool thr_ipending; /* transmitter-empty interrupt pending */
	bool irq_level;
	uint8_t rx[VUART_RX_SIZE];
	unsigned int rx_head, rx_count;
};

extern const struct vdev_ops vuart_ops;

void vuart_init(struct vuart *u, struct partition *p, int irq);
/* A received byte; false if the FIFO is full (the byte is dropped). */
bool vuart_rx(struct vuart *u, uint8_t c);

#endif /* DRIVERS_VUART_H */
