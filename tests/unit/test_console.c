// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hypervisor console's output ring (hv/core/console.c)
 * against a UART stand-in whose transmitter takes a limited number of
 * bytes: each channel's share, whole messages, no waiting, the transmitter
 * interrupt, the wake-up of a partition that had to wait, and both modes
 * on the line (CR+LF in prefixed mode, frames in mux mode).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <console.h>
#include <console_frame.h>
#include <partition.h>
#include <platform.h>

/* ------------------------------------------------------------ stand-ins */

struct platform platform = { .uart_pa = 0xFE0004500ull };
struct partition partitions[PART_MAX];
unsigned int npartitions;

static uint8_t line[1 << 17]; /* what went out on the wire */
static size_t line_len;
static unsigned int tx_room = 1u << 30; /* bytes the transmitter takes now */
static bool tx_irq_enabled;
static unsigned int room_calls[PART_MAX];
static void (*hv_sink)(const char *s, size_t len);

uintptr_t hvmem_phys_to_virt(uint64_t pa)
{
	return pa == platform.uart_pa ? 0x1000 : 0;
}

void uart16550_init(uintptr_t base)
{
}

bool uart16550_try_putc(uintptr_t base, uint8_t c)
{
	if (!tx_room)
		return false;
	tx_room--;
	line[line_len++] = c;
	return true;
}

void uart16550_putc(uintptr_t base, char c)
{
	line[line_len++] = (uint8_t)c;
}

void uart16550_tx_irq(uintptr_t base, bool on)
{
	tx_irq_enabled = on;
}

void uart16550_rx_irq(uintptr_t base, bool on)
{
}

/* Bytes the UART received (test_rx_byte()), for console_irq() to read. */
static uint8_t rx_queue[1024];
static size_t rx_put, rx_get;

static void test_rx_byte(uint8_t c)
{
	rx_queue[rx_put++ % sizeof(rx_queue)] = c;
}

int uart16550_getc(uintptr_t base)
{
	return rx_get == rx_put ? -1 : rx_queue[rx_get++ % sizeof(rx_queue)];
}

void printf_set_sink(void (*fn)(const char *s, size_t len))
{
	hv_sink = fn;
}

/* The clients of the partition channels: they count the room calls and keep their input. */
static void room(void *arg)
{
	room_calls[(uintptr_t)arg]++;
}

static uint8_t input_got[PART_MAX][64];
static size_t input_len[PART_MAX];

static void input(void *arg, uint8_t c)
{
	uintptr_t i = (uintptr_t)arg;

	if (input_len[i] < sizeof(input_got[i]))
		input_got[i][input_len[i]++] = c;
}

/* What mux input reaches besides the partitions: the shell, the debug stubs. */
static char shell_got[64];
static size_t shell_len;
static uint8_t gdb_got[64];
static size_t gdb_len;
static unsigned int gdb_idx;

void shell_input(char c)
{
	if (shell_len < sizeof(shell_got))
		shell_got[shell_len++] = c;
}

static unsigned int prompts;

void shell_prompt(void)
{
	prompts++;
}

void gdbstub_input(unsigned int idx, const uint8_t *data, size_t len)
{
	gdb_idx = idx;
	memcpy(gdb_got + gdb_len, data, len);
	gdb_len += len;
}

/* ---------------------------------------------------------------- tests */

static int setup(void **state)
{
	static bool initialised;

	line_len = 0;
	tx_room = 1u << 30;
	memset(room_calls, 0, sizeof(room_calls));
	if (!initialised) {
		unsigned int i;

		console_init();
		for (i = 0; i < PART_MAX; i++) {
			const struct console_client c = { .name = "p", .input = input, .room = room,
							  .arg = (void *)(uintptr_t)i };

			console_set_client(CONSOLE_CHAN_PART(i), &c);
		}
		initialised = true;
	}
	console_set_mode(CONSOLE_PREFIXED);
	console_flush_sync();
	line_len = 0;
	return 0;
}

static void test_prefixed_lines_go_out_with_crlf(void **state)
{
	assert_true(console_write(CONSOLE_CHAN_PART(0), "[a] one\n", 8));
	hv_sink("beryl: two\n", 11);
	assert_int_equal(line_len, 9 + 12);
	assert_memory_equal(line, "[a] one\r\nberyl: two\r\n", line_len);
	assert_false(tx_irq_enabled);
}

