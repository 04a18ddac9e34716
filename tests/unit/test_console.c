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

int uart16550_getc(uintptr_t base)
{
	return -1;
}

void printf_set_sink(void (*fn)(const char *s, size_t len))
{
	hv_sink = fn;
}

/* The clients of the partition channels: they count the room calls. */
static void room(void *arg)
{
	room_calls[(uintptr_t)arg]++;
}

static void input(void *arg, uint8_t c)
{
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
	assert_false(console_write(CONSOLE_CHANNELS, "x", 1));
	assert_false(console_room(CONSOLE_CHANNELS + 5, 1));
	assert_int_equal(line_len, 0);
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
		cmocka_unit_test_setup(test_mux_frames, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
