// SPDX-License-Identifier: GPL-2.0-only
/* Split virtqueues in guest memory, walked as hostile input (virtq.h). */
#include <stdarg.h>

#include <arch.h>
#include <gmem.h>
#include <printf.h>
#include <string.h>
#include <virtio.h>
#include <virtq.h>

static bool __attribute__((format(printf, 2, 3))) virtq_bad(struct virtq *q, const char *fmt, ...)
{
	va_list ap;

	if (!q->error) {
		va_start(ap, fmt);
		vsnprintf(q->why, sizeof(q->why), fmt, ap);
		va_end(ap);
		q->error = q->why;
	}
	q->ready = false;
	return false;
}

void virtq_reset(struct virtq *q)
{
	const struct partition *p = q->part;

	memset(q, 0, sizeof(*q));
	q->part = p;
}

bool virtq_start(struct virtq *q)
{
	uint32_t n = q->num;

	q->error = NULL;
	q->last_avail = q->used_idx = q->signalled = 0;
	q->desc_p = q->avail_p = q->used_p = NULL;
	if (!n || n > VIRTQ_NUM_MAX || (n & (n - 1)))
		return virtq_bad(q, "queue size %u is not a power of two up to %u", n,
				 VIRTQ_NUM_MAX);
	if ((q->desc & 15) || (q->avail & 1) || (q->used & 3))
		return virtq_bad(q, "rings not aligned (desc 0x%llx avail 0x%llx used 0x%llx)",
				 (unsigned long long)q->desc, (unsigned long long)q->avail,
				 (unsigned long long)q->used);
	if (!gmem_check(q->part, q->desc, (uint64_t)n * VIRTQ_DESC_SIZE) ||
	    !gmem_check(q->part, q->avail, VIRTQ_AVAIL_SIZE(n)) ||
	    !gmem_check(q->part, q->used, VIRTQ_USED_SIZE(n)))
		return virtq_bad(q, "rings outside the partition's RAM (desc 0x%llx avail 0x%llx "
				    "used 0x%llx)",
				 (unsigned long long)q->desc, (unsigned long long)q->avail,
				 (unsigned long long)q->used);
	q->desc_p = gmem_direct(q->part, q->desc, (uint64_t)n * VIRTQ_DESC_SIZE);
	q->avail_p = gmem_direct(q->part, q->avail, VIRTQ_AVAIL_SIZE(n));
	q->used_p = gmem_direct(q->part, q->used, VIRTQ_USED_SIZE(n));
	q->ready = true;
	return true;
}

/*
 * Fields of the rings, little-endian, each read or written once as a whole
 * (the driver reads an index while the device writes it, and may write
 * anything at any moment: a value is read once, then checked). p is an
 * aligned pointer into the direct map.
 */
#define HOST_BIG_ENDIAN (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

static inline uint16_t ld_le16(const uint8_t *p)
{
	uint16_t v = *(const volatile uint16_t *)p;

	return HOST_BIG_ENDIAN ? __builtin_bswap16(v) : v;
}

static inline uint32_t ld_le32(const uint8_t *p)
{
	uint32_t v = *(const volatile uint32_t *)p;

	return HOST_BIG_ENDIAN ? __builtin_bswap32(v) : v;
}

static inline void st_le16(uint8_t *p, uint16_t v)
{
	*(volatile uint16_t *)p = HOST_BIG_ENDIAN ? __builtin_bswap16(v) : v;
}

static inline void st_le32(uint8_t *p, uint32_t v)
{
	*(volatile uint32_t *)p = HOST_BIG_ENDIAN ? __builtin_bswap32(v) : v;
}

/*
 * A 16-bit field at byte off of a ring (gpa base, hypervisor pointer p or
 * NULL; off inside the ring as virtq_start() checked it); false if it
 * cannot be read.
 */
static bool ring_le16(const struct virtq *q, uint64_t base, const uint8_t *p, uint32_t off,
		      uint16_t *v)
{
	uint8_t b[2];

	if (p) {
		*v = ld_le16(p + off);
		return true;
	}
	if (!gmem_read(q->part, base + off, b, 2))
		return false;
	*v = virtio_le16(b);
	return true;
}

static bool ring_put_le16(const struct virtq *q, uint64_t base, uint8_t *p, uint32_t off,
			  uint16_t v)
{
	uint8_t b[2];

	if (p) {
		st_le16(p + off, v);
		return true;
	}
	virtio_put_le16(b, v);
	return gmem_write(q->part, base + off, b, 2);
}

