// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzzer of the privileged-instruction emulator (emulate.c, with the real
 * gtlb.c and vtimer.c) on a model vCPU. The input makes a vCPU state
 * (registers, SPRs through mtspr, guest TLB entries; optionally a shared
 * page full of random bytes, as a paravirtual guest could write it) and a
 * sequence of instruction words, mostly shaped like the privileged
 * instructions with random fields, with the timebase moving between them.
 *
 * After each instruction the harness checks, against its own decoding of
 * the word and its own model of the e500v2 privileged SPRs and TLB
 * (gtlb_ref.c), written from the e500 core reference manual:
 *  - the vCPU (allocated alone, so ASan sees any write outside it) changes
 *    only where the instruction says: one GPR for mfspr/mfmsr, the SPR for
 *    mtspr (read back through mfspr as the architecture masks it, every
 *    other SPR unchanged), the MSR for mtmsr/wrtee/rfi, the TLB for tlb*;
 *  - privileged instructions with the guest's MSR[PR] set, and everything
 *    the guest may not do, give EMUL_PROGRAM (ESR[PPR] or ESR[PIL]) and
 *    change nothing at all;
 *  - no MSR bit an e500v2 does not hold is ever set by the emulator;
 *  - TLB results equal the reference model's, and every valid guest
 *    translation that was removed or replaced had its shadows dropped;
 *  - an emulation reported "quiet" changed nothing the exit path acts on.
 */
#include <string.h>

#include <arch/emulate.h>
#include <arch/gtlb.h>
#include <arch/shadow.h>
#include <arch/vtimer.h>
#include <vcpu.h>

#include "fuzz.h"
#include "gtlb_cmp.h"
#include "gtlb_ref.h"

/* e500v2 MSR bits (E500CORERM, MSR): UCLE SPV WE CE EE PR FP ME FE0 DE FE1 IS DS PMM */
#define M_UCLE 0x04000000u
#define M_EE 0x00008000u
#define M_PR 0x00004000u
#define M_HELD 0x0606FB34u

/* ------------------------------------------------------------------------ */
/* Hooks the emulator calls */

/* The timebase is tests/unit/hostarch's host_timebase. */
#define tb host_timebase
static int flushes;
static struct {
	uint32_t ea;
	uint64_t size;
} invals[8];
static int ninvals;
static const struct gtlb_entry *prefilled; /* shadow_prefill()'s entry */
static int prefills;

void shadow_flush(struct vcpu *v)
{
	flushes++;
}

void shadow_inval(struct vcpu *v, uint32_t ea, uint64_t size)
{
	FUZZ_CHECK(ninvals < 8, "more than 8 shadow invalidations for one instruction");
	invals[ninvals].ea = ea;
	invals[ninvals++].size = size;
}

void shadow_prefill(struct vcpu *v, const struct gtlb_entry *e)
{
	prefilled = e;
	prefills++;
}

/* ------------------------------------------------------------------------ */
/* The privileged SPRs of an e500v2, as the harness knows them */

enum spr_kind {
	S_PLAIN,   /* reads back what was written, under mask */
	S_W1C,	   /* write one to clear (MCSR, DBSR) */
	S_RO,	   /* read-only: mtspr is a privileged-instruction program interrupt */
	S_WO,	   /* write-only (DECAR): mfspr is a privileged-instruction interrupt */
	S_IGNORED, /* writes accepted and dropped (PIR) */
	S_TB,	   /* TBWL/TBWU: reads give the timebase, writes dropped */
	S_TIMER,   /* DEC, TCR, TSR: the timer model's (vtimer.c, own unit tests) */
	S_MMUCSR0, /* reads 0; writing the FI bits flash-invalidates */
};

struct spr {
	unsigned int num;
	enum spr_kind kind;
	uint32_t mask;
};

