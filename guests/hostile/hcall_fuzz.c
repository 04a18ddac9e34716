/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hostile hypercalls (tests/system/test_ipc.py): "fuzz" calls every
 * hypercall beryl knows, and tokens it does not, with random arguments and
 * handles, for thousands of rounds; "watch", beside it, holds objects fuzz
 * was not given and says whether anything reached them.
 *
 * fuzz knows its own objects (its tree: a byte channel "own" to watch, the
 * doorbell "fz-ring" it may ring) and checks every answer against what
 * the ABI allows: a handle that is not its own, a count above 16, a source
 * beyond its interrupt controller, a priority above 15, a vCPU it does not
 * have, an unknown token: only the ePAPR error code, never success.
 * EV_IDLE waits for the vCPU's next interrupt whatever its arguments: fuzz
 * arms its decrementer first (with MSR[EE] clear nothing would ever wake
 * it, as MSR[WE] would not), and the call must return EV_SUCCESS after it.
 *
 * watch was given a doorbell "private" (it alone rings or receives it, and
 * never rings it) and a byte channel "watch-con" to the console (nobody
 * types): at the end neither may have interrupted or carried a byte. It
 * drains what fuzz sends on their channel (fuzz's right) until the 16
 * bytes fuzz sends when it is done.
 */
#include "hv.h"

#define ROUNDS 4000
static const unsigned char done_magic[16] = "FUZZ-DONE-7f3a9c";

static struct hv_obj objs[HV_MAX_OBJS];
static int nobjs;

/* ------------------------------------------------------------- fuzz */

static u32 seed = 0x2545F491u;

static u32 rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

/* Arguments a careless or hostile guest would pass. */
static u32 arg_value(void)
{
	static const u32 special[] = { 0,  1,   2,   3,   4,   15,  16,  17,  18,  19,
				       20, 31,  32,  64,  200, 255, 256, 257, 0x7FFFFFFFu,
				       0x80000000u, 0xFFFFFFF0u, 0xFFFFFFFEu, 0xFFFFFFFFu };
	u32 r = rnd();

	return r & 1 ? special[(r >> 1) % ARRAY_SIZE(special)] : rnd();
}

static u32 own_bc, own_db, calls, violations, successes, eagains, unimpl, idles;
static volatile u32 decs;

static void on_dec(struct rt_frame *f)
{
	decs++;
	mtspr(SPR_TSR, TSR_DIS);
	(void)f;
}

/*
 * EV_IDLE, MSR[EE] set, the decrementer reloading itself: an interrupt
 * taken before the call cannot leave the call waiting for ever, the next
 * one wakes it.
 */
static u32 idle_call(u32 token, u32 *out)
{
	u32 before = decs, st;

	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_DECAR, 100000);
	mtspr(SPR_TCR, TCR_DIE | TCR_ARE); /* before DEC runs: each expiry reloads it */
	mtspr(SPR_DEC, 100000);
	mtmsr(MSR_ME | MSR_EE);
	st = hv_call(token, out);
	while (decs == before)
		;
	mtmsr(MSR_ME);
	mtspr(SPR_TCR, 0);
	mtspr(SPR_TSR, TSR_DIS);
	idles++;
	return st;
}

static void violation(u32 token, const u32 *a, u32 got, const char *why)
{
	violations++;
	if (violations <= 10)
		rt_printf("fuzz: VIOLATION token %08x args %08x %08x %08x %08x: ret %u (%s)\n",
			  token, a[0], a[1], a[2], a[3], got, why);
}

static void fuzz_one(void)
{
	static const u32 known[] = { EPAPR(1), EPAPR(2),  EPAPR(3), EPAPR(4),  EPAPR(5),
				     EPAPR(6), EPAPR(7),  EPAPR(9), EPAPR(10), EPAPR(14),
				     EPAPR(16), FSL(4),  FSL(5),   FSL(6),    FSL(7),
				     FSL(8), FSL(17) };
	u32 r = rnd(), token, a[8], out[8], st, i, num;

	if (r % 8 == 0)
		token = rnd(); /* anything */
	else if (r % 8 == 1)
		token = ((rnd() % 4) << 16) | (rnd() % 40); /* near the real ones */
	else
		token = known[(r >> 3) % ARRAY_SIZE(known)];
	for (i = 0; i < 8; i++)
		a[i] = arg_value();
	/* half the time, a handle that is really its own */
	if (rnd() & 1)
		a[0] = rnd() & 1 ? own_bc : own_db;
	for (i = 0; i < 8; i++)
		out[i] = a[i];
	st = token == EPAPR(16) ? idle_call(token, out) : hv_call(token, out);
	calls++;
	num = token & 0xFFFF;

	if (st == EV_SUCCESS)
		successes++;
	if (st == EV_EAGAIN)
		eagains++;
	if (token >> 16 == 1 && (num == 1 || num == 2)) { /* byte channel send, receive */
		if (a[0] != own_bc || a[1] > 16) {
			if (st != EV_EINVAL)
				violation(token, a, st, "not its channel, or more than 16 bytes");
		} else if (st != EV_SUCCESS && !(num == 1 && st == EV_EAGAIN)) {
			violation(token, a, st, "its own channel refused");
		} else if (out[1] > a[1]) {
			violation(token, a, out[1], "more bytes than asked");
		}
	} else if (token >> 16 == 1 && num == 3) {
		if ((a[0] == own_bc) != (st == EV_SUCCESS))
			violation(token, a, st, "poll");
	} else if (token >> 16 == 1 && num == 14) {
		if ((a[0] == own_db) != (st == EV_SUCCESS))
			violation(token, a, st, "doorbell");
	} else if (token >> 16 == 1 && num >= 4 && num <= 7) {
		int ok = a[0] < 256;

		if (num == 4)
			ok = ok && a[1] <= 3 && a[2] <= 15 && a[3] == 0;
		if (num == 6)
			ok = ok && a[1] <= 1;
		if (ok != (st == EV_SUCCESS) || (!ok && st != EV_EINVAL))
			violation(token, a, st, "interrupt configuration");
	} else if (token >> 16 == 1 && num == 9) {
		if ((a[0] == 0) != (st == EV_SUCCESS))
			violation(token, a, st, "iack");
	} else if (token >> 16 == 1 && num == 10) {
		if (a[0] >= 256 ? st != EV_EINVAL
				: st != EV_SUCCESS && st != EV_EINVAL && st != EV_INVALID_STATE)
			violation(token, a, st, "eoi");
	} else if (token == EPAPR(16)) {
		if (st != EV_SUCCESS)
			violation(token, a, st, "idle");
	} else if (token >> 16 == 2 && num >= 4 && num <= 8) {
		/* it manages nothing: only its own status (handle -1); no memcpy (-1 to -1 too) */
		if (num == 5 && a[0] == 0xFFFFFFFFu ? st != EV_SUCCESS : st != EV_EINVAL)
			violation(token, a, st, "partition management");
	} else if (token >> 16 == 2 && num == 17) {
		/* FH_CLAIM_DEVICE: it was given no claimable device */
		if (st != EV_EINVAL)
			violation(token, a, st, "claim device");
	} else {
		unimpl++;
		if (st != EV_UNIMPLEMENTED)
			violation(token, a, st, "unknown call");
	}
}

