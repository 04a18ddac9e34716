// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzzer of the hypercalls (hcall.c's dispatcher, the partition-management
 * calls of hcall_partition.c, the byte channels of bytechan.c, the
 * doorbells and notifications of doorbell.c, ipc.c and virq.c, the ePAPR
 * interrupt calls of hcall_irq.c, with the real partition_stop() of
 * partition.c): a random set of partitions (states, who manages whom,
 * vCPUs on CPUs, RAM regions, some shared), byte channels between them or
 * to the console with queues already partly full, doorbells, managers'
 * notifications, a caller among them, and a sequence of hypercalls with
 * random tokens and arguments.
 *
 * Each result is compared with the ABI of docs/config.md ("Managing
 * partitions", "Byte channels", "Doorbells"), modelled here with its own
 * queues and memory map: the status in r3, every result register, and
 * nothing else changed: r4-r10 that the call does not define, any
 * partition but as the call is documented to change it, any queue but by
 * the bytes moved, interrupts posted only to a doorbell's receivers and to
 * the managers of a partition stopped, CPUs kicked only where those
 * events wake a partition (and, for a stop, the stopped partition's own).
 * MEMCPY may touch guest memory only in the ranges the model allows and
 * must write exactly the bytes its list names. Starting a partition (sched.c,
 * which loads it) is the harness's sched_start_partition(), which can fail.
 * No partition here has an interrupt controller: the ePAPR interrupt calls
 * must refuse (tests/unit/test_hcall.c runs them on a real virtual MPIC).
 */
#include <string.h>

#include <bytechan.h>
#include <doorbell.h>
#include <hcall.h>
#include <ipc.h>
#include <partition.h>
#include <sched.h>
#include <smp.h>

#include "fuzz.h"
#include "stubs/hv_env.h"

#define TOK(v, n) ((uint32_t)(v) << 16 | (n))
#define MAXCH 4  /* byte channels */
#define MAXDB 3  /* doorbells */
#define MAXSG 8  /* list entries of a MEMCPY the model gives contents */
#define MEMCPY_MAX (256ull << 20)

static struct vcpu vcpus[PART_MAX][PART_MAX_VCPUS];

/* ------------------------------------------------------------------ model */

/* The RAM of each partition, as the model keeps it (the same as p->mem). */
static struct region {
	uint64_t gpa, hpa, size;
	bool shared;
} ram[PART_MAX][2];
static unsigned int nram[PART_MAX];

/* The queues: q[c][e] is what end e of channel c sent and end 1 - e has not taken. */
static struct mqueue {
	uint8_t b[BC_QUEUE_SIZE];
	uint32_t n;
} mq[MAXCH][2];
static int ch_part[MAXCH][2]; /* partition at each end; -1: the console */
static unsigned int nch;

/* Doorbells: who may ring, who receives. */
static unsigned int db_send[MAXDB], db_recv[MAXDB], ndb;

/* A MEMCPY list: the entries the caller's memory holds (the rest reads as zeros). */
static uint64_t sg[MAXSG][3];
static uint64_t sg_at[MAXSG]; /* host address of each entry, ~0 for none */

/* sched.c's: load the partition afresh and release its vCPU 0 (or fail). */
static bool start_fails;
static int starts;
static bool start_load;
static uint32_t start_entry;

int sched_start_partition(struct partition *p, bool load, uint32_t entry)
{
	starts++;
	start_load = load;
	start_entry = entry;
	if (start_fails)
		return -1;
	p->state = PART_RUNNING;
	p->halted = false;
	p->boots++;
	return 0;
}

/* hcall_irq.c's, after a change of the controller: no partition here has one. */
void assign_irq_sync(struct partition *p)
{
	FUZZ_CHECK(0, "%s: an interrupt call changed a controller it has not", p->name);
}

/* What hvmem_copy_from_phys() finds: the list's entries, big-endian; zeros elsewhere. */
static void phys_read(void *dst, uint64_t pa, size_t len)
{
	uint8_t *d = dst;
	unsigned int j, k, f;

	memset(dst, 0, len);
	for (j = 0; j < MAXSG; j++)
		if (len == 32 && pa == sg_at[j])
			for (f = 0; f < 3; f++)
				for (k = 0; k < 8; k++)
					d[f * 8 + k] = (uint8_t)(sg[j][f] >> (56 - 8 * k));
}

static bool private_ram(unsigned int i, uint64_t gpa, uint64_t len, uint64_t *hpa)
{
	unsigned int r;

	for (r = 0; r < nram[i]; r++) {
		const struct region *m = &ram[i][r];

		if (gpa >= m->gpa && gpa - m->gpa < m->size) {
			if (m->shared || len > m->size - (gpa - m->gpa))
				return false;
			*hpa = m->hpa + (gpa - m->gpa);
			return true;
		}
	}
	return false;
}

static bool in_ram(unsigned int i, uint64_t gpa, uint64_t len)
{
	unsigned int r;

	for (r = 0; r < nram[i]; r++)
		if (gpa >= ram[i][r].gpa && gpa - ram[i][r].gpa < ram[i][r].size)
			return len <= ram[i][r].size - (gpa - ram[i][r].gpa);
	return false;
}

static void allow(uint64_t base, uint64_t size)
{
	FUZZ_CHECK(fuzz_nphys_ok < FUZZ_MAX_PHYS, "too many ranges");
	fuzz_phys_ok[fuzz_nphys_ok].base = base;
	fuzz_phys_ok[fuzz_nphys_ok++].size = size;
}

/* ------------------------------------------------------------------ setup */

static void add_ref(struct partition *p, enum ipc_kind kind, unsigned int obj, unsigned int end,
		    bool handle, uint16_t src)
{
	struct ipc_ref *r;

	if (p->nipc == IPC_MAX)
		return;
	r = &p->ipc[p->nipc++];
	*r = (struct ipc_ref){ .kind = (uint8_t)kind, .obj = (uint8_t)obj, .end = (uint8_t)end,
			       .handle = handle, .src = { src, (uint16_t)(src + 1) } };
}

static void setup_ram(struct fuzz_in *in, unsigned int i)
{
	struct partition *p = &partitions[i];
	unsigned int r;

	nram[i] = 1 + (fuzz_u8(in) & 1);
	for (r = 0; r < nram[i]; r++) {
		uint8_t b = fuzz_u8(in);

		ram[i][r].gpa = (uint64_t)r * 0x100000 + (b & 0x10 ? 0x1000 : 0);
		ram[i][r].size = 0x1000ull << (b & 3);
		/* host memory: each partition its own, a shared region the same for all */
		ram[i][r].shared = r == 1 && (b & 0x80);
		ram[i][r].hpa = ram[i][r].shared ? 0x7000000ull
						 : 0x10000000ull + i * 0x1000000ull + r * 0x100000;
		p->mem[r] = (struct mem_region){ ram[i][r].gpa, ram[i][r].hpa, ram[i][r].size,
						 ram[i][r].shared };
	}
	p->nmem = nram[i];
}

/* A guest physical address: mostly inside some partition's region, sometimes anything. */
static uint64_t gen_addr(struct fuzz_in *in)
{
	uint8_t b = fuzz_u8(in);
	const struct region *m = &ram[b % npartitions][(b >> 2) & 1];

	if (b & 0x80)
		return fuzz_u64(in);
	if (b & 0x40)
		return m->gpa + (m->size ? ((uint64_t)fuzz_u8(in) << 5) % m->size : 0);
	return (uint64_t)(b & 1) * 0x100000 + (b & 4 ? 0x1000 : 0) +
	       (b & 2 ? (uint64_t)fuzz_u16(in) : (uint64_t)fuzz_u8(in) << 4);
}

static void setup(struct fuzz_in *in)
{
	unsigned int i, n, c, e, k, cpu = 0, chan;

	memset(partitions, 0, sizeof(partitions));
	memset(vcpus, 0, sizeof(vcpus));
	memset(bytechans, 0, sizeof(bytechans));
	memset(doorbells, 0, sizeof(doorbells));
	memset(mq, 0, sizeof(mq));
	npartitions = 1 + fuzz_u8(in) % PART_MAX;
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];
		uint8_t b = fuzz_u8(in);

		snprintf(p->name, sizeof(p->name), "p%u", i);
		p->state = b & 1 ? PART_RUNNING : PART_STOPPED;
		p->halted = p->state == PART_STOPPED && (b & 2);
		p->manages = fuzz_u8(in) & ((1u << npartitions) - 1) & ~(1u << i);
		p->nvcpus = 1 + (b >> 2) % PART_MAX_VCPUS;
		p->boots = b >> 4;
		p->stdout_bc = -1;
		for (n = 0; n < p->nvcpus; n++) {
			p->vcpu[n] = &vcpus[i][n];
			vcpus[i][n].part = p;
			vcpus[i][n].id = n;
			vcpus[i][n].cpu = cpu++ % 8;
		}
		setup_ram(in, i);
	}
	for (i = 0; i < npartitions; i++)
		for (n = 0; n < npartitions; n++)
			if (partitions[i].manages & (1u << n))
				partitions[n].managed = true;

	/* byte channels: end 0 a partition, end 1 another or the console */
	nbytechans = nch = fuzz_u8(in) % (MAXCH + 1);
	chan = CONSOLE_CHAN_PART(npartitions);
	for (c = 0; c < nch; c++) {
		struct bytechan *bc = &bytechans[c];
		uint8_t b = fuzz_u8(in);

		bc->name = "ch";
		ch_part[c][0] = b % npartitions;
		if (npartitions == 1 || ((b & 0x80) && chan < CONSOLE_CHANNELS))
			ch_part[c][1] = -1; /* the console */
		else
			ch_part[c][1] = (int)((ch_part[c][0] + 1 + (b >> 2) % (npartitions - 1)) %
					      npartitions);
		if (ch_part[c][1] < 0 && chan >= CONSOLE_CHANNELS) {
			nbytechans = nch = c; /* no console channel left */
			break;
		}
		for (e = 0; e < 2; e++) {
			struct bc_queue *q = &bc->q[e];
			uint16_t f = fuzz_u16(in);
			/* any fill, or full but for a send or so */
			uint32_t fill = f & 0x8000 ? BC_QUEUE_SIZE - (f & 31)
						   : f % (BC_QUEUE_SIZE + 1);

			if (ch_part[c][e] >= 0) {
				bc->end[e].part = &partitions[ch_part[c][e]];
				add_ref(&partitions[ch_part[c][e]], IPC_BYTECHAN, c, e, true,
					(uint16_t)(fuzz_u8(in) + 0x100));
			} else {
				bc->end[e].console = true;
				console_line_init(&bc->end[e].line, chan++, bc->name);
			}
			/* free-running indices, near their wrap sometimes */
			q->tail = fuzz_u8(in) & 1 ? 0u - fuzz_u8(in) : fuzz_u16(in);
			q->head = q->tail + fill;
			mq[c][e].n = fill;
			for (k = 0; k < fill; k++)
				mq[c][e].b[k] = q->buf[(q->tail + k) % BC_QUEUE_SIZE] =
					(uint8_t)(k * 7 + c + e);
		}
		/* the console end's output: what it sends is drained at once */
		if (ch_part[c][1] < 0)
			bc->q[0].head = bc->q[0].tail, mq[c][0].n = 0;
	}

	/* doorbells: senders and receivers among the partitions */
	ndoorbells = ndb = fuzz_u8(in) % (MAXDB + 1);
	for (c = 0; c < ndb; c++) {
		db_send[c] = fuzz_u8(in) & ((1u << npartitions) - 1);
		db_recv[c] = fuzz_u8(in) & ((1u << npartitions) - 1);
		doorbells[c].name = "db";
		for (i = 0; i < npartitions; i++) {
			bool s = db_send[c] >> i & 1, r = db_recv[c] >> i & 1;
			uint16_t src = fuzz_u8(in) & 0x80 ? 0x3ff : fuzz_u8(in); /* some past 256 */

			if (!s && !r)
				continue;
			add_ref(&partitions[i], IPC_DOORBELL, c,
				(s ? IPC_DB_SEND : 0) | (r ? IPC_DB_RECV : 0), s, src);
		}
	}
	doorbell_bind();

	/* managers' notifications: some kinds, for each partition managed */
	for (i = 0; i < npartitions; i++) {
		uint8_t kinds = fuzz_u8(in);

		for (n = 0; n < npartitions; n++)
			if (partitions[i].manages & (1u << n))
				for (k = 0; k < NOTIFY_KINDS; k++)
					if (kinds >> k & 1)
						add_ref(&partitions[i], IPC_NOTIFY, n, k, false,
							(uint16_t)(0x40 + n * 8 + k));
	}

	/* a MEMCPY list's entries, near the regions most of the time */
	for (k = 0; k < MAXSG; k++) {
		sg[k][0] = gen_addr(in);
		sg[k][1] = gen_addr(in);
		c = fuzz_u8(in);
		sg[k][2] = c & 0x80   ? fuzz_u64(in)
			   : c & 0x40 ? 0
			   : c & 0x20 ? (uint64_t)fuzz_u16(in)
				      : (uint64_t)fuzz_u8(in) << (c & 7);
	}
}

