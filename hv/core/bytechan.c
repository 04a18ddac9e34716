// SPDX-License-Identifier: GPL-2.0-only
/*
 * Byte channels (bytechan.h): the queues, the three ePAPR hypercalls, the
 * interrupt lines of partition ends, and ends on the hypervisor console.
 *
 * Who touches what: a channel's queues under its lock, by the hypercalls
 * of either end's partition and by the console (its input, its drain); a
 * partition's lines only on its own CPU (bytechan_sync(), from its own
 * hypercalls or ipc_poll()). A change the other end must see wakes it
 * only on the transitions that move its lines: its receive queue no
 * longer empty, its transmit queue with room for a whole send again.
 *
 * Toward the console, the queue drains in the partition's send and, when
 * the console's share had no room, again on the partition's CPU once the
 * console says there is (bc_console_room() only marks it: the console
 * calls it while draining, perhaps inside a send that holds the lock).
 */
#include <arch.h>
#include <bytechan.h>
#include <console.h>
#include <hcall.h>
#include <ipc.h>
#include <partition.h>
#include <printf.h>
#include <virq.h>

struct bytechan bytechans[BC_MAX];
unsigned int nbytechans;

static uint8_t bc_peek(const struct bc_queue *q, uint32_t i)
{
	return q->buf[(q->tail + i) % BC_QUEUE_SIZE];
}

/* Toward the console: what its share takes now (caller holds bc->lock; e: the partition's end). */
static void console_out(struct bytechan *bc, unsigned int e)
{
	struct bc_queue *q = &bc->q[e];
	struct console_line *l = &bc->end[1 - e].line;

	while (bc_used(q) && console_line_putc(l, (char)bc_peek(q, 0)))
		q->tail++;
	console_line_push(l); /* mux mode: what it wrote, at once */
}

void bytechan_sync(struct partition *p, struct ipc_ref *ref)
{
	struct bytechan *bc = &bytechans[ref->obj];
	unsigned int e = ref->end;
	bool rx, tx;

	spin_lock(&bc->lock);
	if (bc->end[1 - e].room) { /* the console has room again: the rest goes on */
		bc->end[1 - e].room = false;
		console_out(bc, e);
	}
	if (bc->end[e].device) { /* its device moves the bytes: it has no lines */
		spin_unlock(&bc->lock);
		bc->end[e].device(bc->end[e].device_arg);
		return;
	}
	rx = bc_used(&bc->q[1 - e]) != 0;
	tx = bc_space(&bc->q[e]) >= BC_TX_ROOM;
	spin_unlock(&bc->lock);
	if (rx != ref->level[0]) {
		virq_set(p, ref->src[0], rx);
		ref->level[0] = rx;
	}
	if (tx != ref->level[1]) {
		virq_set(p, ref->src[1], tx);
		ref->level[1] = tx;
	}
}

/* The caller's own lines after its own call (its CPU, no lock held). */
static void sync_own(struct partition *p, struct ipc_ref *ref)
{
	uint32_t before;

	spin_lock(&p->lock);
	before = virq_outputs(p);
	bytechan_sync(p, ref);
	virq_kick(p, before);
	spin_unlock(&p->lock);
}

/* Byte i of the data registers (r5..r8: big-endian, the first byte in r5's top). */
static uint8_t reg_byte(const uint32_t *w, unsigned int i)
{
	return (uint8_t)(w[i / 4] >> (24 - 8 * (i % 4)));
}

/*
 * r3 = handle, r4 = count (at most 16), r5..r8 = the bytes. All of them
 * are queued (EV_SUCCESS, r4 = count) or none (EV_EAGAIN, r4 = 0: the
 * transmit interrupt says when a whole send fits again).
 */