static const struct spr sprs[] = {
    {22, S_TIMER, 0},		  /* DEC */
    {26, S_PLAIN, ~0u},		  /* SRR0 */
    {27, S_PLAIN, ~0u},		  /* SRR1 */
    {48, S_PLAIN, 0xff},	  /* PID0: 8 bits on e500 */
    {54, S_WO, 0},		  /* DECAR */
    {58, S_PLAIN, ~0u},		  /* CSRR0 */
    {59, S_PLAIN, ~0u},		  /* CSRR1 */
    {61, S_PLAIN, ~0u},		  /* DEAR */
    {62, S_PLAIN, ~0u},		  /* ESR */
    {63, S_PLAIN, 0xffff0000u},	  /* IVPR */
    {272, S_PLAIN, ~0u},	  /* SPRG0 */
    {273, S_PLAIN, ~0u},	  /* SPRG1 */
    {274, S_PLAIN, ~0u},	  /* SPRG2 */
    {275, S_PLAIN, ~0u},	  /* SPRG3 */
    {276, S_PLAIN, ~0u},	  /* SPRG4 */
    {277, S_PLAIN, ~0u},	  /* SPRG5 */
    {278, S_PLAIN, ~0u},	  /* SPRG6 */
    {279, S_PLAIN, ~0u},	  /* SPRG7 */
    {284, S_TB, 0},		  /* TBWL */
    {285, S_TB, 0},		  /* TBWU */
    {286, S_IGNORED, 0},	  /* PIR */
    {287, S_RO, 0},		  /* PVR */
    {304, S_W1C, 0},		  /* DBSR */
    {308, S_PLAIN, ~0u},	  /* DBCR0 */
    {309, S_PLAIN, ~0u},	  /* DBCR1 */
    {310, S_PLAIN, ~0u},	  /* DBCR2 */
    {312, S_PLAIN, ~0u},	  /* IAC1 */
    {313, S_PLAIN, ~0u},	  /* IAC2 */
    {316, S_PLAIN, ~0u},	  /* DAC1 */
    {317, S_PLAIN, ~0u},	  /* DAC2 */
    {336, S_TIMER, 0},		  /* TSR */
    {340, S_TIMER, 0},		  /* TCR */
    {570, S_PLAIN, ~0u},	  /* MCSRR0 */
    {571, S_PLAIN, ~0u},	  /* MCSRR1 */
    {572, S_W1C, 0},		  /* MCSR */
    {573, S_RO, 0},		  /* MCAR */
    {574, S_PLAIN, ~0u},	  /* DSRR0 */
    {575, S_PLAIN, ~0u},	  /* DSRR1 */
    {624, S_PLAIN, ~0u},	  /* MAS0 */
    {625, S_PLAIN, ~0u},	  /* MAS1 */
    {626, S_PLAIN, ~0u},	  /* MAS2 */
    {627, S_PLAIN, ~0u},	  /* MAS3 */
    {628, S_PLAIN, ~0u},	  /* MAS4 */
    {630, S_PLAIN, ~0u},	  /* MAS6 */
    {633, S_PLAIN, 0xff},	  /* PID1 */
    {634, S_PLAIN, 0xff},	  /* PID2 */
    {688, S_RO, 0},		  /* TLB0CFG */
    {689, S_RO, 0},		  /* TLB1CFG */
    {702, S_RO, 0},		  /* EPR */
    {944, S_PLAIN, ~0u},	  /* MAS7 */
    {1008, S_PLAIN, ~0u},	  /* HID0 */
    {1009, S_PLAIN, ~0u},	  /* HID1 */
    {1010, S_PLAIN, 0x00010001u}, /* L1CSR0: CPE and CE hold; the rest complete at once */
    {1011, S_PLAIN, 0x00010001u}, /* L1CSR1 */
    {1012, S_MMUCSR0, 0},	  /* MMUCSR0 */
    {1013, S_PLAIN, ~0u},	  /* BUCSR */
    {1015, S_RO, 0},		  /* MMUCFG */
    {1023, S_RO, 0},		  /* SVR */
    /* IVOR0-15 (400-415) and IVOR32-35 (528-531): IVOR[16:27] */
};

#define NSPRS (sizeof(sprs) / sizeof(sprs[0]))
#define SPR_MAS0_ 624
#define SPR_MAS1_ 625
#define SPR_MAS2_ 626
#define SPR_MAS3_ 627
#define SPR_MAS4_ 628
#define SPR_MAS6_ 630
#define SPR_MAS7_ 944

/* By number, filled from sprs[] once: kind and mask, known or not. */
static struct {
	bool known;
	struct spr s;
} spr_tab[1024];

