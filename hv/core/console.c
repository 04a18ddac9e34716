// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's serial line: an output ring of whole messages, each
 * channel within its share, drained into the UART without waiting; input
 * handed to the partitions (console.h).
 *
 * The ring holds records [channel, length (2 bytes), bytes as they go on
 * the line]. Writers append whole records under console_lock (a copy, no
 * device access). One CPU at a time drains (drain_lock, taken with a try:
 * a CPU that finds another draining leaves its bytes to it); the drainer
 * writes while the UART's transmitter has room and, when it has none,
 * turns on the transmitter interrupt, which the console CPU takes.
 */
#include <arch.h>
#include <console.h>
#include <console_frame.h>
#include <drivers/uart16550.h>
#include <gdbstub.h>
#include <hvmem.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <shell.h>
#include <spinlock.h>
#include <string.h>

#define RING_SIZE 32768u     /* a power of 2 */
#define SHARE_HV 4096u        /* the hypervisor's messages and its shell */
#define SHARE_TEXT 16384u     /* the partitions' channels, together */
#define SHARE_PART ((SHARE_TEXT - SHARE_HV) / (CONSOLE_CHANNELS - 1))
#define SHARE_GDB ((RING_SIZE - SHARE_TEXT) / CONSOLE_GDB_CHANNELS) /* a debug stub's */
#define REC_HDR 3u

_Static_assert(CONSOLE_CHANNELS >= PART_MAX + 1, "a console channel per partition");
_Static_assert(CONSOLE_GDB_CHANNELS >= PART_MAX, "a debug channel per partition");

static uintptr_t console_uart;
static enum console_mode mode = CONSOLE_PREFIXED;
static volatile bool console_panicking;

static spinlock_t console_lock = SPINLOCK_INIT; /* the ring's tail and the shares */
static spinlock_t drain_lock = SPINLOCK_INIT;   /* the one CPU draining */
static uint8_t ring[RING_SIZE];
static volatile uint32_t ring_put, ring_get; /* free-running */
static uint32_t used[CONSOLE_NCHANNELS];      /* bytes of each channel in the ring */
static volatile bool waiting[CONSOLE_NCHANNELS]; /* a partition's write found no room */
static uint32_t dropped_hv;                  /* hypervisor message bytes with no room */
/* the drainer's place: the record it is in, and what is left of it */
static unsigned int cur_chan;
static uint32_t cur_left, cur_size;
static volatile bool tx_irq_on;

static struct frame_rx rx_frames;

/*
 * Who is on each channel, and which one typed input goes to in prefixed
 * mode: a client's channel or, CONSOLE_CHAN_HV, the hypervisor's shell
 * (shell.h). Only the console CPU moves it.
 */
static struct console_client clients[CONSOLE_CHANNELS];
static unsigned int focus = CONSOLE_CHAN_PART(0);

void console_set_client(unsigned int chan, const struct console_client *client)
{
	if (chan != CONSOLE_CHAN_HV && chan < CONSOLE_CHANNELS)
		clients[chan] = *client;
}

void console_announce(void)
{
	unsigned int chan;

	if (mode != CONSOLE_MUX)
		return;
	for (chan = 1; chan < CONSOLE_CHANNELS; chan++)
		if (clients[chan].name)
			pr_info("console channel %u: %s %s\n", chan, clients[chan].kind,
				clients[chan].name);
}

static bool can_focus(unsigned int chan)
{
	return clients[chan].input && (!clients[chan].can_focus ||
				       clients[chan].can_focus(clients[chan].arg));
}

/*
 * Ctrl-\: the next channel that can take input gets it and, after the
 * last one, the shell (which keeps it while no channel can); beryl says which.
 */
static void switch_focus(void)
{
	unsigned int chan = focus == CONSOLE_CHAN_HV ? 1 : focus + 1;

	for (; chan < CONSOLE_CHANNELS; chan++) {
		if (can_focus(chan)) {
			focus = chan;
			pr_info("console input to %s\n", clients[chan].name);
			return;
		}
	}
	if (focus == CONSOLE_CHAN_HV)
		return;
	focus = CONSOLE_CHAN_HV;
	pr_info("console input to the shell (Ctrl-\\ to leave it)\n");
	shell_prompt();
}

/*
 * Prefixed mode: the shell if it has the focus, else the focused channel
 * or (it cannot take input) the first one after it that can.
 */
static void input_to_focus(uint8_t c)
{
	unsigned int i;

	if (c == CONSOLE_SWITCH_FOCUS) {
		switch_focus();
		return;
	}
	if (focus == CONSOLE_CHAN_HV) {
		shell_input((char)c);
		return;
	}
	for (i = 0; i < CONSOLE_CHANNELS - 1; i++) {
		unsigned int chan = 1 + (focus - 1 + i) % (CONSOLE_CHANNELS - 1);

		if (can_focus(chan)) {
			clients[chan].input(clients[chan].arg, c);
			return;
		}
	}
}

