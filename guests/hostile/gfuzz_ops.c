// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fuzz operations: each is assembled into the stub page from the
 * random stream alone (never from what earlier operations did), so that a
 * seed replays the same sequence.
 */
#include "gfuzz.h"

const char *const gf_op_names[GF_OP_COUNT] = {
	[GF_OP_WORDS] = "words", [GF_OP_USER] = "user",   [GF_OP_TLBWE] = "tlbwe",
	[GF_OP_RFI] = "rfi",     [GF_OP_HCALL] = "hcall", [GF_OP_DEV] = "dev",
	[GF_OP_PHYS] = "phys",   [GF_OP_IVOR] = "ivor",   [GF_OP_TIMER] = "timer",
	[GF_OP_IDLE] = "idle",   [GF_OP_PV] = "pv",
};

/* Relative frequencies of the operations. */
static const unsigned char op_weight[GF_OP_COUNT] = {
	[GF_OP_WORDS] = 24, [GF_OP_USER] = 8, [GF_OP_TLBWE] = 12, [GF_OP_RFI] = 10,
	[GF_OP_HCALL] = 8,  [GF_OP_DEV] = 16, [GF_OP_PHYS] = 12,  [GF_OP_IVOR] = 3,
	[GF_OP_TIMER] = 5,  [GF_OP_IDLE] = 2,	  [GF_OP_PV] = 4,
};

volatile u32 gf_result[8];
u32 gf_magic_ea;

#define SPR_DBCR0 308
#define TCR_WRC 0x30000000u
#define DBCR0_RST 0x30000000u
#define HID0_POWER (HID0_DOZE | HID0_NAP | HID0_SLEEP)
#define RT_USER_MAGIC_R0 0x55534552u /* the runtime's own sc (rt.h), never produced */

/* ------------------------------------------------------------ values */
static const u32 special[] = {
	0,           1,           0xffffffffu, 0x80000000u, 0x7fffffffu, 0x0000ffffu,
	0xffff0000u, 0x00008000u, 0xfffff000u, 0x00000fffu, GF_CCSR_PA,  RT_CCSR_EA,
	0x00000100u, 0x00020000u, 0x40000000u, GF_HCALL_MAGIC,
};

static u32 rval(void)
{
	u32 v;

	switch (gf_below(12)) {
	case 0:
		v = special[gf_below(ARRAY_SIZE(special))];
		break;
	case 1:
		v = 1u << gf_below(32);
		break;
	case 2:
		v = gf_below(64);
		break;
	case 3:
		v = ~gf_below(64);
		break;
	case 4:
		v = GF_SCRATCH + gf_below(GF_RAM - GF_SCRATCH);
		break;
	case 5:
		v = GF_WIN_LO + gf_below(GF_WIN_HI - GF_WIN_LO);
		break;
	default:
		v = gf_rnd();
		break;
	}
	return v == RT_USER_MAGIC_R0 ? 0 : v;
}

static const u32 msr_bits[] = {
	MSR_UCLE, MSR_SPV, MSR_WE, MSR_CE, MSR_EE,  MSR_PR, MSR_FP,
	MSR_FE0,  MSR_DE,  MSR_FE1, MSR_IS, MSR_DS, MSR_PMM,
};

/* A random MSR; ME always set (a machine check with ME clear is a checkstop). */
static u32 rmsr(void)
{
	u32 m = 0, i;

	if (gf_chance(10))
		m = gf_rnd();
	else
		for (i = 0; i < ARRAY_SIZE(msr_bits); i++)
			if (gf_chance(20))
				m |= msr_bits[i];
	return m | MSR_ME;
}

static unsigned int rreg(void)
{
	return gf_below(32);
}

static unsigned int rreg_nz(void)
{
	return 1 + gf_below(31);
}

/* Base for the address registers of random words: see GF_PTR_LO. */
static u32 scratch_ptr(void)
{
	u32 p = GF_PTR_LO + gf_below(GF_PTR_SPAN);

	return gf_chance(80) ? p & ~3u : p;
}

/* ------------------------------------------------------------- SPRs */
static const unsigned short sprs[] = {
	1,    8,    9,    22,   26,   27,   48,   54,   58,   59,   61,   62,   63,   256,
	259,  260,  261,  262,  263,  268,  269,  272,  273,  274,  275,  276,  277,  278,
	279,  284,  285,  286,  287,  304,  308,  309,  310,  312,  313,  316,  317,  336,
	340,  400,  401,  402,  403,  404,  405,  406,  407,  408,  409,  410,  411,  412,
	413,  414,  415,  512,  515,  516,  526,  527,  528,  529,  530,  531,  570,  571,
	572,  573,  574,  575,  624,  625,  626,  627,  628,  629,  630,  631,  633,  634,
	688,  689,  702,  944,  1008, 1009, 1010, 1011, 1012, 1013, 1015, 1023,
};

static bool spr_is_vector(u32 spr)
{
	return spr == SPR_IVPR || (spr >= SPR_IVOR0 && spr <= SPR_IVOR0 + 15) ||
	       (spr >= SPR_IVOR32 && spr <= SPR_IVOR32 + 3);
}

static u32 pick_spr(void)
{
	return gf_chance(70) ? sprs[gf_below(ARRAY_SIZE(sprs))] : gf_below(1024);
}

/*
 * A value for mtspr. Never: the watchdog's reset action (TCR[WRC]), a
 * debug reset (DBCR0[RST]), or HID0's power-saving modes outside the idle
 * operation (MSR[WE] would then wait for an interrupt that may never
 * come). The vectors are only changed by the IVOR operation.
 */
