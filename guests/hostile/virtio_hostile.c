/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A virtio-blk driver of its own, polite or hostile (runs under beryl; see
 * tests/system/test_virtio_hostile.py). It drives the first virtio-mmio
 * device (guest physical 0xF_F100_0000) by polling, without interrupts,
 * and asks the disk its serial number (GET_ID) to know its part:
 *
 *   "peer"     a polite guest: writes and reads back 64 KiB blocks of a
 *              pattern, PEER_ROUNDS times, and prints the checksum of
 *              everything it read back; then offers 8 reads of 256 KiB
 *              with one notification (more than beryl serves at once);
 *   "hostile"  breaks the rules every way it can, one per round, each on
 *              a freshly initialised device: buffers outside its RAM (just
 *              past it, at CCSR, at the device's own page, wrapping around
 *              2^64), huge lengths, loops, indices out of range, an index
 *              jump, rings outside its RAM, readable after writable; after
 *              each it prints the device status and interrupt status (the
 *              device must say DEVICE_NEEDS_RESET, 0x40, with a
 *              configuration interrupt, 2). Then requests the device must
 *              refuse with IOERR (a write to its read-only disk, a read past
 *              the end), a storm of notifications, and a valid read after
 *              a reset: the device works again.
 *
 * The rounds are then repeated HOSTILE_REPEAT times, quietly, while the
 * peer works on the other core.
 *
 * Lines: "<round>: status=<hex> isr=<hex>", "<request>: blk-status=<n>",
 * "peer: ...", and "virtio_hostile: done".
 */
#include "rt.h"

#define VIO_EA 0x20000000u /* where it maps the device's page */
#define VIO_PA_HI 0xFu
#define VIO_PA 0xF1000000u

#define REG_DEVICE_ID 0x008
#define REG_DRV_FEATURES 0x020
#define REG_DRV_FEATURES_SEL 0x024
#define REG_QUEUE_SEL 0x030
#define REG_QUEUE_NUM 0x038
#define REG_QUEUE_READY 0x044
#define REG_QUEUE_NOTIFY 0x050
#define REG_INT_STATUS 0x060
#define REG_INT_ACK 0x064
#define REG_STATUS 0x070
#define REG_QUEUE_DESC_LO 0x080
#define REG_QUEUE_DESC_HI 0x084
#define REG_QUEUE_DRIVER_LO 0x090
#define REG_QUEUE_DRIVER_HI 0x094
#define REG_QUEUE_DEVICE_LO 0x0a0
#define REG_QUEUE_DEVICE_HI 0x0a4
#define REG_CONFIG 0x100

#define QNUM 32
#define DESC 0x00300000u
#define AVAIL 0x00301000u
#define USED 0x00302000u
#define HDR 0x00310000u
#define DATA 0x00320000u
#define BLOCK 0x10000u
#define STATUS_BYTE 0x00340000u
#define RAM_END 0x04000000u /* its 64 MiB */

#define F_NEXT 1u
#define F_WRITE 2u

#define T_IN 0
#define T_OUT 1
#define T_GET_ID 8

#define PEER_ROUNDS 64
#define BATCH 8            /* requests offered at once, one notification */
#define BATCH_LEN 0x40000u /* 256 KiB each: more than beryl serves per notification */
#define BATCH_DATA 0x01000000u
#define HOSTILE_REPEAT 300
#define SPIN 20000000u

static unsigned short avail_idx, used_seen;

static u32 bswap(u32 v)
{
	return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}

/* The registers are little-endian. */
static u32 reg(u32 off)
{
	return bswap(rd32(VIO_EA + off));
}

static void set_reg(u32 off, u32 v)
{
	wr32(VIO_EA + off, bswap(v));
}

static void put_le(u32 addr, u64 v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		((volatile unsigned char *)addr)[i] = (unsigned char)(v >> (8 * i));
}

static u32 get_le16(u32 addr)
{
	volatile unsigned char *p = (volatile unsigned char *)addr;

	return p[0] | p[1] << 8;
}

static void desc(unsigned int i, u64 addr, u32 len, u32 flags, u32 next)
{
	u32 d = DESC + 16 * i;

	put_le(d, addr, 8);
	put_le(d + 8, len, 4);
	put_le(d + 12, flags, 2);
	put_le(d + 14, next, 2);
}

static void zero(u32 addr, u32 len)
{
	while (len--)
		*(volatile unsigned char *)addr++ = 0;
}