/* ------------------------------------------------------------------ one call */

/* A partition handle: mostly 0 .. npartitions or -1 (the caller), sometimes anything. */
static uint32_t gen_handle(struct fuzz_in *in)
{
	uint8_t b = fuzz_u8(in);

	if (b & 0x80)
		return b & 0x40 ? fuzz_u32(in) : 0xffffffffu;
	return b % (npartitions + 1);
}

/* An object handle: mostly one of the caller's (or just past them). */
static uint32_t gen_object(struct fuzz_in *in, const struct partition *caller)
{
	uint8_t b = fuzz_u8(in);

	if (b & 0x80)
		return b & 0x40 ? fuzz_u32(in) : b & 0x3f;
	return IPC_HANDLE_BASE + b % (caller->nipc + 1);
}

static uint32_t gen_token(struct fuzz_in *in)
{
	static const uint32_t known[] = {
		TOK(2, 4), TOK(2, 5), TOK(2, 6), TOK(2, 7), TOK(2, 8), TOK(1, 1), TOK(1, 2),
		TOK(1, 3), TOK(1, 14), TOK(1, 16), TOK(1, 4), TOK(1, 5), TOK(1, 6), TOK(1, 7),
		TOK(1, 9), TOK(1, 10),
	};
	uint8_t b = fuzz_u8(in);

	if (b & 0x80)
		return b & 0x40 ? fuzz_u32(in) : TOK(b & 3, fuzz_u8(in) & 0x3f);
	return known[b % (sizeof(known) / sizeof(known[0]))];
}

