// SPDX-License-Identifier: GPL-2.0-only
#include <console.h>
#include <drivers/uart16550.h>
#include <hvmem.h>
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
