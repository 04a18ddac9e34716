// SPDX-License-Identifier: GPL-2.0-only
#include <vcpu.h>

#include "uart16550.h"
#include "vuart.h"

static bool vuart_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	struct vuart *u = d->priv;
	bool dlab = u->lcr & UART_LCR_DLAB;

	if (size != 1)
		return false;
	switch (off) {
	case UART_RBR:
		*val = dlab ? u->dll : 0; /* no input yet */
		break;
	case UART_IER:
		*val = dlab ? u->dlm : u->ier;
		break;
	case UART_IIR:
		*val = 0x01 | ((u->fcr & 1) ? 0xC0 : 0); /* no interrupt pending */
		break;
	case UART_LCR:
		*val = u->lcr;
		break;
	case UART_MCR:
		*val = u->mcr;
		break;
	case UART_LSR:
		*val = UART_LSR_THRE | UART_LSR_TEMT; /* always ready to send */
		break;
	case UART_MSR:
		*val = 0xB0; /* DCD, DSR, CTS */
		break;
	default:
		*val = u->scr;
		break;
	}
	return true;
}

static bool vuart_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	struct vuart *u = d->priv;
	bool dlab = u->lcr & UART_LCR_DLAB;

	if (size != 1)
		return false;
	switch (off) {
	case UART_THR:
		if (dlab)
			u->dll = val;
		else
			partition_console_putc(v->part, (char)val);
		break;
	case UART_IER:
		if (dlab)
			u->dlm = val;
		else
			u->ier = val & 0x0F;
		break;
	case UART_FCR:
		u->fcr = val;
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
	return true;
}

const struct vdev_ops vuart_ops = {
	.read = vuart_read,
	.write = vuart_write,
};