static uint32_t share(unsigned int chan)
{
	if (chan >= CONSOLE_CHANNELS)
		return SHARE_GDB;
	return chan == CONSOLE_CHAN_HV ? SHARE_HV : SHARE_PART;
}

void console_set_mode(enum console_mode m)
{
	static const uint8_t delimiter = 0;

	if (m == mode)
		return;
	/* the plain text so far ends at a frame delimiter: receivers start there */
	if (m == CONSOLE_MUX)
		console_write(CONSOLE_CHAN_HV, &delimiter, 1);
	console_flush_sync();
	mode = m;
}

enum console_mode console_mode(void)
{
	return mode;
}

/* Bytes a message of len takes on the line: frames in mux mode, CR+LF for LF otherwise. */
static size_t wire_size(const uint8_t *buf, size_t len)
{
	size_t n = len, i;

	if (mode == CONSOLE_MUX)
		return (len + FRAME_DATA_MAX - 1) / FRAME_DATA_MAX * FRAME_ENCODED_MAX +
		       (len ? 0 : FRAME_ENCODED_MAX);
	if (!buf)
		return 2 * len; /* the most it could be */
	for (i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n;
}

static void ring_put_byte(uint32_t *at, uint8_t b)
{
	ring[*at % RING_SIZE] = b;
	(*at)++;
}

/*
 * Prefixed mode: the channel whose line is unfinished (the shell's prompt),
 * or CONSOLE_NCHANNELS. Another channel's record starts on a line of its
 * own, so that a partition's line always begins with its prefix.
 */
static unsigned int open_line = CONSOLE_NCHANNELS;

/* Caller holds console_lock: the bytes that end another channel's open line. */
static size_t line_break_size(unsigned int chan)
{
	return mode == CONSOLE_PREFIXED && open_line != CONSOLE_NCHANNELS && open_line != chan ?
		       2 : 0;
}

/* Caller holds console_lock and checked the room. */
static void ring_append(unsigned int chan, const uint8_t *buf, size_t len)
{
	uint32_t at = ring_put + REC_HDR, start = ring_put, n;
	size_t i;

	if (mode == CONSOLE_MUX) {
		uint8_t frame[FRAME_ENCODED_MAX];

		do {
			size_t part = len < FRAME_DATA_MAX ? len : FRAME_DATA_MAX;
			size_t f = frame_encode((uint8_t)chan, buf, part, frame);

			for (i = 0; i < f; i++)
				ring_put_byte(&at, frame[i]);
			buf += part;
			len -= part;
		} while (len);
	} else {
		if (line_break_size(chan)) {
			ring_put_byte(&at, '\r');
			ring_put_byte(&at, '\n');
		}
		for (i = 0; i < len; i++) {
			if (buf[i] == '\n')
				ring_put_byte(&at, '\r');
			ring_put_byte(&at, buf[i]);
		}
		if (len)
			open_line = buf[len - 1] == '\n' ? CONSOLE_NCHANNELS : chan;
	}
	n = at - start - REC_HDR;
	ring[start % RING_SIZE] = (uint8_t)chan;
	ring[(start + 1) % RING_SIZE] = (uint8_t)(n >> 8);
	ring[(start + 2) % RING_SIZE] = (uint8_t)n;
	used[chan] += n + REC_HDR;
	arch_smp_mb(); /* the record before the index that publishes it */
	ring_put = at;
}

static bool fits(unsigned int chan, size_t need)
{
	return used[chan] + need + REC_HDR <= share(chan) &&
	       ring_put - ring_get + need + REC_HDR <= RING_SIZE;
}

bool console_room(unsigned int chan, size_t len)
{
	bool ok;

	if (chan >= CONSOLE_NCHANNELS)
		return false;
	spin_lock(&console_lock);
	ok = fits(chan, wire_size(NULL, len) + line_break_size(chan));
	spin_unlock(&console_lock);
	return ok;
}

bool console_write(unsigned int chan, const void *buf, size_t len)
{
	bool ok;

	if (chan >= CONSOLE_NCHANNELS || !console_uart)
		return false;
	spin_lock(&console_lock);
	ok = fits(chan, wire_size(buf, len) + line_break_size(chan));
	if (ok)
		ring_append(chan, buf, len);
	else
		waiting[chan] = true;
	spin_unlock(&console_lock);
	if (ok)
		console_drain();
	return ok;
}

static void tx_irq(bool on)
{
	if (tx_irq_on == on)
		return;
	tx_irq_on = on;
	uart16550_tx_irq(console_uart, on);
}

/* Caller holds drain_lock. Returns false if the UART had no room left. */
static bool drain_some(void)
{
	while (ring_get != ring_put) {
		if (!cur_left) { /* the next record's header */
			arch_smp_mb();
			cur_chan = ring[ring_get % RING_SIZE];
			cur_size = (uint32_t)ring[(ring_get + 1) % RING_SIZE] << 8 |
				   ring[(ring_get + 2) % RING_SIZE];
			cur_left = cur_size;
			ring_get += REC_HDR;
		}
		while (cur_left) {
			if (!uart16550_try_putc(console_uart, ring[ring_get % RING_SIZE]))
				return false;
			ring_get++;
			cur_left--;
		}
		spin_lock(&console_lock);
		used[cur_chan] -= cur_size + REC_HDR;
		spin_unlock(&console_lock);
		if (waiting[cur_chan] && cur_chan != CONSOLE_CHAN_HV &&
		    cur_chan < CONSOLE_CHANNELS) {
			waiting[cur_chan] = false;
			if (clients[cur_chan].room)
				clients[cur_chan].room(clients[cur_chan].arg);
		}
	}
	return true;
}

void console_drain(void)
{
	bool all;

	if (!console_uart || console_panicking)
		return;
	do {
		if (!spin_trylock(&drain_lock))
			return; /* the CPU draining takes our bytes too */
		all = drain_some();
		/* the transmitter interrupt finishes what the UART could not take */
		tx_irq(!all);
		spin_unlock(&drain_lock);
		/* bytes queued while we held the lock, whose writer gave up on it */
	} while (all && ring_get != ring_put);
}

void console_flush_sync(void)
{
	if (!console_uart || console_panicking)
		return;
	while (ring_get != ring_put) {
		console_drain();
		arch_cpu_wait_ticks(1000); /* a moment for the transmitter */
	}
}

/* printf's sink: the hypervisor's channel. A message with no room is dropped. */
static void console_hv_puts(const char *s, size_t len)
{
	if (console_panicking) {
		for (; len; len--, s++) {
			if (*s == '\n')
				uart16550_putc(console_uart, '\r');
			uart16550_putc(console_uart, *s);
		}
		return;
	}
	if (!console_write(CONSOLE_CHAN_HV, s, len))
		__atomic_fetch_add(&dropped_hv, len, __ATOMIC_RELAXED);
}

void console_panic(void)
{
	/* what is queued first, as far as it goes without the locks */
	while (console_uart && ring_get != ring_put && !console_panicking) {
		if (!cur_left) {
			cur_size = (uint32_t)ring[(ring_get + 1) % RING_SIZE] << 8 |
				   ring[(ring_get + 2) % RING_SIZE];
			cur_left = cur_size;
			ring_get += REC_HDR;
		}
		for (; cur_left; cur_left--)
			uart16550_putc(console_uart, ring[ring_get++ % RING_SIZE]);
	}
	console_panicking = true;
}

void console_init(void)
{
	console_uart = hvmem_phys_to_virt(platform.uart_pa);
	if (!console_uart)
		return;
	uart16550_init(console_uart);
	frame_rx_init(&rx_frames);
	printf_set_sink(console_hv_puts);
}

void console_rx_enable(void)
{
	if (console_uart)
		uart16550_rx_irq(console_uart, true);
}

static void console_input_byte(uint8_t c)
{
	const uint8_t *data;
	uint8_t chan;
	size_t len, i;

	if (mode == CONSOLE_PREFIXED) {
		input_to_focus(c);
		return;
	}
	if (!frame_rx_byte(&rx_frames, c, &chan, &data, &len))
		return;
	if (chan == CONSOLE_CHAN_HV) {
		for (i = 0; i < len; i++)
			shell_input((char)data[i]);
	} else if (chan >= CONSOLE_CHAN_GDB(0) && chan < CONSOLE_CHAN_GDB(PART_MAX)) {
		gdbstub_input(chan - CONSOLE_CHAN_GDB(0), data, len);
	} else if (chan < CONSOLE_CHANNELS && can_focus(chan)) {
		for (i = 0; i < len; i++)
			clients[chan].input(clients[chan].arg, data[i]);
	}
}

void console_irq(void)
{
	int c;

	if (!console_uart)
		return;
	/* the receive FIFO holds at most a few bytes: read them all */
	while ((c = uart16550_getc(console_uart)) >= 0)
		console_input_byte((uint8_t)c);
	console_drain();
}

uint32_t console_dropped(void)
{
	return dropped_hv;
}