/* The model's lookup: the object handle h of partition i names, of this kind. */
static const struct ipc_ref *ref_of(unsigned int i, uint32_t h, enum ipc_kind kind)
{
	const struct partition *p = &partitions[i];
	uint32_t k = h - IPC_HANDLE_BASE;

	if (h < IPC_HANDLE_BASE || k >= p->nipc || !p->ipc[k].handle || p->ipc[k].kind != kind)
		return NULL;
	return &p->ipc[k];
}

/* The handle names a partition the caller manages (docs/config.md). */
static struct partition *ref_managed(const struct partition *caller, uint32_t h)
{
	if (h < 1 || h > npartitions || !(caller->manages & (1u << (h - 1))))
		return NULL;
	return &partitions[h - 1];
}

static bool settled(const struct partition *t)
{
	return t->state != PART_RUNNING && t->halted;
}

/* What the call is expected to do besides its status and result registers. */
static struct effect {
	unsigned int woken;      /* partitions whose ipc_wake rises */
	unsigned int posted_to;  /* partitions whose ipc_posted rises (pulses only) */
	uint32_t posted[PART_MAX][VIRQ_POST_MAX / 32];
	unsigned int kicks;      /* CPUs hvirq_kick()ed */
	unsigned int vcpu_kicks; /* CPUs sched_kick_vcpu()ed */
} fx;