static void spr_tab_init(void)
{
	unsigned int i;

	for (i = 0; i < NSPRS; i++)
		spr_tab[sprs[i].num] = (typeof(spr_tab[0])){true, sprs[i]};
	for (i = 0; i < 16; i++)
		spr_tab[400 + i] =
		    (typeof(spr_tab[0])){true, {400 + i, S_PLAIN, 0x0000fff0u}};
	for (i = 0; i < 4; i++)
		spr_tab[528 + i] =
		    (typeof(spr_tab[0])){true, {528 + i, S_PLAIN, 0x0000fff0u}};
}

static bool spr_find(unsigned int num, struct spr *out)
{
	*out = spr_tab[num & 0x3ff].s;
	return spr_tab[num & 0x3ff].known;
}

/* An SPR number: one the e500v2 has (or an IVOR) mostly, any at all otherwise. */
static unsigned int gen_spr(struct fuzz_in *in)
{
	uint16_t x = fuzz_u16(in);

	switch (x >> 14) {
	case 0:
	case 1:
		return sprs[(x & 0x3fff) % NSPRS].num;
	case 2:
		return (x & 1) ? 400 + (x >> 1) % 16 : 528 + (x >> 1) % 4;
	default:
		return x & 0x3ff;
	}
}

/* The model: what each SPR must read (SPR number -> value). */
static uint32_t model[1024];

static uint32_t read_spr(struct vcpu *v, unsigned int num)
{
	uint32_t val;

	FUZZ_CHECK(emul_mfspr(v, num, &val), "mfspr %u refused", num);
	return val;
}

/* The model starts as the vCPU reads; the values that are the core's own are checked. */
static void model_init(struct vcpu *v)
{
	unsigned int n;
	struct spr s;

	memset(model, 0, sizeof(model));
	for (n = 0; n < 1024; n++)
		if (spr_find(n, &s) && s.kind != S_WO && s.kind != S_TIMER &&
		    s.kind != S_TB)
			model[n] = read_spr(v, n);
	FUZZ_CHECK(model[688] == 0x04110200u && model[689] == 0x101cc010u,
		   "TLB0CFG %08x TLB1CFG %08x: not the e500v2's", model[688], model[689]);
	FUZZ_CHECK(model[1012] == 0, "MMUCSR0 reads %08x", model[1012]);
}

/* Every SPR still reads what the model says. */
static void model_check(struct vcpu *v, uint32_t insn)
{
	unsigned int i, n;

	for (i = 0; i < NSPRS + 20; i++) {
		struct spr s;
		uint32_t val;

		n = i < NSPRS	     ? sprs[i].num
		    : i - NSPRS < 16 ? 400 + i - NSPRS
				     : 528 + i - NSPRS - 16;
		spr_find(n, &s);
		if (s.kind == S_WO || s.kind == S_TIMER || s.kind == S_TB)
			continue;
		val = read_spr(v, n);
		FUZZ_CHECK(val == model[n],
			   "after %08x: SPR %u reads %08x, expected %08x", insn, n, val,
			   model[n]);
	}
}

/* ------------------------------------------------------------------------ */
/* The harness's own decoding */

enum k {
	K_OTHER,
	K_RF,
	K_MFMSR,
	K_MTMSR,
	K_WRTEE,
	K_MFSPR,
	K_MTSPR,
	K_TLBWE,
	K_TLBRE,
	K_TLBSX,
	K_TLBIVAX,
	K_TLBSYNC,
	K_CACHELOCK,
	K_DCBI
};

static enum k decode(uint32_t insn)
{
	unsigned int xo = (insn >> 1) & 0x3ff;

	if (insn >> 26 == 19)
		return xo == 50 || xo == 51 || xo == 38 ? K_RF : K_OTHER;
	if (insn >> 26 != 31)
		return K_OTHER;
	switch (xo) {
	case 83:
		return K_MFMSR;
	case 146:
		return K_MTMSR;
	case 131:
	case 163:
		return K_WRTEE;
	case 339:
		return K_MFSPR;
	case 467:
		return K_MTSPR;
	case 978:
		return K_TLBWE;
	case 946:
		return K_TLBRE;
	case 914:
		return K_TLBSX;
	case 786:
		return K_TLBIVAX;
	case 566:
		return K_TLBSYNC;
	case 166:
	case 134:
	case 486:
	case 390:
	case 230:
		return K_CACHELOCK;
	case 470:
		return K_DCBI;
	default:
		return K_OTHER;
	}
}

