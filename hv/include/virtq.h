/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Split virtqueues (VIRTIO 1.2, 2.7) walked by the hypervisor in a guest's
 * memory, which the guest may change at any moment: everything read from
 * it is hostile input. Every ring and every buffer is reached through the
 * partition's memory map (gmem.h) and checked before use:
 *
 *  - the rings lie in the partition's RAM, aligned, when the queue starts;
 *  - an available index may run ahead of the device by at most the queue
 *    size; a head or next index must be inside its table;
 *  - a chain visits at most VIRTQ_SEG_MAX descriptors, indirect ones
 *    included, and never more than its table holds (a loop is found by
 *    that count); an indirect table is only the head of a chain, never
 *    nested, and needs VIRTIO_F_INDIRECT_DESC;
 *  - device-readable buffers come before device-writable ones, and every
 *    buffer lies wholly in the partition's RAM.
 *
 * A queue that breaks a rule is broken for good (q->error says why) until
 * the driver resets the device: its owner puts the device in
 * DEVICE_NEEDS_RESET, and nothing else is affected. A walk never takes
 * more than VIRTQ_SEG_MAX descriptor reads, whatever the guest wrote; the
 * caller bounds how many chains it takes per notification.
 *
 * Each ring is translated once, when the queue starts; each buffer once,
 * when its descriptor is walked (the fast path: a pointer into the
 * hypervisor's direct map). What the pointers reach is what the checks
 * above allowed; every value read through them is still checked.
 *
 * Not thread-safe: each queue is used by one CPU at a time (its owner's
 * lock).
 */
#ifndef VIRTQ_H
#define VIRTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct partition;

#define VIRTQ_NUM_MAX 256 /* the largest queue a device offers (QueueNumMax) */
#define VIRTQ_SEG_MAX 64  /* descriptors one chain may visit */

/*
 * A buffer of a chain: guest-physical, checked to lie in the partition's
 * RAM; hva is the hypervisor's pointer to it when it is in one region of
 * the direct map (gmem_direct()), else NULL (copied through gmem).
 */
struct virtq_seg {
	uint64_t gpa;
	uint32_t len;
	uint8_t *hva;
};

/* One available chain: nread device-readable buffers, then nwrite device-writable ones. */
struct virtq_chain {
	uint16_t head; /* its id, given back in the used ring */
	unsigned int nread, nwrite;
	uint64_t read_len, write_len; /* bytes in each part */
	struct virtq_seg seg[VIRTQ_SEG_MAX];
};

struct virtq {
	const struct partition *part;
	/* the driver's set-up (transport registers); fixed while ready */
	uint32_t num;
	uint64_t desc, avail, used;
	bool ready;
	bool event_idx, indirect; /* negotiated VIRTIO_F_EVENT_IDX, VIRTIO_F_INDIRECT_DESC */
	/*
	 * The rings in the hypervisor's direct map, translated once by
	 * virtq_start() (gmem_direct(): the map is fixed, and the queue's
	 * addresses are while it is ready); NULL for a ring that is not (it
	 * crosses two RAM regions or lies beyond the direct map): reached
	 * through gmem field by field. Cleared by virtq_reset().
	 */
	uint8_t *desc_p, *avail_p, *used_p;
	/* the device's progress */
	uint16_t last_avail; /* the next available entry to take */
	uint16_t used_idx;   /* the next used entry to fill */
	uint16_t signalled;  /* used_idx at the last virtq_should_interrupt() */
	const char *error;   /* broken: why (points into why[]) */
	char why[96];
};

/* Forget everything but the partition (device reset). */
void virtq_reset(struct virtq *q);
/*
 * The driver made the queue ready: its size and rings are checked (size a
 * power of two up to VIRTQ_NUM_MAX, rings aligned and in the partition's
 * RAM). True, or false and the queue is broken.
 */
bool virtq_start(struct virtq *q);
/*
 * Take the next available chain: 1 and *c filled in, 0 when there is none
 * (or the queue is not ready), -1 when the ring is bad (q->error).
 */
int virtq_pop(struct virtq *q, struct virtq_chain *c);
/*
 * Give chain head back: `written` bytes were written into its writable
 * part. False: the queue is broken.
 */
bool virtq_push(struct virtq *q, uint16_t head, uint32_t written);
/*
 * After pushes: does the driver want an interrupt for them (its
 * used_event with VIRTIO_F_EVENT_IDX, else its NO_INTERRUPT flag)?
 */
bool virtq_should_interrupt(struct virtq *q);
/*
 * The device is about to stop taking chains: ask the driver for a
 * notification of the next one (avail_event, with VIRTIO_F_EVENT_IDX).
 * True if chains are already waiting (take them instead of waiting).
 */
bool virtq_enable_notify(struct virtq *q);
/* Chains are waiting (a quick look; false on a broken or idle queue). */
bool virtq_has_work(const struct virtq *q);

/*
 * Copy between a chain's buffers (its readable part, or its writable part,
 * from byte `off` of that part) and the hypervisor or another partition's
 * chain. False if the part is shorter than off + len (nothing is copied).
 */
bool virtq_read(const struct virtq *q, const struct virtq_chain *c, uint64_t off, void *buf,
		size_t len);
bool virtq_write(const struct virtq *q, const struct virtq_chain *c, uint64_t off,
		 const void *buf, size_t len);
/* With physical memory the hypervisor owns (a disk): writable part <- pa, or readable part -> pa. */
bool virtq_phys(const struct virtq *q, const struct virtq_chain *c, uint64_t off, uint64_t pa,
		size_t len, bool to_guest);
/* len bytes of src's readable part (from soff) into dst's writable part (from doff). */
bool virtq_copy(const struct virtq *dq, const struct virtq_chain *dc, uint64_t doff,
		const struct virtq *sq, const struct virtq_chain *sc, uint64_t soff, size_t len);

#endif /* VIRTQ_H */
