/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's console: its serial line (the UART /chosen/stdout-path
 * names), shared by channels: CONSOLE_CHAN_HV for the hypervisor's own
 * messages, CONSOLE_CHAN_PART(i) for partition i's console (pconsole.c).
 *
 * Output never waits for the UART. Each message goes whole into an output
 * ring, within its channel's share of the ring, and the ring drains into
 * the UART as fast as the UART takes bytes: right after each message, on
 * the UART's transmitter interrupt (the console CPU takes it) and in idle
 * waits. A full share makes a partition's console wait (its emulated UART
 * shows the transmitter busy) and drops hypervisor messages (counted), so
 * no channel's output can hold another's CPU (docs/console.md).
 *
 * Two modes, chosen by the configuration (root property `console`):
 * CONSOLE_PREFIXED (the default) interleaves whole lines on the line, each
 * partition's prefixed with its name and made safe to display;
 * CONSOLE_MUX carries each channel's bytes exactly, in frames
 * (console_frame.h) that tools/beryl-mux splits into a terminal per channel.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum console_mode { CONSOLE_PREFIXED, CONSOLE_MUX };

#define CONSOLE_CHAN_HV 0
#define CONSOLE_CHAN_PART(i) (1u + (i))
#define CONSOLE_CHANNELS 8 /* the hypervisor and up to 7 partitions */
/*
 * After them (and so after any byte channel to the console, which takes
 * one of the CONSOLE_CHANNELS), mux mode only: partition i's debug stub
 * (gdbstub.h) on channel CONSOLE_CHAN_GDB(i). Typed input on channel CONSOLE_CHAN_HV goes
 * to the hypervisor's shell (shell.h).
 */
#define CONSOLE_GDB_CHANNELS 4
#define CONSOLE_CHAN_GDB(i) (CONSOLE_CHANNELS + (i))
#define CONSOLE_NCHANNELS (CONSOLE_CHANNELS + CONSOLE_GDB_CHANNELS) /* all of them */

/*
 * Who is on a channel other than the hypervisor's (a partition's console,
 * a byte channel to the console): input typed for it (in prefixed mode
 * while it has the focus, which CONSOLE_SWITCH_FOCUS moves to the next
 * channel whose can_focus() says yes and, after the last one, to the
 * hypervisor's shell), and room again in its share after
 * a console_write() of it found none. Called on the console CPU (input)
 * or on whichever CPU drains (room).
 */
struct console_client {
	const char *kind; /* "console channel N: KIND NAME" (mux mode) */
	const char *name; /* "console input to NAME" */
	void (*input)(void *arg, uint8_t c);
	void (*room)(void *arg);
	bool (*can_focus)(void *arg);
	void *arg;
};
#define CONSOLE_SWITCH_FOCUS '\x1c' /* Ctrl-\ */

/* Configuration time: channel chan (1 .. CONSOLE_CHANNELS - 1) is client's. */
void console_set_client(unsigned int chan, const struct console_client *client);
/* In mux mode, say which channel is whose (tools/beryl-mux names its terminals so). */
void console_announce(void);

/*
 * A channel's output line by line (console_line.c): whole prefixed lines
 * "[name] ..." made safe to display in prefixed mode, the bytes as written
 * in mux mode. A line that finds no room stays pending; putc() refuses a
 * byte while it does.
 */
#define CONSOLE_LINE_MAX 160
#define CONSOLE_NAME_MAX 32
struct console_line {
	unsigned int chan;
	const char *name;
	char buf[CONSOLE_LINE_MAX];
	unsigned int len;
	bool pending; /* complete, waiting for room on the console */
};
void console_line_init(struct console_line *l, unsigned int chan, const char *name);
/* Forget what was written (a restart). */
void console_line_reset(struct console_line *l);
/* Room for a byte (a line waiting for room is sent if it fits now). */
bool console_line_writable(struct console_line *l);
/* One byte; false if the console had no room (the byte was not taken). */
bool console_line_putc(struct console_line *l, char c);
/* The writer stopped writing: in mux mode send what it wrote so far. */
void console_line_push(struct console_line *l);
/* Send the unfinished line, if any. */
void console_line_flush(struct console_line *l);

/* Route printf to the console (the UART is mapped by hvmem_init). */
void console_init(void);
/* The mode the configuration chose (before any partition runs). */
void console_set_mode(enum console_mode mode);
enum console_mode console_mode(void);

/*
 * Queue a channel's message: in prefixed mode bytes as they go on the line,
 * in mux mode a frame's data (split into frames here). All or nothing:
 * false if the channel's share of the ring has no room for it.
 */
bool console_write(unsigned int chan, const void *buf, size_t len);
/* Would console_write(chan, ..., len) find room (prefixed bytes, or frame data)? */
bool console_room(unsigned int chan, size_t len);
/* Move queued bytes into the UART while it takes them, on any CPU; never waits. */
void console_drain(void);
/* Wait until everything queued is on the line (before power-off or reset). */
void console_flush_sync(void);

/* Let the console UART interrupt when a byte arrives. */
void console_rx_enable(void);
/*
 * The console UART interrupted (the console CPU): hand received bytes on
 * (prefixed mode: to the client or the shell with the focus; mux mode:
 * decoded frames to their channel's client, debug stub or, channel 0,
 * the shell), and drain output.
 */
void console_irq(void);
/* Bytes of hypervisor messages dropped for want of room. */
uint32_t console_dropped(void);
/* A fatal error: print without waiting for locks another CPU may hold. */
void console_panic(void);

#endif /* CONSOLE_H */
