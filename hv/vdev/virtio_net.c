// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-net (VIRTIO 1.2, 5.1): a partition's port on a virtual switch
 * (vswitch.h), one receive and one transmit queue, the port's MAC address
 * and the link status in its configuration space.
 *
 * Sending: on the sender's CPU, each frame of the transmit queue goes to
 * the switch as the chain it is (after its 12-byte virtio_net_hdr), and
 * every port the switch picks copies it straight from the sender's buffers
 * into a receive buffer of its own guest (virtq_copy(): from one
 * partition's RAM to the other's, both through their memory maps). A
 * receiver without a free buffer drops the frame, as a NIC would. The
 * receiving device's queue is touched under its lock (vd->lock), its
 * interrupt posted to its own CPU.
 *
 * The port is up while the driver is ready (DRIVER_OK, until a reset or a
 * stop of the partition); the link the guest sees is up while another
 * port of the switch is, and a change is a configuration interrupt.
 *
 * No offloads are offered: the guest computes its checksums, frames are
 * at most 1514 bytes (MTU 1500).
 */
#include <arch.h>
#include <partition.h>
#include <printf.h>
#include <string.h>
#include <vio.h>
#include <virtio.h>
#include <vswitch.h>

#include "virtio_dev.h"

#define VIRTIO_NET_F_MAC 5
#define VIRTIO_NET_F_STATUS 16
#define VIRTIO_NET_S_LINK_UP 1

#define VNET_HDR 12 /* struct virtio_net_hdr_v1 */
#define VNET_RXQ 0
#define VNET_TXQ 1
#define VNET_BUDGET 64 /* frames sent per notification */

struct vnet {
	struct virtio_dev *vd;
	struct vswitch_port *port;
	struct virtq_chain tx; /* the frame being sent (the partition's CPU) */
	struct virtq_chain rx; /* the buffer being filled (vd->lock) */
	uint64_t tx_ticks;     /* timebase spent sending (make bench: cost per frame) */
};

static struct vnet vnet_state[PART_MAX][VIO_PER_PARTITION];

static unsigned int vnet_count(const struct partition *p)
{
	return vswitch_port_count(p);
}

/* The link, for the driver's next read of the configuration. */
static void vnet_config_read(struct virtio_dev *vd)
{
	struct vnet *n = vd->be;

	virtio_put_le16(vd->config + 6, vswitch_link(n->port) ? VIRTIO_NET_S_LINK_UP : 0);
}

static void vnet_link_changed(struct vswitch_port *port)
{
	struct vnet *n = port->dev;

	if (virtio_live(n->vd))
		virtio_config_changed(n->vd);
}

/* A frame for this port's guest (on the sender's CPU). */
static bool vnet_receive(struct vswitch_port *to, const struct vswitch_frame *f)
{
	struct vnet *n = to->dev;
	struct virtio_dev *vd = n->vd;
	struct virtq *q = &vd->vq[VNET_RXQ];
	uint8_t hdr[VNET_HDR] = { 0 };
	bool ok = false;
	int r;

	virtio_put_le16(hdr + 10, 1); /* num_buffers */
	spin_lock(&vd->lock);
	if (!virtio_live(vd))
		goto out;
	r = virtq_pop(q, &n->rx);
	if (r < 0) {
		virtio_fail(vd, q->error);
		goto out;
	}
	if (!r)
		goto out; /* no buffer: dropped */
	if (n->rx.write_len < VNET_HDR + f->len) {
		/* too small for the frame: given back empty, the frame dropped */
		virtq_push(q, n->rx.head, 0);
	} else if (virtq_write(q, &n->rx, 0, hdr, sizeof(hdr)) &&
		   virtq_copy(q, &n->rx, VNET_HDR, f->q, f->c, f->off, f->len)) {
		ok = virtq_push(q, n->rx.head, VNET_HDR + f->len);
	}
	virtio_used_remote(vd, VNET_RXQ);
out:
	spin_unlock(&vd->lock);
	return ok;
}

