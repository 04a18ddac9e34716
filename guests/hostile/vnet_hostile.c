/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A hostile partition on a virtual switch (configs/linux-net.dts, tests/
 * system/test_virtio_net.py): a virtio-net driver of its own, polling,
 * that drives its port (the first virtio-mmio device) every way it should
 * not while two Linux partitions on the same switch move 64 MiB each way.
 *
 * It waits for the link (a Linux port up), then, until the link goes down
 * (both Linux partitions powered off) or MAX_ROUNDS, repeats every
 * ROUND_GAP_MS (dozing in between, so that QEMU's host threads go to the
 * Linux partitions):
 *
 *   - broken transmit rings, each on a freshly initialised device: frames
 *     in buffers outside its RAM (just past it, straddling its end, at
 *     CCSR, at the device's own page, wrapping 2^64), a huge length, a
 *     loop, next and head indices out of range, an index jump, a frame
 *     without its virtio header, rings outside its RAM; after each the
 *     device must say DEVICE_NEEDS_RESET with a configuration interrupt;
 *   - well-formed frames whose source is partition "one"'s configured MAC,
 *     broadcast and to "two": the switch must drop them (else it would
 *     learn one's address here and steal the transfer's frames);
 *   - junk broadcast frames from its own address (Linux ignores them);
 *   - broken receive rings: a receive buffer outside its RAM (just past
 *     it, straddling its end, at guest-physical addresses equal to the
 *     host-physical memory of partitions one, two and canary, above 4 GiB,
 *     at CCSR, at its device's page, wrapping 2^64, a length running off
 *     its RAM),
 *     or a good buffer chained to such a one; then it asks partition one
 *     for its MAC address (an ARP request, broadcast), whose answer
 *     (unicast, to it) comes from one's Linux into that ring: the device
 *     must say DEVICE_NEEDS_RESET, and nothing may land anywhere, not even
 *     in the good buffer (checked: its pattern unchanged, the used ring
 *     untouched);
 *   - a storm of notifications.
 *
 * When done it sets the word the canary partition waits for (a shared
 * area at DONE_PA), so the canary, which shares its core and whose host
 * memory it aimed at, reports whether its memory stayed intact.
 *
 * Lines: "vnet_hostile: ..." with the counts at the end, then power-off.
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

#define DONE_EA 0x30000000u /* the shared area whose first word tells the canary */
#define DONE_PA 0x08000000u

#define QNUM 32
#define RXQ 0
#define TXQ 1
#define RX_DESC 0x00200000u
#define RX_AVAIL 0x00201000u
#define RX_USED 0x00202000u
#define DESC 0x00300000u
#define AVAIL 0x00301000u
#define USED 0x00302000u
#define FRAME 0x00310000u
#define RX_BUF 0x00320000u /* the good buffer of a broken receive chain */
#define RAM_END 0x04000000u /* its 64 MiB */
#define NET_HDR 12
#define FRAME_LEN 60

#define F_NEXT 1u
#define F_WRITE 2u
#define RX_WAIT_MS 200 /* for one's answer to reach the ring */
#define RX_PATTERN 0x5A

#define MAX_ROUNDS 100000
#define SPOOFS 16 /* spoofed frames per round */
#define LINK_WAIT 400000000000ull /* timebase ticks: 1000 s at 400 MHz */
#define ROUND_GAP_MS 10 /* between rounds: the attack lasts, without eating the host */

static const unsigned char one_mac[6] = { 0x02, 0xbe, 0x01, 0x00, 0x00, 0x01 };
static const unsigned char two_mac[6] = { 0x02, 0xbe, 0x01, 0x00, 0x00, 0x02 };
static const unsigned char own_mac[6] = { 0x02, 0xbe, 0x01, 0x00, 0x00, 0x03 };
static const unsigned char bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static unsigned short avail_idx, used_seen;
static u32 missed, rounds_done, frames_sent, frames_lost;
static u32 rx_reset, rx_quiet, rx_landed, asks;

static u32 bswap(u32 v)
{
	return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}

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

static void zero(u32 addr, u32 len)
{
	while (len--)
		*(volatile unsigned char *)addr++ = 0;
}

static void desc(unsigned int i, u64 addr, u32 len, u32 flags, u32 next)
{
	u32 d = DESC + 16 * i;

	put_le(d, addr, 8);
	put_le(d + 8, len, 4);
	put_le(d + 12, flags, 2);
	put_le(d + 14, next, 2);
}

/* The link status in the configuration space (status, le16 at 6): a Linux port is up. */
static int link_up(void)
{
	return (rd32(VIO_EA + REG_CONFIG + 4) >> 8) & 1; /* bytes 4..7: mac4 mac5 st0 st1 */
}

static void queue(u32 q, u32 d, u32 a, u32 u)
{
	set_reg(REG_QUEUE_SEL, q);
	set_reg(REG_QUEUE_NUM, QNUM);
	set_reg(REG_QUEUE_DESC_LO, d);
	set_reg(REG_QUEUE_DESC_HI, 0);
	set_reg(REG_QUEUE_DRIVER_LO, a);
	set_reg(REG_QUEUE_DRIVER_HI, 0);
	set_reg(REG_QUEUE_DEVICE_LO, u);
	set_reg(REG_QUEUE_DEVICE_HI, 0);
	set_reg(REG_QUEUE_READY, 1);
}

/* Reset and bring the device up: VERSION_1 only; no receive buffers, a transmit ring at desc. */
static int dev_init(u32 desc_addr)
{
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
	zero(RX_AVAIL, 0x2000);
	zero(AVAIL, 0x2000);
	zero(DESC, 16 * QNUM);
	avail_idx = used_seen = 0;
	queue(0, RX_DESC, RX_AVAIL, RX_USED);
	queue(TXQ, desc_addr, AVAIL, USED);
	set_reg(REG_STATUS, 0xF);
	return reg(REG_STATUS) == 0xF ? 0 : -1;
}

static void offer(u32 head, u32 step)
{
	put_le(AVAIL + 4 + 2 * (avail_idx % QNUM), head, 2);
	msync();
	avail_idx += step;
	put_le(AVAIL + 2, avail_idx, 2);
	msync();
	set_reg(REG_QUEUE_NOTIFY, TXQ);
}

/* The device gave the frame back (a bounded wait): 0, or -1. */
static int wait_used(void)
{
	u32 n;

	for (n = 0; n < 100000; n++) {
		if (get_le16(USED + 2) != used_seen) {
			used_seen++;
			set_reg(REG_INT_ACK, reg(REG_INT_STATUS));
			return 0;
		}
		if (reg(REG_STATUS) & 0x40)
			return -1;
	}
	return -1;
}

static void report(void)
{
	u32 n;

	for (n = 0; n < 1000 && !(reg(REG_STATUS) & 0x40); n++)
		;
	if ((reg(REG_STATUS) & 0x40) == 0 || !(reg(REG_INT_STATUS) & 2))
		missed++;
}

static void bad_frame(u64 addr, u32 len)
{
	dev_init(DESC);
	desc(0, addr, len, 0, 0);
	offer(0, 1);
	report();
}

static void broken_rings(void)
{
	bad_frame(RAM_END, 100);
	bad_frame(RAM_END - 50, 100);
	bad_frame(0xFE0000000ull, 100);
	bad_frame(((u64)VIO_PA_HI << 32) | VIO_PA, 100);
	bad_frame(0xFFFFFFFFFFFFFF00ull, 0x200);
	bad_frame(FRAME, 0xFFFFFFFFu);
	bad_frame(FRAME, NET_HDR - 1); /* no room for its header */

	dev_init(DESC);
	desc(0, FRAME, 40, F_NEXT, 1);
	desc(1, FRAME + 40, 40, F_NEXT, 0);
	offer(0, 1);
	report(); /* loop */

	dev_init(DESC);
	desc(0, FRAME, 40, F_NEXT, 200);
	offer(0, 1);
	report(); /* next out of range */

	dev_init(DESC);
	desc(0, FRAME, NET_HDR + FRAME_LEN, 0, 0);
	offer(100, 1);
	report(); /* head out of range */

	dev_init(DESC);
	desc(0, FRAME, NET_HDR + FRAME_LEN, 0, 0);
	offer(0, 1000);
	report(); /* index jump */

	dev_init(RAM_END);
	report(); /* ring outside its RAM */
}

/* A frame dst <- src at FRAME (after a zero virtio header), sent and waited for. */
static void send(const unsigned char *dst, const unsigned char *src)
{
	int i;

	zero(FRAME, NET_HDR);
	for (i = 0; i < 6; i++) {
		wr8(FRAME + NET_HDR + i, dst[i]);
		wr8(FRAME + NET_HDR + 6 + i, src[i]);
	}
	wr8(FRAME + NET_HDR + 12, 0x88); /* ethertype 0x88b5: local experimental */
	wr8(FRAME + NET_HDR + 13, 0xb5);
	for (i = 14; i < FRAME_LEN; i++)
		wr8(FRAME + NET_HDR + i, (u32)i);
	desc(avail_idx % QNUM, FRAME, NET_HDR + FRAME_LEN, 0, 0);
	offer(avail_idx % QNUM, 1);
	if (wait_used())
		frames_lost++;
	else
		frames_sent++;
}

static void frames(void)
{
	u32 i;

	if (dev_init(DESC))
		return;
	for (i = 0; i < SPOOFS; i++) {
		send(bcast, one_mac);   /* would teach the switch one's address is here */
		send(two_mac, one_mac); /* ... and reach two as if from one */
	}
	send(bcast, own_mac);
	for (i = 0; i < 2000; i++) /* a storm of notifications, on both queues */
		set_reg(REG_QUEUE_NOTIFY, i & 1);
}

/* Receive descriptor i of the receive ring (RX_DESC). */
static void rx_desc(unsigned int i, u64 addr, u32 len, u32 flags, u32 next)
{
	u32 d = RX_DESC + 16 * i;

	put_le(d, addr, 8);
	put_le(d + 8, len, 4);
	put_le(d + 12, flags, 2);
	put_le(d + 14, next, 2);
}

/* An ARP request, broadcast, from it (10.0.0.3) for 10.0.0.1: one's Linux answers it. */
static void ask_one(void)
{
	static const unsigned char arp[28] = { 0, 1, 8, 0, 6, 4, 0, 1,
					       0x02, 0xbe, 0x01, 0x00, 0x00, 0x03, 10, 0, 0, 3,
					       0, 0, 0, 0, 0, 0, 10, 0, 0, 1 };
	int i;

	zero(FRAME, NET_HDR + FRAME_LEN);
	for (i = 0; i < 6; i++) {
		wr8(FRAME + NET_HDR + i, bcast[i]);
		wr8(FRAME + NET_HDR + 6 + i, own_mac[i]);
	}
	wr8(FRAME + NET_HDR + 12, 0x08); /* ARP */
	wr8(FRAME + NET_HDR + 13, 0x06);
	for (i = 0; i < 28; i++)
		wr8(FRAME + NET_HDR + 14 + i, arp[i]);
	desc(avail_idx % QNUM, FRAME, NET_HDR + FRAME_LEN, 0, 0);
	offer(avail_idx % QNUM, 1);
	if (wait_used())
		frames_lost++;
	else
		asks++;
}

/*
 * A fresh device whose receive ring offers chain 0 (set up by the caller
 * with rx_desc()); a frame for it is provoked and waited for: the device
 * must need a reset, its used ring stay untouched, the good buffer keep
 * its pattern.
 */
static void bad_rx(void)
{
	u64 t0;
	u32 i, bad = 0;

	for (i = 0; i < 2048; i++)
		wr8(RX_BUF + i, RX_PATTERN);
	put_le(RX_AVAIL + 4, 0, 2);
	msync();
	put_le(RX_AVAIL + 2, 1, 2);
	msync();
	set_reg(REG_QUEUE_NOTIFY, RXQ);
	ask_one();
	t0 = rt_timebase();
	while (!(reg(REG_STATUS) & 0x40) && rt_timebase() - t0 < RX_WAIT_MS * RT_TB_PER_MS)
		rt_doze_ms(1);
	for (i = 0; i < 2048; i++)
		bad += rd8(RX_BUF + i) != RX_PATTERN;
	if (bad || get_le16(RX_USED + 2) != 0)
		rx_landed++;
	else if (reg(REG_STATUS) & 0x40)
		rx_reset++;
	else
		rx_quiet++; /* nothing came (one not up yet, or between its boots) */
}

/* A receive buffer at addr (+ len) outside its RAM, alone and behind a good one. */
static void bad_rx_buffer(u64 addr, u32 len)
{
	if (dev_init(DESC))
		return;
	rx_desc(0, addr, len, F_WRITE, 0);
	bad_rx();
	if (dev_init(DESC))
		return;
	rx_desc(0, RX_BUF, NET_HDR, F_WRITE | F_NEXT, 1);
	rx_desc(1, addr, len, F_WRITE, 0);
	bad_rx();
}

static void broken_rx_rings(void)
{
	bad_rx_buffer(RAM_END, 2048);                   /* just past its RAM */
	bad_rx_buffer(RAM_END - 100, 2048);             /* straddling its end */
	bad_rx_buffer(0x10000000u, 2048);               /* one's host memory, by number */
	bad_rx_buffer(0x18000000u, 2048);               /* two's */
	bad_rx_buffer(0x0E000000u, 2048);               /* the canary's pattern */
	bad_rx_buffer(0x110000000ull, 2048);            /* one's, 4 GiB up (36-bit aliases) */
	bad_rx_buffer(0xFE0000000ull, 2048);            /* CCSR */
	bad_rx_buffer(((u64)VIO_PA_HI << 32) | VIO_PA, 2048); /* its device's page */
	bad_rx_buffer(0xFFFFFFFFFFFFFF00ull, 0x800);    /* wrapping 2^64 */
	bad_rx_buffer(RX_BUF + 0x1000, 0xFFFFFFF0u);    /* a length running off its RAM */
}

int main(void)
{
	u64 t0;

	rt_tlb1_map(3, VIO_EA, VIO_PA_HI, VIO_PA, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW,
		    0, 0, 0);
	rt_tlb1_map(4, DONE_EA, 0, DONE_PA, TSIZE_4K, MAS2_M, MAS3_SR | MAS3_SW, 0, 0, 0);
	rt_printf("vnet_hostile: device id %u\n", reg(REG_DEVICE_ID));
	if (dev_init(DESC)) {
		rt_printf("vnet_hostile: FAIL the device did not come up\n");
		rt_poweroff();
	}
	rt_doze_init();
	t0 = rt_timebase();
	while (!link_up()) {
		if (rt_timebase() - t0 > LINK_WAIT) {
			rt_printf("vnet_hostile: FAIL no link\n");
			rt_poweroff();
		}
		rt_doze_ms(50);
	}
	rt_printf("vnet_hostile: link up, attacking\n");
	while (link_up() && rounds_done < MAX_ROUNDS) {
		broken_rings();
		frames();
		broken_rx_rings();
		rounds_done++;
		rt_doze_ms(ROUND_GAP_MS);
	}
	rt_printf("vnet_hostile: link %s after %u rounds, %u rounds without a reset, "
		  "%u frames sent, %u not given back\n",
		  link_up() ? "up" : "down", rounds_done, missed, frames_sent, frames_lost);
	rt_printf("vnet_hostile: receive buffers outside its RAM: %u reset by a frame, "
		  "%u without a frame, %u written, %u ARP requests\n", rx_reset, rx_quiet,
		  rx_landed, asks);
	wr32(DONE_EA, 1); /* the canary may report */
	msync();
	rt_printf("vnet_hostile: done\n");
	rt_poweroff();
}
