/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: the UART /chosen/stdout-path names. */
#ifndef CONSOLE_H
#define CONSOLE_H

/* Route printf to the console UART (mapped by hvmem_init). */
void console_init(void);
/* Let the console UART interrupt when a byte arrives. */
void console_rx_enable(void);
/* Hand every byte received to partition_console_input(). */
void console_poll_input(void);
/* A fatal error: print without waiting for the lock another CPU may hold. */
void console_panic(void);

#endif /* CONSOLE_H */
