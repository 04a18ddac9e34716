// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>
#include <vcpu.h>

#include <drivers/uart16550.h>
#include "vuart.h"

#define UART_IER_RDI 0x01  /* receive data available */
#define UART_IER_THRI 0x02 /* transmitter holding register empty */
#define UART_IIR_NONE 0x01
#define UART_IIR_THRI 0x02
#define UART_IIR_RDI 0x04

void vuart_init(struct vuart *u, struct partition *p, int irq)
{
	memset(u, 0, sizeof(*u));
	u->part = p;
	u->irq = irq;
}

/* The interrupt line: receive data or transmitter empty, if enabled. */
static void vuart_update_irq(struct vuart *u)
{
	bool level = ((u->ier & UART_IER_RDI) && u->rx_count) ||
		     ((u->ier & UART_IER_THRI) && u->thr_ipending);

	if (level != u->irq_level && u->irq >= 0) {
		u->irq_level = level;
		partition_set_irq(u->part, (unsigned int)u->irq, level);
	}
}

static uint8_t vuart_iir(struct vuart *u)
{
	uint8_t fifo = (u->fcr & 1) ? 0xC0 : 0;

	if ((u->ier & UART_IER_RDI) && u->rx_count)
		return fifo | UART_IIR_RDI;
	if ((u->ier & UART_IER_THRI) && u->thr_ipending) {
		u->thr_ipending = false; /* reading IIR clears a THRE interrupt */
		return fifo | UART_IIR_THRI;
	}
	return fifo | UART_IIR_NONE;
}

bool vuart_rx(struct vuart *u, uint8_t c)
{
	if (u->rx_count == VUART_RX_SIZE)
		return false;
	u->rx[(u->rx_head + u->rx_count++) % VUART_RX_SIZE] = c;
	vuart_update_irq(u);
	return true;
}

static uint8_t vuart_rx_pop(struct vuart *u)
{
	uint8_t c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % VUART_RX_SIZE;
	u->rx_count--;
	return c;
}

static bool vuart_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	struct vuart *u = d->priv;
	bool dlab = u->lcr & UART_LCR_DLAB;

	if (size != 1)
		return false;
	partition_console_take_locked(u->part); /* input queued while the FIFO was full */
	switch (off) {
	case UART_RBR:
		*val = dlab ? u->dll : vuart_rx_pop(u);
		break;
	case UART_IER:
		*val = dlab ? u->dlm : u->ier;
		break;
	case UART_IIR:
		*val = vuart_iir(u);
		break;
	case UART_LCR:
		*val = u->lcr;
		break;
	case UART_MCR:
		*val = u->mcr;
		break;
	case UART_LSR: /* transmitter always ready: output is taken at once */
		*val = UART_LSR_THRE | UART_LSR_TEMT | (u->rx_count ? UART_LSR_DR : 0);
		break;
	case UART_MSR:
		*val = 0xB0; /* DCD, DSR, CTS */
		break;
	default:
		*val = u->scr;
		break;
	}
	vuart_update_irq(u);
	return true;
}

static bool vuart_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	struct vuart *u = d->priv;
	bool dlab = u->lcr & UART_LCR_DLAB;

	if (size != 1)
		return false;
	partition_console_take_locked(u->part);
	switch (off) {
	case UART_THR:
		if (dlab) {
			u->dll = val;
		} else {
			partition_console_putc(u->part, (char)val);
			u->thr_ipending = true; /* sent at once: empty again */
		}
		break;
	case UART_IER:
		if (dlab) {
			u->dlm = val;
		} else {
			/* enabling THRI with the holding register empty interrupts */
			if ((val & UART_IER_THRI) && !(u->ier & UART_IER_THRI))
				u->thr_ipending = true;
			u->ier = val & 0x0F;
		}
		break;
	case UART_FCR:
		u->fcr = val;
		if (val & 0x02) /* clear the receive FIFO */
			u->rx_count = 0;
		break;
	case UART_LCR:
		u->lcr = val;
		break;
	case UART_MCR:
		u->mcr = val & 0x1F;
		break;
	case UART_SCR:
		u->scr = val;
		break;
	default: /* LSR, MSR: read-only */
		break;
	}
	vuart_update_irq(u);
	return true;
}

const struct vdev_ops vuart_ops = {
	.read = vuart_read,
	.write = vuart_write,
};
