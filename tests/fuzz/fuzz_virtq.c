// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the split-virtqueue walker (hv/core/virtq.c) and guest
 * memory access (hv/core/gmem.c) driven by whatever a guest could write.
 *
 * The input is a hostile guest: its first bytes choose the queue (size,
 * features, where the rings are), then a list of operations (take a
 * chain, give one back, ask about interrupts and notifications, copy data
 * in and out of a chain and to another partition's chain, scribble on the
 * rings between operations, reset), and the rest is the contents of its
 * memory from address 0: descriptor table, rings, indirect tables.
 *
 * The oracle, besides AddressSanitizer and UBSan: the made-up machine
 * (tests/unit/fake_ram.h) aborts on any access outside itself, the memory
 * of nobody must keep its pattern, B's memory changes only through the
 * chain B offered, every chain taken is a chain of the rules (bounded,
 * inside A's RAM, lengths adding up), and a broken queue stays broken.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gmem.h>
#include <virtio.h>
#include <virtq.h>

#include "fake_ram.h"

#define OPS_MAX 64
#define OUTSTANDING 8

static struct virtq q, qb;
static struct virtq_chain c, cb;

static void check(bool ok)
{
	if (!ok)
		abort();
}

/* Every chain taken obeys the rules the walker promises. */
static void check_chain(const struct virtq *vq, const struct virtq_chain *ch)
{
	uint64_t r = 0, w = 0;
	unsigned int i;

	check(ch->head < vq->num);
	check(ch->nread + ch->nwrite <= VIRTQ_SEG_MAX);
	for (i = 0; i < ch->nread + ch->nwrite; i++) {
		check(gmem_check(vq->part, ch->seg[i].gpa, ch->seg[i].len));
		/* a directly reached buffer is exactly the partition's bytes at gpa */
		if (ch->seg[i].hva)
			check(ch->seg[i].hva == gm_ptr(vq->part, ch->seg[i].gpa) &&
			      ch->seg[i].hva + ch->seg[i].len - 1 ==
				      gm_ptr(vq->part, ch->seg[i].gpa + ch->seg[i].len - 1));
		if (i < ch->nread)
			r += ch->seg[i].len;
		else
			w += ch->seg[i].len;
	}
	check(r == ch->read_len && w == ch->write_len);
}

/* B offers one receive buffer of 3 KiB at 0x4000, once. */
static void setup_b(void)
{
	memset(&qb, 0, sizeof(qb));
	qb.part = gm_b;
	qb.num = 4;
	qb.desc = 0;
	qb.avail = 0x100;
	qb.used = 0x200;
	gm_w64(gm_b, 0, 0x4000);
	gm_w32(gm_b, 8, 3072);
	gm_w16(gm_b, 12, VIRTQ_DESC_F_WRITE);
	gm_w16(gm_b, 0x100 + 4, 0);
	gm_w16(gm_b, 0x100 + 2, 1);
	check(virtq_start(&qb));
	check(virtq_pop(&qb, &cb) == 1);
}

/* Nothing of B changed but its buffer and used ring. */
static void check_b(void)
{
	static uint8_t before[GM_B_SIZE];
	static bool saved;
	const uint8_t *now = gm_ptr(gm_b, 0); /* B's one region: contiguous */

	if (!saved) {
		memcpy(before, now, GM_B_SIZE);
		saved = true;
		return;
	}
	/* all but its used ring (0x200, 64 bytes) and its buffer (0x4000, 3 KiB) */
	check(!memcmp(now, before, 0x200));
	check(!memcmp(now + 0x240, before + 0x240, 0x4000 - 0x240));
	check(!memcmp(now + 0x4C00, before + 0x4C00, GM_B_SIZE - 0x4C00));
}

/* h: 4 bytes: features, queue size, where the rings are (2) */
static void start(const uint8_t h[4])
{
	static const uint64_t where[] = { 0, 0x1000, 0x2000, 0x3000, GM_REGION - 0x800,
					  GM_REGION, GM_A_SIZE - 0x100, 0x100000000ull,
					  0xFFFFFFFFFFFFF000ull, 0x2008 };

	virtq_reset(&q);
	q.num = 1u << (h[1] % 10);
	q.event_idx = h[0] & 1;
	q.indirect = h[0] & 2;
	if (h[0] & 4) { /* rings wherever the guest says */
		q.desc = where[h[2] % 10] + (h[3] & 0x30);
		q.avail = where[(h[2] >> 4) % 10] + (h[3] & 0x0F);
		q.used = where[(h[3] >> 4) % 10] + 0x10;
	} else {
		q.desc = 0;
		q.avail = 0x1000;
		q.used = 0x2000;
	}
	virtq_start(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint16_t outstanding[OUTSTANDING];
	unsigned int nout = 0, nops, i;
	const uint8_t *ops;
	uint8_t buf[4096];
	bool have_chain = false, broken;
	size_t img;

	if (size < 4)
		return 0;
	memset(buf, 0x5A, sizeof(buf));
	gm_setup();
	nops = data[0] >> 3 < OPS_MAX ? data[0] >> 3 : OPS_MAX;
	if (size < 4 + 4 * (size_t)nops)
		return 0;
	ops = data + 4;
	img = size - 4 - 4 * (size_t)nops;
	if (img > GM_REGION)
		img = GM_REGION;
	memcpy(gm_ptr(gm_a, 0), ops + 4 * nops, img);
	setup_b();
	check_b();
	q.part = gm_a;
	start(data);

	for (i = 0; i < nops; i++) {
		const uint8_t *op = ops + 4 * i;
		uint32_t a = op[1], b = op[2], x = op[3];
		int r;

		broken = q.error != NULL;
		switch (op[0] % 9) {
		case 0:
			r = virtq_pop(&q, &c);
			if (broken)
				check(r == -1);
			if (r == 1) {
				check_chain(&q, &c);
				have_chain = true;
				if (nout < OUTSTANDING)
					outstanding[nout++] = c.head;
			}
			if (r == -1)
				check(q.error && !q.ready);
			break;
		case 1:
			if (nout) {
				unsigned int k = a % nout;

				virtq_push(&q, outstanding[k], b << 8 | x);
				outstanding[k] = outstanding[--nout];
			} else {
				virtq_push(&q, (uint16_t)(a << 8 | b), x);
			}
			break;
		case 2:
			virtq_should_interrupt(&q);
			break;
		case 3:
			virtq_enable_notify(&q);
			break;
		case 4: /* the guest changes its memory between two steps */
			gm_w16(gm_a, ((a << 8 | b) * 2) % GM_A_SIZE, (uint16_t)(x * 0x0101));
			break;
		case 5:
			if (have_chain)
				virtq_read(&q, &c, a * 16, buf, (b * 16) % sizeof(buf));
			break;
		case 6:
			if (have_chain)
				virtq_write(&q, &c, a * 16, buf, (b * 16) % sizeof(buf));
			break;
		case 7:
			if (have_chain)
				virtq_copy(&qb, &cb, a * 4, &q, &c, b * 4, x * 16);
			break;
		case 8: {
			const uint8_t h[4] = { a, b, x, a ^ b ^ x };

			start(h);
			have_chain = false;
			nout = 0;
			break;
		}
		}
		if (broken && op[0] % 9 != 8)
			check(q.error != NULL); /* stays broken until a new start */
	}
	check(gm_foreign_intact());
	check_b();
	return 0;
}