static void kick_of(unsigned int i)
{
	const struct partition *p = &partitions[i];

	if (p->vcpu[0] && p->state == PART_RUNNING)
		fx.kicks |= 1u << p->vcpu[0]->cpu;
}

static void wake(unsigned int i)
{
	fx.woken |= 1u << i;
	kick_of(i);
}

static void post(unsigned int i, unsigned int src)
{
	if (src >= VIRQ_POST_MAX)
		return;
	fx.posted[i][src / 32] |= 1u << (src % 32);
	fx.posted_to |= 1u << i;
	kick_of(i);
}

static void mq_push(struct mqueue *q, const uint32_t *w, uint32_t n)
{
	uint32_t k;

	for (k = 0; k < n; k++)
		q->b[q->n + k] = (uint8_t)(w[k / 4] >> (24 - 8 * (k % 4)));
	q->n += n;
}

static void mq_pop(struct mqueue *q, uint32_t n, uint32_t *w)
{
	uint32_t k;

	for (k = 0; k < 4; k++)
		w[k] = 0;
	for (k = 0; k < n; k++)
		w[k / 4] |= (uint32_t)q->b[k] << (24 - 8 * (k % 4));
	memmove(q->b, q->b + n, q->n - n);
	q->n -= n;
}

/* MEMCPY as docs/config.md says: its status; the bytes it writes in *total. */
static uint32_t model_memcpy(unsigned int ci, const uint32_t *r, uint64_t *total)
{
	struct partition *self = &partitions[ci];
	struct partition *src = r[0] == 0xffffffffu ? self : ref_managed(self, r[0]);
	struct partition *dst = r[1] == 0xffffffffu ? self : ref_managed(self, r[1]);
	uint64_t list = (uint64_t)r[3] << 32 | r[2], sa, da, ea;
	unsigned int si, di;
	uint32_t i;

	*total = 0;
	if (!src || !dst || src == dst)
		return EV_EINVAL;
	if ((src != self && !settled(src)) || (dst != self && !settled(dst)))
		return EV_INVALID_STATE;
	si = (unsigned int)(src - partitions);
	di = (unsigned int)(dst - partitions);
	for (i = 0; i < nram[ci]; i++) /* the list is read there */
		if (!ram[ci][i].shared)
			allow(ram[ci][i].hpa, ram[ci][i].size);
	for (i = 0; i < r[4]; i++) {
		uint64_t at = list + (uint64_t)i * 32, n;

		if (at < list || !private_ram(ci, at, 32, &ea))
			return EV_EFAULT;
		n = i < MAXSG && ea == sg_at[i] ? sg[i][2] : 0;
		if (!n)
			continue;
		if (n > MEMCPY_MAX)
			return EV_EINVAL;
		if (!private_ram(si, sg[i][0], n, &sa) || !private_ram(di, sg[i][1], n, &da))
			return EV_EFAULT;
		if (n > MEMCPY_MAX - *total)
			return EV_EINVAL;
		*total += n;
		allow(sa, n);
		allow(da, n);
	}
	return EV_SUCCESS;
}