static uint32_t ev_bc_send(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part;
	struct ipc_ref *ref = ipc_lookup(p, r[0], IPC_BYTECHAN);
	uint32_t n = r[1], i, used;
	struct bytechan *bc;
	struct bc_queue *q;
	struct partition *peer;
	unsigned int e;

	if (!ref || n > EV_BYTE_CHANNEL_MAX_BYTES)
		return EV_EINVAL;
	bc = &bytechans[ref->obj];
	e = ref->end;
	q = &bc->q[e];
	peer = bc->end[1 - e].part;
	spin_lock(&bc->lock);
	used = bc_used(q);
	if (BC_QUEUE_SIZE - used < n) {
		spin_unlock(&bc->lock);
		r[1] = 0;
		return EV_EAGAIN;
	}
	for (i = 0; i < n; i++)
		q->buf[(q->head + i) % BC_QUEUE_SIZE] = reg_byte(&r[2], i);
	arch_smp_mb(); /* the bytes before the index that publishes them */
	q->head += n;
	if (bc->end[1 - e].console)
		console_out(bc, e);
	spin_unlock(&bc->lock);
	if (n && !used && peer)
		ipc_wake(peer); /* its receive line rises */
	if (p->nvcpus > 1 || (ref->level[1] && bc_space(q) < BC_TX_ROOM))
		sync_own(p, ref); /* our transmit line falls */
	r[1] = n;
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_byte_channel_send, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_SEND),
	       ev_bc_send);

/* r3 = handle, r4 = at most this many (16 at most) -> r4 = count, r5..r8 = the bytes. */
static uint32_t ev_bc_receive(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part;
	struct ipc_ref *ref = ipc_lookup(p, r[0], IPC_BYTECHAN);
	uint32_t max = r[1], n, i, w[4] = { 0, 0, 0, 0 }, before;
	struct bytechan *bc;
	struct bc_queue *q;
	struct partition *peer;

	if (!ref || max > EV_BYTE_CHANNEL_MAX_BYTES)
		return EV_EINVAL;
	bc = &bytechans[ref->obj];
	q = &bc->q[1 - ref->end];
	peer = bc->end[1 - ref->end].part;
	spin_lock(&bc->lock);
	n = bc_used(q) < max ? bc_used(q) : max;
	for (i = 0; i < n; i++)
		w[i / 4] |= (uint32_t)bc_peek(q, i) << (24 - 8 * (i % 4));
	before = bc_space(q);
	q->tail += n;
	spin_unlock(&bc->lock);
	if (peer && before < BC_TX_ROOM && before + n >= BC_TX_ROOM)
		ipc_wake(peer); /* its transmit line rises */
	if (p->nvcpus > 1 || (ref->level[0] && before + n == BC_QUEUE_SIZE))
		sync_own(p, ref); /* our receive line falls */
	r[1] = n;
	for (i = 0; i < 4; i++)
		r[2 + i] = w[i];
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_byte_channel_receive,
	       HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_RECEIVE), ev_bc_receive);

/* r3 = handle -> r4 = bytes to receive, r5 = room to send. */
static uint32_t ev_bc_poll(struct vcpu *v, uint32_t r[8])
{
	struct ipc_ref *ref = ipc_lookup(v->part, r[0], IPC_BYTECHAN);
	struct bytechan *bc;

	if (!ref)
		return EV_EINVAL;
	bc = &bytechans[ref->obj];
	spin_lock(&bc->lock);
	r[1] = bc_used(&bc->q[1 - ref->end]);
	r[2] = bc_space(&bc->q[ref->end]);
	spin_unlock(&bc->lock);
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_byte_channel_poll, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_POLL),
	       ev_bc_poll);

/* ---- ends served by a device of their partition ----------------------------- */

void bytechan_set_device(unsigned int bc, unsigned int end, void (*event)(void *arg), void *arg)
{
	bytechans[bc].end[end].device = event;
	bytechans[bc].end[end].device_arg = arg;
}

/* As BYTE_CHANNEL_SEND, but any number, as many as fit. */
uint32_t bytechan_write(unsigned int i, unsigned int e, const uint8_t *buf, uint32_t n)
{
	struct bytechan *bc = &bytechans[i];
	struct bc_queue *q = &bc->q[e];
	struct partition *peer = bc->end[1 - e].part;
	uint32_t used, k;

	spin_lock(&bc->lock);
	used = bc_used(q);
	if (n > BC_QUEUE_SIZE - used)
		n = BC_QUEUE_SIZE - used;
	for (k = 0; k < n; k++)
		q->buf[(q->head + k) % BC_QUEUE_SIZE] = buf[k];
	arch_smp_mb(); /* the bytes before the index that publishes them */
	q->head += n;
	if (bc->end[1 - e].console)
		console_out(bc, e);
	spin_unlock(&bc->lock);
	if (n && !used && peer)
		ipc_wake(peer); /* its receive line rises (or its device takes them) */
	return n;
}