#define AVAIL_FIELD(q, off, v) ring_le16(q, (q)->avail, (q)->avail_p, off, v)

/* The driver's available index; false (queue broken) if it ran ahead by more than num. */
static bool avail_idx(struct virtq *q, uint16_t *idx)
{
	if (!AVAIL_FIELD(q, 2, idx))
		return virtq_bad(q, "available ring unreadable");
	if ((uint16_t)(*idx - q->last_avail) > q->num)
		return virtq_bad(q, "available index %u jumped ahead of %u (queue size %u)", *idx,
				 q->last_avail, q->num);
	return true;
}

bool virtq_has_work(const struct virtq *q)
{
	uint16_t idx;

	return q->ready && !q->error && AVAIL_FIELD(q, 2, &idx) && idx != q->last_avail;
}

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

/*
 * Descriptor i of a table (gpa table, tp its hypervisor pointer if the
 * table is in the direct map and word-aligned, else NULL), one read each.
 */
static bool read_desc(const struct virtq *q, uint64_t table, const uint8_t *tp, unsigned int i,
		      struct desc *d)
{
	uint8_t b[VIRTQ_DESC_SIZE];
	uint32_t fl;

	if (tp) {
		tp += (size_t)i * VIRTQ_DESC_SIZE;
		d->addr = ld_le32(tp) | (uint64_t)ld_le32(tp + 4) << 32;
		d->len = ld_le32(tp + 8);
		fl = ld_le32(tp + 12);
		d->flags = (uint16_t)fl;
		d->next = (uint16_t)(fl >> 16);
		return true;
	}
	if (!gmem_read(q->part, table + (uint64_t)i * VIRTQ_DESC_SIZE, b, sizeof(b)))
		return false;
	d->addr = virtio_le64(b);
	d->len = virtio_le32(b + 8);
	d->flags = virtio_le16(b + 12);
	d->next = virtio_le16(b + 14);
	return true;
}

/* Follow chain `head` into c; false (queue broken) on any broken rule. */
static bool walk(struct virtq *q, uint16_t head, struct virtq_chain *c)
{
	uint64_t table = q->desc;
	const uint8_t *tp = q->desc_p;
	uint32_t table_len = q->num, i = head, visited = 0, in_table = 0;
	bool indirect = false;
	struct virtq_seg *s;
	struct desc d;

	c->head = head;
	c->nread = c->nwrite = 0;
	c->read_len = c->write_len = 0;
	if (head >= q->num)
		return virtq_bad(q, "head index %u out of range (queue size %u)", head, q->num);
	for (;;) {
		if (++visited > VIRTQ_SEG_MAX)
			return virtq_bad(q, "chain %u longer than %u descriptors", head,
					 VIRTQ_SEG_MAX);
		if (++in_table > table_len)
			return virtq_bad(q, "chain %u loops (%u descriptors in a table of %u)",
					 head, in_table, table_len);
		if (!read_desc(q, table, tp, i, &d))
			return virtq_bad(q, "descriptor table unreadable");
		if (d.flags & VIRTQ_DESC_F_INDIRECT) {
			if (!q->indirect)
				return virtq_bad(q, "indirect descriptor, not negotiated");
			if (indirect)
				return virtq_bad(q, "indirect descriptor in an indirect table");
			if (visited != 1 || in_table != 1 || (d.flags & VIRTQ_DESC_F_NEXT))
				return virtq_bad(q, "indirect descriptor not alone in chain %u", head);
			/* no alignment: Linux's kmalloc() gives 8-byte aligned tables */
			if (!d.len || d.len % VIRTQ_DESC_SIZE || !gmem_check(q->part, d.addr, d.len))
				return virtq_bad(q, "indirect table 0x%llx+0x%x is not a table in the "
						    "partition's RAM",
						 (unsigned long long)d.addr, d.len);
			indirect = true;
			table = d.addr;
			tp = d.addr & 3 ? NULL : gmem_direct(q->part, d.addr, d.len);
			table_len = d.len / VIRTQ_DESC_SIZE;
			i = 0;
			in_table = 0;
			visited = 0; /* the table's buffers are the chain's (one read more) */
			continue;
		}
		if (d.flags & VIRTQ_DESC_F_WRITE) {
			c->nwrite++;
			c->write_len += d.len;
		} else if (c->nwrite) {
			return virtq_bad(q, "chain %u: device-readable buffer after a writable one",
					 head);
		} else {
			c->nread++;
			c->read_len += d.len;
		}
		s = &c->seg[c->nread + c->nwrite - 1];
		s->hva = gmem_direct(q->part, d.addr, d.len);
		if (!s->hva && !gmem_check(q->part, d.addr, d.len))
			return virtq_bad(q, "buffer 0x%llx+0x%x outside the partition's RAM",
					 (unsigned long long)d.addr, d.len);
		s->gpa = d.addr;
		s->len = d.len;
		if (!(d.flags & VIRTQ_DESC_F_NEXT))
			return true;
		i = d.next;
		if (i >= table_len)
			return virtq_bad(q, "chain %u: next index %u out of range (table of %u)",
					 head, i, table_len);
	}
}

