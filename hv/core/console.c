// SPDX-License-Identifier: GPL-2.0-only
#include <console.h>
#include <drivers/uart16550.h>
#include <hvmem.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>

static uintptr_t console_uart;

static void console_puts(const char *s, size_t len)
{
	for (; len; len--, s++) {
		if (*s == '\n')
			uart16550_putc(console_uart, '\r');
		uart16550_putc(console_uart, *s);
	}
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

	while (console_uart && (c = uart16550_getc(console_uart)) >= 0)
		partition_console_input((char)c);
}
