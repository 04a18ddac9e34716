/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frames of the multiplexed console (docs/console.md): several channels on
 * one serial line. A frame carries one channel's bytes:
 *
 *   COBS( channel | data[0..n) | crc16 ) 0x00
 *
 * COBS (consistent overhead byte stuffing) leaves no 0x00 inside a frame,
 * so 0x00 delimits frames and a receiver that lost bytes (line noise, a
 * reader joining late) resynchronises at the next one; the CRC
 * (CRC-16/CCITT-FALSE over channel and data, big-endian) rejects what noise
 * damaged. Pure logic, unit-tested on the host.
 */
#ifndef CONSOLE_FRAME_H
#define CONSOLE_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FRAME_DATA_MAX 240 /* data bytes in one frame */
/* The longest encoded frame: 1 + 240 + 2 bytes, COBS's code byte, the 0x00. */
#define FRAME_ENCODED_MAX (FRAME_DATA_MAX + 3 + 2)

/*
 * Encode data[0..len) (len <= FRAME_DATA_MAX) for channel chan into out
 * (FRAME_ENCODED_MAX bytes); returns the encoded length, delimiter included.
 */
size_t frame_encode(uint8_t chan, const uint8_t *data, size_t len, uint8_t *out);

/* A receiver's state: the bytes of the frame being received. */
struct frame_rx {
	uint8_t buf[FRAME_ENCODED_MAX];
	size_t len;
	bool overflow;         /* longer than any frame: dropped at its delimiter */
	uint32_t good, bad;    /* frames delivered, frames dropped (noise) */
};

void frame_rx_init(struct frame_rx *rx);

/*
 * Feed one received byte. At a delimiter that ends a valid frame, returns
 * true with its channel and data (*data points into rx, valid until the
 * next call); otherwise false.
 */
bool frame_rx_byte(struct frame_rx *rx, uint8_t byte, uint8_t *chan, const uint8_t **data,
		   size_t *len);

uint16_t frame_crc16(const uint8_t *p, size_t len);

#endif /* CONSOLE_FRAME_H */
