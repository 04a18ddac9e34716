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

void uart16550_init(uintptr_t base);
void uart16550_putc(uintptr_t base, char c);
/* Interrupt on received data (on) or never (off). */
void uart16550_rx_irq(uintptr_t base, bool on);
/* A received byte, or -1 if none is waiting. */
int uart16550_getc(uintptr_t base);

#endif /* DRIVERS_UART16550_H */