static const struct vswitch_port_ops vnet_port_ops = {
	.receive = vnet_receive,
	.link_changed = vnet_link_changed,
};

/* Frames of the transmit queue to the switch, until it is empty or the budget is spent. */
static void vnet_tx(struct virtio_dev *vd)
{
	struct vnet *n = vd->be;
	struct virtq *q = &vd->vq[VNET_TXQ];
	struct vswitch_frame f = { .q = q, .c = &n->tx, .off = VNET_HDR };
	unsigned int sent = 0;
	uint64_t t0 = arch_timebase();
	int r;

	for (;;) {
		r = virtq_pop(q, &n->tx);
		if (r < 0)
			goto out;
		if (!r) {
			if (virtq_enable_notify(q))
				continue;
			break;
		}
		if (n->tx.read_len < VNET_HDR) {
			virtio_fail(vd, "frame without its header");
			goto out;
		}
		f.len = n->tx.read_len - VNET_HDR > VSWITCH_FRAME_MAX
				? VSWITCH_FRAME_MAX + 1 /* too long: the switch drops it */
				: (uint32_t)(n->tx.read_len - VNET_HDR);
		if (f.len >= VSWITCH_ETH_HDR &&
		    virtq_read(q, &n->tx, VNET_HDR, f.hdr, VSWITCH_ETH_HDR))
			vswitch_send(n->port, &f);
		if (!virtq_push(q, n->tx.head, 0))
			goto out;
		if (++sent == VNET_BUDGET) {
			virtio_more_work(vd);
			break;
		}
	}
	virtio_used(vd, VNET_TXQ);
out:
	n->tx_ticks += arch_timebase() - t0;
}

static void vnet_notify(struct virtio_dev *vd, unsigned int q)
{
	if (q == VNET_TXQ)
		vnet_tx(vd);
	/* the receive queue: new buffers, taken when frames come */
}

static void vnet_driver_ok(struct virtio_dev *vd)
{
	struct vnet *n = vd->be;

	vswitch_set_up(n->port, true);
}

/* Reset or stop: the port is down (vd->lock held on reset: no other lock is taken). */
static void vnet_reset(struct virtio_dev *vd)
{
	struct vnet *n = vd->be;

	vswitch_set_up(n->port, false);
}

/* The run's numbers (what the tests and `make bench` read), then a fresh count. */
static void vnet_stop(struct virtio_dev *vd)
{
	struct vnet *n = vd->be;
	struct vswitch_port *port = n->port;

	pr_info("partition %s: virtio-net %s: tx %u frames (%u dropped), rx %u frames "
		"(%u dropped), %u notifications, %u interrupts, %llu ticks sending\n",
		vd->part->name, port->sw->name, port->tx_frames, port->tx_dropped,
		port->rx_frames, port->rx_dropped, vd->notifies, vd->interrupts,
		(unsigned long long)n->tx_ticks);
	port->tx_frames = port->tx_dropped = port->rx_frames = port->rx_dropped = 0;
	n->tx_ticks = 0;
}

static void vnet_attach(struct virtio_dev *vd, const struct partition *p, unsigned int idx)
{
	struct vnet *n = &vnet_state[p - partitions][idx];

	n->vd = vd;
	n->port = vswitch_port_of(p, idx);
	vswitch_bind(n->port, &vnet_port_ops, n);
	vd->be = n;
	vd->features = VIRTIO_FEATURE(VIRTIO_NET_F_MAC) | VIRTIO_FEATURE(VIRTIO_NET_F_STATUS);
	memcpy(vd->config, n->port->mac, 6);
	vd->config_len = 8; /* mac, status */
}

static const struct virtio_backend vnet_backend = {
	.name = "net",
	.device_id = VIRTIO_ID_NET,
	.nqueues = 2,
	.count = vnet_count,
	.attach = vnet_attach,
	.reset = vnet_reset,
	.driver_ok = vnet_driver_ok,
	.notify = vnet_notify,
	.poll = vnet_tx,
	.stop = vnet_stop,
	.config_read = vnet_config_read,
};
VIRTIO_BACKEND(vnet_backend);
