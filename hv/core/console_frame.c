// SPDX-License-Identifier: GPL-2.0-only
/* Frames of the multiplexed console: COBS, CRC-16, a resynchronising receiver. */
#include <console_frame.h>

uint16_t frame_crc16(const uint8_t *p, size_t len)
{
	uint16_t crc = 0xFFFF;
	size_t i;
	int b;

	for (i = 0; i < len; i++) {
		crc ^= (uint16_t)(p[i] << 8);
		for (b = 0; b < 8; b++)
			crc = crc & 0x8000 ? (uint16_t)(crc << 1 ^ 0x1021) : (uint16_t)(crc << 1);
	}
	return crc;
}

/* COBS: each run of non-zero bytes is preceded by its length + 1. */
static size_t cobs_encode(const uint8_t *in, size_t len, uint8_t *out)
{
	size_t code_at = 0, o = 1, i;
	uint8_t code = 1;

	for (i = 0; i < len; i++) {
		if (in[i]) {
			out[o++] = in[i];
			code++;
		}
		if (!in[i] || code == 0xFF) {
			out[code_at] = code;
			code = 1;
			code_at = o++;
		}
	}
	out[code_at] = code;
	return o;
}

/* Decode in place; returns the decoded length, or -1 if malformed. */
static long cobs_decode(uint8_t *buf, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		uint8_t code = buf[i++];
		size_t k;

		if (!code || i + code - 1 > len)
			return -1;
		for (k = 1; k < code; k++)
			buf[o++] = buf[i++];
		if (code < 0xFF && i < len)
			buf[o++] = 0;
	}
	return (long)o;
}

size_t frame_encode(uint8_t chan, const uint8_t *data, size_t len, uint8_t *out)
{
	uint8_t raw[FRAME_DATA_MAX + 3];
	uint16_t crc;
	size_t i, n;

	if (len > FRAME_DATA_MAX)
		len = FRAME_DATA_MAX;
	raw[0] = chan;
	for (i = 0; i < len; i++)
		raw[1 + i] = data[i];
	crc = frame_crc16(raw, len + 1);
	raw[len + 1] = (uint8_t)(crc >> 8);
	raw[len + 2] = (uint8_t)crc;
	n = cobs_encode(raw, len + 3, out);
	out[n++] = 0;
	return n;
}

void frame_rx_init(struct frame_rx *rx)
{
	rx->len = 0;
	rx->overflow = false;
	rx->good = rx->bad = 0;
}

bool frame_rx_byte(struct frame_rx *rx, uint8_t byte, uint8_t *chan, const uint8_t **data,
		   size_t *len)
{
	long n;

	if (byte) {
		if (rx->len < sizeof(rx->buf))
			rx->buf[rx->len++] = byte;
		else
			rx->overflow = true;
		return false;
	}
	/* a delimiter: whatever came before it is one frame, or noise */
	n = rx->overflow ? -1 : cobs_decode(rx->buf, rx->len);
	rx->len = 0;
	rx->overflow = false;
	if (n < 3 || frame_crc16(rx->buf, (size_t)n - 2) !=
			     (uint16_t)(rx->buf[n - 2] << 8 | rx->buf[n - 1])) {
		if (n != 0) /* back-to-back delimiters are not an error */
			rx->bad++;
		return false;
	}
	rx->good++;
	*chan = rx->buf[0];
	*data = rx->buf + 1;
	*len = (size_t)n - 3;
	return true;
}