static u32 spr_value(u32 spr)
{
	u32 v = rval();

	switch (spr) {
	case SPR_TCR:
		return v & ~TCR_WRC;
	case SPR_HID0:
		return v & ~HID0_POWER;
	case SPR_DBCR0:
		return v & ~DBCR0_RST;
	case SPR_DEC:
	case SPR_DECAR:
		return gf_chance(50) ? gf_below(40000) : v;
	default:
		return v;
	}
}

static void emit_mtspr_random(unsigned int r)
{
	u32 spr = pick_spr();

	if (spr_is_vector(spr))
		spr = SPR_SPRG4 + gf_below(4);
	gf_li32(r, spr_value(spr));
	gf_mtspr(spr, r);
}

/* ------------------------------------------------------ random words */
/*
 * Words that may run as they are: no branch (a jump would leave the stub
 * unaccounted for), no rfi family (the RFI operation does those with safe
 * targets), no mtmsr / mtspr / tlbwe (emitted by the privileged templates
 * with safe operands), nothing QEMU 7.2 aborts on (opcode 60; opcode 4
 * with extended opcode 0x005, 0x045, 0x145).
 */
static bool word_ok(u32 w)
{
	u32 op = w >> 26, xo = (w >> 1) & 0x3ff, x4 = w & 0x7ff;

	switch (op) {
	case 16:
	case 18:
	case 60:
		return false;
	case 4:
		return x4 != 0x005 && x4 != 0x045 && x4 != 0x145;
	case 19:
		switch (xo) {
		case 16: /* bclr */
		case 18: /* rfid */
		case 38: /* rfmci */
		case 39: /* rfdi */
		case 50: /* rfi */
		case 51: /* rfci */
		case 102: /* rfgi */
		case 274: /* hrfid */
		case 528: /* bcctr */
		case 560: /* bctar */
			return false;
		}
		return true;
	case 31:
		return xo != 146 && xo != 467 && xo != 978;
	default:
		return true;
	}
}

/* Integer loads (D-form, X-form, multiple, string, reserve): they write no memory. */
static bool is_load(u32 w)
{
	u32 op = w >> 26, xo = (w >> 1) & 0x3ff;

	if ((op >= 32 && op <= 35) || (op >= 40 && op <= 43) || op == 46)
		return true;
	if (op != 31)
		return false;
	switch (xo) {
	case 20:  /* lwarx */
	case 23:  /* lwzx */
	case 55:  /* lwzux */
	case 87:  /* lbzx */
	case 119: /* lbzux */
	case 279: /* lhzx */
	case 311: /* lhzux */
	case 343: /* lhax */
	case 375: /* lhaux */
	case 533: /* lswx */
	case 534: /* lwbrx */
	case 597: /* lswi */
	case 790: /* lhbrx */
		return true;
	default:
		return false;
	}
}

/*
 * A random word with its register operands set first: the value field
 * (bits 6-10) random, the two address fields (11-15, 16-20) scratch
 * pointers, the base never r0 (which reads as zero). Whatever the word
 * turns out to be, any store it makes stays in scratch memory (or goes
 * through a sanitized entry when MSR[DS] or MSR[PR] say so); a word known
 * to be a load may get random addresses.
 */
static void emit_random_word(void)
{
	u32 w;
	unsigned int ra;

	do
		w = gf_chance(40) ? GF_OP31(gf_below(1024)) | (gf_rnd() & 0x03fff801u) : gf_rnd();
	while (!word_ok(w));
	ra = (w >> 16) & 31;
	if (!ra) {
		ra = rreg_nz();
		w |= GF_RA(ra);
	}
	gf_li32((w >> 21) & 31, rval());
	if (is_load(w) && gf_chance(50)) {
		/* a load may go anywhere */
		gf_li32((w >> 11) & 31, gf_chance(50) ? 0 : rval());
		gf_li32(ra, rval());
	} else {
		gf_li32((w >> 11) & 31, scratch_ptr());
		gf_li32(ra, scratch_ptr());
	}
	if (w >> 26 == 17) /* sc: sometimes a hypercall */
		gf_li32(0, gf_chance(30) ? GF_HCALL_MAGIC : rval());
	gf_emit(w);
}

static const unsigned short priv_cache_xo[] = { 470, 166, 134, 486, 390, 230 };
/* e500mc and later, DCRs, PMRs: not e500v2 instructions, or privileged ones beryl refuses */
static const unsigned short other_xo[] = { 334, 462, 62, 206, 238, 18, 270, 451, 323, 50 };

/* A privileged instruction with random operands. */
static void emit_priv_word(void)
{
	unsigned int r = rreg(), ra = rreg(), rb = rreg();

	switch (gf_below(16)) {
	case 0:
		gf_li32(r, rmsr());
		gf_emit(GF_OP31(146) | GF_RT(r)); /* mtmsr */
		break;
	case 1:
		gf_emit(GF_OP31(83) | GF_RT(r)); /* mfmsr */
		break;
	case 2:
		gf_li32(r, rval());
		gf_emit(GF_OP31(131) | GF_RT(r)); /* wrtee */
		break;
	case 3:
		gf_emit(GF_OP31(163) | (gf_below(2) << 15)); /* wrteei */
		break;
	case 4:
	case 5:
	case 6:
		emit_mtspr_random(r);
		break;
	case 7:
	case 8:
		gf_mfspr(r, pick_spr());
		break;
	case 9:
		gf_li32(r, rval());
		gf_mtspr(SPR_MAS0, r);
		gf_li32(r, rval());
		gf_mtspr(SPR_MAS2, r);
		gf_emit(GF_INSN_TLBRE);
		gf_mfspr(rreg(), SPR_MAS1);
		gf_mfspr(rreg(), SPR_MAS3);
		break;
	case 10:
		gf_li32(r, rval());
		gf_mtspr(SPR_MAS6, r);
		gf_li32(ra, rval());
		gf_li32(rb, rval());
		gf_emit(GF_OP31(914) | GF_RA(ra) | GF_RB(rb)); /* tlbsx */
		gf_mfspr(rreg(), SPR_MAS0);
		gf_mfspr(rreg(), SPR_MAS1);
		break;
	case 11:
		gf_li32(ra, rval());
		gf_li32(rb, rval());
		gf_emit(GF_OP31(786) | GF_RA(ra) | GF_RB(rb)); /* tlbivax */
		if (gf_chance(50))
			gf_emit(GF_INSN_TLBSYNC);
		break;
	case 12:
		gf_emit(gf_chance(50)	? GF_INSN_TLBSYNC
			: gf_chance(50) ? GF_INSN_MSYNC
					: GF_INSN_ISYNC);
		break;
	case 13:
		gf_li32(ra, rval());
		gf_li32(rb, rval());
		gf_emit(GF_OP31(priv_cache_xo[gf_below(ARRAY_SIZE(priv_cache_xo))]) |
			GF_RT(gf_below(32)) | GF_RA(ra) | GF_RB(rb));
		break;
	case 14:
		gf_li32(11, gf_rnd());
		gf_li32(3, rval());
		gf_li32(0, gf_chance(50) ? GF_HCALL_MAGIC : rval());
		gf_emit(GF_INSN_SC);
		break;
	default:
		gf_li32(r, rval());
		gf_emit(GF_OP31(other_xo[gf_below(ARRAY_SIZE(other_xo))]) | GF_RT(r) |
			(gf_rnd() & 0x001ff800u));
		break;
	}
}