/* The emul_kind statistics must count it under. */
static enum emul_kind kind_of(enum k k, uint32_t insn)
{
	static const enum emul_kind map[] = {
	    [K_OTHER] = EK_OTHER,     [K_MFMSR] = EK_MFMSR,	[K_MTMSR] = EK_MTMSR,
	    [K_WRTEE] = EK_WRTEE,     [K_MFSPR] = EK_MFSPR,	[K_MTSPR] = EK_MTSPR,
	    [K_TLBWE] = EK_TLBWE,     [K_TLBRE] = EK_TLBRE,	[K_TLBSX] = EK_TLBSX,
	    [K_TLBIVAX] = EK_TLBIVAX, [K_TLBSYNC] = EK_TLBSYNC, [K_CACHELOCK] = EK_CACHE,
	    [K_DCBI] = EK_CACHE,
	};
	unsigned int xo = (insn >> 1) & 0x3ff;

	if (k == K_RF)
		return xo == 50 ? EK_RFI : xo == 51 ? EK_RFCI : EK_RFMCI;
	return map[k];
}

static unsigned int spr_of(uint32_t insn)
{
	return ((insn >> 16) & 0x1f) | ((insn >> 6) & 0x3e0);
}

static uint32_t field(uint32_t insn, int shift)
{
	return (insn >> shift) & 0x1f;
}

/* ------------------------------------------------------------------------ */
/* Instruction words */

/* X-form, opcode 31: the extended opcode, every other field from r */
static uint32_t x31(unsigned int xo, uint32_t r)
{
	return 31u << 26 | (r & 0x03fff801u) | xo << 1;
}

static uint32_t gen_insn(struct fuzz_in *in, struct vcpu *v)
{
	static const unsigned int rf[] = {50, 51, 38};
	static const unsigned int cache[] = {166, 134, 486, 390, 230, 470};
	static const unsigned int tlb[] = {978, 946, 914, 786, 566};
	uint8_t sel = fuzz_u8(in);
	uint32_t r = fuzz_u32(in), insn;
	unsigned int spr;

	switch (sel & 15) {
	case 0:
		return r;
	case 1:
	case 2:
		spr = gen_spr(in);
		insn = x31(sel & 1 ? 339 : 467, r);
		insn = (insn & ~0x001ff800u) | (spr & 0x1f) << 16 | (spr >> 5) << 11;
		if (sel & 0x80) /* the value a mtspr writes */
			v->arch.regs.gpr[field(insn, 21)] = fuzz_u32(in);
		return insn;
	case 3:
		return x31(83, r);
	case 4:
	case 5:
		insn = x31(sel & 1 ? 146 : 131, r);
		if (sel & 0x80)
			v->arch.regs.gpr[field(insn, 21)] = fuzz_u32(in);
		return insn;
	case 6:
		return x31(163, r);
	case 7:
		return 19u << 26 | (r & 0x03fff801u) | rf[(sel >> 4) % 3] << 1;
	case 8:
	case 9:
	case 10:
		insn = x31(tlb[(sel >> 4) % 5], r);
		if (sel & 0x80) { /* the effective address of tlbsx/tlbivax */
			v->arch.regs.gpr[field(insn, 16)] = fuzz_u32(in);
			v->arch.regs.gpr[field(insn, 11)] = fuzz_u32(in);
		}
		return insn;
	case 11:
		return x31(cache[(sel >> 4) % 6], r);
	case 12:
		return x31((r >> 1) & 0x3ff, r);
	case 13:
		return 19u << 26 | (r & 0x03ffffffu);
	case 14: /* the guest takes an interrupt: supervisor mode again */
		v->arch.shared.msr &= ~(uint64_t)M_PR;
		return x31(566, r);
	default: /* the MAS registers, directly (as a paravirtual guest could) */
		spr = sel & 0x10 ? SPR_MAS1_ : SPR_MAS0_;
		insn = x31(467, r);
		insn = (insn & ~0x001ff800u) | (spr & 0x1f) << 16 | (spr >> 5) << 11;
		v->arch.regs.gpr[field(insn, 21)] =
		    spr == SPR_MAS0_ ? (r & 0x30000000u) | ((sel >> 5) << 16)
				     : r & 0xc0ff1fffu;
		return insn;
	}
}

