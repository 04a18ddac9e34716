/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Forger: console output a guest could use against a terminal or a log
 * reader: a NUL in the middle of a line, ANSI escape sequences (erase the
 * line, move the cursor up), a carriage return and backspaces over its own
 * prefix, and text that reads like the hypervisor's own lines. beryl's
 * prefixed console must show all of it as text inside the guest's own
 * line (tests/system/test_console.py); the multiplexed console must carry
 * the exact bytes.
 */
#include "rt.h"

static void put(const char *s, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		rt_putc(s[i]);
}

#define PUT(s) put(s, sizeof(s) - 1)

int main(void)
{
	PUT("forger: start\n");
	PUT("nul:\0after the nul\n");
	PUT("\x1b[2K\x1b[1A\x1b[2Kberyl: partition demo stopped: forged\n");
	PUT("\rberyl: all partitions stopped, powering off\n");
	PUT("\b\b\b\b\b\b\b\b\bberyl: text checksum forged\n");
	PUT("bell\x07 del\x7f high\xff\n");
	PUT("forger: done\n");
	return 0;
}
