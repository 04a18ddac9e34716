/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Numbers of the VIRTIO 1.2 specification (OASIS, "Virtual I/O Device"):
 * device status bits, feature bits, split-ring layout and flags, and the
 * little-endian field access the rings and registers need (virtio 1.x
 * structures are little-endian; the e500 is big-endian). Values only:
 * the transport is hv/vdev/virtio_mmio.c, the ring walker hv/core/virtq.c.
 */
#ifndef VIRTIO_H
#define VIRTIO_H

#include <stdint.h>

/* Device status (2.1) */
#define VIRTIO_STATUS_ACKNOWLEDGE 0x01u
#define VIRTIO_STATUS_DRIVER 0x02u
#define VIRTIO_STATUS_DRIVER_OK 0x04u
#define VIRTIO_STATUS_FEATURES_OK 0x08u
#define VIRTIO_STATUS_NEEDS_RESET 0x40u
#define VIRTIO_STATUS_FAILED 0x80u

/* Reserved feature bits (6) */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32
#define VIRTIO_FEATURE(bit) (1ull << (bit))

/* Device IDs (5) */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3

/* Split virtqueue (2.7): a descriptor is 16 bytes: addr, len, flags, next */
#define VIRTQ_DESC_SIZE 16u
#define VIRTQ_DESC_F_NEXT 1u
#define VIRTQ_DESC_F_WRITE 2u
#define VIRTQ_DESC_F_INDIRECT 4u
/* avail: flags, idx, ring[num], used_event; used: flags, idx, ring[num] of 8 bytes, avail_event */
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1u
#define VIRTQ_USED_F_NO_NOTIFY 1u
#define VIRTQ_AVAIL_SIZE(num) (4u + 2u * (num) + 2u)
#define VIRTQ_USED_SIZE(num) (4u + 8u * (num) + 2u)

/* Little-endian fields, whatever the host's byte order (unit tests run on x86). */
static inline uint16_t virtio_le16(const uint8_t *b)
{
	return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t virtio_le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline uint64_t virtio_le64(const uint8_t *b)
{
	return (uint64_t)virtio_le32(b) | (uint64_t)virtio_le32(b + 4) << 32;
}

static inline void virtio_put_le16(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static inline void virtio_put_le32(uint8_t *b, uint32_t v)
{
	virtio_put_le16(b, (uint16_t)v);
	virtio_put_le16(b + 2, (uint16_t)(v >> 16));
}

static inline void virtio_put_le64(uint8_t *b, uint64_t v)
{
	virtio_put_le32(b, (uint32_t)v);
	virtio_put_le32(b + 4, (uint32_t)(v >> 32));
}

#endif /* VIRTIO_H */
