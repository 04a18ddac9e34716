// SPDX-License-Identifier: GPL-2.0-only
/* The GDB remote serial protocol's framing and hex encoding (gdb_packet.h). */
#include <gdb_packet.h>

static const char hexdigits[] = "0123456789abcdef";

void gdb_rx_init(struct gdb_rx *rx)
{
	rx->state = GDB_RX_IDLE;
	rx->len = 0;
	rx->overflow = false;
}

int gdb_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t c)
{
	int h;

	switch (rx->state) {
	case GDB_RX_IDLE:
		if (c == '$') {
			rx->state = GDB_RX_DATA;
			rx->len = 0;
			rx->sum = 0;
			rx->overflow = false;
			return GDB_RX_NONE;
		}
		if (c == 0x03)
			return GDB_RX_INTERRUPT;
		if (c == '+')
			return GDB_RX_ACK;
		if (c == '-')
			return GDB_RX_NAK;
		return GDB_RX_NONE; /* noise between packets */
	case GDB_RX_DATA:
		if (c == '#') {
			rx->state = GDB_RX_SUM1;
			return GDB_RX_NONE;
		}
		if (c == '$') { /* a packet cut short: this one starts again */
			rx->len = 0;
			rx->sum = 0;
			rx->overflow = false;
			return GDB_RX_NONE;
		}
		rx->sum += c;
		if (rx->len < GDB_PACKET_MAX)
			rx->buf[rx->len++] = (char)c;
		else
			rx->overflow = true;
		return GDB_RX_NONE;
	case GDB_RX_SUM1:
		h = gdb_hexval((char)c);
		rx->got = (uint8_t)(h << 4);
		rx->state = h < 0 ? GDB_RX_IDLE : GDB_RX_SUM2;
		return h < 0 ? GDB_RX_BAD : GDB_RX_NONE;
	case GDB_RX_SUM2:
		rx->state = GDB_RX_IDLE;
		h = gdb_hexval((char)c);
		if (h < 0 || (uint8_t)(rx->got | h) != rx->sum || rx->overflow)
			return GDB_RX_BAD;
		rx->buf[rx->len] = '\0';
		return GDB_RX_PACKET;
	}
	return GDB_RX_NONE;
}

size_t gdb_frame(const char *data, size_t len, char *out)
{
	uint8_t sum = 0;
	size_t i;

	out[0] = '$';
	for (i = 0; i < len; i++) {
		out[1 + i] = data[i];
		sum += (uint8_t)data[i];
	}
	out[len + 1] = '#';
	out[len + 2] = hexdigits[sum >> 4];
	out[len + 3] = hexdigits[sum & 15];
	return len + 4;
}

static bool gdb_special(uint8_t c)
{
	return c == '#' || c == '$' || c == '}' || c == '*';
}

size_t gdb_escape(const uint8_t *in, size_t len, char *out, size_t max, size_t *used)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (gdb_special(in[i])) {
			if (o + 2 > max)
				break;
			out[o++] = '}';
			out[o++] = (char)(in[i] ^ 0x20);
		} else {
			if (o + 1 > max)
				break;
			out[o++] = (char)in[i];
		}
	}
	*used = i;
	return o;
}

size_t gdb_unescape(char *buf, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (buf[i] == '}' && i + 1 < len)
			buf[o++] = (char)(buf[++i] ^ 0x20);
		else
			buf[o++] = buf[i];
	}
	return o;
}

void gdb_tohex(const uint8_t *in, size_t len, char *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hexdigits[in[i] >> 4];
		out[2 * i + 1] = hexdigits[in[i] & 15];
	}
}

bool gdb_fromhex(const char *in, size_t n, uint8_t *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi = gdb_hexval(in[2 * i]), lo = hi < 0 ? -1 : gdb_hexval(in[2 * i + 1]);

		if (lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool gdb_parse_hex(const char **s, uint64_t *val)
{
	const char *p = *s;
	uint64_t v = 0;
	int d, n = 0;

	while ((d = gdb_hexval(*p)) >= 0) {
		if (++n > 16)
			return false;
		v = v << 4 | (uint64_t)d;
		p++;
	}
	if (!n)
		return false;
	*s = p;
	*val = v;
	return true;
}