static void test_no_waiting_for_the_uart(void **state)
{
	char msg[100];

	memset(msg, 'x', sizeof(msg));
	msg[99] = '\n';
	tx_room = 10; /* the transmitter takes 10 bytes, then is busy */
	assert_true(console_write(CONSOLE_CHAN_PART(1), msg, sizeof(msg)));
	assert_int_equal(line_len, 10);
	assert_true(tx_irq_enabled); /* the interrupt will go on */
	/* more messages queue without waiting */
	assert_true(console_write(CONSOLE_CHAN_PART(2), "[c] hello\n", 10));
	assert_int_equal(line_len, 10);
	/* the transmitter interrupt drains, in order, records whole */
	tx_room = 1u << 30;
	console_irq();
	assert_int_equal(line_len, 101 + 11);
	assert_memory_equal(line + 99, "\r\n[c] hello\r\n", 13);
	assert_false(tx_irq_enabled);
}

static void test_shares_keep_channels_apart(void **state)
{
	char msg[200];
	unsigned int writes = 0;

	memset(msg, 'y', sizeof(msg));
	tx_room = 0; /* the line is stuck */
	/* partition 0 fills its share, and no more */
	while (console_write(CONSOLE_CHAN_PART(0), msg, sizeof(msg)))
		writes++;
	assert_true(writes > 5 && writes < 100);
	assert_false(console_room(CONSOLE_CHAN_PART(0), sizeof(msg)));
	/* its neighbour and the hypervisor still have room */
	assert_true(console_room(CONSOLE_CHAN_PART(1), sizeof(msg)));
	assert_true(console_write(CONSOLE_CHAN_PART(1), "[b] still here\n", 15));
	assert_true(console_room(CONSOLE_CHAN_HV, 100));
	/* room again for the partition that waited: it is told */
	assert_int_equal(room_calls[0], 0);
	tx_room = 1u << 30;
	console_irq();
	assert_int_equal(room_calls[0], 1);
	assert_int_equal(room_calls[1], 0); /* it never waited */
	assert_true(console_room(CONSOLE_CHAN_PART(0), sizeof(msg)));
}

static void test_hypervisor_messages_dropped_not_waited_for(void **state)
{
	char msg[1000];
	uint32_t before = console_dropped();
	int i;

	memset(msg, 'z', sizeof(msg));
	tx_room = 0;
	for (i = 0; i < 10; i++)
		hv_sink(msg, sizeof(msg));
	assert_true(console_dropped() > before);
	tx_room = 1u << 30;
	console_irq();
	/* what went out is whole messages */
	assert_int_equal(line_len % sizeof(msg), 0);
}

static void test_bad_channels(void **state)
{
	assert_false(console_write(CONSOLE_NCHANNELS, "x", 1));
	assert_false(console_room(CONSOLE_NCHANNELS + 5, 1));
	assert_int_equal(line_len, 0);
}

/* The debug stubs' channels have shares of their own, and never wake a partition. */
static void test_debug_channels(void **state)
{
	char msg[200];
	unsigned int writes = 0;

	memset(msg, 'd', sizeof(msg));
	tx_room = 0;
	while (console_write(CONSOLE_CHAN_GDB(0), msg, sizeof(msg)))
		writes++;
	/* a reply of a few KiB fits (gdb's packets are at most 2 KiB) */
	assert_true(writes * sizeof(msg) >= 2048 + 16);
	assert_true(console_room(CONSOLE_CHAN_GDB(1), sizeof(msg)));
	assert_true(console_room(CONSOLE_CHAN_PART(0), sizeof(msg)));
	assert_true(console_room(CONSOLE_CHAN_HV, sizeof(msg)));
	tx_room = 1u << 30;
	console_irq();
	assert_int_equal(room_calls[0] + room_calls[1] + room_calls[2] + room_calls[3], 0);
}

/* Mux input: channel 0 goes to the shell, a debug channel to its stub. */
static void test_mux_input_routing(void **state)
{
	static const uint8_t pkt[] = "$g#67\x03";
	uint8_t frame[FRAME_ENCODED_MAX];
	size_t n, i;

	console_set_mode(CONSOLE_MUX);
	shell_len = gdb_len = 0;
	test_rx_byte(0); /* a delimiter: frames start here */
	n = frame_encode(CONSOLE_CHAN_HV, (const uint8_t *)"help\r", 5, frame);
	for (i = 0; i < n; i++)
		test_rx_byte(frame[i]);
	n = frame_encode(CONSOLE_CHAN_GDB(2), pkt, sizeof(pkt) - 1, frame);
	for (i = 0; i < n; i++)
		test_rx_byte(frame[i]);
	n = frame_encode(CONSOLE_CHAN_PART(1), (const uint8_t *)"ls\r", 3, frame);
	for (i = 0; i < n; i++)
		test_rx_byte(frame[i]);
	/* a frame for a channel past the stubs reaches nobody */
	n = frame_encode(CONSOLE_NCHANNELS, (const uint8_t *)"x", 1, frame);
	for (i = 0; i < n; i++)
		test_rx_byte(frame[i]);
	console_irq();
	assert_int_equal(shell_len, 5);
	assert_memory_equal(shell_got, "help\r", 5);
	assert_int_equal(gdb_idx, 2);
	assert_int_equal(gdb_len, sizeof(pkt) - 1);
	assert_memory_equal(gdb_got, pkt, gdb_len);
	assert_int_equal(input_len[1], 3);
	assert_memory_equal(input_got[1], "ls\r", 3);
	assert_int_equal(input_len[0] + input_len[2] + input_len[3], 0);
}

