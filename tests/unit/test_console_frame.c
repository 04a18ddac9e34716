// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the multiplexed console's frames (hv/core/console_frame.c):
 * every channel and length round-trips, frames are free of 0x00 but their
 * delimiter, and a receiver fed noise, cut frames, flipped bits and
 * overlong runs drops them and finds the next good frame.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <console_frame.h>

static uint8_t enc[FRAME_ENCODED_MAX];

/* Feed bytes; returns how many frames came out, the last one in chan, out. */
static int feed(struct frame_rx *rx, const uint8_t *p, size_t n, uint8_t *chan, uint8_t *out,
		size_t *len)
{
	int frames = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		const uint8_t *d;
		size_t l;
		uint8_t c;

		if (frame_rx_byte(rx, p[i], &c, &d, &l)) {
			frames++;
			*chan = c;
			memcpy(out, d, l);
			*len = l;
		}
	}
	return frames;
}

static void test_round_trip_every_length(void **state)
{
	uint8_t data[FRAME_DATA_MAX], out[FRAME_DATA_MAX], chan;
	struct frame_rx rx;
	size_t len, n, got, i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7); /* zeros included */
	frame_rx_init(&rx);
	for (len = 0; len <= FRAME_DATA_MAX; len++) {
		n = frame_encode((uint8_t)(len % 9), data, len, enc);
		assert_true(n <= FRAME_ENCODED_MAX);
		assert_int_equal(enc[n - 1], 0);
		assert_null(memchr(enc, 0, n - 1));
		assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 1);
		assert_int_equal(chan, len % 9);
		assert_int_equal(got, len);
		assert_memory_equal(out, data, len);
	}
	assert_int_equal(rx.bad, 0);
}

static void test_all_zero_and_all_ff(void **state)
{
	uint8_t zeros[FRAME_DATA_MAX] = { 0 }, ffs[FRAME_DATA_MAX], out[FRAME_DATA_MAX], chan;
	struct frame_rx rx;
	size_t n, got;

	memset(ffs, 0xFF, sizeof(ffs));
	frame_rx_init(&rx);
	n = frame_encode(0, zeros, sizeof(zeros), enc);
	assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 1);
	assert_int_equal(got, sizeof(zeros));
	assert_memory_equal(out, zeros, got);
	n = frame_encode(0xFF, ffs, sizeof(ffs), enc);
	assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 1);
	assert_int_equal(chan, 0xFF);
	assert_memory_equal(out, ffs, got);
}

static void test_resync_after_noise(void **state)
{
	static const uint8_t noise[] = { 0x41, 0x42, 0x00, 0x03, 0x99, 0x00, 0xFF, 0x13 };
	uint8_t out[FRAME_DATA_MAX], chan, line[64];
	struct frame_rx rx;
	size_t n, got;

	frame_rx_init(&rx);
	/* noise, including delimiters, delivers nothing */
	assert_int_equal(feed(&rx, noise, sizeof(noise), &chan, out, &got), 0);
	/* the noise's tail runs into the next frame: that frame is lost ... */
	n = frame_encode(3, (const uint8_t *)"lost", 4, enc);
	assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 0);
	/* ... and the one after it comes through */
	n = frame_encode(4, (const uint8_t *)"found", 5, enc);
	assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 1);
	assert_int_equal(chan, 4);
	assert_int_equal(got, 5);
	assert_memory_equal(out, "found", 5);
	assert_true(rx.bad >= 2);

	/* a frame cut short (its end lost) and the next one */
	n = frame_encode(1, (const uint8_t *)"cut in the middle", 17, enc);
	memcpy(line, enc, n / 2);
	line[n / 2] = 0;
	assert_int_equal(feed(&rx, line, n / 2 + 1, &chan, out, &got), 0);
	n = frame_encode(2, (const uint8_t *)"next", 4, enc);
	assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 1);
	assert_memory_equal(out, "next", 4);
}

static void test_every_single_bit_flip_is_caught(void **state)
{
	uint8_t out[FRAME_DATA_MAX], chan;
	struct frame_rx rx;
	size_t n, got, i;
	int b;

	n = frame_encode(5, (const uint8_t *)"hypervisor console", 18, enc);
	for (i = 0; i + 1 < n; i++)
		for (b = 0; b < 8; b++) {
			uint8_t bad[FRAME_ENCODED_MAX];

			memcpy(bad, enc, n);
			bad[i] ^= (uint8_t)(1 << b);
			frame_rx_init(&rx);
			/* a flip to 0x00 splits it in two: neither part may pass */
			assert_int_equal(feed(&rx, bad, n, &chan, out, &got), 0);
		}
}

static void test_overlong_run_is_dropped(void **state)
{
	uint8_t junk[3 * FRAME_ENCODED_MAX], out[FRAME_DATA_MAX], chan;
	struct frame_rx rx;
	size_t n, got;

	memset(junk, 0x55, sizeof(junk));
	frame_rx_init(&rx);
	assert_int_equal(feed(&rx, junk, sizeof(junk), &chan, out, &got), 0);
	n = frame_encode(7, (const uint8_t *)"x", 1, enc);
	/* the junk ends at the frame's delimiter: junk and frame are one, dropped */
	assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 0);
	assert_int_equal(feed(&rx, enc, n, &chan, out, &got), 1);
}

static void test_random_streams(void **state)
{
	uint8_t data[FRAME_DATA_MAX], out[FRAME_DATA_MAX], chan;
	struct frame_rx rx;
	size_t len, n, got, i;
	int round, frames = 0;

	srand(1);
	frame_rx_init(&rx);
	for (round = 0; round < 2000; round++) {
		len = (size_t)rand() % (FRAME_DATA_MAX + 1);
		for (i = 0; i < len; i++)
			data[i] = (uint8_t)rand();
		n = frame_encode((uint8_t)rand(), data, len, enc);
		frames += feed(&rx, enc, n, &chan, out, &got);
		assert_int_equal(got, len);
		assert_memory_equal(out, data, len);
	}
	assert_int_equal(frames, 2000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_every_length),
		cmocka_unit_test(test_all_zero_and_all_ff),
		cmocka_unit_test(test_resync_after_noise),
		cmocka_unit_test(test_every_single_bit_flip_is_caught),
		cmocka_unit_test(test_overlong_run_is_dropped),
		cmocka_unit_test(test_random_streams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