/* ------------------------------------------------------------------------ */
/* One instruction and its checks */

static struct vcpu before;
static struct ref_tlb ref;

static void model_mas(struct ref_mas *m)
{
	*m = (struct ref_mas){model[SPR_MAS0_], model[SPR_MAS1_], model[SPR_MAS2_],
			      model[SPR_MAS3_], model[SPR_MAS4_], model[SPR_MAS6_],
			      model[SPR_MAS7_]};
}

static void model_set_mas(const struct ref_mas *m)
{
	model[SPR_MAS0_] = m->mas0;
	model[SPR_MAS1_] = m->mas1;
	model[SPR_MAS2_] = m->mas2;
	model[SPR_MAS3_] = m->mas3;
	model[SPR_MAS7_] = m->mas7;
}

/* A valid translation removed or replaced must have had its shadows dropped. */
static void check_shadows(const struct gtlb *old, const struct gtlb *now, uint32_t insn)
{
	int i, k;

	if (flushes)
		return;
	for (i = 0; i < GTLB0_ENTRIES + GTLB1_ENTRIES; i++) {
		const struct gtlb_entry *o =
		    i < GTLB0_ENTRIES ? &old->tlb0[i] : &old->tlb1[i - GTLB0_ENTRIES];
		const struct gtlb_entry *n =
		    i < GTLB0_ENTRIES ? &now->tlb0[i] : &now->tlb1[i - GTLB0_ENTRIES];
		uint64_t lo, hi;

		if (!(o->mas1 >> 31) || !memcmp(o, n, sizeof(*o)))
			continue;
		lo = o->mas2 & 0xfffff000u;
		hi = lo + ref_page_size((o->mas1 >> 8) & 0xf);
		for (k = 0; k < ninvals; k++)
			if (invals[k].ea <= lo && invals[k].ea + invals[k].size >= hi)
				break;
		FUZZ_CHECK(
		    k < ninvals,
		    "%08x replaced valid TLB%d entry %d (EPN %08llx) without dropping "
		    "its shadows",
		    insn, i >= GTLB0_ENTRIES, i % GTLB0_ENTRIES, (unsigned long long)lo);
	}
}