/* Reset and bring the device up: VERSION_1 only, one queue of QNUM at desc. */
static int dev_init(u32 desc_addr)
{
	u32 st;

	set_reg(REG_STATUS, 0);
	set_reg(REG_STATUS, 1);
	set_reg(REG_STATUS, 3);
	set_reg(REG_DRV_FEATURES_SEL, 1);
	set_reg(REG_DRV_FEATURES, 1); /* VIRTIO_F_VERSION_1 */
	set_reg(REG_DRV_FEATURES_SEL, 0);
	set_reg(REG_DRV_FEATURES, 0);
	set_reg(REG_STATUS, 0xB);
	if (!(reg(REG_STATUS) & 8))
		return -1;
	zero(AVAIL, 0x2000);
	zero(DESC, 16 * QNUM);
	avail_idx = used_seen = 0;
	set_reg(REG_QUEUE_SEL, 0);
	set_reg(REG_QUEUE_NUM, QNUM);
	set_reg(REG_QUEUE_DESC_LO, desc_addr);
	set_reg(REG_QUEUE_DESC_HI, 0);
	set_reg(REG_QUEUE_DRIVER_LO, AVAIL);
	set_reg(REG_QUEUE_DRIVER_HI, 0);
	set_reg(REG_QUEUE_DEVICE_LO, USED);
	set_reg(REG_QUEUE_DEVICE_HI, 0);
	set_reg(REG_QUEUE_READY, 1);
	set_reg(REG_STATUS, 0xF);
	st = reg(REG_STATUS);
	return st == 0xF ? 0 : -(int)st;
}

/* Offer head (the index moves by `step`, normally 1) and notify. */
static void offer(u32 head, u32 step)
{
	put_le(AVAIL + 4 + 2 * (avail_idx % QNUM), head, 2);
	msync();
	avail_idx += step;
	put_le(AVAIL + 2, avail_idx, 2);
	msync();
	set_reg(REG_QUEUE_NOTIFY, 0);
}

/* The device gave a chain back (bounded wait); its length or -1. */
static int wait_used(void)
{
	u32 n;

	for (n = 0; n < SPIN; n++) {
		if (get_le16(USED + 2) != used_seen) {
			u32 e = USED + 4 + 8 * (used_seen % QNUM);

			used_seen++;
			set_reg(REG_INT_ACK, reg(REG_INT_STATUS));
			return (int)get_le16(e + 4);
		}
		if (reg(REG_STATUS) & 0x40)
			return -1;
	}
	return -1;
}

/* A request: header, data (len bytes at DATA), status byte; its status or -1. */
static int request(u32 type, u32 sector, u32 len)
{
	u32 n = 0;

	put_le(HDR, type, 4);
	put_le(HDR + 4, 0, 4);
	put_le(HDR + 8, sector, 8);
	*(volatile unsigned char *)STATUS_BYTE = 0xEE;
	desc(n, HDR, 16, F_NEXT, n + 1);
	n++;
	if (len) {
		desc(n, DATA, len, (type == T_OUT ? 0 : F_WRITE) | F_NEXT, n + 1);
		n++;
	}
	desc(n, STATUS_BYTE, 1, F_WRITE, 0);
	offer(0, 1);
	if (wait_used() < 0)
		return -1;
	return *(volatile unsigned char *)STATUS_BYTE;
}

static void serial(char *out)
{
	int i;

	zero(DATA, 32);
	if (request(T_GET_ID, 0, 20) != 0) {
		out[0] = 0;
		return;
	}
	for (i = 0; i < 20; i++)
		out[i] = ((volatile char *)DATA)[i];
	out[20] = 0;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* ---------------------------------------------------------------- peer */

static void peer(void)
{
	u32 h = 2166136261u, x = 12345, r, i, ok = 0, bad = 0;

	for (r = 0; r < PEER_ROUNDS; r++) {
		for (i = 0; i < BLOCK; i += 4) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			wr32(DATA + i, x);
		}
		if (request(T_OUT, (r % 16) * (BLOCK / 512), BLOCK) != 0) {
			bad++;
			continue;
		}
		zero(DATA, BLOCK);
		if (request(T_IN, (r % 16) * (BLOCK / 512), BLOCK) != 0) {
			bad++;
			continue;
		}
		for (i = 0; i < BLOCK; i++)
			h = (h ^ ((volatile unsigned char *)DATA)[i]) * 16777619u;
		ok++;
	}
	rt_printf("peer: %u rounds ok, %u failed, fnv %08x\n", ok, bad, h);
}

/*
 * BATCH reads of BATCH_LEN offered with one notification: 2 MiB, twice
 * what beryl serves per notification, so the rest must come from the
 * poll it leaves for the partition's CPU (no second notification comes).
 */
