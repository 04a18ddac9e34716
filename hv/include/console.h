/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: the UART /chosen/stdout-path names. */
#ifndef CONSOLE_H
#define CONSOLE_H

/* Route printf to the console UART (mapped by hvmem_arch_init). */
void console_init(void);

#endif /* CONSOLE_H */
