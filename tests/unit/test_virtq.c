// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the split-virtqueue walker (hv/core/virtq.c) and of guest
 * memory access through a partition's memory map (hv/core/gmem.c), on the
 * made-up machine of guestmem.h: well-formed chains as Linux's drivers make
 * them, and every way a guest can break the rules (indices, loops, lengths,
 * addresses outside its RAM, indirect tables), each of which must break the
 * queue and touch nothing outside the partition.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <gmem.h>
#include <virtio.h>
#include <virtq.h>

#include "fake_ram.h"

#define DESC 0x1000u
#define AVAIL 0x3000u
#define USED 0x4000u
#define BUF 0x8000u
#define NUM 16u

static struct virtq q;
static struct virtq_chain c;

static void desc(unsigned int i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	uint64_t d = DESC + 16u * i;

	gm_w64(gm_a, d, addr);
	gm_w32(gm_a, d + 8, len);
	gm_w16(gm_a, d + 12, flags);
	gm_w16(gm_a, d + 14, next);
}

/* A descriptor of an indirect table at gpa `table`. */
static void idesc(uint64_t table, unsigned int i, uint64_t addr, uint32_t len, uint16_t flags,
		  uint16_t next)
{
	gm_w64(gm_a, table + 16u * i, addr);
	gm_w32(gm_a, table + 16u * i + 8, len);
	gm_w16(gm_a, table + 16u * i + 12, flags);
	gm_w16(gm_a, table + 16u * i + 14, next);
}

/* The driver makes head available (avail ring entry idx, then idx + 1). */
static void offer(uint16_t idx, uint16_t head)
{
	gm_w16(gm_a, AVAIL + 4 + 2u * (idx % q.num), head);
	gm_w16(gm_a, AVAIL + 2, (uint16_t)(idx + 1));
}

static int setup(void **state)
{
	gm_setup();
	memset(&q, 0, sizeof(q));
	q.part = gm_a;
	q.num = NUM;
	q.desc = DESC;
	q.avail = AVAIL;
	q.used = USED;
	assert_true(virtq_start(&q));
	return 0;
}

static int teardown(void **state)
{
	assert_true(gm_foreign_intact());
	return 0;
}

static void expect_broken(const char *what)
{
	assert_int_equal(virtq_pop(&q, &c), -1);
	assert_non_null(q.error);
	assert_non_null(strstr(q.error, what));
	assert_false(q.ready);
	/* broken for good: nothing more is taken or given back */
	assert_int_equal(virtq_pop(&q, &c), -1);
	assert_false(virtq_push(&q, 0, 0));
	assert_false(virtq_should_interrupt(&q));
}

/* ------------------------------------------------------------ set-up */

static void test_start_checks(void **state)
{
	static const struct {
		uint32_t num;
		uint64_t desc, avail, used;
	} bad[] = {
		{ 0, DESC, AVAIL, USED },
		{ 3, DESC, AVAIL, USED },
		{ 512, DESC, AVAIL, USED },
		{ NUM, DESC + 8, AVAIL, USED },         /* descriptors 16-byte aligned */
		{ NUM, DESC, AVAIL + 1, USED },         /* avail 2 */
		{ NUM, DESC, AVAIL, USED + 2 },         /* used 4 */
		{ NUM, GM_A_SIZE - 16, AVAIL, USED },   /* table runs off the end of RAM */
		{ NUM, DESC, GM_A_SIZE, USED },         /* just outside */
		{ NUM, DESC, AVAIL, 0xFFFFFFFFFFFFFF00ull }, /* would wrap */
		{ NUM, 0xFE0000000ull, AVAIL, USED },   /* CCSR */
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		virtq_reset(&q);
		q.num = bad[i].num;
		q.desc = bad[i].desc;
		q.avail = bad[i].avail;
		q.used = bad[i].used;
		assert_false(virtq_start(&q));
		assert_non_null(q.error);
		assert_false(q.ready);
	}
	virtq_reset(&q);
	assert_null(q.error);
	q.num = VIRTQ_NUM_MAX;
	q.desc = DESC;
	q.avail = AVAIL;
	q.used = USED;
	assert_true(virtq_start(&q));
}