/*
 * Where each of the words emit_words() wrote last starts (its register
 * set-up): the only places a jump may land, since a word entered past its
 * set-up would run with whatever address registers it finds.
 */
static unsigned int group_at[8], ngroups;

static void emit_words(unsigned int n)
{
	ngroups = 0;
	while (n-- && gf_room(40)) {
		if (ngroups < ARRAY_SIZE(group_at))
			group_at[ngroups++] = gf_len;
		if (gf_chance(55))
			emit_priv_word();
		else
			emit_random_word();
	}
}

/* ---------------------------------------------------- simple operations */
static void op_words(void)
{
	emit_words(1 + gf_below(6));
}

static void op_user(void)
{
	u32 msr = MSR_ME | MSR_PR;

	if (gf_chance(20))
		msr |= MSR_EE;
	if (gf_chance(15))
		msr |= MSR_DS;
	if (gf_chance(10))
		msr |= MSR_SPV;
	gf_li32(3, msr);
	gf_emit(GF_OP31(146) | GF_RT(3));
	emit_words(1 + gf_below(6));
}

static u32 rmas0(void)
{
	u32 sel = gf_chance(60) ? 1 : gf_chance(90) ? 0 : 2 + gf_below(2);
	u32 m = MAS0_TLBSEL(sel) | MAS0_ESEL(gf_below(16)) | gf_below(4);

	if (gf_chance(5))
		m |= gf_rnd() & 0x0ff00000u; /* ESEL bits e500 does not have */
	return m;
}

static u32 rtsize(void)
{
	if (gf_chance(40))
		return 1;
	if (gf_chance(75))
		return 2 + gf_below(4);
	return gf_below(16);
}

/* A random guest physical address (36 bits: MAS7 in the upper word). */
static u64 rpa(void)
{
	switch (gf_below(10)) {
	case 0:
	case 1:
		return gf_below(GF_RAM); /* its own RAM */
	case 2:
		return GF_RAM + gf_below(GF_RAM); /* just past it */
	case 3:
		/* where the neighbours' RAM is, host-physically */
		return 0x08000000u + gf_below(0x08000000u);
	case 4:
		return gf_rnd(); /* below 4 GiB */
	case 5:
		return ((u64)gf_below(16) << 32) | gf_rnd();
	case 6:
	case 7:
		return 0xF00000000ull + GF_CCSR_PA + gf_below(0x100000); /* CCSR */
	case 8:
		return 0xF00000000ull + 0xEF000000u + gf_below(0x1000); /* the spin table */
	default:
		return gf_chance(50) ? 0xC00000000ull + gf_rnd()
				     : 0xF00000000ull + gf_below(1u << 28);
	}
}

static void op_tlbwe(struct gf_op_state *st)
{
	struct gf_mas m;
	u64 pa = rpa();

	m.mas0 = rmas0();
	m.mas1 = (gf_chance(90) ? MAS1_VALID : 0) | (gf_chance(20) ? MAS1_IPROT : 0) |
		 (gf_chance(50) ? MAS1_TID(gf_below(256)) : 0) | (gf_chance(40) ? MAS1_TS : 0) |
		 MAS1_TSIZE(rtsize());
	if (gf_chance(5))
		m.mas1 |= gf_rnd() & 0x3f00e0ffu; /* reserved bits */
	m.mas2 = (gf_chance(70) ? GF_WIN_LO + gf_below(GF_WIN_HI - GF_WIN_LO) : gf_rnd()) &
		 0xfffff000u;
	m.mas2 |= gf_below(32) | (gf_chance(5) ? gf_rnd() & 0xfe0u : 0);
	m.mas3 = ((u32)pa & 0xfffff000u) | (gf_rnd() & 0x3ff);
	m.mas7 = gf_chance(95) ? (u32)(pa >> 32) : gf_rnd();
	st->ccsr_map = gf_tlb_sanitize(&m);
	gf_emit_tlbwe(&m, rreg());
	if (gf_chance(30)) {
		/* read it back (and something else) */
		gf_emit(GF_INSN_TLBRE);
		gf_mfspr(rreg(), SPR_MAS1);
		gf_mfspr(rreg(), SPR_MAS2);
		gf_mfspr(rreg(), SPR_MAS3);
	}
}

