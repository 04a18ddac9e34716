/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Echo: says it is ready, reads one line from its console (polling the
 * UART's receive register), says what it got and powers off. The console
 * tests type to it (tests/system/test_console.py).
 */
#include "rt.h"

#define UART0_EA (RT_CCSR_EA + 0x4500)

int main(void)
{
	char line[80];
	u32 n = 0;
	u64 deadline = rt_timebase() + 30000ull * RT_TB_PER_MS;

	rt_printf("echo: ready\n");
	while (n < sizeof(line) - 1 && rt_timebase() < deadline) {
		char c;

		if (!(rd8(UART0_EA + 5) & 1)) /* LSR[DR] */
			continue;
		c = (char)rd8(UART0_EA);
		if (c == '\n' || c == '\r')
			break;
		line[n++] = c;
	}
	line[n] = 0;
	rt_printf("echo: got %s\n", line);
	return 0;
}