/* The rings may sit in the second region, whose host memory is elsewhere. */
static void test_rings_in_second_region(void **state)
{
	virtq_reset(&q);
	q.num = NUM;
	q.desc = GM_REGION + DESC;
	q.avail = GM_REGION + AVAIL;
	q.used = GM_REGION + USED;
	assert_true(virtq_start(&q));
	gm_w64(gm_a, q.desc, BUF);
	gm_w32(gm_a, q.desc + 8, 100);
	gm_w16(gm_a, q.avail + 4, 0);
	gm_w16(gm_a, q.avail + 2, 1);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.read_len, 100);
	assert_true(virtq_push(&q, c.head, 7));
	assert_int_equal(gm_r16(gm_a, q.used + 2), 1);
	assert_int_equal(gm_r32(gm_a, q.used + 8), 7);
}

/*
 * The rings' translation, made once when the queue starts: rings in the
 * direct map are reached through it; a ring across two RAM regions (whose
 * host memory is apart) or beyond the direct map is not cached and still
 * works, field by field through the memory map.
 */
static void test_ring_cache(void **state)
{
	assert_ptr_equal(q.desc_p, gm_ptr(gm_a, DESC));
	assert_ptr_equal(q.avail_p, gm_ptr(gm_a, AVAIL));
	assert_ptr_equal(q.used_p, gm_ptr(gm_a, USED));
	virtq_reset(&q);
	assert_null(q.desc_p);
	assert_null(q.avail_p);
	assert_null(q.used_p);
	q.num = NUM;
	q.desc = GM_REGION - 128; /* across the end of the first region */
	q.avail = GM_REGION + AVAIL; /* the second region: beyond the direct map */
	q.used = GM_REGION + USED;
	assert_true(virtq_start(&q));
	assert_null(q.desc_p);
	assert_null(q.avail_p);
	assert_null(q.used_p);
}

/* Eight chains taken and given back with the rings at d, a, u (any of them uncached). */
static void ring_cycle(uint64_t d, uint64_t a, uint64_t u)
{
	unsigned int i;

	virtq_reset(&q);
	q.num = 8;
	q.desc = d;
	q.avail = a;
	q.used = u;
	assert_true(virtq_start(&q));
	for (i = 0; i < 8; i++) {
		uint64_t di = d + 16u * i;

		gm_w64(gm_a, di, BUF + 0x10 * i);
		gm_w32(gm_a, di + 8, 1 + i);
		gm_w16(gm_a, di + 12, 0);
		gm_w16(gm_a, di + 14, 0);
		gm_w16(gm_a, a + 4 + 2 * i, (uint16_t)(7 - i));
	}
	gm_w16(gm_a, a + 2, 8);
	for (i = 0; i < 8; i++) {
		assert_int_equal(virtq_pop(&q, &c), 1);
		assert_int_equal(c.head, 7 - i);
		assert_int_equal(c.read_len, 8 - i);
		assert_int_equal(c.seg[0].gpa, BUF + 0x10 * (7 - i));
		assert_true(virtq_push(&q, c.head, 100 + i));
		assert_int_equal(gm_r32(gm_a, u + 4 + 8 * i), 7 - i);
		assert_int_equal(gm_r32(gm_a, u + 8 + 8 * i), 100 + i);
	}
	assert_int_equal(gm_r16(gm_a, u + 2), 8);
	assert_int_equal(virtq_pop(&q, &c), 0);
	assert_null(q.error);
}

/* Descriptors, available and used entries on both sides of a region boundary. */
static void test_rings_across_regions(void **state)
{
	ring_cycle(GM_REGION - 4 * 16, AVAIL, USED); /* descriptors 0-3 | 4-7 */
	assert_null(q.desc_p);
	ring_cycle(DESC, GM_REGION - 10, USED); /* avail entries 0-2 | 3-7 */
	assert_null(q.avail_p);
	ring_cycle(DESC, AVAIL, GM_REGION - 36); /* used entries 0-3 | 4-7 */
	assert_null(q.used_p);
	ring_cycle(DESC, AVAIL, USED); /* all three cached */
	assert_non_null(q.desc_p);
	assert_non_null(q.avail_p);
	assert_non_null(q.used_p);
}

/*
 * A reset and a restart with the rings elsewhere: the new rings are read
 * and written, not the old ones (the translation is made again).
 */