static void one_call(struct fuzz_in *in, struct vcpu *v)
{
	static struct partition before[PART_MAX];
	static struct bytechan bc_before[MAXCH];
	uint32_t token = gen_token(in), r[8], r0[8], want = EV_UNIMPLEMENTED, out = 0;
	uint32_t res[8];
	struct partition *t = NULL, *self = v->part;
	unsigned int ci = (unsigned int)(self - partitions), i, c, e, k;
	const struct ipc_ref *ref = NULL;
	uint64_t total = 0, list;
	bool stop = false;
	int start_called = 0;

	for (i = 0; i < 8; i++) {
		uint8_t b = fuzz_u8(in);

		r[i] = b & 0x80 ? fuzz_u32(in) : b & 0x40 ? 0xffffffffu : b & 0x1f;
	}
	if (token >> 16 == EV_EPAPR_VENDOR_ID) { /* an object, a count of bytes */
		r[0] = gen_object(in, self);
		if (!(r[1] & 0x10))
			r[1] %= EV_BYTE_CHANNEL_MAX_BYTES + 1;
	} else {
		r[0] = gen_handle(in);
	}
	if (token == TOK(2, FH_PARTITION_MEMCPY)) {
		uint8_t b = fuzz_u8(in);

		r[1] = gen_handle(in);
		if (!(b & 0x80)) /* a list where the caller's RAM is, of a few entries */
			r[2] = (uint32_t)ram[ci][b % nram[ci]].gpa + (fuzz_u8(in) & 0x3f) * 32,
			r[3] = 0, r[4] = b & 0x40 ? r[4] : b % 10;
	}
	start_fails = fuzz_u8(in) & 1;
	memcpy(r0, r, sizeof(r));
	memcpy(res, r, sizeof(r));
	memcpy(before, partitions, sizeof(before));
	memcpy(bc_before, bytechans, sizeof(bc_before));
	memset(&fx, 0, sizeof(fx));
	fuzz_env_reset();
	fuzz_vcpu_kicked = 0;
	fuzz_console_flushes = 0;
	fuzz_nphys_ok = 0;
	starts = 0;
	v->idle_request = false;
	/* where the list's entries are, if the caller's private RAM holds them */
	list = (uint64_t)r[3] << 32 | r[2];
	for (k = 0; k < MAXSG; k++)
		if (!private_ram(ci, list + k * 32ull, 32, &sg_at[k]) || list + k * 32ull < list)
			sg_at[k] = ~0ull;

	/* What the ABI says */
	switch (token) {
	case TOK(1, EV_IDLE): /* wait for the next interrupt (ePAPR 1.1 8.4.1) */
		want = EV_SUCCESS;
		break;
	case TOK(1, EV_BYTE_CHANNEL_SEND):
		ref = ref_of(ci, r[0], IPC_BYTECHAN);
		if (!ref || r[1] > EV_BYTE_CHANNEL_MAX_BYTES) {
			want = EV_EINVAL;
			break;
		}
		c = ref->obj, e = ref->end;
		if (BC_QUEUE_SIZE - mq[c][e].n < r[1]) {
			want = EV_EAGAIN, out = 1, res[1] = 0;
			break;
		}
		want = EV_SUCCESS, out = 1;
		if (r[1] && !mq[c][e].n && ch_part[c][1 - e] >= 0)
			wake((unsigned int)ch_part[c][1 - e]); /* its receive line rises */
		mq_push(&mq[c][e], &r[2], r[1]);
		if (ch_part[c][1 - e] < 0)
			mq[c][e].n = 0; /* to the console, which always has room here */
		break;
	case TOK(1, EV_BYTE_CHANNEL_RECEIVE):
		ref = ref_of(ci, r[0], IPC_BYTECHAN);
		if (!ref || r[1] > EV_BYTE_CHANNEL_MAX_BYTES) {
			want = EV_EINVAL;
			break;
		}
		c = ref->obj, e = 1 - ref->end;
		want = EV_SUCCESS, out = 5;
		res[1] = mq[c][e].n < r[1] ? mq[c][e].n : r[1];
		if (ch_part[c][e] >= 0 && BC_QUEUE_SIZE - mq[c][e].n < BC_TX_ROOM &&
		    BC_QUEUE_SIZE - mq[c][e].n + res[1] >= BC_TX_ROOM)
			wake((unsigned int)ch_part[c][e]); /* its transmit line rises */
		mq_pop(&mq[c][e], res[1], &res[2]);
		break;
	case TOK(1, EV_BYTE_CHANNEL_POLL):
		ref = ref_of(ci, r[0], IPC_BYTECHAN);
		if (!ref) {
			want = EV_EINVAL;
			break;
		}
		want = EV_SUCCESS, out = 2;
		res[1] = mq[ref->obj][1 - ref->end].n;
		res[2] = BC_QUEUE_SIZE - mq[ref->obj][ref->end].n;
		break;
	case TOK(1, EV_DOORBELL_SEND):
		ref = ref_of(ci, r[0], IPC_DOORBELL);
		if (!ref || !(ref->end & IPC_DB_SEND)) {
			want = EV_EINVAL;
			break;
		}
		want = EV_SUCCESS;
		for (i = 0; i < npartitions; i++)
			if (db_recv[ref->obj] >> i & 1)
				for (k = 0; k < partitions[i].nipc; k++)
					if (partitions[i].ipc[k].kind == IPC_DOORBELL &&
					    partitions[i].ipc[k].obj == ref->obj)
						post(i, partitions[i].ipc[k].src[0]);
		break;
	case TOK(1, EV_INT_SET_CONFIG):
	case TOK(1, EV_INT_GET_CONFIG):
	case TOK(1, EV_INT_SET_MASK):
	case TOK(1, EV_INT_GET_MASK):
	case TOK(1, EV_INT_EOI): /* no controller: no such interrupt */
		want = EV_EINVAL;
		break;
	case TOK(1, EV_INT_IACK): /* controller 0 is its own, which it has not */
		want = r[0] ? EV_EINVAL : EV_ENODEV;
		break;
	case TOK(2, FH_PARTITION_GET_STATUS): /* handle -1 is the caller */
		t = r[0] == 0xffffffffu ? self : ref_managed(self, r[0]);
		want = t ? EV_SUCCESS : EV_EINVAL;
		if (t)
			out = 1, res[1] = t->state == PART_RUNNING ? 1 : t->halted ? 0 : 3;
		t = NULL; /* changes nothing */
		break;
	case TOK(2, FH_PARTITION_START): /* r4 entry, r5 load */
		t = ref_managed(self, r[0]);
		if (!t || ((!r[2] || r[1]) && !in_ram((unsigned int)(t - partitions), r[1], 4)))
			want = EV_EINVAL; /* nobody it manages, or an entry outside its RAM */
		else if (!settled(t))
			want = EV_INVALID_STATE;
		else /* loaded and started by sched.c, which may fail */
			start_called = 1, want = start_fails ? EV_INVALID_STATE : EV_SUCCESS;
		break;
	case TOK(2, FH_PARTITION_RESTART):
	case TOK(2, FH_PARTITION_STOP):
		t = ref_managed(self, r[0]);
		want = !t ? EV_EINVAL : t->state != PART_RUNNING ? EV_INVALID_STATE : EV_SUCCESS;
		stop = want == EV_SUCCESS;
		if (stop) {
			unsigned int ti = (unsigned int)(t - partitions);

			for (i = 0; i < npartitions; i++)
				for (k = 0; partitions[i].manages >> ti & 1 &&
					    k < partitions[i].nipc;
				     k++) {
					const struct ipc_ref *n = &partitions[i].ipc[k];

					if (n->kind == IPC_NOTIFY && n->obj == ti &&
					    (n->end == NOTIFY_STOP || n->end == NOTIFY_STATE ||
					     (n->end == NOTIFY_CRASH && t->crashed) ||
					     (n->end == NOTIFY_RESET && t->reset_requested)))
						post(i, n->src[0]);
				}
			for (i = 0; i < t->nvcpus; i++)
				fx.vcpu_kicks |= 1u << t->vcpu[i]->cpu;
		}
		break;
	case TOK(2, FH_PARTITION_MEMCPY):
		want = model_memcpy(ci, r, &total);
		if (want != EV_SUCCESS)
			total = 0;
		break;
	}
	if (want != EV_SUCCESS && token != TOK(1, EV_BYTE_CHANNEL_SEND))
		out = 0;
	fuzz_phys_read = phys_read;
	if (token != TOK(2, FH_PARTITION_MEMCPY))
		fuzz_nphys_ok = 0; /* nothing else reads or writes guest memory */

	hcall_dispatch(v, token, r);

	fuzz_phys_read = NULL;
	FUZZ_CHECK(r[0] == want,
		   "token %08x r3 %08x r4 %08x r5 %08x from %s: status %u, expected %u", token,
		   r0[0], r0[1], r0[2], self->name, r[0], want);
	for (i = 1; i < 8; i++)
		FUZZ_CHECK(r[i] == (i <= out ? res[i] : r0[i]),
			   "token %08x from %s: r%u = %08x, expected %08x", token, self->name,
			   i + 3, r[i], i <= out ? res[i] : r0[i]);
	FUZZ_CHECK(starts == start_called, "token %08x: %d starts", token, starts);
	if (starts)
		FUZZ_CHECK(start_load == (r0[2] != 0) && start_entry == r0[1],
			   "start with load %d at %08x", start_load, start_entry);
	FUZZ_CHECK(fuzz_phys_written == total, "token %08x: %llu bytes written, expected %llu",
		   token, (unsigned long long)fuzz_phys_written, (unsigned long long)total);

	/* The partitions: only what the call does. */
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i], *o = &before[i];
		bool running;

		FUZZ_CHECK(p->ipc_wake == (o->ipc_wake || (fx.woken >> i & 1)),
			   "token %08x: %s woken %d", token, p->name, p->ipc_wake);
		FUZZ_CHECK(p->ipc_posted == (o->ipc_posted || (fx.posted_to >> i & 1)),
			   "token %08x: %s posted-woken %d", token, p->name, p->ipc_posted);
		for (k = 0; k < VIRQ_POST_MAX / 32; k++) {
			FUZZ_CHECK(p->virq_posted[k] == (o->virq_posted[k] | fx.posted[i][k]),
				   "token %08x: %s posted %08x in word %u, expected %08x", token,
				   p->name, p->virq_posted[k], k,
				   o->virq_posted[k] | fx.posted[i][k]);
			/* a word with a pulse is marked for virq_apply_posted() */
			FUZZ_CHECK(!p->virq_posted[k] || (p->virq_posted_words >> k & 1),
				   "token %08x: %s word %u posted but not marked", token, p->name,
				   k);
		}
		o->ipc_wake = p->ipc_wake;
		o->ipc_posted = p->ipc_posted;
		o->virq_posted_words = p->virq_posted_words;
		memcpy((void *)o->virq_posted, (const void *)p->virq_posted,
		       sizeof(o->virq_posted));
		/* the caller's own lines follow its queues (level, if it was set again) */
		for (k = 0; i == ci && ref && k < p->nipc; k++)
			if (&p->ipc[k] == ref && p->ipc[k].kind == IPC_BYTECHAN) {
				unsigned int ch = p->ipc[k].obj, en = p->ipc[k].end;

				FUZZ_CHECK(p->ipc[k].level[0] == o->ipc[k].level[0] ||
					       p->ipc[k].level[0] == (mq[ch][1 - en].n != 0),
					   "receive line %d", p->ipc[k].level[0]);
				FUZZ_CHECK(p->ipc[k].level[1] == o->ipc[k].level[1] ||
					       p->ipc[k].level[1] ==
						   (BC_QUEUE_SIZE - mq[ch][en].n >= BC_TX_ROOM),
					   "transmit line %d", p->ipc[k].level[1]);
				o->ipc[k].level[0] = p->ipc[k].level[0];
				o->ipc[k].level[1] = p->ipc[k].level[1];
			}
		if (p != t || want != EV_SUCCESS) {
			FUZZ_CHECK(!memcmp(p, o, sizeof(*p)), "token %08x changed partition %s",
				   token, p->name);
			continue;
		}
		running = token == TOK(2, FH_PARTITION_START);
		FUZZ_CHECK(p->state == (running ? PART_RUNNING : PART_STOPPED) &&
			       p->halted == (running ? false : o->halted) &&
			       p->restart_forced == (token == TOK(2, FH_PARTITION_RESTART) ? true
						     : running ? o->restart_forced
							       : false),
			   "token %08x: %s in state %d halted %d forced %d", token, p->name,
			   p->state, p->halted, p->restart_forced);
		/* the rest of it as it was */
		o->state = p->state;
		o->halted = p->halted;
		o->restart_forced = p->restart_forced;
		o->stop_reason = p->stop_reason;
		o->boots = p->boots;
		FUZZ_CHECK(!memcmp(p, o, sizeof(*p)), "token %08x changed more of %s", token,
			   p->name);
	}
	/* The queues: exactly the model's. */
	for (c = 0; c < nch; c++)
		for (e = 0; e < 2; e++) {
			const struct bc_queue *q = &bytechans[c].q[e];

			FUZZ_CHECK(bc_used(q) == mq[c][e].n,
				   "token %08x: channel %u end %u: %u bytes queued, expected %u",
				   token, c, e, bc_used(q), mq[c][e].n);
			for (k = 0; k < mq[c][e].n; k++)
				FUZZ_CHECK(q->buf[(q->tail + k) % BC_QUEUE_SIZE] == mq[c][e].b[k],
					   "channel %u end %u: byte %u", c, e, k);
			FUZZ_CHECK(bytechans[c].end[e].part == bc_before[c].end[e].part &&
				       bytechans[c].end[e].console == bc_before[c].end[e].console,
				   "channel %u: its ends changed", c);
		}
	FUZZ_CHECK(fuzz_kicked == fx.kicks, "token %08x kicked CPUs %x, expected %x", token,
		   fuzz_kicked, fx.kicks);
	FUZZ_CHECK(fuzz_vcpu_kicked == fx.vcpu_kicks, "token %08x kicked vCPUs on %x, expected %x",
		   token, fuzz_vcpu_kicked, fx.vcpu_kicks);
	/* a partition stopped flushes its console output; nothing else does */
	FUZZ_CHECK(fuzz_console_flushes == (stop ? 1u : 0u), "token %08x: %u console flushes",
		   token, fuzz_console_flushes);
	FUZZ_CHECK(v->idle_request == (token == TOK(1, EV_IDLE)), "token %08x: idle request %d",
		   token, v->idle_request);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct partition *caller;
	struct vcpu *v;
	int calls = 0;

	fuzz_env_reset();
	setup(&in);
	caller = &partitions[fuzz_u8(&in) % npartitions];
	v = caller->vcpu[fuzz_u8(&in) % caller->nvcpus];
	host_cpu = v->cpu;
	while (fuzz_left(&in) && calls++ < 64)
		one_call(&in, v);
	return 0;
}
