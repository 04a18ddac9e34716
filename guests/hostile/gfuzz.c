// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest fuzzer: random operations from guest supervisor mode against
 * beryl (gfuzz.h), run beside a watching partition on another CPU
 * (guests/demo/watch.c, tests/system/test_guest_fuzz.py).
 *
 * bootargs: seed=N (the operation sequence depends on it alone), ops=N
 * (0: forever), progress=N (a progress line every N operations),
 * verbose=1 (each operation's words before it runs: for replays), from=N
 * (verbose from operation N on), checksum=N (the text checksum every N
 * operations, default 16384: 1 finds the operation that changed it),
 * kinds=MASK (only the operations whose bit is set, bit n for enum
 * gf_op n: to hunt one kind of defect; another mask is another sequence).
 *
 * Besides beryl surviving, the fuzzer checks what it can tell about
 * itself: hypercall results against the documented ABI, IVPR/IVOR
 * read-backs, and every 256 operations that its own TLB entries, MSR,
 * vectors, PVR and PIR read as they should and scratch memory holds a
 * written word; its text is checksummed every 16384 operations. Anything
 * wrong is an anomaly: `GFUZZ ANOMALY op=N ...`, and the result is FAIL.
 */
#include "gfuzz.h"

#define UART_LCR (RT_CCSR_EA + GF_UART_OFF + 3)
#define PROBE_EVERY 256

extern const u32 _start[], __rodata_end[];

static u32 op_index;
static u32 ops_by_kind[GF_OP_COUNT];
static u32 total_exc, aborted, escaped;

/* Console output after operations that may have reprogrammed the UART. */
static void say(const char *fmt, ...)
{
	va_list ap;

	wr8(UART_LCR, 0x03); /* 8N1, DLAB clear: THR is THR again */
	rt_putc('\n');	     /* end whatever line an operation's bytes started */
	va_start(ap, fmt);
	rt_vprintf(fmt, ap);
	va_end(ap);
}

static u32 text_checksum(void)
{
	const volatile u32 *p;
	u32 h = 2166136261u;

	for (p = _start; p < __rodata_end; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static void restore_vectors(void)
{
	u32 n;

	mtspr(SPR_IVPR, 0);
	for (n = 0; n < 16; n++)
		switch (n) {
#define IV(k)                                                                            \
	case k:                                                                          \
		mtspr(SPR_IVOR0 + k, 0x100 + k * 0x20);                                  \
		break
			IV(0);
			IV(1);
			IV(2);
			IV(3);
			IV(4);
			IV(5);
			IV(6);
			IV(7);
			IV(8);
			IV(9);
			IV(10);
			IV(11);
			IV(12);
			IV(13);
			IV(14);
			IV(15);
#undef IV
		}
	mtspr(SPR_IVOR32 + 0, 0x100 + 32 * 0x20);
	mtspr(SPR_IVOR32 + 1, 0x100 + 33 * 0x20);
	mtspr(SPR_IVOR32 + 2, 0x100 + 34 * 0x20);
	mtspr(SPR_IVOR32 + 3, 0x100 + 35 * 0x20);
	isync();
}

static u32 read_ivor(u32 n)
{
	switch (n) {
#define IV(k)                                                                            \
	case k:                                                                          \
		return mfspr(SPR_IVOR0 + k)
		IV(0);
		IV(1);
		IV(2);
		IV(3);
		IV(4);
		IV(5);
		IV(6);
		IV(7);
		IV(8);
		IV(9);
		IV(10);
		IV(11);
		IV(12);
		IV(13);
		IV(14);
		IV(15);
#undef IV
	case 32:
		return mfspr(SPR_IVOR32 + 0);
	case 33:
		return mfspr(SPR_IVOR32 + 1);
	case 34:
		return mfspr(SPR_IVOR32 + 2);
	default:
		return mfspr(SPR_IVOR32 + 3);
	}
}

static bool tlbe_is(const struct tlbe *e, u32 mas1, u32 mas2, u32 mas3, u32 mas7)
{
	return e->mas1 == mas1 && e->mas2 == mas2 && e->mas3 == mas3 && e->mas7 == mas7;
}

/* What beryl must have kept for the fuzzer whatever its operations did. */
static void probe(void)
{
	static const u32 ivors[] = { 0,  1,  2,  3,  4,  5,  6,  7,  8,  9,
				     10, 11, 12, 13, 14, 15, 32, 33, 34, 35 };
	volatile u32 *scratch =
	    (volatile u32 *)(GF_SCRATCH + ((op_index * 4096u) % (GF_RAM - GF_SCRATCH)));
	struct tlbe e;
	u32 i, v;
	bool bad_vec = false;

	tlb_read(1, RT_TLB1_RAM_ESEL, 0, &e);
	if (!tlbe_is(&e, MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(TSIZE_64M), 0, MAS3_ALL, 0))
		gf_anomaly("TLB1[0] reads back changed", e.mas1, e.mas2, e.mas3);
	tlb_read(1, RT_TLB1_CCSR_ESEL, 0, &e);
	if (!tlbe_is(&e, MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(TSIZE_1M),
		     RT_CCSR_EA | MAS2_I | MAS2_G, GF_CCSR_PA | MAS3_SR | MAS3_SW, 0xF))
		gf_anomaly("TLB1[1] reads back changed", e.mas1, e.mas2, e.mas3);
	v = mfmsr();
	if (v != MSR_ME)
		gf_anomaly("MSR reads back changed", v, MSR_ME, 0);
	v = mfspr(SPR_IVPR);
	if (v != 0) {
		gf_anomaly("IVPR reads back changed", v, 0, 0);
		bad_vec = true;
	}
	for (i = 0; i < ARRAY_SIZE(ivors); i++) {
		v = read_ivor(ivors[i]);
		if (v != 0x100 + ivors[i] * 0x20) {
			gf_anomaly("IVOR reads back changed", ivors[i], v,
				   0x100 + ivors[i] * 0x20);
			bad_vec = true;
		}
	}
	if (bad_vec)
		restore_vectors();
	v = mfspr(SPR_PVR);
	if (v != E500V2_PVR)
		gf_anomaly("PVR reads back changed", v, E500V2_PVR, 0);
	v = mfspr(SPR_PIR);
	if (v != 0)
		gf_anomaly("PIR reads back changed", v, 0, 0);
	*scratch = op_index ^ 0x5ca77e12u;
	msync();
	v = *scratch;
	if (v != (op_index ^ 0x5ca77e12u))
		gf_anomaly("scratch memory does not keep a word", (u32)scratch, v,
			   op_index ^ 0x5ca77e12u);
	gf_map_restore();
}

static void report_anomalies(void)
{
	const char *what;
	u32 a, b, c;

	while (gf_anomaly_next(&what, &a, &b, &c))
		say("GFUZZ ANOMALY op=%u %s: %08x %08x %08x\n", op_index, what, a, b, c);
}

static void print_words(void)
{
	unsigned int i;

	for (i = 0; i < gf_len; i++)
		rt_printf(i % 8 == 7 || i + 1 == gf_len ? "%08x\n" : "%08x ", gf_stub[i]);
}

static void summary(u32 seed)
{
	unsigned int i;

	say("GFUZZ exceptions:");
	for (i = 0; i < RT_NVEC; i++)
		if (gf_exc_count[i])
			rt_printf(" ivor%u=%u", i, gf_exc_count[i]);
	say("GFUZZ operations:");
	for (i = 0; i < GF_OP_COUNT; i++)
		rt_printf(" %s=%u", gf_op_names[i], ops_by_kind[i]);
	say("GFUZZ DONE seed=%u ops=%u exceptions=%u aborted=%u escaped=%u "
	    "anomalies=%u\n",
	    seed, op_index, total_exc, aborted, escaped, gf_anomalies);
	rt_printf("GFUZZ RESULT %s\n", gf_anomalies ? "FAIL" : "ok");
}

int main(void)
{
	u32 seed = rt_bootarg("seed", 1), ops = rt_bootarg("ops", 10000);
	u32 progress = rt_bootarg("progress", 10000), verbose = rt_bootarg("verbose", 0);
	u32 from = rt_bootarg("from", verbose ? 0 : 0xffffffffu);
	u32 checksum_every = rt_bootarg("checksum", 16384);
	u32 kinds = rt_bootarg("kinds", gf_op_mask) & gf_op_mask;
	u32 boot = rt_fdt_u32("beryl,boot-count", 1), sum = text_checksum(), now;
	struct gf_op_state st;
	struct gf_outcome out;

	if (boot != 1) {
		/* nothing the fuzzer does may reset its partition */
		rt_printf("GFUZZ RESTARTED boot=%u\nGFUZZ RESULT FAIL\n", boot);
		return 0;
	}
	rt_printf("GFUZZ START seed=%u ops=%u\n", seed, ops);
	if (kinds)
		gf_op_mask = kinds;
	gf_seed(seed);
	gf_handlers_init();
	while (!ops || op_index < ops) {
		gf_op_build(&st);
		if (op_index >= from) {
			say("GFUZZ op=%u %s\n", op_index, gf_op_names[st.op]);
			print_words();
		}
		gf_run(&out);
		gf_op_finish(&st, &out);
		ops_by_kind[st.op]++;
		total_exc += out.exceptions;
		aborted += out.aborted;
		escaped += out.escaped;
		op_index++;
		if (op_index % PROBE_EVERY == 0)
			probe();
		if (checksum_every && op_index % checksum_every == 0 &&
		    (now = text_checksum()) != sum) {
			gf_anomaly("text checksum changed", sum, now, 0);
			sum = now;
		}
		report_anomalies();
		if (progress && op_index % progress == 0)
			say("GFUZZ op=%u exceptions=%u aborted=%u escaped=%u "
			    "anomalies=%u\n",
			    op_index, total_exc, aborted, escaped, gf_anomalies);
	}
	probe();
	if ((now = text_checksum()) != sum)
		gf_anomaly("text checksum changed", sum, now, 0);
	report_anomalies();
	summary(seed);
	return 0;
}