static void test_restart_elsewhere(void **state)
{
	const uint64_t d2 = 0x5000, a2 = 0x6000, u2 = 0x7000;

	desc(0, BUF, 8, 0, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_true(virtq_push(&q, c.head, 1));
	virtq_reset(&q);
	q.part = gm_a;
	q.num = NUM;
	q.desc = d2;
	q.avail = a2;
	q.used = u2;
	assert_true(virtq_start(&q));
	assert_ptr_equal(q.desc_p, gm_ptr(gm_a, d2));
	gm_w64(gm_a, d2 + 16 * 3, BUF + 0x40);
	gm_w32(gm_a, d2 + 16 * 3 + 8, 33);
	gm_w16(gm_a, a2 + 4, 3);
	gm_w16(gm_a, a2 + 2, 1);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.head, 3);
	assert_int_equal(c.read_len, 33);
	assert_true(virtq_push(&q, c.head, 5));
	assert_int_equal(gm_r16(gm_a, u2 + 2), 1);
	assert_int_equal(gm_r32(gm_a, u2 + 4), 3);
	assert_int_equal(gm_r16(gm_a, USED + 2), 1); /* the old ring: as the first run left it */
	assert_int_equal(gm_r32(gm_a, USED + 4), 0);
}

/*
 * Buffers: reached directly when in one region of the direct map, else
 * (across regions, beyond the direct map) through the memory map; the
 * bytes land in the same places either way.
 */
static void test_buffer_translation(void **state)
{
	static const uint8_t pat[48] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJK";
	uint8_t in[48];

	desc(0, BUF, 16, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 1);
	desc(1, GM_REGION - 8, 16, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2);
	desc(2, GM_REGION + 0x100, 16, VIRTQ_DESC_F_WRITE, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_ptr_equal(c.seg[0].hva, gm_ptr(gm_a, BUF));
	assert_null(c.seg[1].hva); /* across the regions */
	assert_null(c.seg[2].hva); /* second region: beyond the direct map */
	assert_true(virtq_write(&q, &c, 0, pat, sizeof(pat)));
	assert_memory_equal(gm_ptr(gm_a, BUF), pat, 16);
	assert_memory_equal(gm_ptr(gm_a, GM_REGION - 8), pat + 16, 8);
	assert_memory_equal(gm_ptr(gm_a, GM_REGION), pat + 24, 8);
	assert_memory_equal(gm_ptr(gm_a, GM_REGION + 0x100), pat + 32, 16);
	assert_true(gmem_read(gm_a, BUF, in, 16));
	assert_memory_equal(in, pat, 16);
	assert_null(gmem_direct(gm_a, GM_A_SIZE - 4, 8));
	assert_null(gmem_direct(gm_a, BUF, 0));
	assert_null(gmem_direct(gm_a, 0xFFFFFFFFFFFFFFF0ull, 0x20));
	assert_null(gmem_direct(gm_b, GM_B_SIZE - 4, 8));
	assert_ptr_equal(gmem_direct(gm_b, GM_B_SIZE - 8, 8), gm_ptr(gm_b, GM_B_SIZE - 8));
}

/* ------------------------------------------------------------ good chains */

static void test_empty(void **state)
{
	assert_int_equal(virtq_pop(&q, &c), 0);
	assert_false(virtq_has_work(&q));
	assert_null(q.error);
}

static void test_simple_chain(void **state)
{
	static const char msg[] = "hello, device";
	char buf[32] = { 0 };

	memcpy(gm_ptr(gm_a, BUF), msg, sizeof(msg));
	desc(5, BUF, sizeof(msg), VIRTQ_DESC_F_NEXT, 9);
	desc(9, BUF + 0x100, 1, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2);
	desc(2, BUF + 0x200, 64, VIRTQ_DESC_F_WRITE, 0);
	offer(0, 5);
	assert_true(virtq_has_work(&q));
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.head, 5);
	assert_int_equal(c.nread, 1);
	assert_int_equal(c.nwrite, 2);
	assert_int_equal(c.read_len, sizeof(msg));
	assert_int_equal(c.write_len, 65);
	assert_true(virtq_read(&q, &c, 0, buf, sizeof(msg)));
	assert_string_equal(buf, msg);
	assert_false(virtq_read(&q, &c, 1, buf, sizeof(msg))); /* past the readable part */
	/* the writable part: 1 byte at 0x100, then 64 at 0x200 */
	assert_true(virtq_write(&q, &c, 0, "XYZ", 3));
	assert_int_equal(*gm_ptr(gm_a, BUF + 0x100), 'X');
	assert_memory_equal(gm_ptr(gm_a, BUF + 0x200), "YZ", 2);
	assert_false(virtq_write(&q, &c, 63, "XYZ", 3));
	assert_true(virtq_push(&q, c.head, 65));
	assert_int_equal(gm_r16(gm_a, USED + 2), 1);
	assert_int_equal(gm_r32(gm_a, USED + 4), 5);
	assert_int_equal(gm_r32(gm_a, USED + 8), 65);
	assert_int_equal(virtq_pop(&q, &c), 0);
}

