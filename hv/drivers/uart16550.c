// SPDX-License-Identifier: GPL-2.0-only
#include <arch.h>

#include "uart16550.h"

void uart16550_init(uintptr_t base)
{
	/* 8N1, FIFOs on; the boot loader already set the baud rate. */
	arch_mmio_write8(base + UART_LCR, 0x03);
	arch_mmio_write8(base + UART_FCR, 0x07);
	arch_mmio_write8(base + UART_IER, 0x00);
}

void uart16550_putc(uintptr_t base, char c)
{
	while (!(arch_mmio_read8(base + UART_LSR) & UART_LSR_THRE))
		;
	arch_mmio_write8(base + UART_THR, (uint8_t)c);
}

bool uart16550_try_putc(uintptr_t base, uint8_t c)
{
	if (!(arch_mmio_read8(base + UART_LSR) & UART_LSR_THRE))
		return false;
	arch_mmio_write8(base + UART_THR, c);
	return true;
}

void uart16550_tx_irq(uintptr_t base, bool on)
{
	uint8_t ier = arch_mmio_read8(base + UART_IER);

	arch_mmio_write8(base + UART_IER, on ? ier | UART_IER_THRI : ier & ~UART_IER_THRI);
}

int uart16550_getc(uintptr_t base)
{
	if (!(arch_mmio_read8(base + UART_LSR) & UART_LSR_DR))
		return -1;
	return arch_mmio_read8(base + UART_RBR);
}

void uart16550_rx_irq(uintptr_t base, bool on)
{
	uint8_t ier = arch_mmio_read8(base + UART_IER);

	arch_mmio_write8(base + UART_MCR, on ? 0x0B : 0x03); /* DTR, RTS, OUT2 */
	arch_mmio_write8(base + UART_IER, on ? ier | UART_IER_RDI : ier & ~UART_IER_RDI);
}