static void peer_batch(void)
{
	u32 i, done = 0, good = 0;

	for (i = 0; i < BATCH; i++) {
		put_le(HDR + 16 * i, T_IN, 4);
		put_le(HDR + 16 * i + 4, 0, 4);
		put_le(HDR + 16 * i + 8, i * (BATCH_LEN / 512), 8);
		*(volatile unsigned char *)(STATUS_BYTE + i) = 0xEE;
		desc(3 * i, HDR + 16 * i, 16, F_NEXT, 3 * i + 1);
		desc(3 * i + 1, BATCH_DATA + i * BATCH_LEN, BATCH_LEN, F_WRITE | F_NEXT, 3 * i + 2);
		desc(3 * i + 2, STATUS_BYTE + i, 1, F_WRITE, 0);
		put_le(AVAIL + 4 + 2 * ((avail_idx + i) % QNUM), 3 * i, 2);
	}
	msync();
	avail_idx += BATCH;
	put_le(AVAIL + 2, avail_idx, 2);
	msync();
	set_reg(REG_QUEUE_NOTIFY, 0);
	for (i = 0; i < BATCH; i++)
		if (wait_used() >= 0)
			done++;
	for (i = 0; i < BATCH; i++)
		good += *(volatile unsigned char *)(STATUS_BYTE + i) == 0;
	rt_printf("peer: batch of %u reads of %u KiB, one notification: %u done, %u ok\n", BATCH,
		  BATCH_LEN / 1024, done, good);
}

/* ---------------------------------------------------------------- hostile */

static int verbose;
static u32 missed; /* rounds after which the device did not need a reset */

static void report(const char *name)
{
	u32 n;

	for (n = 0; n < 1000 && !(reg(REG_STATUS) & 0x40); n++)
		;
	if ((reg(REG_STATUS) & 0x40) == 0 || !(reg(REG_INT_STATUS) & 2))
		missed++;
	if (verbose)
		rt_printf("%s: status=%02x isr=%x\n", name, reg(REG_STATUS),
			  reg(REG_INT_STATUS));
}

/* One buffer of a read request at addr, len. */
static void bad_buffer(const char *name, u64 addr, u32 len)
{
	dev_init(DESC);
	put_le(HDR, T_IN, 4);
	put_le(HDR + 8, 0, 8);
	desc(0, HDR, 16, F_NEXT, 1);
	desc(1, addr, len, F_WRITE | F_NEXT, 2);
	desc(2, STATUS_BYTE, 1, F_WRITE, 0);
	offer(0, 1);
	report(name);
}

/* Every broken ring once. */
static void rounds(void)
{
	int n;

	bad_buffer("outside-ram", RAM_END, 512);
	bad_buffer("straddles-end", RAM_END - 256, 512);
	bad_buffer("at-ccsr", 0xFE0000000ull, 512);
	bad_buffer("at-device-page", ((u64)VIO_PA_HI << 32) | VIO_PA, 512);
	bad_buffer("wraps", 0xFFFFFFFFFFFFFF00ull, 512);
	bad_buffer("huge-length", DATA, 0xFFFFFFFFu);

	dev_init(DESC);
	desc(0, HDR, 16, F_NEXT, 1);
	desc(1, DATA, 512, F_NEXT, 0);
	offer(0, 1);
	report("loop");

	dev_init(DESC);
	desc(0, HDR, 16, F_NEXT, 200);
	offer(0, 1);
	report("next-out-of-range");

	dev_init(DESC);
	desc(0, HDR, 16, 0, 0);
	offer(100, 1);
	report("head-out-of-range");

	dev_init(DESC);
	desc(0, HDR, 16, 0, 0);
	offer(0, 1000);
	report("index-jump");

	dev_init(DESC);
	desc(0, DATA, 512, F_WRITE | F_NEXT, 1);
	desc(1, HDR, 16, 0, 0);
	offer(0, 1);
	report("readable-after-writable");

	n = dev_init(RAM_END);
	if (verbose)
		rt_printf("ring-outside-ram: init=%d\n", n);
	report("ring-outside-ram");
}

static void hostile(void)
{
	u32 n;

	verbose = 1;
	rounds();
	verbose = 0;
	for (n = 0; n < HOSTILE_REPEAT; n++) /* while the peer works */
		rounds();
	rt_printf("hostile: %u more times, %u rounds without a reset\n", HOSTILE_REPEAT, missed);
	dev_init(DESC);
	rt_printf("ro-write: blk-status=%d\n", request(T_OUT, 0, 512));
	rt_printf("past-end: blk-status=%d\n", request(T_IN, 0x7FFFFFF0u, 512));
	for (n = 0; n < 20000; n++)
		set_reg(REG_QUEUE_NOTIFY, n & 3);
	rt_printf("storm: status=%02x\n", reg(REG_STATUS));
	rt_printf("after: blk-status=%d\n", request(T_IN, 0, 512));
}

int main(void)
{
	char id[21];

	rt_tlb1_map(3, VIO_EA, VIO_PA_HI, VIO_PA, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW,
		    0, 0, 0);
	rt_printf("virtio_hostile: device id %u\n", reg(REG_DEVICE_ID));
	if (dev_init(DESC)) {
		rt_printf("virtio_hostile: FAIL the device did not come up\n");
		rt_poweroff();
	}
	serial(id);
	rt_printf("virtio_hostile: disk %s\n", id);
	if (streq(id, "peer")) {
		peer();
		peer_batch();
	}
	else if (streq(id, "hostile"))
		hostile();
	rt_printf("virtio_hostile: done\n");
	rt_poweroff();
}
