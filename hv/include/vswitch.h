/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual switches between partitions (configuration /networks, docs/virtio.md).
 *
 * Each network of the configuration is a switch with one port per partition
 * on it. A device behind a port (virtio-net) hands the switch each frame the
 * guest sends, as a chain of buffers in the sender's memory; the switch
 * learns the source address, and delivers a unicast frame to the port that
 * address was learned on, floods broadcast, multicast and unknown unicast
 * frames to every other port, and never returns a frame to its sender.
 * The ports' configured addresses are fixed entries: a frame whose source
 * is another port's configured address is dropped (a partition cannot
 * draw its neighbour's traffic to itself by spoofing), and one for a
 * configured address goes to that port whatever was learned. The
 * receiving device copies the frame into its own guest's buffers: frames are
 * copied by the hypervisor, guests never share memory.
 *
 * A port is up while its partition runs and its driver is ready; a port's
 * link is up while some other port of its switch is up, and every bound
 * port hears of a change (link_changed()).
 *
 * Ports are bound at configuration time and never go away, so their
 * pointers stay valid; what may change under a sender is a receiver's
 * state, which the receiving device guards itself (its own lock).
 */
#ifndef VSWITCH_H
#define VSWITCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <partition.h>
#include <spinlock.h>

#define VSWITCH_MAX 4
#define VSWITCH_FDB 32 /* learned addresses per switch */
#define VSWITCH_ETH_HDR 14
#define VSWITCH_FRAME_MAX 1514 /* an Ethernet frame without FCS, MTU 1500 */

struct virtq;
struct virtq_chain;
struct vswitch;
struct vswitch_port;

/* A frame on its way: len bytes from offset off of chain c's readable part. */
struct vswitch_frame {
	const struct virtq *q;
	const struct virtq_chain *c;
	uint64_t off;
	uint32_t len;
	uint8_t hdr[VSWITCH_ETH_HDR]; /* its Ethernet header, as read once by the sender */
};

struct vswitch_port_ops {
	/* Copy the frame into the port's guest: false if it was dropped (no room). */
	bool (*receive)(struct vswitch_port *to, const struct vswitch_frame *f);
	/* The port's link went up or down (any CPU). */
	void (*link_changed)(struct vswitch_port *port);
};

struct vswitch_port {
	struct vswitch *sw;
	const char *partition; /* its partition's name */
	uint8_t mac[6];        /* the address its device offers the guest */
	const struct vswitch_port_ops *ops; /* the device behind it, once bound */
	void *dev;
	volatile bool up;
	/* counters (each written by one CPU at a time, read for statistics) */
	uint32_t tx_frames, tx_dropped, rx_frames, rx_dropped;
};

struct vswitch {
	int node;
	const char *name;
	struct vswitch_port port[PART_MAX];
	unsigned int nports;
	struct {
		uint8_t mac[6];
		uint8_t port;
		bool used;
	} fdb[VSWITCH_FDB];
	unsigned int fdb_next; /* the entry a new address replaces when all are used */
	spinlock_t lock;       /* the address table */
};

extern struct vswitch vswitches[VSWITCH_MAX];
extern unsigned int nvswitches;

/* The n-th port of partition p (switches in configuration order), or NULL. */
struct vswitch_port *vswitch_port_of(const struct partition *p, unsigned int n);
unsigned int vswitch_port_count(const struct partition *p);
/* Bind a device to its port (configuration time). */
void vswitch_bind(struct vswitch_port *port, const struct vswitch_port_ops *ops, void *dev);
/* The port's device is ready to receive, or not (any CPU). */
void vswitch_set_up(struct vswitch_port *port, bool up);
/* Some other port of the switch is up. */
bool vswitch_link(const struct vswitch_port *port);
/* A frame the port's guest sent (on the sender's CPU). */
void vswitch_send(struct vswitch_port *from, const struct vswitch_frame *f);
/* A stable address for partition `part` on network `net`: 02:xx:xx:xx:xx:xx from both names. */
void vswitch_derive_mac(const char *net, const char *part, uint8_t mac[6]);

#endif /* VSWITCH_H */