/* The indices wrap at 65536, and the ring at num. */
static void test_index_wrap(void **state)
{
	unsigned int i;

	desc(0, BUF, 8, 0, 0);
	q.last_avail = q.used_idx = q.signalled = 65530;
	for (i = 0; i < 20; i++) {
		uint16_t idx = (uint16_t)(65530 + i);

		offer(idx, 0);
		assert_int_equal(virtq_pop(&q, &c), 1);
		assert_true(virtq_push(&q, c.head, 0));
		assert_int_equal(gm_r16(gm_a, USED + 2), (uint16_t)(idx + 1));
	}
	assert_null(q.error);
}

/* A buffer may run from one RAM region into the next, though their host memory is apart. */
static void test_buffer_across_regions(void **state)
{
	uint8_t out[64], in[64];
	uint64_t gpa = GM_REGION - 32;
	unsigned int i;

	for (i = 0; i < sizeof(out); i++)
		out[i] = (uint8_t)(i * 7 + 1);
	desc(0, gpa, 64, VIRTQ_DESC_F_WRITE, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_true(virtq_write(&q, &c, 0, out, sizeof(out)));
	assert_memory_equal(gm_ptr(gm_a, gpa), out, 32);
	assert_memory_equal(gm_ptr(gm_a, GM_REGION), out + 32, 32);
	assert_true(gmem_read(gm_a, gpa, in, sizeof(in)));
	assert_memory_equal(in, out, sizeof(in));
}

static void test_zero_length_buffers(void **state)
{
	desc(0, 0, 0, VIRTQ_DESC_F_NEXT, 1);
	desc(1, BUF, 4, VIRTQ_DESC_F_NEXT, 2);
	desc(2, 0xFFFFFFFF00ull, 0, VIRTQ_DESC_F_WRITE, 0); /* nowhere, but empty */
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.read_len, 4);
	assert_int_equal(c.write_len, 0);
}

static void test_indirect(void **state)
{
	const uint64_t table = BUF + 0x1000;
	char buf[8];

	q.indirect = true;
	memcpy(gm_ptr(gm_a, BUF), "abcdefgh", 8);
	idesc(table, 0, BUF, 4, VIRTQ_DESC_F_NEXT, 2);
	idesc(table, 2, BUF + 4, 4, VIRTQ_DESC_F_NEXT, 1);
	idesc(table, 1, BUF + 0x100, 16, VIRTQ_DESC_F_WRITE, 0);
	desc(3, table, 3 * 16, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 3);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.head, 3);
	assert_int_equal(c.nread, 2);
	assert_int_equal(c.nwrite, 1);
	assert_true(virtq_read(&q, &c, 2, buf, 4));
	assert_memory_equal(buf, "cdef", 4);
}

/*
 * An indirect table only 8-byte aligned, as Linux's kmalloc() gives them
 * on 32-bit powerpc (the spec asks no alignment of indirect tables): the
 * first version refused it and Linux's virtio-blk device needed a reset.
 */
static void test_indirect_8_aligned(void **state)
{
	const uint64_t table = BUF + 0x1008;

	q.indirect = true;
	idesc(table, 0, BUF, 16, VIRTQ_DESC_F_NEXT, 1);
	idesc(table, 1, BUF + 0x100, 1, VIRTQ_DESC_F_WRITE, 0);
	desc(0, table, 2 * 16, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.nread, 1);
	assert_int_equal(c.nwrite, 1);
	assert_null(q.error);
}

