/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Byte channels (docs/config.md): a full-duplex byte stream between two
 * endpoints, two partitions or a partition and a channel of the
 * hypervisor's console, as ePAPR 1.1 and Linux's ehv_bytechan driver use
 * them. Each direction is a queue of BC_QUEUE_SIZE bytes; a guest sends
 * and receives up to 16 bytes per hypercall, in registers.
 *
 * Flow control end to end: a send that does not fit is refused whole
 * (EV_EAGAIN, nothing sent), so a slow reader never loses a byte; each
 * partition end has a receive interrupt (level: bytes to read) and a
 * transmit interrupt (level: room for a whole send, 16 bytes) on its
 * interrupt controller. Toward the console the queue drains into the
 * console's output ring as its share allows; typed input for the channel
 * is dropped when the queue is full, as a UART's would be.
 */
#ifndef BYTECHAN_H
#define BYTECHAN_H

#include <stdbool.h>
#include <stdint.h>

#include <console.h>
#include <spinlock.h>

struct partition;
struct ipc_ref;

#define BC_MAX 16
#define BC_QUEUE_SIZE 2048u /* a power of 2 */
#define BC_TX_ROOM 16u      /* the transmit interrupt: room for a whole send */

struct bc_queue {
	uint8_t buf[BC_QUEUE_SIZE];
	uint32_t head, tail; /* free-running: head - tail bytes queued */
};

struct bc_end {
	struct partition *part; /* NULL: the console, or a partition that was refused */
	bool console;
	/* a partition end served by one of its devices (its virtio console): its event */
	void (*device)(void *arg);
	void *device_arg;
	struct console_line line; /* console end: the output as it goes on the console */
	uint32_t dropped;         /* console end: typed bytes the queue had no room for */
	volatile bool room;       /* console end: its share drained, the queue may go on */
};

struct bytechan {
	const char *name; /* its node's name (inside the configuration blob) */
	spinlock_t lock;  /* both queues */
	struct bc_queue q[2]; /* q[i]: bytes from end i to end 1 - i */
	struct bc_end end[2];
};

extern struct bytechan bytechans[BC_MAX];
extern unsigned int nbytechans;

/* On a CPU of p under p->lock: the lines of p's end ref as its queues say. */
void bytechan_sync(struct partition *p, struct ipc_ref *ref);
/* After the configuration: which partition is at each end; console ends on their channels. */
void bytechan_bind(void);

/*
 * A partition end served by a device of the partition (its virtio console,
 * stdout with console = "virtio") instead of the hypercalls: configuration
 * time, before the partition runs. From then on bytechan_sync() on its
 * partition's CPU (after the other end or the console changed the
 * channel: ipc_wake()) calls event(arg) instead of moving lines, and the
 * device moves bytes with the calls below, on its partition's CPU.
 */
void bytechan_set_device(unsigned int bc, unsigned int end, void (*event)(void *arg), void *arg);
/* Up to n bytes toward the other end, as many as fit (flow control): how many. */
uint32_t bytechan_write(unsigned int bc, unsigned int end, const uint8_t *buf, uint32_t n);
/* Up to max bytes the other end sent: how many. */
uint32_t bytechan_read(unsigned int bc, unsigned int end, uint8_t *buf, uint32_t max);
/* Bytes waiting for the end (a quick look). */
bool bytechan_pending(unsigned int bc, unsigned int end);

/* Pure queue arithmetic (unit-tested). */
static inline uint32_t bc_used(const struct bc_queue *q)
{
	return q->head - q->tail;
}

static inline uint32_t bc_space(const struct bc_queue *q)
{
	return BC_QUEUE_SIZE - bc_used(q);
}

#endif /* BYTECHAN_H */
