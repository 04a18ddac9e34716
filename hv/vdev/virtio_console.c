// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-console (VIRTIO 1.2, 5.3): a partition's console as a virtio
 * device (Linux's virtio_console, /dev/hvc0), for a partition whose
 * configuration says console = "virtio". It is the partition's console
 * channel on the hypervisor console like the emulated UART's: its output
 * goes to the partition's line stream (prefixed lines, or its mux channel's
 * exact bytes), and what is typed for the partition (the focus, or its mux
 * channel) comes in through it. One port, no features: a receive queue
 * (0) and a transmit queue (1).
 *
 * Output never overruns the console: when the partition's share of it is
 * full, the chain being written waits, part-written, for the console's
 * "room again" (partition_console_poll() -> console_poll()), and the guest
 * waits for its buffers to come back, as with a UART's busy transmitter.
 * A notification takes at most VCONS_BUDGET chains.
 *
 * Input: the console's CPU queues typed bytes in a ring (single producer,
 * single consumer, as the UART's); the partition's CPU moves them into the
 * guest's receive buffers, a buffer per batch. Input that finds the ring
 * full is dropped, as a UART's would be.
 *
 * Connected to a byte channel instead (stdout = "NAME" beside console =
 * "virtio", docs/config.md): the device is the partition's end of the
 * channel (bytechan.h), whose other end is another partition (its ePAPR
 * byte channel, or its own virtio console) or a channel of the hypervisor
 * console; the partition's console slot stays with its UART. Output goes
 * into the channel's queue as far as it has room, the chain waiting
 * part-written for the rest; input comes out of the queue only into
 * receive buffers the driver gave, the rest waiting in the queue, whose
 * writer waits in turn. Nothing is dropped either way: flow control end to
 * end. The channel's events (room again, bytes to read) reach the device
 * on its partition's CPU through bytechan_sync().
 */
#include <arch.h>
#include <bytechan.h>
#include <partition.h>
#include <printf.h>
#include <string.h>
#include <virtio.h>

#include "virtio_dev.h"

#define VCONS_RXQ 0
#define VCONS_TXQ 1
#define VCONS_RING 1024 /* typed input on its way to the partition's CPU (a power of 2) */
#define VCONS_BUDGET 64 /* chains per notification */
#define VCONS_CHUNK 64  /* bytes copied from or to the guest at once */

struct vcons {
	struct virtq_chain tx; /* the chain being written out */
	bool tx_busy;          /* ... part-written, waiting for room */
	uint64_t tx_off;       /* the bytes of it already on the console */
	struct virtq_chain rx; /* a receive buffer being filled */
	uint8_t ring[VCONS_RING];
	volatile uint32_t put, get;
	uint32_t out_bytes, in_bytes, in_dropped;
	uint32_t tx_waits; /* output that found no room and waited (flow control) */
	struct virtio_dev *vd;
	int bc;              /* the byte channel it is an end of, or -1: the hypervisor console */
	unsigned int bc_end; /* ... which end */
};

static struct vcons vcons_state[PART_MAX];

static unsigned int vcons_count(const struct partition *p)
{
	return p->virtio_console ? 1 : 0;
}

static void vcons_channel_event(void *arg);

static void vcons_attach(struct virtio_dev *vd, const struct partition *p, unsigned int idx)
{
	struct vcons *c = &vcons_state[p - partitions];

	vd->be = c;
	vd->features = 0;
	vd->config_len = 0;
	c->vd = vd;
	c->bc = p->stdout_bc;
	c->bc_end = p->stdout_end;
	if (c->bc >= 0)
		bytechan_set_device((unsigned int)c->bc, c->bc_end, vcons_channel_event, c);
}

static void vcons_reset(struct virtio_dev *vd)
{
	struct vcons *c = vd->be;

	c->tx_busy = false; /* input still queued stays queued */
}

/* The partition's console slot, unless it is a byte channel's end (the UART keeps it). */
static bool vcons_claims(const struct virtio_dev *vd)
{
	const struct vcons *c = vd->be;

	return c->bc < 0;
}

/* Up to n bytes of output where they go: how many went (the rest waits for room). */
static uint32_t vcons_out(struct vcons *c, struct partition *p, const uint8_t *buf, uint32_t n)
{
	uint32_t i;

	if (c->bc >= 0)
		return bytechan_write((unsigned int)c->bc, c->bc_end, buf, n);
	for (i = 0; i < n && partition_console_writable(p); i++)
		partition_console_putc(p, (char)buf[i]);
	return i;
}

/* Output: chains of the transmit queue onto the console while it has room. */
static void vcons_tx(struct virtio_dev *vd)
{
	struct vcons *c = vd->be;
	struct partition *p = vd->part;
	struct virtq *q = &vd->vq[VCONS_TXQ];
	uint8_t buf[VCONS_CHUNK];
	unsigned int chains = 0;
	uint64_t len;
	uint32_t n;
	int r;

	for (;;) {
		if (!c->tx_busy) {
			r = virtq_pop(q, &c->tx);
			if (r < 0)
				return;
			if (!r) {
				if (virtq_enable_notify(q))
					continue;
				break;
			}
			c->tx_busy = true;
			c->tx_off = 0;
		}
		while (c->tx_off < c->tx.read_len) {
			len = c->tx.read_len - c->tx_off;
			if (len > sizeof(buf))
				len = sizeof(buf);
			if (!virtq_read(q, &c->tx, c->tx_off, buf, len))
				return; /* never: the chain's lengths were checked */
			n = vcons_out(c, p, buf, (uint32_t)len);
			c->tx_off += n;
			c->out_bytes += n;
			if (n < len) {
				c->tx_waits++;
				goto wait; /* the rest when the console or channel has room */
			}
		}
		c->tx_busy = false;
		if (!virtq_push(q, c->tx.head, 0))
			return;
		if (++chains == VCONS_BUDGET) {
			virtio_more_work(vd);
			break;
		}
	}
wait:
	if (c->bc < 0)
		partition_console_push(p);
	virtio_used(vd, VCONS_TXQ);
}

