/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Two bare-metal partitions on a byte channel ("link") and a doorbell each
 * way ("knock": a -> b, "answer": b -> a), taking their interrupts only
 * through the ePAPR interrupt hypercalls (configs/ipc-peers.dts). Its
 * bootargs say which one it is ("a" or "b") and what to do:
 *
 *   bytes=N   a sends N bytes of a pseudo-random stream, b checks every
 *             one; then the other way round. Each side waits for the
 *             channel's interrupts (receive: bytes to read, transmit: room
 *             again) dozing in between, never polling.
 *   stall     b first sleeps 20 ms: a must find the channel full and wait.
 *   rings=R   a rings knock R times, each time waiting for b's answer: the
 *             timebase at the entry of b's doorbell handler, sent back over
 *             the channel (latency: send to handler, in timebase ticks).
 *   spin      b waits for each ring busy, with MSR[EE] on, instead of
 *             dozing: on a shared core it stays runnable, and the ring
 *             must reach it when it gets the core back.
 *
 * Under -icount shift=0 a timebase tick is 2.5 instructions of the
 * machine: the figures tools/bench.py reports.
 */
#include "hv.h"

static struct hv_obj objs[HV_MAX_OBJS];
static int nobjs;
static u32 bc, rx_irq, tx_irq, knock_send, knock_irq, answer_send, answer_irq;
static volatile u32 rx_ready, tx_ready, rings, ring_tb_hi, ring_tb_lo, spurious;

/* Every interrupt: taken and ended through hypercalls; a line stays masked until main wants it. */
static void on_external(struct rt_frame *f)
{
	u64 now = rt_timebase();
	u32 vec = hv_irq_ack();

	if (vec == HV_SPURIOUS) {
		spurious++;
		return;
	}
	if (vec == rx_irq) {
		hv_irq_mask(rx_irq, 1);
		rx_ready = 1;
	} else if (vec == tx_irq) {
		hv_irq_mask(tx_irq, 1);
		tx_ready = 1;
	} else if (vec == knock_irq || vec == answer_irq) {
		ring_tb_hi = (u32)(now >> 32);
		ring_tb_lo = (u32)now;
		rings++;
	}
	hv_irq_eoi(vec);
	f->srr1 &= ~MSR_WE; /* main goes on */
}

static u32 prng(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static u32 arg(const char *args, const char *key, u32 dflt)
{
	const char *p = args;

	while (*p) {
		const char *k = key, *q = p;
		u32 v = 0;

		while (*k && *q == *k)
			k++, q++;
		if (!*k && *q == '=') {
			for (q++; *q >= '0' && *q <= '9'; q++)
				v = v * 10 + (u32)(*q - '0');
			return v;
		}
		if (!*k && (*q == ' ' || !*q))
			return 1; /* a flag */
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
	}
	return dflt;
}

/* Send n bytes of the stream seeded with seed; returns how often the channel was full. */
static u32 send_stream(u32 n, u32 seed)
{
	unsigned char buf[16];
	u32 sent = 0, waits = 0, k, i, st;

	while (sent < n) {
		u32 s = seed;

		k = n - sent < 16 ? n - sent : 16;
		for (i = 0; i < k; i++)
			buf[i] = (unsigned char)(prng(&s) >> 24);
		st = hv_bc_send(bc, buf, k);
		if (st == EV_SUCCESS) {
			seed = s;
			sent += k;
			continue;
		}
		if (st != EV_EAGAIN) {
			rt_printf("ipc: send failed: %u\n", st);
			return waits;
		}
		/* full: wait for the transmit interrupt (room for 16 again) */
		waits++;
		tx_ready = 0;
		hv_irq_mask(tx_irq, 0);
		while (!tx_ready)
			hv_doze();
	}
	return waits;
}

/* Receive n bytes and compare them with the stream; returns the wrong ones. */
static u32 recv_stream(u32 n, u32 seed)
{
	unsigned char buf[16];
	u32 got = 0, wrong = 0, k, i;

	while (got < n) {
		hv_bc_receive(bc, buf, n - got < 16 ? n - got : 16, &k);
		if (!k) {
			rx_ready = 0;
			hv_irq_mask(rx_irq, 0);
			while (!rx_ready)
				hv_doze();
			continue;
		}
		for (i = 0; i < k; i++)
			wrong += buf[i] != (unsigned char)(prng(&seed) >> 24);
		got += k;
	}
	return wrong;
}

static void recv_bytes(unsigned char *buf, u32 n)
{
	u32 got = 0, k;

	while (got < n) {
		hv_bc_receive(bc, buf + got, n - got < 16 ? n - got : 16, &k);
		if (k) {
			got += k;
			continue;
		}
		rx_ready = 0;
		hv_irq_mask(rx_irq, 0);
		while (!rx_ready)
			hv_doze();
	}
}

static void send_bytes(const unsigned char *buf, u32 n)
{
	while (hv_bc_send(bc, buf, n) == EV_EAGAIN) {
		tx_ready = 0;
		hv_irq_mask(tx_irq, 0);
		while (!tx_ready)
			hv_doze();
	}
}

static void transfer(int sender, u32 n, u32 seed, const char *dir)
{
	u64 t0 = rt_timebase(), t1;

	if (sender) {
		u32 waits = send_stream(n, seed);

		t1 = rt_timebase();
		rt_printf("ipc: %s sent %u bytes in %u ticks, %u waits for room\n", dir, n,
			  (u32)(t1 - t0), waits);
	} else {
		u32 wrong = recv_stream(n, seed);

		t1 = rt_timebase();
		rt_printf("ipc: %s received %u bytes in %u ticks, %u wrong\n", dir, n,
			  (u32)(t1 - t0), wrong);
	}
}

/* a: ring, then wait for b's handler timebase over the channel. */
static void ring_rounds(u32 n)
{
	u32 i, min = ~0u, max = 0, sum = 0;

	for (i = 0; i < n; i++) {
		unsigned char t[8];
		u64 t0 = rt_timebase(), t1;
		u32 st = hv_call1(EV_DOORBELL_SEND, knock_send), d;

		if (st != EV_SUCCESS) {
			rt_printf("ipc: ring failed: %u\n", st);
			return;
		}
		recv_bytes(t, 8);
		t1 = (u64)hv_be32(t) << 32 | hv_be32(t + 4);
		d = (u32)(t1 - t0);
		sum += d;
		min = d < min ? d : min;
		max = d > max ? d : max;
	}
	rt_printf("ipc: doorbell latency over %u rings: min %u mean %u max %u ticks\n", n, min,
		  n ? sum / n : 0, max);
}

/* b: for each ring, send the timebase its handler saw. */
static void answer_rounds(u32 n, int spin)
{
	u32 i;

	for (i = 0; i < n; i++) {
		unsigned char t[8];

		if (spin) {
			mtmsr(mfmsr() | MSR_EE);
			while (rings <= i)
				;
			mtmsr(mfmsr() & ~MSR_EE);
		}
		while (rings <= i)
			hv_doze();
		t[0] = (unsigned char)(ring_tb_hi >> 24);
		t[1] = (unsigned char)(ring_tb_hi >> 16);
		t[2] = (unsigned char)(ring_tb_hi >> 8);
		t[3] = (unsigned char)ring_tb_hi;
		t[4] = (unsigned char)(ring_tb_lo >> 24);
		t[5] = (unsigned char)(ring_tb_lo >> 16);
		t[6] = (unsigned char)(ring_tb_lo >> 8);
		t[7] = (unsigned char)ring_tb_lo;
		send_bytes(t, 8);
	}
	rt_printf("ipc: answered %u rings\n", n);
}

static void on_dec(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, 0);
	f->srr1 &= ~MSR_WE;
}

