/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The GDB remote serial protocol's framing (gdb_packet.c): packets
 * `$data#cc` (cc: the modulo-256 sum of data, two hex digits), answered
 * `+` (good) or `-` (send it again); a lone 0x03 between packets asks the
 * target to stop. Binary data escapes `#`, `$`, `}` and `*` as `}` followed
 * by the byte XOR 0x20. Pure logic, unit-tested on the host.
 */
#ifndef GDB_PACKET_H
#define GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GDB_PACKET_MAX 2048 /* the largest packet data either side sends (PacketSize) */

enum gdb_rx_event {
	GDB_RX_NONE,      /* nothing complete yet */
	GDB_RX_PACKET,    /* a packet with a good checksum: rx->buf[0 .. rx->len) */
	GDB_RX_BAD,       /* a packet with a bad checksum or too long: answer '-' */
	GDB_RX_INTERRUPT, /* 0x03: stop the target */
	GDB_RX_ACK,       /* '+' for our last packet */
	GDB_RX_NAK,       /* '-': send our last packet again */
};

struct gdb_rx {
	enum { GDB_RX_IDLE, GDB_RX_DATA, GDB_RX_SUM1, GDB_RX_SUM2 } state;
	char buf[GDB_PACKET_MAX + 1]; /* NUL-terminated when complete */
	size_t len;
	uint8_t sum, got;
	bool overflow;
};

void gdb_rx_init(struct gdb_rx *rx);
/* Feed one byte received from gdb. */
enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t c);

/*
 * Frame data[0..len) as a packet into out (len + 4 bytes); returns its
 * length. The data must already be escaped where it is binary.
 */
size_t gdb_frame(const char *data, size_t len, char *out);
/* Escape binary in[0..len) into out (at most max bytes); bytes taken from in in *used. */
size_t gdb_escape(const uint8_t *in, size_t len, char *out, size_t max, size_t *used);
/* Undo the escapes of binary data in place; returns the new length. */
size_t gdb_unescape(char *buf, size_t len);

/* Hex: value of a digit (-1 if not one), bytes to hex, hex to bytes. */
int gdb_hexval(char c);
void gdb_tohex(const uint8_t *in, size_t len, char *out);
/* n bytes from 2n hex digits; false if one is not a hex digit. */
bool gdb_fromhex(const char *in, size_t n, uint8_t *out);
/*
 * A hex number at *s (at most 16 digits, at least one), *s moved past it;
 * false if there is none or it is too long.
 */
bool gdb_parse_hex(const char **s, uint64_t *val);

#endif /* GDB_PACKET_H */