/* Input waiting: typed bytes in the ring, or the channel's queue. */
static bool vcons_has_input(const struct vcons *c)
{
	if (c->bc >= 0)
		return bytechan_pending((unsigned int)c->bc, c->bc_end);
	return c->get != c->put;
}

/* Up to max bytes of input into buf: how many. */
static uint32_t vcons_in(struct vcons *c, uint8_t *buf, uint32_t max)
{
	uint32_t get = c->get, n = 0;

	if (c->bc >= 0)
		return bytechan_read((unsigned int)c->bc, c->bc_end, buf, max);
	arch_smp_mb(); /* the bytes after the index that published them */
	while (get != c->put && n < max)
		buf[n++] = c->ring[get++ % VCONS_RING];
	c->get = get;
	return n;
}

/* Input: queued bytes into the guest's receive buffers (the partition's CPU). */
static void vcons_rx(struct virtio_dev *vd)
{
	struct vcons *c = vd->be;
	struct virtq *q = &vd->vq[VCONS_RXQ];
	uint8_t buf[VCONS_CHUNK];
	uint64_t off, max;
	uint32_t n;
	int r;

	while (vcons_has_input(c)) {
		r = virtq_pop(q, &c->rx);
		if (r < 0)
			break; /* a broken ring: the transport says so */
		if (!r) {
			/* no buffer: the bytes wait, and the driver says when it adds one */
			if (virtq_enable_notify(q))
				continue;
			break;
		}
		/* the buffer filled with what waits, taken only as far as it holds */
		for (off = 0; off < c->rx.write_len; off += n) {
			max = c->rx.write_len - off;
			n = vcons_in(c, buf, max < sizeof(buf) ? (uint32_t)max : sizeof(buf));
			if (!n)
				break;
			if (!virtq_write(q, &c->rx, off, buf, n))
				goto out; /* never: the chain's lengths were checked */
		}
		if (!virtq_push(q, c->rx.head, (uint32_t)off))
			break;
		c->in_bytes += (uint32_t)off;
	}
out:
	virtio_used(vd, VCONS_RXQ);
}

static void vcons_notify(struct virtio_dev *vd, unsigned int q)
{
	if (q == VCONS_TXQ)
		vcons_tx(vd);
	else
		vcons_rx(vd); /* new receive buffers: input may have waited for them */
}

/* Work left by the budget, or the console's "room again", or typed input. */
static void vcons_poll(struct virtio_dev *vd)
{
	vcons_tx(vd);
	vcons_rx(vd);
}

/*
 * The byte channel changed (its partition's CPU, under its lock: room
 * again, or bytes to read): on with both directions.
 */
static void vcons_channel_event(void *arg)
{
	struct vcons *c = arg;

	if (virtio_live(c->vd))
		vcons_poll(c->vd);
}

/* A byte typed for the partition (the console's CPU). */
static bool vcons_input(struct virtio_dev *vd, uint8_t ch)
{
	struct vcons *c = vd->be;
	uint32_t put = c->put;

	if (put - c->get >= VCONS_RING) {
		c->in_dropped++;
		return false;
	}
	c->ring[put % VCONS_RING] = ch;
	arch_smp_mb(); /* the byte before the index that publishes it */
	c->put = put + 1;
	return true;
}

static bool vcons_pending(const struct virtio_dev *vd)
{
	const struct vcons *c = vd->be;

	return c->get != c->put;
}

static void vcons_stop(struct virtio_dev *vd)
{
	struct vcons *c = vd->be;

	pr_info("partition %s: virtio-console: %u bytes out, %u in (%u dropped), "
		"%u notifications, %u interrupts, %u waits for room%s%s\n",
		vd->part->name, c->out_bytes, c->in_bytes, c->in_dropped, vd->notifies,
		vd->interrupts, c->tx_waits, c->bc >= 0 ? ", byte channel " : "",
		c->bc >= 0 ? bytechans[c->bc].name : "");
	c->out_bytes = c->in_bytes = c->in_dropped = c->tx_waits = 0;
}

static const struct virtio_backend vcons_backend = {
	.name = "console",
	.device_id = VIRTIO_ID_CONSOLE,
	.nqueues = 2,
	.count = vcons_count,
	.attach = vcons_attach,
	.reset = vcons_reset,
	.notify = vcons_notify,
	.poll = vcons_poll,
	.stop = vcons_stop,
	.console_claims = vcons_claims,
	.console_input = vcons_input,
	.console_poll = vcons_poll,
	.console_pending = vcons_pending,
};
VIRTIO_BACKEND(vcons_backend);