static void op_ivor(struct gf_op_state *st)
{
	u32 n = gf_below(21), spr, orig, mask, v = rval();

	if (n == 20) {
		spr = SPR_IVPR;
		orig = 0;
		mask = 0xffff0000u;
	} else {
		u32 ivor = n < 16 ? n : 32 + (n - 16);

		spr = n < 16 ? SPR_IVOR0 + n : SPR_IVOR32 + (n - 16);
		orig = 0x100 + ivor * 0x20;
		mask = 0x0000fff0u;
	}
	/*
	 * Nothing between the two writes can interrupt (MSR = ME at entry):
	 * the random vector is never used.
	 */
	gf_li32(3, v);
	gf_mtspr(spr, 3);
	gf_mfspr(4, spr);
	gf_li32(5, orig);
	gf_mtspr(spr, 5);
	gf_mfspr(6, spr);
	gf_li32(7, (u32)gf_result);
	gf_emit((36u << 26) | GF_RT(4) | GF_RA(7) | 0); /* stw r4,0(r7) */
	gf_emit((36u << 26) | GF_RT(6) | GF_RA(7) | 4); /* stw r6,4(r7) */
	st->check = true;
	st->nwant = 2;
	st->want[0] = v & mask;
	st->want[1] = orig;
	st->mask[0] = st->mask[1] = 0xffffffffu;
}

static void op_timer(void)
{
	unsigned int n = 1 + gf_below(4);
	u32 msr = rmsr();

	while (n--) {
		static const unsigned short t[] = { SPR_DEC, SPR_DECAR, SPR_TCR, SPR_TSR };
		u32 spr = t[gf_below(4)];

		gf_li32(3, spr_value(spr));
		gf_mtspr(spr, 3);
	}
	if (gf_chance(70))
		msr |= MSR_EE;
	if (gf_chance(50))
		msr |= MSR_CE;
	gf_li32(3, msr & ~(MSR_PR | MSR_IS));
	gf_emit(GF_OP31(146) | GF_RT(3));
	for (n = gf_below(16); n--;)
		gf_emit(GF_INSN_NOP);
	emit_words(gf_below(3));
}

/* Doze (MSR[WE], HID0[DOZE]) until the decrementer wakes it. */
static void op_idle(struct gf_op_state *st)
{
	gf_li32(3, HID0_DOZE);
	gf_mtspr(SPR_HID0, 3);
	gf_li32(3, 400 + gf_below(40000));
	gf_mtspr(SPR_DEC, 3);
	gf_li32(3, TCR_DIE);
	gf_mtspr(SPR_TCR, 3);
	gf_li32(3, MSR_ME | MSR_EE | MSR_WE);
	gf_emit(GF_OP31(146) | GF_RT(3));
	gf_emit(GF_INSN_NOP);
	gf_li32(3, 0);
	gf_mtspr(SPR_HID0, 3);
	st->idle = true;
}

/* --------------------------------------------------------- hypercalls */
#define EV_EINVAL 8
#define EV_ENODEV 7
#define EV_INVALID_STATE 11
#define EV_UNIMPLEMENTED 12

#define KVM_VENDOR 42
#define KVM_TOKEN(n) ((u32)KVM_VENDOR << 16 | (n))
#define KVM_HC_FEATURES 3
#define KVM_HC_PPC_MAP_MAGIC_PAGE 4

/* r4 of KVM_HC_PPC_MAP_MAGIC_PAGE: where the page may go, flags, or "nowhere". */
static u32 magic_ea_arg(void)
{
	if (gf_chance(10))
		return gf_below(0x1000); /* nowhere: refused */
	if (gf_chance(50))
		return GF_MAGIC_EA | gf_below(0x1000);
	return GF_MAGIC_LO + gf_below(GF_MAGIC_HI - GF_MAGIC_LO);
}

/*
 * The ABI (docs/config.md, "Managing partitions"; hv/core/hcall.c; KVM's
 * ppc-pv.rst as hv/arch/e500v2/paravirt.c implements it) for a partition
 * that manages nobody and was given no byte channel, doorbell or claimable
 * device: its own status (handle -1) is running, every other
 * partition-management call is EV_EINVAL, so are byte-channel and doorbell
 * calls and FH_CLAIM_DEVICE; the ePAPR interrupt
 * calls on its own sources return 0, EV_EINVAL, EV_ENODEV or
 * EV_INVALID_STATE (hv/core/hcall_irq.c); EV_IDLE succeeds (and idles
 * until the decrementer set just before); KVM_HC_FEATURES offers the
 * magic page, KVM_HC_PPC_MAP_MAGIC_PAGE maps it (MAS0-SPRG7 feature) or,
 * for "nowhere", is EV_EINVAL; anything else is EV_UNIMPLEMENTED; r5..r10
 * come back as they went. From user mode the same sequence is the guest's
 * own system call: nothing changes.
 */
