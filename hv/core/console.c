// SPDX-License-Identifier: GPL-2.0-only
#include <console.h>
#include <drivers/uart16550.h>
#include <hvmem.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <spinlock.h>

static uintptr_t console_uart;
/*
 * Every CPU prints: each printf reaches console_puts in one piece (a whole
 * line), and the lock keeps lines of different CPUs from interleaving.
 */
static spinlock_t console_lock = SPINLOCK_INIT;
static volatile bool console_panicking;

static void console_puts(const char *s, size_t len)
{
	bool locked = !console_panicking;

	if (locked)
		spin_lock(&console_lock);
	for (; len; len--, s++) {
		if (*s == '\n')
			uart16550_putc(console_uart, '\r');
		uart16550_putc(console_uart, *s);
	}
	if (locked)
		spin_unlock(&console_lock);
}

void console_panic(void)
{
	console_panicking = true;
}

void console_init(void)
{
	console_uart = hvmem_phys_to_virt(platform.uart_pa);
	if (!console_uart)
		return;
	uart16550_init(console_uart);
	printf_set_sink(console_puts);
}

void console_rx_enable(void)
{
	if (console_uart)
		uart16550_rx_irq(console_uart, true);
}

void console_poll_input(void)
{
	int c;

	if (!console_uart)
		return;
	for (;;) {
		spin_lock(&console_lock);
		c = uart16550_getc(console_uart);
		spin_unlock(&console_lock);
		if (c < 0)
			break;
		partition_console_input((char)c);
	}
}