int main(void)
{
	const char *args = hv_bootargs();
	const struct hv_obj *link, *o;
	int a = arg(args, "a", 0);
	u32 n = arg(args, "bytes", 0), r = arg(args, "rings", 0);

	nobjs = hv_objs(objs, HV_MAX_OBJS);
	link = hv_find(objs, nobjs, "link", HV_BYTECHAN);
	if (!link) {
		rt_printf("ipc: no byte channel link (%d objects)\n", nobjs);
		return 0;
	}
	bc = link->handle;
	rx_irq = link->irq[0];
	tx_irq = link->irq[1];
	o = hv_find(objs, nobjs, "knock", a ? HV_DB_SEND : HV_DB_RECV);
	if (o) {
		knock_send = o->handle;
		knock_irq = a ? 0 : o->irq[0];
	}
	o = hv_find(objs, nobjs, "answer", a ? HV_DB_RECV : HV_DB_SEND);
	if (o) {
		answer_send = o->handle;
		answer_irq = a ? o->irq[0] : 0;
	}
	rt_printf("ipc: %s, channel handle %u, interrupts %u %u\n", a ? "a" : "b", bc, rx_irq,
		  tx_irq);
	rt_set_handler(IVOR_EXTERNAL, on_external);
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	hv_irq_accept_all();
	hv_irq_setup(rx_irq, 1);
	hv_irq_setup(tx_irq, 1);
	if (knock_irq)
		hv_irq_setup(knock_irq, 0);
	if (answer_irq)
		hv_irq_setup(answer_irq, 0);

	if (n) {
		if (!a && arg(args, "stall", 0)) { /* let a find the channel full */
			mtspr(SPR_DEC, 20 * RT_TB_PER_MS);
			mtspr(SPR_TCR, TCR_DIE);
			hv_doze();
		}
		transfer(a, n, 0x12345678u, "a->b");
		transfer(!a, n, 0x9abcdef0u, "b->a");
	}
	if (r) {
		if (a)
			ring_rounds(r);
		else
			answer_rounds(r, arg(args, "spin", 0));
	}
	if (a) {
		/* the answer doorbell: b rings it once at the end */
		while (!rings)
			hv_doze();
		rt_printf("ipc: answer doorbell rung\n");
	} else {
		u32 st = hv_call1(EV_DOORBELL_SEND, answer_send);

		rt_printf("ipc: rang answer: %u\n", st);
	}
	rt_printf("ipc: spurious %u\n", spurious);
	rt_printf("IPC DONE\n");
	return 0;
}