static void op_hcall(struct gf_op_state *st)
{
	static const unsigned short vendors[] = { 0, 1, 2, 2, 2, 2, 42, 3 };
	u32 vendor = gf_chance(90) ? vendors[gf_below(ARRAY_SIZE(vendors))] : gf_below(65536);
	u32 num = gf_chance(85) ? gf_below(20) : gf_below(65536);
	u32 token = vendor << 16 | num, args[8], i;
	bool user = gf_chance(15);

	if (gf_chance(10))
		token = gf_chance(50) ? GF_EV_IDLE_TOKEN : KVM_TOKEN(gf_below(6));
	for (i = 0; i < 8; i++)
		args[i] = rval();
	if (gf_chance(60))
		args[0] = gf_chance(50) ? 0xffffffffu : gf_below(6);
	if (token == KVM_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE))
		args[1] = magic_ea_arg();
	for (i = 0; i < 8; i++)
		gf_li32(3 + i, args[i]);
	gf_li32(11, token);
	gf_li32(0, GF_HCALL_MAGIC);
	if (user) {
		gf_li32(12, MSR_ME | MSR_PR);
		gf_emit(GF_OP31(146) | GF_RT(12));
	} else if (token == GF_EV_IDLE_TOKEN) {
		/*
		 * Idle until an interrupt: the decrementer's, soon, and again
		 * and again (auto-reload): one that came before the sc is no
		 * wake-up for the idle after it. TCR[ARE] first: a decrementer
		 * that runs out before it is set stops at 0 (natively too),
		 * and the idle would wait for ever.
		 */
		gf_li32(12, TCR_DIE | TCR_ARE);
		gf_mtspr(SPR_TCR, 12);
		gf_li32(12, 40000 + gf_below(400000));
		gf_mtspr(SPR_DECAR, 12);
		gf_mtspr(SPR_DEC, 12);
		gf_li32(12, MSR_ME | MSR_EE);
		gf_emit(GF_OP31(146) | GF_RT(12));
	}
	gf_emit(GF_INSN_SC);
	if (!user && token == GF_EV_IDLE_TOKEN) {
		/* woken: interrupts off, the decrementer stopped (the operation stays short) */
		gf_li32(12, MSR_ME);
		gf_emit(GF_OP31(146) | GF_RT(12));
		gf_li32(12, 0);
		gf_mtspr(SPR_TCR, 12);
	}
	gf_li32(12, (u32)gf_result);
	for (i = 0; i < 8; i++)
		gf_emit((36u << 26) | GF_RT(3 + i) | GF_RA(12) | (4 * i)); /* stw r3+i,4i(r12) */

	st->check = true;
	st->nwant = 8;
	for (i = 0; i < 8; i++) {
		st->want[i] = args[i];
		st->mask[i] = 0xffffffffu;
	}
	if (user)
		return;
	vendor = token >> 16;
	num = token & 0xffff;
	if (token == GF_EV_IDLE_TOKEN) {
		st->want[0] = 0;
	} else if (vendor == KVM_VENDOR && num == KVM_HC_FEATURES) {
		st->want[0] = 0;
		st->want[1] = 1u << 1; /* KVM_FEATURE_MAGIC_PAGE */
	} else if (vendor == KVM_VENDOR && num == KVM_HC_PPC_MAP_MAGIC_PAGE) {
		if (args[1] & ~0xfffu) {
			st->want[0] = 0;
			st->want[1] = 1u << 1; /* KVM_MAGIC_FEAT_MAS0_TO_SPRG7 */
			st->pv = true;
			gf_magic_ea = args[1] & ~0xfffu;
		} else {
			st->want[0] = EV_EINVAL; /* "nowhere" */
		}
	} else if (vendor == 1 && (num == 1 || num == 2 || num == 3 || num == 14)) {
		st->want[0] = EV_EINVAL; /* byte channels, doorbells: it was given none */
		st->mask[1] = st->mask[2] = 0; /* (what they return there is theirs) */
	} else if (vendor == 1 && ((num >= 4 && num <= 7) || num == 9 || num == 10)) {
		/*
		 * its own interrupt sources (hv/core/hcall_irq.c): a valid one
		 * or not, nothing in service, values returned in r4-r6
		 */
		st->status_set = 1u << 0 | 1u << EV_EINVAL | 1u << EV_ENODEV | 1u << EV_INVALID_STATE;
		st->mask[0] = st->mask[1] = st->mask[2] = st->mask[3] = 0;
	} else if (vendor != 2) {
		st->want[0] = EV_UNIMPLEMENTED;
	} else if (num == 5 && args[0] == 0xffffffffu) {
		st->want[0] = 0;
		st->want[1] = 1; /* FH_PARTITION_RUNNING */
	} else if (num >= 4 && num <= 8) {
		st->want[0] = EV_EINVAL; /* it manages nobody */
	} else if (num == 17) {
		st->want[0] = EV_EINVAL; /* FH_CLAIM_DEVICE: it has no claimable device */
	} else {
		st->want[0] = EV_UNIMPLEMENTED;
	}
}

/* ------------------------------------------------------ the magic page */
/*
 * KVM's magic page mapped (again), then the contract beryl states for it
 * checked both ways (what the guest writes there is what mfspr reads, what
 * mtspr writes is there), then random stores into it: hostile input beryl
 * must take without giving the guest more than it has. Its MSR keeps ME
 * (a machine check would be a checkstop); critical and PIR are put back
 * afterwards (gf_op_finish).
 */
static void op_pv(struct gf_op_state *st)
{
	u32 ea = magic_ea_arg(), x = rval(), y = rval(), i, n = gf_below(5);

	if (!(ea & ~0xfffu))
		ea |= GF_MAGIC_EA;
	gf_li32(4, ea);
	gf_li32(3, rval());
	gf_li32(11, KVM_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE));
	gf_li32(0, GF_HCALL_MAGIC);
	gf_emit(GF_INSN_SC);
	gf_magic_ea = ea & ~0xfffu;
	st->pv = true;
	gf_li32(9, gf_magic_ea);
	gf_li32(12, (u32)gf_result);
	gf_li32(5, x);
	gf_emit((36u << 26) | GF_RT(5) | GF_RA(9) | GF_PV_SPRG4); /* stw r5,sprg4(r9) */
	gf_mfspr(6, SPR_SPRG4);
	gf_emit((36u << 26) | GF_RT(6) | GF_RA(12) | 0);	     /* stw r6,0(r12) */
	gf_li32(7, y);
	gf_mtspr(SPR_SPRG5, 7);
	gf_emit((32u << 26) | GF_RT(8) | GF_RA(9) | GF_PV_SPRG5); /* lwz r8,sprg5(r9) */
	gf_emit((36u << 26) | GF_RT(8) | GF_RA(12) | 4);	     /* stw r8,4(r12) */
	st->check = true;
	st->nwant = 2;
	st->want[0] = x;
	st->want[1] = y;
	st->mask[0] = st->mask[1] = 0xffffffffu;
	for (i = 0; i < n; i++) {
		u32 off = gf_chance(70) ? 4 * gf_below(60) : gf_below(0x1000) & ~3u, v = rval();

		if (off == GF_PV_MSR)
			v |= MSR_ME;
		gf_li32(5, v);
		gf_emit((36u << 26) | GF_RT(5) | GF_RA(9) | off); /* stw r5,off(r9) */
	}
}