static void fuzz(void)
{
	const struct hv_obj *bc = hv_find(objs, nobjs, "own", HV_BYTECHAN);
	const struct hv_obj *db = hv_find(objs, nobjs, "fz-ring", HV_DB_SEND);
	u32 round, k;

	if (!bc || !db) {
		rt_printf("fuzz: missing objects (%d)\n", nobjs);
		return;
	}
	own_bc = bc->handle;
	own_db = db->handle;
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	rt_printf("fuzz: own channel %u, own doorbell %u, %u rounds\n", own_bc, own_db, ROUNDS);
	for (round = 0; round < ROUNDS; round++)
		for (k = 0; k < 8; k++)
			fuzz_one();
	rt_printf("fuzz: %u calls, %u successes, %u full, %u unknown tokens, %u idle, "
		  "%u violations\n", calls, successes, eagains, unimpl, idles, violations);
	/* the last word, for watch: its channel still carries it */
	while (hv_bc_send(own_bc, done_magic, 16) == EV_EAGAIN)
		;
	rt_printf("FUZZ DONE %s\n", violations ? "FAIL" : "ok");
}

/* ------------------------------------------------------------- watch */

static u32 ring_irq, private_irq, own_rx_irq;
static volatile u32 rings, private_hits, others;

static void on_external(struct rt_frame *f)
{
	u32 vec = hv_irq_ack();

	if (vec == HV_SPURIOUS)
		return;
	if (vec == ring_irq)
		rings++;
	else if (vec == private_irq)
		private_hits++;
	else if (vec == own_rx_irq)
		hv_irq_mask(own_rx_irq, 1); /* bytes from fuzz: main drains them */
	else
		others++;
	hv_irq_eoi(vec);
	f->srr1 &= ~MSR_WE;
}

static void watch(void)
{
	const struct hv_obj *ring = hv_find(objs, nobjs, "fz-ring", HV_DB_RECV);
	const struct hv_obj *priv = hv_find(objs, nobjs, "private", HV_DB_RECV);
	const struct hv_obj *con = hv_find(objs, nobjs, "watch-con", HV_BYTECHAN);
	const struct hv_obj *own = hv_find(objs, nobjs, "own", HV_BYTECHAN);
	unsigned char buf[16];
	u32 r[8] = { 0 }, n, i, own_bytes = 0, matched = 0;

	if (!ring || !priv || !con || !own) {
		rt_printf("watch: missing objects (%d)\n", nobjs);
		return;
	}
	ring_irq = ring->irq[0];
	private_irq = priv->irq[0];
	own_rx_irq = own->irq[0];
	rt_set_handler(IVOR_EXTERNAL, on_external);
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	hv_irq_accept_all();
	hv_irq_setup(ring_irq, 0);
	hv_irq_setup(private_irq, 0);
	hv_irq_setup(con->irq[0], 0); /* console input would interrupt */
	while (matched < 16) {
		/* what fuzz sends on their channel is its right: drain it, looking for the end */
		do {
			hv_bc_receive(own->handle, buf, 16, &n);
			own_bytes += n;
			for (i = 0; i < n && matched < 16; i++)
				matched = buf[i] == done_magic[matched] ? matched + 1
									: buf[i] == done_magic[0];
		} while (n && matched < 16);
		if (matched < 16) {
			hv_irq_setup(own_rx_irq, 0);
			hv_doze();
		}
	}
	r[0] = con->handle;
	hv_call(EV_BYTE_CHANNEL_POLL, r);
	rt_printf("watch: fz-ring %u, private %u, other interrupts %u, console channel %u bytes "
		  "waiting, %u bytes from fuzz\n",
		  rings, private_hits, others, r[1], own_bytes);
	rt_printf("WATCH DONE %s\n", !private_hits && !others && !r[1] ? "ok" : "FAIL");
}

int main(void)
{
	const char *args = hv_bootargs();

	nobjs = hv_objs(objs, HV_MAX_OBJS);
	if (hv_streq(args, "watch"))
		watch();
	else
		fuzz();
	return 0;
}