static void step(struct vcpu *v, uint32_t insn)
{
	struct vcpu_arch *a = &v->arch, *b = &before.arch;
	uint32_t msr0 = (uint32_t)b->shared.msr, expect_msr = 0;
	enum k k = decode(insn);
	bool pr = msr0 & M_PR, priv, unchanged_gprs = true, msr_written = false,
	     gpr_known = true;
	unsigned int spr = spr_of(insn), rt = field(insn, 21), ra = field(insn, 16);
	uint32_t ea = (ra ? b->regs.gpr[ra] : 0) + b->regs.gpr[field(insn, 11)];
	uint32_t expect_esr = 0, gpr_val = 0;
	enum emul_result want = EMUL_NEXT, res;
	struct emul_out out = {.kind = EK_COUNT, .esr = 0xdeadbeef};
	struct spr s = {0};
	bool known = spr_find(spr, &s);
	struct ref_mas m;

	flushes = 0;
	ninvals = 0;
	prefills = 0;
	res = emul_insn(v, insn, &out);

	/* What the harness expects, from its own decoding */
	priv = k != K_OTHER && !((k == K_MFSPR || k == K_MTSPR) && !(spr & 0x10)) &&
	       !(k == K_CACHELOCK && (msr0 & M_UCLE));
	if (k == K_OTHER) {
		want = EMUL_PROGRAM;
		expect_esr = 0x08000000u; /* ESR[PIL] */
	} else if ((k == K_MFSPR || k == K_MTSPR) && !(spr & 0x10)) {
		/* a user SPR never traps; only the SPRG3-7 read-only aliases are served
		 */
		if (k == K_MFSPR && spr >= 259 && spr <= 263) {
			gpr_val = model[275 + spr - 259];
			unchanged_gprs = false;
		} else {
			want = EMUL_PROGRAM;
			expect_esr = 0x08000000u;
		}
	} else if (priv && pr) {
		want = EMUL_PROGRAM;
		expect_esr = 0x04000000u; /* ESR[PPR] */
	} else if (k == K_MFSPR || k == K_MTSPR) {
		if (!known) {
			want = EMUL_PROGRAM;
			expect_esr = 0x08000000u;
		} else if ((k == K_MFSPR && s.kind == S_WO) ||
			   (k == K_MTSPR && s.kind == S_RO)) {
			want = EMUL_PROGRAM;
			expect_esr = 0x04000000u;
		} else if (k == K_MFSPR) {
			unchanged_gprs = false;
			gpr_val = s.kind == S_TB ? (uint32_t)(spr == 284 ? tb : tb >> 32)
						 : model[spr];
			gpr_known =
			    s.kind != S_TIMER; /* the timer model's (its unit tests) */
		}
	} else if (k == K_MFMSR) {
		unchanged_gprs = false;
		gpr_val = msr0;
	} else if (k == K_MTMSR) {
		msr_written = true;
		expect_msr = b->regs.gpr[rt] & M_HELD;
	} else if (k == K_WRTEE) {
		uint32_t e = ((insn >> 1) & 0x3ff) == 131 ? b->regs.gpr[rt] & M_EE
							  : (insn & 0x8000 ? M_EE : 0);

		msr_written = true;
		expect_msr = ((msr0 & ~M_EE) | e) & M_HELD;
	} else if (k == K_RF) {
		unsigned int xo = (insn >> 1) & 0x3ff;
		uint32_t pc = xo == 50 ? model[26] : xo == 51 ? model[58] : model[570];

		want = EMUL_JUMP;
		msr_written = true;
		expect_msr = (xo == 50	 ? model[27]
			      : xo == 51 ? model[59]
					 : model[571]) &
			     M_HELD;
		FUZZ_CHECK(a->regs.pc == (pc & ~3u),
			   "%08x: jumped to %08x, expected %08x", insn, a->regs.pc,
			   pc & ~3u);
	} else if (k == K_TLBWE) {
		model_mas(&m);
		if (!ref_tlbwe(&ref, &m, NULL)) {
			want = EMUL_PROGRAM;
			expect_esr = 0x08000000u;
		}
	}

	/* The result */
	FUZZ_CHECK(res == want, "%08x (MSR %08x): result %d, expected %d", insn, msr0,
		   res, want);
	FUZZ_CHECK(out.kind == kind_of(k, insn), "%08x: kind %d, expected %d", insn,
		   out.kind, kind_of(k, insn));
	FUZZ_CHECK(out.esr == expect_esr, "%08x (MSR %08x): ESR %08x, expected %08x",
		   insn, msr0, out.esr, expect_esr);
	FUZZ_CHECK(!out.quiet || res == EMUL_NEXT, "%08x: quiet, result %d", insn, res);

	/* A program interrupt changes nothing at all. */
	if (res == EMUL_PROGRAM) {
		FUZZ_CHECK(
		    !memcmp(v, &before, sizeof(before)),
		    "%08x (MSR %08x) took a program interrupt and changed the vCPU", insn,
		    msr0);
		FUZZ_CHECK(!flushes && !ninvals,
			   "%08x: program interrupt, shadows dropped", insn);
		return;
	}

	/* Registers */
	if (res == EMUL_NEXT)
		FUZZ_CHECK(a->regs.pc == b->regs.pc, "%08x moved the pc", insn);
	if (unchanged_gprs) {
		FUZZ_CHECK(!memcmp(a->regs.gpr, b->regs.gpr, sizeof(a->regs.gpr)),
			   "%08x changed a GPR", insn);
	} else {
		uint32_t g = a->regs.gpr[rt];

		a->regs.gpr[rt] = b->regs.gpr[rt];
		FUZZ_CHECK(!memcmp(a->regs.gpr, b->regs.gpr, sizeof(a->regs.gpr)),
			   "%08x changed a GPR other than r%u", insn, rt);
		a->regs.gpr[rt] = g;
		FUZZ_CHECK(!gpr_known || g == gpr_val, "%08x: r%u = %08x, expected %08x",
			   insn, rt, g, gpr_val);
	}
	FUZZ_CHECK(a->regs.cr == b->regs.cr && a->regs.lr == b->regs.lr &&
		       a->regs.ctr == b->regs.ctr && a->regs.xer == b->regs.xer &&
		       a->regs.esr == b->regs.esr && a->regs.dear == b->regs.dear &&
		       a->regs.hmsr == b->regs.hmsr && a->regs.srr1 == b->regs.srr1,
		   "%08x changed CR, LR, CTR, XER or the exit frame", insn);
	if (msr_written)
		FUZZ_CHECK(a->shared.msr == expect_msr, "%08x: MSR %08llx, expected %08x",
			   insn, (unsigned long long)a->shared.msr, expect_msr);
	else
		FUZZ_CHECK(a->shared.msr == b->shared.msr, "%08x changed the MSR", insn);
	FUZZ_CHECK(!(a->shared.msr & ~(uint64_t)M_HELD) || a->shared.msr == b->shared.msr,
		   "%08x set MSR bits an e500v2 does not have: %08llx", insn,
		   (unsigned long long)a->shared.msr);

	/* The SPR model follows the instruction; the TLB model too. */
	if (k == K_MTSPR) {
		uint32_t val = b->regs.gpr[rt];

		switch (s.kind) {
		case S_PLAIN:
			model[spr] = val & s.mask;
			break;
		case S_W1C:
			model[spr] &= ~val;
			break;
		case S_MMUCSR0:
			ref_flash(&ref, val & 0x6);
			break;
		default:
			break;
		}
	} else if (k == K_TLBRE) {
		model_mas(&m);
		ref_tlbre(&ref, &m);
		model_set_mas(&m);
	} else if (k == K_TLBSX) {
		struct ref_matches found;
		uint32_t spid = (model[SPR_MAS6_] >> 16) & 0xff;

		ref_search(&ref, ea, model[SPR_MAS6_] & 1, &spid, 1, &found);
		model_mas(&m);
		if (found.n) {
			/* which of the matching entries is the implementation's choice */
			uint32_t mas0 = read_spr(v, SPR_MAS0_);
			int sel = (mas0 >> 28) & 3, esel = (mas0 >> 16) & 0xfff, i;
			struct ref_pos p = {sel, sel ? 0 : (int)((ea >> 12) & 127), esel};

			for (i = 0; i < found.n; i++)
				if (!memcmp(&found.pos[i], &p, sizeof(p)))
					break;
			FUZZ_CHECK(i < found.n,
				   "tlbsx %08x: MAS0 %08x names no matching entry", ea,
				   mas0);
			ref_read_entry(&ref, p, &m);
		} else {
			ref_tlbsx_miss(&ref, &m);
		}
		model_set_mas(&m);
	} else if (k == K_TLBIVAX) {
		ref_tlbivax(&ref, ea);
	}
	model_check(v, insn);
	if (k == K_TLBWE || k == K_TLBIVAX || k == K_TLBSX ||
	    (k == K_MTSPR && s.kind == S_MMUCSR0))
		gtlb_cmp_all(&a->tlb, &ref);
	else
		FUZZ_CHECK(!memcmp(&a->tlb, &b->tlb, sizeof(a->tlb)),
			   "%08x changed the TLB", insn);
	check_shadows(&b->tlb, &a->tlb, insn);
	/* A shadow is set up in advance only for the TLB0 entry tlbwe just wrote. */
	FUZZ_CHECK(!prefills || (k == K_TLBWE && res == EMUL_NEXT && prefills == 1 &&
				 prefilled >= a->tlb.tlb0 &&
				 prefilled < a->tlb.tlb0 + GTLB0_ENTRIES &&
				 !(b->shared.mas0 & 0x10000000u) &&
				 (prefilled->mas2 & 0xFFFFF000u) ==
				     ((uint32_t)b->shared.mas2 & 0xFFFFF000u)),
		   "%08x: shadow prefill of an entry it did not write", insn);

	/* Instructions without effect have none. */
	if (k == K_TLBSYNC || k == K_CACHELOCK || k == K_DCBI)
		FUZZ_CHECK(!memcmp(v, &before, sizeof(before)), "%08x changed the vCPU",
			   insn);

	/* Quiet: nothing interrupt delivery, timers, idling or the shadow context use. */
	if (out.quiet) {
		bool timer_read = k == K_MFSPR && s.kind == S_TIMER;

		FUZZ_CHECK(a->shared.msr == b->shared.msr ||
			       (a->shared.msr == (b->shared.msr & ~(uint64_t)M_EE)),
			   "%08x quiet, but the MSR changed %08llx -> %08llx", insn,
			   (unsigned long long)b->shared.msr,
			   (unsigned long long)a->shared.msr);
		FUZZ_CHECK(
		    !memcmp(a->pid, b->pid, sizeof(a->pid)) && a->hid0 == b->hid0 &&
			a->timer_dirty == b->timer_dirty && !flushes && !ninvals &&
			(timer_read || !memcmp(&a->timer, &b->timer, sizeof(a->timer))),
		    "%08x quiet, but PID, HID0, timers or the TLB changed", insn);
	}
}