/* --------------------------------------------------------- rfi family */
static void op_rfi(void)
{
	static const u32 insn[] = { GF_INSN_RFI, GF_INSN_RFCI, GF_INSN_RFMCI };
	static const unsigned short srr[][2] = {
		{ SPR_SRR0, SPR_SRR1 }, { SPR_CSRR0, SPR_CSRR1 }, { SPR_MCSRR0, SPR_MCSRR1 }
	};
	unsigned int k = gf_chance(60) ? 0 : 1 + gf_below(2), pad = gf_below(5), kind, fix, at;
	u32 msr = rmsr(), target, land;

	if (gf_chance(30))
		emit_words(1 + gf_below(2));
	/*
	 * No interrupt between setting the save registers and the rfi: it
	 * would overwrite them with an address before the rfi, and the rfi
	 * would go back there, again and again. (From user mode this mtmsr
	 * traps, and so does the rfi.)
	 */
	gf_li32(3, MSR_ME);
	gf_emit(GF_OP31(146) | GF_RT(3));
	fix = gf_len; /* the target's li32, patched once the landing points are known */
	gf_li32(3, 0);
	gf_mtspr(srr[k][0], 3);
	gf_li32(3, msr);
	gf_mtspr(srr[k][1], 3);
	gf_emit(insn[k]);
	emit_words(pad);
	/* a landing point after the rfi: a pad word's start, the exit, the filler */
	at = gf_below(ngroups + 2);
	land = (u32)&gf_stub[at < ngroups ? group_at[at] : gf_len + 3 * (at - ngroups)];
	kind = gf_below(8);
	switch (kind) {
	case 0:
	case 1:
	case 2:
		target = land;
		break;
	case 3:
		target = land + 1 + gf_below(3); /* unaligned */
		break;
	case 4:
		target = GF_RAM + gf_below(0u - GF_RAM); /* anywhere else */
		break;
	case 5:
		target = GF_WIN_LO + (gf_below(GF_WIN_HI - GF_WIN_LO) & ~0xfffu);
		break;
	case 6:
		target = RT_CCSR_EA + GF_UART_OFF; /* the console mapping: no execute */
		break;
	default:
		target = gf_rnd();
		break;
	}
	/* the fuzzer's RAM in address space 0: at a landing point only */
	if (kind > 3 && target < GF_RAM && !(msr & MSR_IS))
		target = land;
	gf_stub[fix] |= target >> 16;
	gf_stub[fix + 1] |= target & 0xffff;
}

/* ------------------------------------------ loads and stores to pages */
enum acc_form { F_D, F_X, F_NB, F_SPE };
struct acc {
	unsigned short code; /* primary opcode (F_D), extended opcode (F_X, F_NB, F_SPE) */
	unsigned char form;
	unsigned char store; /* 0 load, 1 store, 2 store of several registers */
};

/* What beryl's MMIO decoder handles, and the cache operations it steps over. */
static const struct acc acc_common[] = {
	{ 32, F_D, 0 },     { 33, F_D, 0 },     { 34, F_D, 0 },     { 35, F_D, 0 },
	{ 36, F_D, 1 },     { 37, F_D, 1 },     { 38, F_D, 1 },     { 39, F_D, 1 },
	{ 40, F_D, 0 },     { 41, F_D, 0 },     { 42, F_D, 0 },     { 43, F_D, 0 },
	{ 44, F_D, 1 },     { 45, F_D, 1 },     { 23, F_X, 0 },     { 55, F_X, 0 },
	{ 87, F_X, 0 },     { 119, F_X, 0 },    { 151, F_X, 1 },    { 183, F_X, 1 },
	{ 215, F_X, 1 },    { 247, F_X, 1 },    { 279, F_X, 0 },    { 311, F_X, 0 },
	{ 343, F_X, 0 },    { 375, F_X, 0 },    { 407, F_X, 1 },    { 439, F_X, 1 },
	{ 534, F_X, 0 },    { 662, F_X, 1 },    { 790, F_X, 0 },    { 918, F_X, 1 },
	{ 86, F_X, 0 },     { 54, F_X, 0 },     { 470, F_X, 0 },    { 278, F_X, 0 },
	{ 246, F_X, 0 },    { 982, F_X, 0 },
};
/* What it refuses on a device (beryl warns): multiple, string, reserve, dcbz, dcba, SPE. */
static const struct acc acc_rare[] = {
	{ 46, F_D, 0 },     { 47, F_D, 2 },     { 597, F_NB, 0 },   { 725, F_NB, 2 },
	{ 533, F_X, 0 },    { 661, F_X, 2 },    { 20, F_X, 0 },     { 150, F_X, 1 },
	{ 1014, F_X, 2 },   { 758, F_X, 0 },    { 0x301, F_SPE, 0 }, { 0x321, F_SPE, 1 },
	{ 0x311, F_SPE, 0 }, { 0x339, F_SPE, 1 },
};

/*
 * One access at mapped address ea: base register rA (never r0) set so that
 * the displacement or index lands exactly on ea. gpio: stored values keep
 * the power-off line's bit clear (bit 0, and bit 24 for a byte-reversed
 * store), and no store of several registers (their values are not all
 * ours).
 */