/*
 * Prefixed mode: Ctrl-\ moves the focus over the channels that have a
 * client and, after the last, to the shell (with its prompt); the next
 * Ctrl-\ gives it back to the first channel.
 */
static void test_prefixed_focus_reaches_the_shell(void **state)
{
	unsigned int i;

	console_irq(); /* nothing left of another test's input */
	shell_len = prompts = 0;
	memset(input_len, 0, sizeof(input_len));
	for (i = 0; i < CONSOLE_CHANNELS && !prompts; i++) {
		test_rx_byte(CONSOLE_SWITCH_FOCUS);
		console_irq();
	}
	assert_int_equal(prompts, 1);
	test_rx_byte('q');
	console_irq();
	assert_int_equal(shell_len, 1);
	assert_int_equal(shell_got[0], 'q');
	assert_int_equal(input_len[0] + input_len[1] + input_len[2] + input_len[3], 0);
	/* from the shell to the first channel, which takes what follows */
	test_rx_byte(CONSOLE_SWITCH_FOCUS);
	test_rx_byte('a');
	console_irq();
	assert_int_equal(prompts, 1);
	assert_int_equal(shell_len, 1);
	assert_int_equal(input_len[0], 1);
	assert_int_equal(input_got[0][0], 'a');
	/* and on through every client before the shell again */
	for (i = 1; i < PART_MAX; i++) {
		test_rx_byte(CONSOLE_SWITCH_FOCUS);
		test_rx_byte('b');
		console_irq();
		assert_int_equal(input_len[i], 1);
		assert_int_equal(prompts, 1);
	}
	test_rx_byte(CONSOLE_SWITCH_FOCUS);
	console_irq();
	assert_int_equal(prompts, 2);
}

static void test_mux_frames(void **state)
{
	static const uint8_t raw[] = { 'a', 0, 0x1b, '[', '2', 'K', '\r', 'b', '\n' };
	uint8_t big[600], chan, got[1024];
	const uint8_t *data;
	struct frame_rx rx;
	size_t len, got_len = 0, i, start;
	int frames = 0;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13);
	console_set_mode(CONSOLE_MUX);
	start = line_len;
	assert_true(console_write(CONSOLE_CHAN_PART(2), raw, sizeof(raw)));
	assert_true(console_write(CONSOLE_CHAN_PART(1), big, sizeof(big)));
	hv_sink("beryl: in a frame\n", 18);
	frame_rx_init(&rx);
	for (i = start; i < line_len; i++) {
		if (!frame_rx_byte(&rx, line[i], &chan, &data, &len))
			continue;
		frames++;
		if (frames == 1) {
			assert_int_equal(chan, CONSOLE_CHAN_PART(2));
			assert_int_equal(len, sizeof(raw));
			assert_memory_equal(data, raw, len); /* exact: NUL, ESC, CR kept */
		} else if (chan == CONSOLE_CHAN_PART(1)) {
			memcpy(got + got_len, data, len);
			got_len += len;
		} else {
			assert_int_equal(chan, CONSOLE_CHAN_HV);
			assert_memory_equal(data, "beryl: in a frame\n", 18);
		}
	}
	/* the 600 bytes split into frames of at most FRAME_DATA_MAX */
	assert_int_equal(frames, 1 + 3 + 1);
	assert_int_equal(got_len, sizeof(big));
	assert_memory_equal(got, big, sizeof(big));
	assert_int_equal(rx.bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_prefixed_lines_go_out_with_crlf, setup),
		cmocka_unit_test_setup(test_no_waiting_for_the_uart, setup),
		cmocka_unit_test_setup(test_shares_keep_channels_apart, setup),
		cmocka_unit_test_setup(test_hypervisor_messages_dropped_not_waited_for, setup),
		cmocka_unit_test_setup(test_bad_channels, setup),
		cmocka_unit_test_setup(test_debug_channels, setup),
		cmocka_unit_test_setup(test_mux_input_routing, setup),
		cmocka_unit_test_setup(test_prefixed_focus_reaches_the_shell, setup),
		cmocka_unit_test_setup(test_mux_frames, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
