// SPDX-License-Identifier: GPL-2.0-only
/* Virtual switches between partitions: learning, flooding, link state (vswitch.h). */
#include <string.h>
#include <vswitch.h>

struct vswitch vswitches[VSWITCH_MAX];
unsigned int nvswitches;

struct vswitch_port *vswitch_port_of(const struct partition *p, unsigned int n)
{
	unsigned int s, i;

	for (s = 0; s < nvswitches; s++)
		for (i = 0; i < vswitches[s].nports; i++)
			if (!strcmp(vswitches[s].port[i].partition, p->name) && n-- == 0)
				return &vswitches[s].port[i];
	return NULL;
}

unsigned int vswitch_port_count(const struct partition *p)
{
	unsigned int n = 0;

	while (vswitch_port_of(p, n))
		n++;
	return n;
}

void vswitch_bind(struct vswitch_port *port, const struct vswitch_port_ops *ops, void *dev)
{
	port->ops = ops;
	port->dev = dev;
}

bool vswitch_link(const struct vswitch_port *port)
{
	const struct vswitch *sw = port->sw;
	unsigned int i;

	for (i = 0; i < sw->nports; i++)
		if (&sw->port[i] != port && sw->port[i].up)
			return true;
	return false;
}

void vswitch_set_up(struct vswitch_port *port, bool up)
{
	struct vswitch *sw = port->sw;
	unsigned int i;

	if (port->up == up)
		return;
	port->up = up;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* every port's link may have changed: the others', and this one's own */
	for (i = 0; i < sw->nports; i++)
		if (sw->port[i].ops)
			sw->port[i].ops->link_changed(&sw->port[i]);
}

/* Two addresses equal (inline: the switch compares a few per frame). */
static inline bool mac_eq(const uint8_t *a, const uint8_t *b)
{
	return a[5] == b[5] && a[4] == b[4] && a[3] == b[3] && a[2] == b[2] && a[1] == b[1] &&
	       a[0] == b[0];
}

static bool is_unicast(const uint8_t *mac)
{
	return !(mac[0] & 1);
}

/* Where dst was learned, or -1. */
static int fdb_lookup(struct vswitch *sw, const uint8_t *dst)
{
	unsigned int i;
	int port = -1;

	spin_lock(&sw->lock);
	for (i = 0; i < VSWITCH_FDB; i++)
		if (sw->fdb[i].used && mac_eq(sw->fdb[i].mac, dst)) {
			port = sw->fdb[i].port;
			break;
		}
	spin_unlock(&sw->lock);
	return port;
}

/* src was seen on port: remember it (a known address moves, a new one takes a free entry). */
static void fdb_learn(struct vswitch *sw, const uint8_t *src, unsigned int port)
{
	unsigned int i, slot = VSWITCH_FDB;

	if (!is_unicast(src))
		return;
	spin_lock(&sw->lock);
	for (i = 0; i < VSWITCH_FDB; i++) {
		if (sw->fdb[i].used && mac_eq(sw->fdb[i].mac, src)) {
			slot = i;
			break;
		}
		if (!sw->fdb[i].used && slot == VSWITCH_FDB)
			slot = i;
	}
	if (slot == VSWITCH_FDB) { /* full: the oldest entry goes, round robin */
		slot = sw->fdb_next;
		sw->fdb_next = (sw->fdb_next + 1) % VSWITCH_FDB;
	}
	memcpy(sw->fdb[slot].mac, src, 6);
	sw->fdb[slot].port = (uint8_t)port;
	sw->fdb[slot].used = true;
	spin_unlock(&sw->lock);
}

static void deliver(struct vswitch_port *to, const struct vswitch_frame *f)
{
	if (!to->up || !to->ops || !to->ops->receive(to, f))
		to->rx_dropped++;
	else
		to->rx_frames++;
}

/* The port whose configured address mac is, or -1. */
static int configured_port(const struct vswitch *sw, const uint8_t *mac)
{
	unsigned int i;

	for (i = 0; i < sw->nports; i++)
		if (mac_eq(sw->port[i].mac, mac))
			return (int)i;
	return -1;
}

void vswitch_send(struct vswitch_port *from, const struct vswitch_frame *f)
{
	struct vswitch *sw = from->sw;
	unsigned int self = (unsigned int)(from - sw->port), i;
	int to = -1, owner;

	from->tx_frames++;
	if (f->len < VSWITCH_ETH_HDR || f->len > VSWITCH_FRAME_MAX) {
		from->tx_dropped++;
		return;
	}
	/* another port's configured address as source: spoofed, never learned nor sent */
	owner = configured_port(sw, f->hdr + 6);
	if (owner >= 0 && owner != (int)self) {
		from->tx_dropped++;
		return;
	}
	if (owner < 0)
		fdb_learn(sw, f->hdr + 6, self);
	if (is_unicast(f->hdr)) {
		to = configured_port(sw, f->hdr);
		if (to < 0)
			to = fdb_lookup(sw, f->hdr);
	}
	if (to == (int)self)
		return; /* for its own sender: the switch does not hairpin */
	if (to >= 0) {
		deliver(&sw->port[to], f);
		return;
	}
	for (i = 0; i < sw->nports; i++) /* broadcast, multicast, unknown unicast */
		if (i != self)
			deliver(&sw->port[i], f);
}

void vswitch_derive_mac(const char *net, const char *part, uint8_t mac[6])
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, 64 bits */
	const char *s;
	unsigned int i;

	for (s = net; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
	h = (h ^ '/') * 0x100000001b3ull;
	for (s = part; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
	mac[0] = 0x02; /* locally administered, unicast */
	for (i = 1; i < 6; i++)
		mac[i] = (uint8_t)(h >> (8 * (i - 1)));
}