int virtq_pop(struct virtq *q, struct virtq_chain *c)
{
	uint16_t idx, head;

	if (q->error)
		return -1;
	if (!q->ready)
		return 0;
	if (!avail_idx(q, &idx))
		return -1;
	if (idx == q->last_avail)
		return 0;
	arch_smp_mb(); /* the entry after the index that published it */
	if (!AVAIL_FIELD(q, 4 + 2u * (q->last_avail % q->num), &head)) {
		virtq_bad(q, "available ring unreadable");
		return -1;
	}
	if (!walk(q, head, c))
		return -1;
	q->last_avail++;
	return 1;
}

bool virtq_push(struct virtq *q, uint16_t head, uint32_t written)
{
	uint32_t off = 4 + 8u * (q->used_idx % q->num);
	uint8_t e[8];

	if (q->error || !q->ready)
		return false;
	if (q->used_p) {
		st_le32(q->used_p + off, head);
		st_le32(q->used_p + off + 4, written);
	} else {
		virtio_put_le32(e, head);
		virtio_put_le32(e + 4, written);
		if (!gmem_write(q->part, q->used + off, e, sizeof(e)))
			return virtq_bad(q, "used ring unwritable");
	}
	arch_smp_mb(); /* the entry before the index that publishes it */
	q->used_idx++;
	if (!ring_put_le16(q, q->used, q->used_p, 2, q->used_idx))
		return virtq_bad(q, "used ring unwritable");
	return true;
}

bool virtq_should_interrupt(struct virtq *q)
{
	uint16_t old = q->signalled, new = q->used_idx, v;

	if (q->error || !q->ready || old == new)
		return false;
	arch_smp_mb(); /* the used index written before the driver's wishes are read */
	q->signalled = new;
	if (q->event_idx) { /* used_event: after avail ring[num] */
		if (!AVAIL_FIELD(q, 4 + 2u * q->num, &v))
			return virtq_bad(q, "available ring unreadable");
		return (uint16_t)(new - v - 1) < (uint16_t)(new - old);
	}
	if (!AVAIL_FIELD(q, 0, &v))
		return virtq_bad(q, "available ring unreadable");
	return !(v & VIRTQ_AVAIL_F_NO_INTERRUPT);
}

bool virtq_enable_notify(struct virtq *q)
{
	uint16_t idx;

	if (q->error || !q->ready)
		return false;
	if (q->event_idx) { /* avail_event: after used ring[num] */
		if (!ring_put_le16(q, q->used, q->used_p, 4 + 8u * q->num, q->last_avail))
			return virtq_bad(q, "used ring unwritable");
		arch_smp_mb(); /* published before the driver's index is read again */
	}
	return avail_idx(q, &idx) && idx != q->last_avail;
}

/* ---------------------------------------------------------------- copies */

/* A position in one part (readable or writable) of a chain. */
struct cursor {
	const struct virtq_chain *c;
	unsigned int i, end; /* segment, one past the part's last */
	uint64_t in;         /* offset into segment i */
};

/* At byte off of the part; false if the part is shorter than off + len. */
static bool cursor_init(struct cursor *k, const struct virtq_chain *c, bool write, uint64_t off,
			uint64_t len)
{
	uint64_t total = write ? c->write_len : c->read_len;

	if (off > total || len > total - off)
		return false;
	k->c = c;
	k->i = write ? c->nread : 0;
	k->end = write ? c->nread + c->nwrite : c->nread;
	while (k->i < k->end && off >= c->seg[k->i].len)
		off -= c->seg[k->i++].len;
	k->in = off;
	return true;
}

/*
 * Up to `want` contiguous bytes at the cursor (their address in *gpa, and
 * in *hva if the buffer is in the direct map, else NULL); moves past them.
 */