/* As BYTE_CHANNEL_RECEIVE, but up to max. */
uint32_t bytechan_read(unsigned int i, unsigned int e, uint8_t *buf, uint32_t max)
{
	struct bytechan *bc = &bytechans[i];
	struct bc_queue *q = &bc->q[1 - e];
	struct partition *peer = bc->end[1 - e].part;
	uint32_t n, k, before;

	spin_lock(&bc->lock);
	n = bc_used(q) < max ? bc_used(q) : max;
	for (k = 0; k < n; k++)
		buf[k] = bc_peek(q, k);
	before = bc_space(q);
	q->tail += n;
	spin_unlock(&bc->lock);
	if (peer && before < BC_TX_ROOM && before + n >= BC_TX_ROOM)
		ipc_wake(peer); /* its transmit line rises (or its device goes on) */
	return n;
}

bool bytechan_pending(unsigned int i, unsigned int e)
{
	const struct bc_queue *q = &bytechans[i].q[1 - e];

	return q->head != q->tail;
}

/* ---- ends on the hypervisor console ---------------------------------------- */

/* The partition's end of a console channel. */
static unsigned int part_end(const struct bytechan *bc)
{
	return bc->end[0].console ? 1 : 0;
}

/* A byte typed for the channel (the console CPU): dropped when the queue is full. */
static void bc_console_input(void *arg, uint8_t c)
{
	struct bytechan *bc = arg;
	unsigned int ce = 1 - part_end(bc);
	struct bc_queue *q = &bc->q[ce];
	struct partition *p = bc->end[part_end(bc)].part;
	bool was_empty;

	spin_lock(&bc->lock);
	was_empty = !bc_used(q);
	if (bc_space(q)) {
		q->buf[q->head % BC_QUEUE_SIZE] = c;
		arch_smp_mb();
		q->head++;
	} else {
		bc->end[ce].dropped++;
		was_empty = false;
	}
	spin_unlock(&bc->lock);
	if (was_empty && p)
		ipc_wake(p);
}

/*
 * The console drained the channel's share (any CPU, perhaps inside a send
 * of this channel that holds its lock): the partition's CPU moves the rest
 * of the queue on (bytechan_sync()).
 */
static void bc_console_room(void *arg)
{
	struct bytechan *bc = arg;
	unsigned int e = part_end(bc);

	bc->end[1 - e].room = true;
	arch_smp_mb();
	if (bc->end[e].part)
		ipc_wake(bc->end[e].part);
}

static bool bc_console_can_focus(void *arg)
{
	const struct bytechan *bc = arg;
	const struct partition *p = bc->end[part_end(bc)].part;

	return p && p->state == PART_RUNNING;
}

void bytechan_bind(void)
{
	unsigned int i, n, chan = CONSOLE_CHAN_PART(npartitions);

	for (i = 0; i < npartitions; i++)
		for (n = 0; n < partitions[i].nipc; n++) {
			const struct ipc_ref *r = &partitions[i].ipc[n];

			if (r->kind == IPC_BYTECHAN)
				bytechans[r->obj].end[r->end].part = &partitions[i];
		}
	for (i = 0; i < nbytechans; i++) {
		struct bytechan *bc = &bytechans[i];
		struct console_client client = {
			.kind = "byte channel",
			.name = bc->name,
			.input = bc_console_input,
			.room = bc_console_room,
			.can_focus = bc_console_can_focus,
			.arg = bc,
		};

		if (!bc->end[0].console && !bc->end[1].console)
			continue;
		if (chan >= CONSOLE_CHANNELS) /* the configuration counted them */
			break;
		console_line_init(&bc->end[1 - part_end(bc)].line, chan, bc->name);
		console_set_client(chan, &client);
		chan++;
	}
}
