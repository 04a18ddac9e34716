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
 */
#include <arch.h>
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
};

static struct vcons vcons_state[PART_MAX];

static unsigned int vcons_count(const struct partition *p)
{
	return p->virtio_console ? 1 : 0;
}

static void vcons_attach(struct virtio_dev *vd, const struct partition *p, unsigned int idx)
{
	vd->be = &vcons_state[p - partitions];
	vd->features = 0;
	vd->config_len = 0;
}

static void vcons_reset(struct virtio_dev *vd)
{
	struct vcons *c = vd->be;

	c->tx_busy = false; /* input still queued stays queued */
}

static bool vcons_claims(const struct virtio_dev *vd)
{
	return true;
}

/* Output: chains of the transmit queue onto the console while it has room. */
static void vcons_tx(struct virtio_dev *vd)
{
	struct vcons *c = vd->be;
	struct partition *p = vd->part;
	struct virtq *q = &vd->vq[VCONS_TXQ];
	uint8_t buf[VCONS_CHUNK];
	unsigned int chains = 0, i;
	uint64_t len;
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
			for (i = 0; i < len; i++) {
				if (!partition_console_writable(p))
					goto wait; /* the rest when the console has room */
				partition_console_putc(p, (char)buf[i]);
				c->tx_off++;
				c->out_bytes++;
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
	partition_console_push(p);
	virtio_used(vd, VCONS_TXQ);
}

/* Input: queued bytes into the guest's receive buffers (the partition's CPU). */
static void vcons_rx(struct virtio_dev *vd)
{
	struct vcons *c = vd->be;
	struct virtq *q = &vd->vq[VCONS_RXQ];
	uint8_t buf[VCONS_CHUNK];
	uint32_t get, n;
	int r;

	while (c->get != c->put) {
		r = virtq_pop(q, &c->rx);
		if (r < 0)
			break; /* a broken ring: the transport says so */
		if (!r) {
			/* no buffer: the bytes wait, and the driver says when it adds one */
			if (virtq_enable_notify(q))
				continue;
			break;
		}
		arch_smp_mb(); /* the bytes after the index that published them */
		get = c->get;
		n = 0;
		while (get != c->put && n < sizeof(buf) && n < c->rx.write_len)
			buf[n++] = c->ring[get++ % VCONS_RING];
		if (!virtq_write(q, &c->rx, 0, buf, n) || !virtq_push(q, c->rx.head, n))
			break; /* never for the write: the chain's lengths were checked */
		c->in_bytes += n;
		c->get = get;
	}
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
		"%u notifications, %u interrupts\n",
		vd->part->name, c->out_bytes, c->in_bytes, c->in_dropped, vd->notifies,
		vd->interrupts);
	c->out_bytes = c->in_bytes = c->in_dropped = 0;
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