/* ------------------------------------------------------------------------ */
/* The vCPU the input describes */

static void setup(struct fuzz_in *in, struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;
	uint8_t flags = fuzz_u8(in), n;
	unsigned int i;

	memset(v, 0, sizeof(*v));
	tb = fuzz_u64(in) >> (fuzz_u8(in) & 63);
	gtlb_init(&a->tlb);
	ref_init(&ref);
	vtimer_init(&a->timer, tb);
	for (i = 0; i < 32; i++)
		a->regs.gpr[i] = i * 0x01010101u;
	a->regs.pc = fuzz_u32(in);
	a->pvr = 0x80210022u;
	a->svr = fuzz_u32(in);
	a->epr = fuzz_u32(in);
	a->mcar = fuzz_u32(in);
	a->mcsr = fuzz_u32(in); /* set by the core, cleared by the guest */
	a->dbsr = fuzz_u32(in);
	a->shared.pir = fuzz_u8(in);
	a->shared.msr = fuzz_u32(in) & M_HELD;

	/* SPRs, through the emulator's own mtspr */
	for (n = fuzz_u8(in) & 31; n; n--) {
		unsigned int spr = gen_spr(in);
		uint32_t val = fuzz_u32(in);

		emul_mtspr(v, spr, val);
	}
	/* guest TLB entries */
	for (n = fuzz_u8(in) & 31; n; n--) {
		struct gtlb_mas m = {0};
		struct ref_mas rm;

		m.mas0 = (fuzz_u8(in) & 1) << 28 | (uint32_t)fuzz_u8(in) << 16;
		m.mas1 = 0x80000000u | (fuzz_u32(in) & 0x40ff1f00u);
		m.mas2 = fuzz_u32(in);
		m.mas3 = fuzz_u32(in);
		m.mas7 = fuzz_u8(in);
		rm = (struct ref_mas){m.mas0, m.mas1, m.mas2, m.mas3, 0, 0, m.mas7};
		FUZZ_CHECK((gtlb_tlbwe(&a->tlb, &m, NULL, NULL) == 0) ==
			       ref_tlbwe(&ref, &rm, NULL),
			   "set-up tlbwe %08x %08x: models differ", m.mas0, m.mas1);
	}
	/* A shared page a paravirtual guest filled with anything at all. */
	if (flags & 1) {
		uint8_t *p = (uint8_t *)&a->shared;

		for (i = 0; i < sizeof(a->shared); i++)
			p[i] = fuzz_u8(in);
		/*
		 * Except the MSR: no such page is mapped into guests yet, and
		 * the MSR is the one field beryl then has to validate (a quiet
		 * wrteei 0 would install the rest of a junk MSR unseen).
		 */
		a->shared.msr &= M_HELD;
	}
	model_init(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	/* alone (a write outside it is an ASan error), page-aligned as struct vcpu requires */
	struct vcpu *v = aligned_alloc(_Alignof(struct vcpu), sizeof(*v));
	int count = 0;

	FUZZ_CHECK(v, "out of memory");
	if (!spr_tab[26].known)
		spr_tab_init();
	setup(&in, v);
	while (fuzz_left(&in) && count++ < 64) {
		uint32_t insn = gen_insn(&in, v);
		uint8_t dt = fuzz_u8(&in);

		tb += dt & 0x80 ? (uint64_t)fuzz_u32(&in) << (dt & 31) : dt;
		memcpy(&before, v, sizeof(before));
		step(v, insn);
	}
	free(v);
	return 0;
}
