// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the GDB remote protocol's framing (hv/core/gdb_packet.c):
 * what gdb sends is taken apart exactly, bad checksums and overlong
 * packets are refused (the stub answers '-'), 0x03 between packets is an
 * interrupt, and what the stub frames and escapes gdb can read back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <gdb_packet.h>

/* Feed a string; returns the last event other than NONE. */
static enum gdb_rx_event feed(struct gdb_rx *rx, const char *s, size_t len)
{
	enum gdb_rx_event last = GDB_RX_NONE, e;
	size_t i;

	for (i = 0; i < len; i++) {
		e = gdb_rx_byte(rx, (uint8_t)s[i]);
		if (e != GDB_RX_NONE)
			last = e;
	}
	return last;
}

static void test_packet_and_checksum(void **state)
{
	struct gdb_rx rx;

	gdb_rx_init(&rx);
	assert_int_equal(feed(&rx, "$g#67", 5), GDB_RX_PACKET);
	assert_int_equal(rx.len, 1);
	assert_string_equal(rx.buf, "g");
	assert_int_equal(feed(&rx, "$m1000,4#8e", 11), GDB_RX_PACKET);
	assert_string_equal(rx.buf, "m1000,4");
	/* upper-case checksum digits are fine too */
	assert_int_equal(feed(&rx, "$qC#B4", 6), GDB_RX_PACKET);
	assert_int_equal(feed(&rx, "$g#68", 5), GDB_RX_BAD);
	assert_int_equal(feed(&rx, "$g#6x", 5), GDB_RX_BAD);
}

static void test_between_packets(void **state)
{
	struct gdb_rx rx;

	gdb_rx_init(&rx);
	assert_int_equal(gdb_rx_byte(&rx, '+'), GDB_RX_ACK);
	assert_int_equal(gdb_rx_byte(&rx, '-'), GDB_RX_NAK);
	assert_int_equal(gdb_rx_byte(&rx, 0x03), GDB_RX_INTERRUPT);
	assert_int_equal(gdb_rx_byte(&rx, 'x'), GDB_RX_NONE); /* noise */
	/* inside a packet 0x03 and '+' are data */
	assert_int_equal(feed(&rx, "$+\x03#2e", 6), GDB_RX_PACKET);
	assert_int_equal(rx.len, 2);
}

static void test_restart_and_overflow(void **state)
{
	static char big[GDB_PACKET_MAX + 16];
	struct gdb_rx rx;
	uint8_t sum = 0;
	size_t i;

	gdb_rx_init(&rx);
	/* a packet cut short by the next one: the next one counts */
	assert_int_equal(feed(&rx, "$m10$g#67", 9), GDB_RX_PACKET);
	assert_string_equal(rx.buf, "g");
	/* longer than any packet: refused whole, with a good checksum */
	big[0] = '$';
	for (i = 1; i <= GDB_PACKET_MAX + 1; i++) {
		big[i] = 'a';
		sum += 'a';
	}
	snprintf(big + i, sizeof(big) - i, "#%02x", sum);
	assert_int_equal(feed(&rx, big, strlen(big)), GDB_RX_BAD);
	assert_int_equal(feed(&rx, "$g#67", 5), GDB_RX_PACKET);
}

static void test_frame(void **state)
{
	char out[32];
	struct gdb_rx rx;
	size_t n = gdb_frame("OK", 2, out);

	assert_int_equal(n, 6);
	assert_memory_equal(out, "$OK#9a", 6);
	gdb_rx_init(&rx);
	assert_int_equal(feed(&rx, out, n), GDB_RX_PACKET);
	assert_string_equal(rx.buf, "OK");
}

static void test_escape_round_trip(void **state)
{
	uint8_t in[256];
	char out[600];
	size_t used, n, i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)i;
	n = gdb_escape(in, sizeof(in), out, sizeof(out), &used);
	assert_int_equal(used, sizeof(in));
	assert_int_equal(n, sizeof(in) + 4); /* # $ } * each take two */
	for (i = 0; i < n; i++)
		assert_true(out[i] != '#' && out[i] != '$' && out[i] != '*');
	assert_int_equal(gdb_unescape(out, n), sizeof(in));
	assert_memory_equal(out, in, sizeof(in));
	/* an escape never split at the end of the room */
	n = gdb_escape((const uint8_t *)"ab#", 3, out, 3, &used);
	assert_int_equal(used, 2);
	assert_int_equal(n, 2);
}

static void test_hex(void **state)
{
	const char *s = "1f2e,rest";
	uint8_t b[4];
	char out[9] = { 0 };
	uint64_t v;

	assert_true(gdb_parse_hex(&s, &v));
	assert_int_equal(v, 0x1f2e);
	assert_string_equal(s, ",rest");
	s = ",";
	assert_false(gdb_parse_hex(&s, &v));
	s = "11112222333344445";
	assert_false(gdb_parse_hex(&s, &v)); /* more than 64 bits */
	assert_true(gdb_fromhex("deadBEEF", 4, b));
	assert_int_equal(b[0], 0xde);
	assert_int_equal(b[3], 0xef);
	assert_false(gdb_fromhex("dexx", 2, b));
	gdb_tohex(b, 4, out);
	assert_string_equal(out, "deadbeef");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packet_and_checksum),
		cmocka_unit_test(test_between_packets),
		cmocka_unit_test(test_restart_and_overflow),
		cmocka_unit_test(test_frame),
		cmocka_unit_test(test_escape_round_trip),
		cmocka_unit_test(test_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