/* A chain of exactly VIRTQ_SEG_MAX descriptors is fine, one more is not. */
/* ... or not word-aligned at all: read through the memory map, the same chain. */
static void test_indirect_unaligned(void **state)
{
	const uint64_t table = BUF + 0x1002;
	char buf[4];

	q.indirect = true;
	memcpy(gm_ptr(gm_a, BUF), "wxyz", 4);
	idesc(table, 0, BUF, 4, VIRTQ_DESC_F_NEXT, 1);
	idesc(table, 1, BUF + 0x100, 1, VIRTQ_DESC_F_WRITE, 0);
	desc(0, table, 2 * 16, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.nread, 1);
	assert_int_equal(c.nwrite, 1);
	assert_true(virtq_read(&q, &c, 0, buf, 4));
	assert_memory_equal(buf, "wxyz", 4);
}

static void test_longest_chain(void **state)
{
	const uint64_t table = BUF + 0x1000;
	unsigned int i;

	q.indirect = true;
	for (i = 0; i < VIRTQ_SEG_MAX; i++)
		idesc(table, i, BUF + i, 1, i + 1 < VIRTQ_SEG_MAX ? VIRTQ_DESC_F_NEXT : 0, i + 1);
	desc(0, table, VIRTQ_SEG_MAX * 16, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_int_equal(c.nread, VIRTQ_SEG_MAX);
}

/* ------------------------------------------------------------ broken rules */

static void test_index_jump(void **state)
{
	desc(0, BUF, 8, 0, 0);
	gm_w16(gm_a, AVAIL + 2, NUM + 1);
	expect_broken("jumped");
}

static void test_head_out_of_range(void **state)
{
	offer(0, NUM);
	expect_broken("head index");
}

static void test_next_out_of_range(void **state)
{
	desc(0, BUF, 8, VIRTQ_DESC_F_NEXT, NUM + 3);
	offer(0, 0);
	expect_broken("next index");
}

static void test_loop(void **state)
{
	desc(0, BUF, 8, VIRTQ_DESC_F_NEXT, 1);
	desc(1, BUF, 8, VIRTQ_DESC_F_NEXT, 0);
	offer(0, 0);
	expect_broken("loops");
}

static void test_self_loop(void **state)
{
	desc(4, BUF, 8, VIRTQ_DESC_F_NEXT, 4);
	offer(0, 4);
	expect_broken("loops");
}

/* A long loop of zero-length buffers in a big queue still ends. */
static void test_chain_too_long(void **state)
{
	unsigned int i;

	virtq_reset(&q);
	q.num = VIRTQ_NUM_MAX;
	q.desc = DESC;
	q.avail = AVAIL;
	q.used = USED;
	assert_true(virtq_start(&q));
	for (i = 0; i < VIRTQ_NUM_MAX; i++)
		desc(i, 0, 0, VIRTQ_DESC_F_NEXT, (uint16_t)((i + 1) % VIRTQ_NUM_MAX));
	offer(0, 0);
	expect_broken("longer than");
}

static void test_readable_after_writable(void **state)
{
	desc(0, BUF, 8, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
	desc(1, BUF, 8, 0, 0);
	offer(0, 0);
	expect_broken("readable buffer after");
}

static void test_buffers_outside(void **state)
{
	static const struct {
		uint64_t addr;
		uint32_t len;
	} bad[] = {
		{ GM_A_SIZE, 1 },                /* the first byte past its RAM */
		{ GM_A_SIZE - 8, 9 },            /* running past the end */
		{ BUF, 0xFFFFFFFFu },            /* a huge length */
		{ 0xFFFFFFFFFFFFFFF0ull, 0x20 }, /* wrapping around */
		{ 0xFE0000000ull, 4 },           /* CCSR */
		{ 0x100000000ull, 4096 },        /* above 4 GiB */
		{ GM_PHYS_BASE + GM_REGION, 8 }, /* B's memory by its host address */
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup(NULL);
		desc(0, BUF, 8, VIRTQ_DESC_F_NEXT, 1);
		desc(1, bad[i].addr, bad[i].len, VIRTQ_DESC_F_WRITE, 0);
		offer(0, 0);
		expect_broken("outside the partition");
	}
}

static void test_indirect_not_negotiated(void **state)
{
	desc(0, BUF, 32, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 0);
	expect_broken("not negotiated");
}

static void test_indirect_bad_tables(void **state)
{
	const uint64_t table = BUF + 0x1000;
	static const struct {
		uint64_t addr;
		uint32_t len;
		uint16_t flags;
		const char *why;
	} bad[] = {
		{ table, 24, VIRTQ_DESC_F_INDIRECT, "not a table" },
		{ table, 0, VIRTQ_DESC_F_INDIRECT, "not a table" },
		{ GM_A_SIZE - 16, 32, VIRTQ_DESC_F_INDIRECT, "not a table" },
		{ table, 0xFFFFFFF0u, VIRTQ_DESC_F_INDIRECT, "not a table" },
		{ table, 32, VIRTQ_DESC_F_INDIRECT | VIRTQ_DESC_F_NEXT, "not alone" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup(NULL);
		q.indirect = true;
		idesc(table, 0, BUF, 8, 0, 0);
		desc(0, bad[i].addr, bad[i].len, bad[i].flags, 1);
		offer(0, 0);
		expect_broken(bad[i].why);
	}
}

static void test_indirect_after_direct(void **state)
{
	q.indirect = true;
	idesc(BUF + 0x1000, 0, BUF, 8, 0, 0);
	desc(0, BUF, 8, VIRTQ_DESC_F_NEXT, 1);
	desc(1, BUF + 0x1000, 16, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 0);
	expect_broken("not alone");
}

static void test_indirect_nested(void **state)
{
	const uint64_t table = BUF + 0x1000;

	q.indirect = true;
	idesc(table, 0, table, 16, VIRTQ_DESC_F_INDIRECT, 0);
	desc(0, table, 16, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 0);
	expect_broken("in an indirect table");
}

static void test_indirect_loop(void **state)
{
	const uint64_t table = BUF + 0x1000;

	q.indirect = true;
	idesc(table, 0, BUF, 8, VIRTQ_DESC_F_NEXT, 1);
	idesc(table, 1, BUF, 8, VIRTQ_DESC_F_NEXT, 0);
	desc(0, table, 32, VIRTQ_DESC_F_INDIRECT, 0);
	offer(0, 0);
	expect_broken("loops");
}

/* A reset and a new start bring a broken queue back. */
static void test_reset_after_error(void **state)
{
	offer(0, NUM + 1);
	expect_broken("head index");
	virtq_reset(&q);
	q.num = NUM;
	q.desc = DESC;
	q.avail = AVAIL;
	q.used = USED;
	assert_true(virtq_start(&q));
	gm_w16(gm_a, AVAIL + 2, 0);
	desc(0, BUF, 8, 0, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
}

/* ------------------------------------------------------------ notifications */

static void test_interrupt_flags(void **state)
{
	desc(0, BUF, 8, 0, 0);
	offer(0, 0);
	assert_false(virtq_should_interrupt(&q)); /* nothing used yet */
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_true(virtq_push(&q, 0, 0));
	assert_true(virtq_should_interrupt(&q));
	assert_false(virtq_should_interrupt(&q)); /* nothing new since */
	gm_w16(gm_a, AVAIL, VIRTQ_AVAIL_F_NO_INTERRUPT);
	offer(1, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_true(virtq_push(&q, 0, 0));
	assert_false(virtq_should_interrupt(&q));
}

static void test_event_idx(void **state)
{
	unsigned int i;

	q.event_idx = true;
	desc(0, BUF, 8, 0, 0);
	/* the driver wants an interrupt once used entry 2 is there (used_event = 2) */
	gm_w16(gm_a, AVAIL + 4 + 2 * NUM, 2);
	for (i = 0; i < 4; i++) {
		offer((uint16_t)i, 0);
		assert_int_equal(virtq_pop(&q, &c), 1);
		assert_true(virtq_push(&q, 0, 0));
		/* used idx now i + 1: interrupt when it passes 2, i.e. at 3 */
		assert_int_equal(virtq_should_interrupt(&q), i == 2);
	}
	/* several at once still interrupt when they step over used_event */
	gm_w16(gm_a, AVAIL + 4 + 2 * NUM, 5);
	for (i = 4; i < 8; i++) {
		offer((uint16_t)i, 0);
		assert_int_equal(virtq_pop(&q, &c), 1);
		assert_true(virtq_push(&q, 0, 0));
	}
	assert_true(virtq_should_interrupt(&q));
}

static void test_enable_notify(void **state)
{
	q.event_idx = true;
	desc(0, BUF, 8, 0, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	assert_false(virtq_enable_notify(&q));
	assert_int_equal(gm_r16(gm_a, USED + 4 + 8 * NUM), 1); /* avail_event */
	offer(1, 0);
	assert_true(virtq_enable_notify(&q)); /* one came: take it */
}

/* ------------------------------------------------------------ between partitions */

static void test_copy_between_partitions(void **state)
{
	struct virtq qb = { .part = gm_b, .num = NUM, .desc = DESC, .avail = AVAIL, .used = USED };
	struct virtq_chain cb;
	uint8_t frame[200];
	unsigned int i;

	assert_true(virtq_start(&qb));
	for (i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)(i ^ 0x5A);
	/* a's frame: 12-byte header, then 200 bytes in two pieces across its regions */
	memcpy(gm_ptr(gm_a, GM_REGION - 50), frame, 50);
	memcpy(gm_ptr(gm_a, GM_REGION), frame + 50, 150);
	desc(0, BUF, 12, VIRTQ_DESC_F_NEXT, 1);
	desc(1, GM_REGION - 50, 200, 0, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	/* b's receive buffer: three writable pieces */
	gm_w64(gm_b, DESC, 0x8000);
	gm_w32(gm_b, DESC + 8, 20);
	gm_w16(gm_b, DESC + 12, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT);
	gm_w16(gm_b, DESC + 14, 1);
	gm_w64(gm_b, DESC + 16, 0x9000);
	gm_w32(gm_b, DESC + 24, 100);
	gm_w16(gm_b, DESC + 28, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT);
	gm_w16(gm_b, DESC + 30, 2);
	gm_w64(gm_b, DESC + 32, 0xA000);
	gm_w32(gm_b, DESC + 40, 1000);
	gm_w16(gm_b, DESC + 44, VIRTQ_DESC_F_WRITE);
	gm_w16(gm_b, AVAIL + 4, 0);
	gm_w16(gm_b, AVAIL + 2, 1);
	assert_int_equal(virtq_pop(&qb, &cb), 1);
	assert_true(virtq_copy(&qb, &cb, 12, &q, &c, 12, 200));
	assert_memory_equal(gm_ptr(gm_b, 0x8000 + 12), frame, 8);
	assert_memory_equal(gm_ptr(gm_b, 0x9000), frame + 8, 100);
	assert_memory_equal(gm_ptr(gm_b, 0xA000), frame + 108, 92);
	/* more than either part holds: nothing */
	assert_false(virtq_copy(&qb, &cb, 12, &q, &c, 12, 201));
	assert_false(virtq_copy(&qb, &cb, 1100, &q, &c, 0, 100));
}

/*
 * A frame in one buffer to a receive buffer of one (the fast path: one
 * memcpy), and the edges where it must not be taken: past the buffer, past
 * the part.
 */
static void test_copy_one_buffer_each(void **state)
{
	struct virtq qb = { .part = gm_b, .num = NUM, .desc = DESC, .avail = AVAIL, .used = USED };
	struct virtq_chain cb;
	uint8_t frame[100];
	unsigned int i;

	assert_true(virtq_start(&qb));
	for (i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)(i * 3 + 1);
	memcpy(gm_ptr(gm_a, BUF + 12), frame, sizeof(frame));
	desc(0, BUF, 12 + sizeof(frame), 0, 0);
	offer(0, 0);
	assert_int_equal(virtq_pop(&q, &c), 1);
	gm_w64(gm_b, DESC, 0x8000);
	gm_w32(gm_b, DESC + 8, 12 + sizeof(frame));
	gm_w16(gm_b, DESC + 12, VIRTQ_DESC_F_WRITE);
	gm_w16(gm_b, AVAIL + 4, 0);
	gm_w16(gm_b, AVAIL + 2, 1);
	assert_int_equal(virtq_pop(&qb, &cb), 1);
	assert_non_null(c.seg[0].hva);
	assert_non_null(cb.seg[0].hva);
	memset(gm_ptr(gm_b, 0x8000), 0xAB, 12 + sizeof(frame) + 4);
	assert_true(virtq_copy(&qb, &cb, 12, &q, &c, 12, sizeof(frame)));
	assert_memory_equal(gm_ptr(gm_b, 0x8000 + 12), frame, sizeof(frame));
	assert_int_equal(*gm_ptr(gm_b, 0x8000 + 11), 0xAB); /* nothing before */
	assert_int_equal(*gm_ptr(gm_b, 0x8000 + 12 + sizeof(frame)), 0xAB); /* nor after */
	/* one byte more than either buffer: nothing copied */
	memset(gm_ptr(gm_b, 0x8000), 0xAB, 12 + sizeof(frame));
	assert_false(virtq_copy(&qb, &cb, 12, &q, &c, 12, sizeof(frame) + 1));
	assert_false(virtq_copy(&qb, &cb, 13, &q, &c, 12, sizeof(frame)));
	assert_int_equal(*gm_ptr(gm_b, 0x8000 + 12), 0xAB);
	/* read and write within the one buffer, and just past it */
	assert_true(virtq_write(&qb, &cb, 0, "0123456789ab", 12));
	assert_memory_equal(gm_ptr(gm_b, 0x8000), "0123456789ab", 12);
	assert_false(virtq_write(&qb, &cb, 12 + sizeof(frame) - 3, "xyzw", 4));
	assert_int_equal(*gm_ptr(gm_b, 0x8000 + 12 + sizeof(frame) - 3), 0xAB);
	assert_false(virtq_read(&q, &c, 12 + sizeof(frame), frame, 1));
	assert_true(virtq_read(&q, &c, 12 + sizeof(frame) - 1, frame, 1));
}

/* Guest memory checks themselves: edges, wrapping, other partitions. */
static void test_gmem_edges(void **state)
{
	uint8_t b[16];

	assert_true(gmem_check(gm_a, 0, GM_A_SIZE));
	assert_false(gmem_check(gm_a, 0, GM_A_SIZE + 1));
	assert_false(gmem_check(gm_a, GM_A_SIZE, 1));
	assert_true(gmem_check(gm_a, GM_A_SIZE, 0));
	assert_false(gmem_check(gm_a, 0xFFFFFFFFFFFFFFFFull, 2));
	assert_false(gmem_check(gm_b, GM_B_SIZE - 1, 2));
	assert_false(gmem_read(gm_b, GM_B_SIZE - 8, b, 16));
	assert_false(gmem_write(gm_a, GM_A_SIZE - 8, b, 16));
	/* a refused write writes nothing */
	memset(gm_ptr(gm_a, GM_A_SIZE - 8), 0x11, 8);
	memset(b, 0x22, sizeof(b));
	assert_false(gmem_write(gm_a, GM_A_SIZE - 8, b, 16));
	assert_int_equal(*gm_ptr(gm_a, GM_A_SIZE - 8), 0x11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_start_checks),
		T(test_rings_in_second_region),
		T(test_ring_cache),
		T(test_rings_across_regions),
		T(test_restart_elsewhere),
		T(test_buffer_translation),
		T(test_indirect_unaligned),
		T(test_empty),
		T(test_simple_chain),
		T(test_index_wrap),
		T(test_buffer_across_regions),
		T(test_zero_length_buffers),
		T(test_indirect),
		T(test_longest_chain),
		T(test_index_jump),
		T(test_head_out_of_range),
		T(test_next_out_of_range),
		T(test_loop),
		T(test_self_loop),
		T(test_chain_too_long),
		T(test_readable_after_writable),
		T(test_buffers_outside),
		T(test_indirect_not_negotiated),
		T(test_indirect_8_aligned),
		T(test_indirect_bad_tables),
		T(test_indirect_after_direct),
		T(test_indirect_nested),
		T(test_indirect_loop),
		T(test_reset_after_error),
		T(test_interrupt_flags),
		T(test_event_idx),
		T(test_enable_notify),
		T(test_copy_between_partitions),
		T(test_copy_one_buffer_each),
		T(test_gmem_edges),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