static void emit_access(u32 ea, const struct acc *a, bool gpio)
{
	unsigned int rt = rreg(), ra = rreg_nz(), rb;
	u32 val = gpio ? rval() & 0x7f7f7f7fu : rval(), w;
	s32 d;

	do
		rb = rreg_nz();
	while (rb == ra);
	if (gpio)
		while (rt == ra || rt == rb)
			rt = rreg();
	gf_li32(rt, val);
	switch (a->form) {
	case F_D:
		d = gf_chance(50) ? 0 : (s32)gf_below(512) - 256;
		gf_li32(ra, ea - (u32)d);
		w = ((u32)a->code << 26) | GF_RT(rt) | GF_RA(ra) | ((u32)d & 0xffff);
		break;
	case F_NB:
		gf_li32(ra, ea);
		w = GF_OP31(a->code) | GF_RT(rt) | GF_RA(ra) | GF_RB(gf_below(32));
		break;
	case F_SPE:
		d = (s32)gf_below(32);
		gf_li32(ra, ea - (u32)d * 8);
		w = (4u << 26) | GF_RT(rt) | GF_RA(ra) | GF_RB(d) | a->code;
		break;
	default:
		d = (s32)gf_below(256);
		gf_li32(rb, (u32)d);
		gf_li32(ra, ea - (u32)d);
		w = GF_OP31(a->code) | GF_RT(rt) | GF_RA(ra) | GF_RB(rb);
		break;
	}
	gf_emit(w);
}

static const struct acc *pick_acc(unsigned int rare_percent)
{
	if (gf_chance(rare_percent))
		return &acc_rare[gf_below(ARRAY_SIZE(acc_rare))];
	return &acc_common[gf_below(ARRAY_SIZE(acc_common))];
}

/*
 * Map [pa, pa + size) (aligned) at a random effective address with random
 * attributes; returns the effective address of pa, and in *msr the MSR
 * the accesses run with (address space 1 when the sanitizer moved the
 * entry there, sometimes user mode).
 */
static u32 map_random(struct gf_op_state *st, u64 pa, u32 tsize, bool tlb0, u32 *msr)
{
	struct gf_mas m;
	u64 size = 1024ull << (2 * tsize);
	u32 ea = (GF_WIN_LO + gf_below(GF_WIN_HI - GF_WIN_LO)) & ~(u32)(size - 1);
	u32 perms = gf_chance(85) ? MAS3_SR | MAS3_SW | (gf_rnd() & (MAS3_UR | MAS3_UW))
				  : gf_rnd() & MAS3_ALL;
	bool user = gf_chance(10);

	if (user)
		perms |= gf_chance(85) ? MAS3_UR | MAS3_UW : 0;
	m.mas0 = tlb0 ? MAS0_TLBSEL(0) | MAS0_ESEL(gf_below(4))
		      : MAS0_TLBSEL(1) | MAS0_ESEL(2 + gf_below(14));
	m.mas1 = MAS1_VALID | MAS1_TSIZE(tsize) | (gf_chance(20) ? MAS1_TS : 0) |
		 (gf_chance(10) ? MAS1_IPROT : 0);
	m.mas2 = ea | (gf_chance(70) ? MAS2_I | MAS2_G : 0) | (gf_chance(10) ? MAS2_E : 0) |
		 (gf_chance(20) ? MAS2_W | MAS2_M : 0);
	m.mas3 = ((u32)pa & ~(u32)(size - 1) & 0xfffff000u) | perms;
	m.mas7 = (u32)(pa >> 32);
	st->ccsr_map |= gf_tlb_sanitize(&m);
	gf_emit_tlbwe(&m, 3);
	st->unmap_mas = m;
	*msr = MSR_ME | ((m.mas1 & MAS1_TS) ? MSR_DS : 0) | (user ? MSR_PR : 0);
	return (m.mas2 & 0xfffff000u) + (u32)(pa & (size - 1));
}

static void enter_msr(u32 msr)
{
	if (msr != MSR_ME) {
		gf_li32(3, msr);
		gf_emit(GF_OP31(146) | GF_RT(3));
	}
}

enum dev { DEV_UART, DEV_MPIC, DEV_GUTS, DEV_GPIO, DEV_CCSR, DEV_COUNT };

/* A register offset in the MPIC's 256 KiB, mostly where registers are. */
static u32 mpic_offset(void)
{
	switch (gf_below(6)) {
	case 0:
		return 0x1000 + 0x10 * gf_below(16); /* global */
	case 1:
		return 0x1100 + 0x10 * gf_below(64); /* timers */
	case 2:
		return 0x10000 + 0x10 * gf_below(2 * 256); /* sources */
	case 3:
		return 0x20000 + 0x1000 * gf_below(4) + 0x10 * gf_below(16); /* per CPU */
	case 4:
		return 0x20000 + 0x10 * gf_below(16);
	default:
		return gf_below(0x40000);
	}
}

/*
 * Loads and stores to the emulated devices. Never: a store to GUTS within
 * reach of RSTCR (partition reset), a store of the GPIO power-off bit.
 * Their mapping is removed afterwards (gf_op_finish).
 */