static uint64_t cursor_take(struct cursor *k, uint64_t want, uint64_t *gpa, uint8_t **hva)
{
	const struct virtq_seg *s;
	uint64_t n;

	while (k->i < k->end && k->in == k->c->seg[k->i].len) {
		k->i++;
		k->in = 0;
	}
	if (k->i == k->end)
		return 0; /* never: the lengths were checked */
	s = &k->c->seg[k->i];
	n = s->len - k->in;
	if (n > want)
		n = want;
	*gpa = s->gpa + k->in;
	*hva = s->hva ? s->hva + k->in : NULL;
	k->in += n;
	return n;
}

/*
 * The common case, without the cursor: [off, off + len) of the part lies
 * in its first buffer, which is directly reached. Its pointer, or NULL.
 */
static uint8_t *direct_span(const struct virtq_chain *c, bool write, uint64_t off, size_t len)
{
	const struct virtq_seg *s = &c->seg[write ? c->nread : 0];

	if (!(write ? c->nwrite : c->nread) || !s->hva || off > s->len || len > s->len - off)
		return NULL;
	return s->hva + off;
}

enum xfer { X_READ, X_WRITE, X_TO_GUEST, X_FROM_GUEST };

static bool xfer(const struct virtq *q, const struct virtq_chain *c, uint64_t off, void *buf,
		 uint64_t pa, size_t len, enum xfer op)
{
	bool write = op == X_WRITE || op == X_TO_GUEST;
	struct cursor k;
	uint64_t gpa, n;
	uint8_t *hva;
	bool ok = true;

	if (!cursor_init(&k, c, write, off, len))
		return false;
	for (; len && ok; len -= n, pa += n) {
		n = cursor_take(&k, len, &gpa, &hva);
		if (!n)
			return false;
		switch (op) {
		case X_READ:
			if (hva)
				memcpy(buf, hva, n);
			else
				ok = gmem_read(q->part, gpa, buf, n);
			break;
		case X_WRITE:
			if (hva)
				memcpy(hva, buf, n);
			else
				ok = gmem_write(q->part, gpa, buf, n);
			break;
		case X_TO_GUEST:
		case X_FROM_GUEST:
			ok = gmem_phys(q->part, gpa, pa, n, op == X_TO_GUEST);
			break;
		}
		if (buf)
			buf = (char *)buf + n;
	}
	return ok;
}

bool virtq_read(const struct virtq *q, const struct virtq_chain *c, uint64_t off, void *buf,
		size_t len)
{
	const uint8_t *p = direct_span(c, false, off, len);

	if (p) {
		memcpy(buf, p, len);
		return true;
	}
	return xfer(q, c, off, buf, 0, len, X_READ);
}

bool virtq_write(const struct virtq *q, const struct virtq_chain *c, uint64_t off,
		 const void *buf, size_t len)
{
	uint8_t *p = direct_span(c, true, off, len);

	if (p) {
		memcpy(p, buf, len);
		return true;
	}
	return xfer(q, c, off, (void *)(uintptr_t)buf, 0, len, X_WRITE);
}

bool virtq_phys(const struct virtq *q, const struct virtq_chain *c, uint64_t off, uint64_t pa,
		size_t len, bool to_guest)
{
	return xfer(q, c, off, NULL, pa, len, to_guest ? X_TO_GUEST : X_FROM_GUEST);
}

bool virtq_copy(const struct virtq *dq, const struct virtq_chain *dc, uint64_t doff,
		const struct virtq *sq, const struct virtq_chain *sc, uint64_t soff, size_t len)
{
	struct cursor d, s;
	uint64_t dgpa = 0, sgpa = 0, dn = 0, sn = 0, n;
	uint8_t *dh = direct_span(dc, true, doff, len), *sh = direct_span(sc, false, soff, len);

	if (dh && sh) { /* each in its first buffer, as a frame usually is */
		memcpy(dh, sh, len);
		return true;
	}
	dh = sh = NULL;
	if (!cursor_init(&d, dc, true, doff, len) || !cursor_init(&s, sc, false, soff, len))
		return false;
	while (len) {
		if (!dn)
			dn = cursor_take(&d, len, &dgpa, &dh);
		if (!sn)
			sn = cursor_take(&s, len, &sgpa, &sh);
		if (!dn || !sn)
			return false;
		n = dn < sn ? dn : sn;
		if (dh && sh)
			memcpy(dh, sh, n);
		else if (!gmem_copy(dq->part, dgpa, sq->part, sgpa, n))
			return false;
		dgpa += n;
		sgpa += n;
		dh = dh ? dh + n : NULL;
		sh = sh ? sh + n : NULL;
		dn -= n;
		sn -= n;
		len -= n;
	}
	return true;
}
