/* SPDX-License-Identifier: GPL-2.0-only */
/* Polled driver for the 16550 UART that is the hypervisor console. */
#ifndef DRIVERS_UART16550_H
#define DRIVERS_UART16550_H

#include <stdbool.h>
#include <stdint.h>

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7
#define UART_LSR_DR 0x01
#define UART_LSR_THRE 0x20
#define UART_LSR_TEMT 0x40
#define UART_LCR_DLAB 0x80
#define UART_IER_RDI 0x01  /* interrupt: receive data available */
#define UART_IER_THRI 0x02 /* interrupt: transmitter holding register empty */

void uart16550_init(uintptr_t base);
void uart16550_putc(uintptr_t base, char c);
/* Write c if the transmitter has room; false (nothing written) if not. */
bool uart16550_try_putc(uintptr_t base, uint8_t c);
/* Interrupt when the transmitter has room (on) or never (off). */
void uart16550_tx_irq(uintptr_t base, bool on);
/* Interrupt on received data (on) or never (off). */
void uart16550_rx_irq(uintptr_t base, bool on);
/* A received byte, or -1 if none is waiting. */
int uart16550_getc(uintptr_t base);

#endif /* DRIVERS_UART16550_H */