static void op_dev(struct gf_op_state *st)
{
	enum dev dev = (enum dev)gf_below(DEV_COUNT);
	unsigned int n = 1 + gf_below(4), i;
	u32 tsize = TSIZE_4K, msr, ea, off, base = 0;
	u64 pa;

	switch (dev) {
	case DEV_UART:
		base = GF_UART_OFF & ~0xfffu;
		break;
	case DEV_MPIC:
		base = GF_MPIC_OFF;
		tsize = gf_chance(30) ? TSIZE_256K : TSIZE_4K;
		break;
	case DEV_GUTS:
		base = GF_GUTS_OFF;
		break;
	case DEV_GPIO:
		base = GF_GPIO_OFF;
		break;
	default:
		tsize = TSIZE_1M;
		break;
	}
	if (dev == DEV_MPIC) {
		off = mpic_offset();
		if (tsize == TSIZE_4K)
			base += off & ~0xfffu;
	}
	pa = 0xF00000000ull + GF_CCSR_PA + base;
	gf_tlb_dev_write = dev == DEV_GUTS || dev == DEV_GPIO;
	ea = map_random(st, pa, tsize, tsize == TSIZE_4K && gf_chance(50), &msr);
	gf_tlb_dev_write = false;
	st->unmap = dev == DEV_GUTS || dev == DEV_GPIO;
	enter_msr(msr);
	for (i = 0; i < n && gf_room(16); i++) {
		const struct acc *a = pick_acc(dev == DEV_GPIO ? 0 : 4);

		switch (dev) {
		case DEV_UART:
			off = gf_chance(85) ? 0x500 + gf_below(8) : gf_below(0x1000);
			break;
		case DEV_MPIC:
			off = mpic_offset();
			if (tsize == TSIZE_4K)
				off &= 0xfff;
			break;
		case DEV_GUTS:
			off = gf_below(0x1000);
			if (a->store && off > 0x30 && off < 0xc0)
				off = gf_chance(50) ? off & 0x30 : 0xc0 + (off & 0x3f);
			break;
		case DEV_GPIO:
			off = gf_chance(80) ? 4 * gf_below(8) : gf_below(0x1000);
			if (a->store == 2)
				a = &acc_common[0]; /* lwz */
			break;
		default:
			off = gf_below(0x100000);
			break;
		}
		if (gf_chance(5) && dev != DEV_GUTS)
			off += 1 + gf_below(3); /* misaligned */
		emit_access(ea + off, a, dev == DEV_GPIO);
	}
}

/* Loads and stores to a random physical page, mapped with random attributes. */
static void op_phys(struct gf_op_state *st)
{
	u64 pa = rpa() & ~0xfffull;
	u32 tsize = gf_chance(40) ? TSIZE_4K : 1 + gf_below(gf_chance(80) ? 5 : 11), msr, ea;
	unsigned int n = 1 + gf_below(4), i;

	ea = map_random(st, pa, tsize, tsize == TSIZE_4K && gf_chance(50), &msr);
	enter_msr(msr);
	for (i = 0; i < n && gf_room(16); i++)
		emit_access(ea + gf_below(0x1000), pick_acc(15), false);
}

/* ------------------------------------------------------------ driver */
u32 gf_op_mask = (1u << GF_OP_COUNT) - 1;

static u32 weight(u32 op)
{
	return (gf_op_mask >> op) & 1 ? op_weight[op] : 0;
}

void gf_op_build(struct gf_op_state *st)
{
	u32 total = 0, pick, i;

	for (i = 0; i < GF_OP_COUNT; i++)
		total += weight(i);
	pick = gf_below(total);
	for (i = 0; pick >= weight(i); i++)
		pick -= weight(i);

	st->op = (enum gf_op)i;
	st->ccsr_map = st->idle = st->unmap = st->check = st->pv = false;
	st->nwant = 0;
	st->status_set = 0;
	for (i = 0; i < 32; i++)
		gf_regs[i] = rval();
	if (gf_regs[1] == GF_CRITICAL)
		gf_regs[1] = 0;
	gf_regs[GF_REG_CR] = gf_rnd();
	gf_regs[GF_REG_XER] = gf_rnd();
	gf_regs[GF_REG_LR] = gf_rnd();
	for (i = 0; i < ARRAY_SIZE(gf_result); i++)
		gf_result[i] = 0xdeadbeefu;

	gf_begin();
	switch (st->op) {
	case GF_OP_WORDS:
		op_words();
		break;
	case GF_OP_USER:
		op_user();
		break;
	case GF_OP_TLBWE:
		op_tlbwe(st);
		break;
	case GF_OP_RFI:
		op_rfi();
		break;
	case GF_OP_HCALL:
		op_hcall(st);
		break;
	case GF_OP_DEV:
		op_dev(st);
		break;
	case GF_OP_PHYS:
		op_phys(st);
		break;
	case GF_OP_IVOR:
		op_ivor(st);
		break;
	case GF_OP_TIMER:
		op_timer();
		break;
	case GF_OP_IDLE:
		op_idle(st);
		break;
	default:
		op_pv(st);
		break;
	}
	gf_end();
}

void gf_op_finish(const struct gf_op_state *st, const struct gf_outcome *out)
{
	unsigned int i;

	if (st->idle)
		mtspr(SPR_HID0, mfspr(SPR_HID0) & ~HID0_POWER);
	if (st->unmap)
		tlb_write(st->unmap_mas.mas0, 0, st->unmap_mas.mas2, 0, 0);
	if (st->ccsr_map)
		gf_map_restore();
	if (st->pv && gf_magic_ea) {
		wr32(gf_magic_ea + GF_PV_CRITICAL, GF_CRITICAL);
		wr32(gf_magic_ea + GF_PV_PIR, 0);
	}
	if (!st->check)
		return;
	if (out->aborted) {
		gf_anomaly("checked operation cut short", st->op, out->exceptions, 0);
		return;
	}
	if (st->status_set && (gf_result[0] > 31 || !(st->status_set & 1u << gf_result[0])))
		gf_anomaly("hypercall status", 0, gf_result[0], st->status_set);
	for (i = 0; i < st->nwant; i++)
		if ((gf_result[i] & st->mask[i]) != (st->want[i] & st->mask[i]))
			gf_anomaly(st->op == GF_OP_HCALL  ? "hypercall result"
				   : st->op == GF_OP_PV ? "magic page and SPR disagree"
							: "IVOR read-back",
				   i, gf_result[i], st->want[i]);
}
