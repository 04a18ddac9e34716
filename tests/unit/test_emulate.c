// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the privileged-instruction emulator (hv/arch/booke/emulate.c),
 * linked with the real guest TLB model and virtual timers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arch/emulate.h>
#include <arch/gtlb.h>
#include <arch/spr.h>
#include <arch/vtimer.h>
#include <arch/shadow.h>
#include <vcpu.h>

/* Hooks (the timebase is tests/unit/hostarch's host_timebase) */
static int flushes;

void shadow_flush(struct vcpu *v)
{
	flushes++;
}

/* Range invalidations: how many, and the last range. */
static int invals;
static uint32_t inval_ea;
static uint64_t inval_size;

/* Shadows installed at tlbwe: the emulator asks for each TLB0 entry written. */
static int prefills;

void shadow_prefill(struct vcpu *v, const struct gtlb_entry *e)
{
	prefills++;
}

void shadow_inval(struct vcpu *v, uint32_t ea, uint64_t size)
{
	invals++;
	inval_ea = ea;
	inval_size = size;
}

static struct vcpu *v;

static int setup(void **state)
{
	/* struct vcpu is page-aligned (the magic page starts its vcpu_arch) */
	v = aligned_alloc(_Alignof(struct vcpu), sizeof(*v));
	assert_non_null(v);
	memset(v, 0, sizeof(*v));
	gtlb_init(&v->arch.tlb);
	host_timebase = 1000;
	vtimer_init(&v->arch.timer, host_timebase);
	v->arch.pvr = E500V2_PVR;
	v->arch.svr = 0x80300010;
	v->arch.shared.pir = 3;
	v->arch.shared.msr = MSR_ME;
	flushes = 0;
	invals = 0;
	return 0;
}

static int teardown(void **state)
{
	free(v);
	return 0;
}

/* Encoders */
static uint32_t x31(unsigned int xo, unsigned int rt, unsigned int ra, unsigned int rb)
{
	return 31u << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1;
}

static uint32_t spr_field(unsigned int spr)
{
	return (spr & 0x1f) << 16 | ((spr >> 5) & 0x1f) << 11;
}

static uint32_t mfspr(unsigned int rt, unsigned int spr)
{
	return 31u << 26 | rt << 21 | spr_field(spr) | 339u << 1;
}

static uint32_t mtspr(unsigned int spr, unsigned int rs)
{
	return 31u << 26 | rs << 21 | spr_field(spr) | 467u << 1;
}

#define RFI 0x4c000064u
#define RFCI 0x4c000066u
#define RFMCI 0x4c00004cu
#define WRTEEI(e) (0x7c000146u | ((e) ? 0x8000u : 0))
#define TLBWE 0x7c0007a4u
#define TLBRE 0x7c000764u
#define TLBSYNC 0x7c00046cu

static enum emul_result run(uint32_t insn, struct emul_out *out)
{
	out->kind = EK_COUNT;
	out->esr = 0xdeadbeef;
	return emul_insn(v, insn, out);
}

static void expect_next(uint32_t insn, enum emul_kind kind)
{
	struct emul_out out;

	assert_int_equal(run(insn, &out), EMUL_NEXT);
	assert_int_equal(out.kind, kind);
}

static void expect_program(uint32_t insn, enum emul_kind kind, uint32_t esr)
{
	struct emul_out out;

	assert_int_equal(run(insn, &out), EMUL_PROGRAM);
	assert_int_equal(out.kind, kind);
	assert_int_equal(out.esr, esr);
}

/* mtspr spr <- val through r5, then mfspr r6 <- spr; returns r6. */
static uint32_t wr_rd(unsigned int spr, uint32_t val)
{
	v->arch.regs.gpr[5] = val;
	expect_next(mtspr(spr, 5), EK_MTSPR);
	v->arch.regs.gpr[6] = 0xdeadbeef;
	expect_next(mfspr(6, spr), EK_MFSPR);
	return v->arch.regs.gpr[6];
}

static uint32_t rd(unsigned int spr)
{
	v->arch.regs.gpr[6] = 0xdeadbeef;
	expect_next(mfspr(6, spr), EK_MFSPR);
	return v->arch.regs.gpr[6];
}

/* ---- MSR ---- */

static void test_mfmsr(void **state)
{
	v->arch.shared.msr = MSR_EE | MSR_ME | MSR_IS | MSR_DS;
	expect_next(x31(83, 7, 0, 0), EK_MFMSR);
	assert_int_equal(v->arch.regs.gpr[7], MSR_EE | MSR_ME | MSR_IS | MSR_DS);
}

static void test_mtmsr_mask(void **state)
{
	v->arch.regs.gpr[4] = 0xFFFFFFFFu;
	expect_next(x31(146, 4, 0, 0), EK_MTMSR);
	assert_int_equal(v->arch.shared.msr, MSR_E500_MASK);
	v->arch.shared.msr = 0;
	v->arch.regs.gpr[4] = MSR_CE | MSR_ME;
	expect_next(x31(146, 4, 0, 0), EK_MTMSR);
	assert_int_equal(v->arch.shared.msr, MSR_CE | MSR_ME);
	/* MSR[PR] set by mtmsr: later privileged instructions are refused. */
	v->arch.regs.gpr[4] = MSR_PR | MSR_EE;
	expect_next(x31(146, 4, 0, 0), EK_MTMSR);
	expect_program(x31(83, 7, 0, 0), EK_MFMSR, ESR_PPR);
}

static void test_wrtee(void **state)
{
	v->arch.shared.msr = MSR_ME | MSR_CE;
	v->arch.regs.gpr[9] = 0xFFFFFFFFu;
	expect_next(x31(131, 9, 0, 0), EK_WRTEE);
	assert_int_equal(v->arch.shared.msr, MSR_ME | MSR_CE | MSR_EE);
	v->arch.regs.gpr[9] = ~MSR_EE;
	expect_next(x31(131, 9, 0, 0), EK_WRTEE);
	assert_int_equal(v->arch.shared.msr, MSR_ME | MSR_CE);
}

static void test_wrteei(void **state)
{
	v->arch.shared.msr = MSR_ME;
	expect_next(WRTEEI(1), EK_WRTEE);
	assert_int_equal(v->arch.shared.msr, MSR_ME | MSR_EE);
	expect_next(WRTEEI(0), EK_WRTEE);
	assert_int_equal(v->arch.shared.msr, MSR_ME);
	/* The E bit is insn & 0x8000: other bits do not matter. */
	expect_next(WRTEEI(0) | 0x7000u, EK_WRTEE);
	assert_int_equal(v->arch.shared.msr, MSR_ME);
	assert_int_equal(WRTEEI(1), 0x7c008146u);
}

/* ---- rfi, rfci, rfmci ---- */

static void test_rfi(void **state)
{
	struct emul_out out;

	v->arch.shared.srr0 = 0xC0001237;
	v->arch.shared.srr1 = 0xFFFFFFFFu;
	v->arch.regs.pc = 0x100;
	assert_int_equal(run(RFI, &out), EMUL_JUMP);
	assert_int_equal(out.kind, EK_RFI);
	assert_int_equal(v->arch.regs.pc, 0xC0001234);
	assert_int_equal(v->arch.shared.msr, MSR_E500_MASK);
}

static void test_rfci(void **state)
{
	struct emul_out out;

	v->arch.csrr0 = 0x2000;
	v->arch.csrr1 = MSR_EE | MSR_PR | 0x80000000u;
	v->arch.shared.srr0 = 0x5000;
	assert_int_equal(run(RFCI, &out), EMUL_JUMP);
	assert_int_equal(out.kind, EK_RFCI);
	assert_int_equal(v->arch.regs.pc, 0x2000);
	assert_int_equal(v->arch.shared.msr, MSR_EE | MSR_PR);
}

static void test_rfmci(void **state)
{
	struct emul_out out;

	v->arch.mcsrr0 = 0x3003;
	v->arch.mcsrr1 = MSR_ME | MSR_DE;
	assert_int_equal(run(RFMCI, &out), EMUL_JUMP);
	assert_int_equal(out.kind, EK_RFMCI);
	assert_int_equal(v->arch.regs.pc, 0x3000);
	assert_int_equal(v->arch.shared.msr, MSR_ME | MSR_DE);
}

/* ---- privilege and illegal instructions ---- */

static void test_privileged_from_user(void **state)
{
	static const struct {
		uint32_t insn;
		enum emul_kind kind;
	} t[] = {
	    {0x7c0000a6 /* mfmsr r0 */, EK_MFMSR},
	    {0x7c000124 /* mtmsr r0 */, EK_MTMSR},
	    {0x7c000106 /* wrtee r0 */, EK_WRTEE},
	    {0x7c008146 /* wrteei 1 */, EK_WRTEE},
	    {RFI, EK_RFI},
	    {RFCI, EK_RFCI},
	    {RFMCI, EK_RFMCI},
	    {0x7c7a02a6 /* mfspr r3,SRR0 */, EK_MFSPR},
	    {0x7c7a03a6 /* mtspr SRR0,r3 */, EK_MTSPR},
	    {0x7c7f42a6 /* mfspr r3,PVR */, EK_MFSPR},
	    {TLBWE, EK_TLBWE},
	    {TLBRE, EK_TLBRE},
	    {0x7c002724 /* tlbsx 0,r4 */, EK_TLBSX},
	    {0x7c002624 /* tlbivax 0,r4 */, EK_TLBIVAX},
	    {TLBSYNC, EK_TLBSYNC},
	    {0x7c0023ac /* dcbi 0,r4 */, EK_CACHE},
	    {0x7c00214c /* dcbtls */, EK_CACHE},
	    {0x7c00210c /* dcbtstls */, EK_CACHE},
	    {0x7c0023cc /* icbtls */, EK_CACHE},
	    {0x7c00230c /* dcblc */, EK_CACHE},
	    {0x7c0021cc /* icblc */, EK_CACHE},
	};
	struct vcpu_arch before;

	v->arch.shared.msr = MSR_PR | MSR_EE;
	v->arch.regs.pc = 0x4000;
	before = v->arch;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		expect_program(t[i].insn, t[i].kind, ESR_PPR);
		/* Nothing changed. */
		assert_memory_equal(&before, &v->arch, sizeof(before));
	}
	assert_int_equal(flushes, 0);
	/* Even an SPR e500v2 lacks: user mode sees a privilege violation. */
	expect_program(mfspr(3, 1017), EK_MFSPR, ESR_PPR);
}

static void test_illegal_instructions(void **state)
{
	static const uint32_t insns[] = {
	    0x7c642a14, /* add r3,r4,r5 */
	    0x38600000, /* li r3,0 */
	    0x4c00012c, /* isync (opcode 19, xo 150) */
	    0x4c000000, /* mcrf (opcode 19, xo 0) */
	    0x7c6c42e6, /* mftb r3 (xo 371) */
	    0x7c00007c, /* wait (xo 62): not on e500v2 */
	    0x7c0006ac, /* mbar (xo 854) */
	    0x44000002, /* sc */
	    0x00000000, 0xFFFFFFFFu,
	};

	for (size_t i = 0; i < sizeof(insns) / sizeof(insns[0]); i++)
		expect_program(insns[i], EK_OTHER, ESR_PIL);
	/* Illegal also from guest user mode: PIL, not PPR. */
	v->arch.shared.msr = MSR_PR;
	expect_program(0x7c642a14, EK_OTHER, ESR_PIL);
}

/* ---- SPRs ---- */

static void test_spr_round_trips(void **state)
{
	static const unsigned int plain[] = {
	    SPR_SRR0,  SPR_SRR1,  SPR_CSRR0, SPR_CSRR1, SPR_MCSRR0, SPR_MCSRR1, SPR_DSRR0,
	    SPR_DSRR1, SPR_SPRG0, SPR_SPRG1, SPR_SPRG2, SPR_SPRG3,  SPR_SPRG4,	SPR_SPRG5,
	    SPR_SPRG6, SPR_SPRG7, SPR_ESR,   SPR_DEAR,	SPR_HID0,   SPR_HID1,	SPR_BUCSR,
	    SPR_DBCR0, SPR_DBCR1, SPR_DBCR2, SPR_IAC1,	SPR_IAC2,   SPR_DAC1,	SPR_DAC2,
	    SPR_MAS0,  SPR_MAS1,  SPR_MAS2,  SPR_MAS3,	SPR_MAS4,   SPR_MAS6,	SPR_MAS7,
	};

	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		uint32_t val = 0x9E3779B9u * (uint32_t)(i + 1);

		assert_int_equal(wr_rd(plain[i], 0xFFFFFFFFu), 0xFFFFFFFFu);
		assert_int_equal(wr_rd(plain[i], val), val);
		assert_int_equal(wr_rd(plain[i], 0), 0);
	}
}

static void test_spr_shared_fields(void **state)
{
	struct vcpu_shared *s = &v->arch.shared;

	wr_rd(SPR_SRR0, 0x11);
	wr_rd(SPR_SRR1, 0x22);
	wr_rd(SPR_SPRG0, 0x30);
	wr_rd(SPR_SPRG3, 0x33);
	wr_rd(SPR_SPRG4, 0x34);
	wr_rd(SPR_SPRG7, 0x37);
	wr_rd(SPR_DEAR, 0x44);
	wr_rd(SPR_ESR, ESR_ST);
	assert_int_equal(s->srr0, 0x11);
	assert_int_equal(s->srr1, 0x22);
	assert_int_equal(s->sprg0, 0x30);
	assert_int_equal(s->sprg3, 0x33);
	assert_int_equal(s->sprg4, 0x34);
	assert_int_equal(s->sprg7, 0x37);
	assert_int_equal(s->dear, 0x44);
	assert_int_equal(s->esr, ESR_ST);
	/* Only the low word of the 64-bit shared fields is seen. */
	s->sprg1 = 0x1234567800000042ull;
	assert_int_equal(rd(SPR_SPRG1), 0x42);
	/* MAS3 and MAS7 share mas7_3. */
	wr_rd(SPR_MAS3, 0xABCDE03F);
	wr_rd(SPR_MAS7, 0xF);
	assert_int_equal(s->mas7_3, 0x0000000FABCDE03Full);
	wr_rd(SPR_MAS3, 0x1000);
	assert_int_equal(s->mas7_3, 0x0000000F00001000ull);
	assert_int_equal(rd(SPR_MAS7), 0xF);
}

static void test_spr_masks(void **state)
{
	assert_int_equal(wr_rd(SPR_IVPR, 0xFFFFFFFFu), 0xFFFF0000u);
	assert_int_equal(wr_rd(SPR_IVPR, 0x0012FFFFu), 0x00120000u);
	for (unsigned int n = 0; n < 36; n++) {
		unsigned int spr;

		if (n >= 16 && n < 32)
			continue;
		spr = n < 16 ? SPR_IVOR0 + n : SPR_IVOR32 + n - 32;
		assert_int_equal(wr_rd(spr, 0xFFFFFFFFu), 0x0000FFF0u);
		assert_int_equal(wr_rd(spr, 0x100u * n + 0x10), 0x100u * n + 0x10);
		assert_int_equal(v->arch.ivor[n], 0x100u * n + 0x10);
	}
	assert_int_equal(wr_rd(SPR_PID0, 0xFFFFFFFFu), 0xFF);
	assert_int_equal(wr_rd(SPR_PID1, 0x123), 0x23);
	assert_int_equal(wr_rd(SPR_PID2, 0x45), 0x45);
	assert_int_equal(v->arch.pid[0], 0xFF);
	assert_int_equal(v->arch.pid[1], 0x23);
	assert_int_equal(v->arch.pid[2], 0x45);
}

static void test_l1csr(void **state)
{
	/* QEMU e500v2: only CPE and CE hold; CFI/CLFC/... self-clear. */
	assert_int_equal(wr_rd(SPR_L1CSR0, 0xFFFFFFFFu), 0x00010001u);
	assert_int_equal(wr_rd(SPR_L1CSR0, 0x00000003u), 0x00000001u);
	assert_int_equal(wr_rd(SPR_L1CSR0, 0), 0);
	assert_int_equal(wr_rd(SPR_L1CSR1, 0xFFFFFFFFu), 0x00010001u);
	assert_int_equal(wr_rd(SPR_L1CSR1, 0x00000102u), 0);
}

static void test_w1c_sprs(void **state)
{
	v->arch.mcsr = MCSR_MCP | MCSR_BUS_RAERR;
	assert_int_equal(wr_rd(SPR_MCSR, MCSR_BUS_RAERR), MCSR_MCP);
	assert_int_equal(wr_rd(SPR_MCSR, 0), MCSR_MCP);
	assert_int_equal(wr_rd(SPR_MCSR, 0xFFFFFFFFu), 0);
	v->arch.dbsr = 0xF0000003u;
	assert_int_equal(wr_rd(SPR_DBSR, 0x10000001u), 0xE0000002u);
	assert_int_equal(wr_rd(SPR_DBSR, 0xFFFFFFFFu), 0);
}

static void test_read_only_sprs(void **state)
{
	static const struct {
		unsigned int spr;
		uint32_t val;
	} t[] = {
	    {SPR_PVR, E500V2_PVR},	   {SPR_SVR, 0x80300010},
	    {SPR_MMUCFG, E500V2_MMUCFG},   {SPR_TLB0CFG, E500V2_TLB0CFG},
	    {SPR_TLB1CFG, E500V2_TLB1CFG}, {SPR_EPR, 0x42},
	    {SPR_MCAR, 0xFEE00000},
	};

	v->arch.epr = 0x42;
	v->arch.mcar = 0xFEE00000;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(rd(t[i].spr), t[i].val);
		/* QEMU 7.2 e500v2: a write takes a privileged program interrupt. */
		v->arch.regs.gpr[5] = 0x12345678;
		expect_program(mtspr(t[i].spr, 5), EK_MTSPR, ESR_PPR);
		assert_int_equal(rd(t[i].spr), t[i].val);
	}
	assert_int_equal(E500V2_TLB0CFG, 0x04110200u);
	assert_int_equal(E500V2_TLB1CFG, 0x101cc010u);
}

static void test_pir(void **state)
{
	assert_int_equal(rd(SPR_PIR), 3);
	/* Writes accepted and ignored. */
	assert_int_equal(wr_rd(SPR_PIR, 7), 3);
	assert_int_equal(v->arch.shared.pir, 3);
}

static void test_timebase_write(void **state)
{
	host_timebase = 0x0000000500000007ull;
	/* TBWL/TBWU writes are ignored; reads return the real timebase. */
	assert_int_equal(wr_rd(SPR_TBWL, 0), 7);
	assert_int_equal(wr_rd(SPR_TBWU, 0), 5);
	/* TBRL/TBRU are user SPRs: they never trap, here they are illegal. */
	expect_program(mfspr(3, SPR_TBRL), EK_MFSPR, ESR_PIL);
}

static void test_decar_write_only(void **state)
{
	v->arch.regs.gpr[5] = 500;
	expect_next(mtspr(SPR_DECAR, 5), EK_MTSPR);
	assert_int_equal(v->arch.timer.decar, 500);
	v->arch.regs.gpr[6] = 0x66;
	expect_program(mfspr(6, SPR_DECAR), EK_MFSPR, ESR_PPR);
	assert_int_equal(v->arch.regs.gpr[6], 0x66);
}

static void test_dec_tcr_tsr(void **state)
{
	host_timebase = 10000;
	v->arch.regs.gpr[5] = 100;
	expect_next(mtspr(SPR_DECAR, 5), EK_MTSPR);
	assert_int_equal(wr_rd(SPR_TCR, TCR_DIE | TCR_ARE), TCR_DIE | TCR_ARE);
	assert_int_equal(wr_rd(SPR_DEC, 250), 250);
	host_timebase = 10100;
	assert_int_equal(rd(SPR_DEC), 150);
	assert_int_equal(rd(SPR_TSR) & TSR_DIS, 0);
	host_timebase = 10250;
	/* TSR read brings the timer up to date. */
	assert_int_equal(rd(SPR_TSR), TSR_DIS);
	assert_true(vtimer_dec_pending(&v->arch.timer));
	assert_int_equal(rd(SPR_DEC), 100);
	host_timebase = 10330;
	assert_int_equal(rd(SPR_DEC), 20);
	assert_int_equal(wr_rd(SPR_TSR, TSR_DIS), 0);
	assert_false(vtimer_dec_pending(&v->arch.timer));
	/* DECAR changes apply from the next reload. */
	v->arch.regs.gpr[5] = 1000;
	expect_next(mtspr(SPR_DECAR, 5), EK_MTSPR);
	host_timebase = 10350;
	assert_int_equal(rd(SPR_DEC), 1000);
	assert_int_equal(rd(SPR_TSR), TSR_DIS);
}

/*
 * The privileged SPRs QEMU 7.2's e500v2 implements (bare-metal probe: mfspr
 * of all 1024 numbers in supervisor mode), minus SPRG8/9 (604/605) and
 * EPLC/EPSC (947/948), which QEMU registers but e500v2 silicon lacks.
 */
static const unsigned int implemented[] = {
    22,	 26,  27,  48,	54,  58,   59,	 61,   62,   63,   272,	 273,  274,
    275, 276, 277, 278, 279, 284,  285,	 286,  287,  304,  308,	 309,  310,
    312, 313, 316, 317, 336, 340,  400,	 401,  402,  403,  404,	 405,  406,
    407, 408, 409, 410, 411, 412,  413,	 414,  415,  528,  529,	 530,  531,
    570, 571, 572, 573, 574, 575,  624,	 625,  626,  627,  628,	 630,  633,
    634, 688, 689, 702, 944, 1008, 1009, 1010, 1011, 1012, 1013, 1015, 1023,
};

static bool is_implemented(unsigned int spr)
{
	for (size_t i = 0; i < sizeof(implemented) / sizeof(implemented[0]); i++)
		if (implemented[i] == spr)
			return true;
	return false;
}

static void test_all_privileged_spr_numbers(void **state)
{
	unsigned int n = 0;

	for (unsigned int spr = 0; spr < 1024; spr++) {
		uint32_t val;

		if (!SPR_IS_PRIVILEGED(spr))
			continue;
		v->arch.regs.gpr[6] = 0x66;
		if (spr == SPR_DECAR) {
			expect_program(mfspr(6, spr), EK_MFSPR, ESR_PPR);
		} else if (is_implemented(spr)) {
			expect_next(mfspr(6, spr), EK_MFSPR);
			assert_true(emul_mfspr(v, spr, &val));
			n++;
			continue;
		} else {
			expect_program(mfspr(6, spr), EK_MFSPR, ESR_PIL);
			expect_program(mtspr(spr, 6), EK_MTSPR, ESR_PIL);
			assert_false(emul_mtspr(v, spr, 1));
		}
		assert_int_equal(v->arch.regs.gpr[6], 0x66);
		assert_false(emul_mfspr(v, spr, &val));
		assert_int_equal(val, 0);
	}
	assert_int_equal(n, sizeof(implemented) / sizeof(implemented[0]) - 1);
}

static void test_illegal_sprs_qemu_has(void **state)
{
	static const unsigned int spr[] = {604, 605, 947, 948};

	for (size_t i = 0; i < sizeof(spr) / sizeof(spr[0]); i++) {
		expect_program(mfspr(6, spr[i]), EK_MFSPR, ESR_PIL);
		expect_program(mtspr(spr[i], 6), EK_MTSPR, ESR_PIL);
	}
	/* Some SPRs QEMU lacks: IAC3/4, DVC1/2, MAS5, L2CSR0/1 (e500mc). */
	expect_program(mfspr(6, 314), EK_MFSPR, ESR_PIL);
	expect_program(mfspr(6, 315), EK_MFSPR, ESR_PIL);
	expect_program(mfspr(6, 318), EK_MFSPR, ESR_PIL);
	expect_program(mfspr(6, 319), EK_MFSPR, ESR_PIL);
	expect_program(mtspr(629, 6), EK_MTSPR, ESR_PIL);
	expect_program(mtspr(1017, 6), EK_MTSPR, ESR_PIL);
	expect_program(mtspr(1018, 6), EK_MTSPR, ESR_PIL);
}

static void test_user_sprs(void **state)
{
	static const unsigned int spr[] = {
	    SPR_XER,	 SPR_LR, SPR_CTR, SPR_USPRG0, SPR_TBRL, SPR_TBRU,
	    SPR_SPEFSCR, 0,	 2,	  3,	      7,	512 + 3,
	};

	for (size_t i = 0; i < sizeof(spr) / sizeof(spr[0]); i++) {
		expect_program(mfspr(3, spr[i]), EK_MFSPR, ESR_PIL);
		expect_program(mtspr(spr[i], 3), EK_MTSPR, ESR_PIL);
	}
	/* The read-only user aliases of SPRG3-7 are served if they arrive. */
	v->arch.shared.sprg3 = 0x33;
	v->arch.shared.sprg4 = 0x44;
	v->arch.shared.sprg5 = 0x55;
	v->arch.shared.sprg6 = 0x66;
	v->arch.shared.sprg7 = 0x77;
	assert_int_equal(rd(SPR_SPRG3R), 0x33);
	assert_int_equal(rd(SPR_SPRG4R), 0x44);
	assert_int_equal(rd(SPR_SPRG5R), 0x55);
	assert_int_equal(rd(SPR_SPRG6R), 0x66);
	v->arch.shared.msr = MSR_PR; /* they are user-readable */
	assert_int_equal(rd(SPR_SPRG7R), 0x77);
	v->arch.shared.msr = 0;
	expect_program(mtspr(SPR_SPRG4R, 3), EK_MTSPR, ESR_PIL);
	assert_int_equal(v->arch.shared.sprg4, 0x44);
}

static void test_emul_mfspr_mtspr_api(void **state)
{
	uint32_t val = 1;

	assert_true(emul_mtspr(v, SPR_SPRG2, 0xCAFE));
	assert_true(emul_mfspr(v, SPR_SPRG2, &val));
	assert_int_equal(val, 0xCAFE);
	assert_true(emul_mfspr(v, SPR_PVR, &val));
	assert_int_equal(val, E500V2_PVR);
	assert_false(emul_mtspr(v, SPR_PVR, 0));
	assert_false(emul_mfspr(v, SPR_DECAR, &val));
	assert_int_equal(val, 0);
	assert_true(emul_mtspr(v, SPR_IVOR15, 0xFFFF));
	assert_int_equal(v->arch.ivor[15], 0xFFF0);
}

/* ---- TLB instructions (through the real gtlb model) ---- */

#define MAS0(sel, esel)                                                                  \
	((uint32_t)(sel) << MAS0_TLBSEL_SHIFT | (uint32_t)(esel) << MAS0_ESEL_SHIFT)

static void set_mas(uint32_t mas0, uint32_t mas1, uint32_t mas2, uint32_t mas3,
		    uint32_t mas7)
{
	v->arch.shared.mas0 = mas0;
	v->arch.shared.mas1 = mas1;
	v->arch.shared.mas2 = mas2;
	v->arch.shared.mas7_3 = (uint64_t)mas7 << 32 | mas3;
}

static void test_tlbwe_tlbre(void **state)
{
	struct vcpu_shared *s = &v->arch.shared;
	uint32_t mas1 = MAS1_VALID | MAS1_IPROT | 5u << MAS1_TID_SHIFT |
			TSIZE_16M << MAS1_TSIZE_SHIFT;

	set_mas(MAS0(1, 3), mas1, 0xC0000000u | MAS2_M, 0x01000000u | MAS3_SR | MAS3_SW,
		0x1);
	expect_next(TLBWE, EK_TLBWE);
	/* the entry was empty: no shadow can derive from it */
	assert_int_equal(flushes + invals, 0);
	assert_int_equal(v->arch.tlb.tlb1[3].mas1, mas1);
	assert_int_equal(v->arch.tlb.tlb1[3].mas7, 1);

	set_mas(MAS0(1, 3), 0, 0, 0, 0);
	expect_next(TLBRE, EK_TLBRE);
	assert_int_equal(s->mas1, mas1);
	assert_int_equal(s->mas2, 0xC0000000u | MAS2_M);
	assert_int_equal(s->mas7_3, 0x0000000101000005ull);
	assert_int_equal(s->mas0 & (MAS0_TLBSEL_MASK | MAS0_ESEL_MASK), MAS0(1, 3));
	assert_int_equal(rd(SPR_MAS3), 0x01000005u);
	assert_int_equal(rd(SPR_MAS7), 1);
	assert_int_equal(flushes + invals, 0);

	/* overwriting it drops the shadows of the old 16 MiB range */
	set_mas(MAS0(1, 3), MAS1_VALID | TSIZE_4K << MAS1_TSIZE_SHIFT, 0x10000000u, 0, 0);
	expect_next(TLBWE, EK_TLBWE);
	assert_int_equal(invals, 1);
	assert_int_equal(inval_ea, 0xC0000000u);
	assert_int_equal(inval_size, 16u << 20);
}

static void test_tlbwe_invalid_selection(void **state)
{
	/* TLBSEL 2 selects no entry: QEMU raises illegal instruction. */
	set_mas(MAS0(2, 0), MAS1_VALID | TSIZE_4K << MAS1_TSIZE_SHIFT, 0, 0, 0);
	expect_program(TLBWE, EK_TLBWE, ESR_PIL);
	/* Unsupported TLB1 page size with V=1: illegal as well. */
	set_mas(MAS0(1, 0), MAS1_VALID | 12u << MAS1_TSIZE_SHIFT, 0, 0, 0);
	expect_program(TLBWE, EK_TLBWE, ESR_PIL);
	assert_int_equal(flushes, 0);
}

static void test_tlbsx(void **state)
{
	struct vcpu_shared *s = &v->arch.shared;

	set_mas(MAS0(0, 2), MAS1_VALID | 7u << MAS1_TID_SHIFT, 0x10005000u,
		0x00777000u | MAS3_SR, 0);
	expect_next(TLBWE, EK_TLBWE);
	/* tlbsx r3,r4: EA = r3 + r4, searched with MAS6[SPID0] = 7. */
	s->mas6 = 7u << MAS6_SPID0_SHIFT;
	v->arch.regs.gpr[3] = 0x10000000u;
	v->arch.regs.gpr[4] = 0x5123u;
	set_mas(0, 0, 0, 0, 0);
	expect_next(x31(914, 0, 3, 4), EK_TLBSX);
	assert_true(s->mas1 & MAS1_VALID);
	assert_int_equal(s->mas2 & MAS2_EPN_MASK, 0x10005000u);
	assert_int_equal((uint32_t)s->mas7_3 & MAS3_RPN_MASK, 0x00777000u);
	assert_int_equal(s->mas0 & (MAS0_TLBSEL_MASK | MAS0_ESEL_MASK), MAS0(0, 2));
	/* RA = 0 means 0, not r0: EA = r4 = 0x5123 misses. */
	v->arch.regs.gpr[0] = 0x10000000u;
	expect_next(x31(914, 0, 0, 4), EK_TLBSX);
	assert_false(s->mas1 & MAS1_VALID);
	/* Wrong PID misses too. */
	s->mas6 = 8u << MAS6_SPID0_SHIFT;
	expect_next(x31(914, 0, 3, 4), EK_TLBSX);
	assert_false(s->mas1 & MAS1_VALID);
	assert_int_equal(flushes + invals, 0);
}

static void test_tlbivax(void **state)
{
	set_mas(MAS0(0, 0), MAS1_VALID, 0x20000000u, 0x20000000u | MAS3_SR, 0);
	expect_next(TLBWE, EK_TLBWE);
	assert_int_equal(flushes + invals, 0);
	/* tlbivax of an address nothing maps: no shadow to drop. */
	v->arch.regs.gpr[4] = 0x30000000u;
	expect_next(x31(786, 0, 0, 4), EK_TLBIVAX);
	assert_int_equal(flushes + invals, 0);
	assert_true(v->arch.tlb.tlb0[0].mas1 & MAS1_VALID);
	/* EA = (RA|0) + RB; a TLB0 page: only its shadows go */
	v->arch.regs.gpr[3] = 0x1FFFF000u;
	v->arch.regs.gpr[4] = 0x1000u;
	expect_next(x31(786, 0, 3, 4), EK_TLBIVAX);
	assert_int_equal(flushes, 0);
	assert_int_equal(invals, 1);
	assert_int_equal(inval_ea, 0x20000000u);
	assert_int_equal(inval_size, 0x1000);
	assert_false(v->arch.tlb.tlb0[0].mas1 & MAS1_VALID);
	/* a TLB1 invalidation drops every shadow */
	set_mas(MAS0(1, 2), MAS1_VALID | TSIZE_1M << MAS1_TSIZE_SHIFT, 0x50000000u, 0, 0);
	expect_next(TLBWE, EK_TLBWE);
	v->arch.regs.gpr[3] = 0;
	v->arch.regs.gpr[4] = 0x50000000u | TLBIVAX_TLB1;
	expect_next(x31(786, 0, 3, 4), EK_TLBIVAX);
	assert_int_equal(flushes, 1);
}

static void test_tlbsync(void **state)
{
	expect_next(TLBSYNC, EK_TLBSYNC);
	assert_int_equal(flushes, 0);
}

static void test_mmucsr0_flash_invalidate(void **state)
{
	set_mas(MAS0(0, 1), MAS1_VALID, 0x40000000u, 0, 0);
	expect_next(TLBWE, EK_TLBWE);
	set_mas(MAS0(1, 0), MAS1_VALID | TSIZE_1M << MAS1_TSIZE_SHIFT, 0x50000000u, 0, 0);
	expect_next(TLBWE, EK_TLBWE);
	assert_int_equal(flushes, 0);
	/* No FI bit: nothing happens. */
	assert_int_equal(wr_rd(SPR_MMUCSR0, 0x1), 0);
	assert_int_equal(flushes, 0);
	assert_int_equal(wr_rd(SPR_MMUCSR0, MMUCSR0_TLB0_FI), 0);
	assert_int_equal(flushes, 1);
	assert_false(v->arch.tlb.tlb0[0 * GTLB0_WAYS + 1].mas1 & MAS1_VALID);
	assert_true(v->arch.tlb.tlb1[0].mas1 & MAS1_VALID);
	assert_int_equal(wr_rd(SPR_MMUCSR0, MMUCSR0_TLB1_FI), 0);
	assert_int_equal(flushes, 2);
	assert_false(v->arch.tlb.tlb1[0].mas1 & MAS1_VALID);
}

/* ---- cache instructions ---- */

static void test_cache_ops(void **state)
{
	static const uint32_t insns[] = {
	    0x7c0023ac, 0x7c00214c, 0x7c00210c, 0x7c0023cc, 0x7c00230c, 0x7c0021cc,
	};

	for (size_t i = 0; i < sizeof(insns) / sizeof(insns[0]); i++)
		expect_next(insns[i], EK_CACHE);
	/* Cache locking from user mode is allowed by MSR[UCLE]; dcbi is not. */
	v->arch.shared.msr = MSR_PR | MSR_UCLE;
	for (size_t i = 1; i < sizeof(insns) / sizeof(insns[0]); i++)
		expect_next(insns[i], EK_CACHE);
	expect_program(insns[0], EK_CACHE, ESR_PPR);
}

/*
 * The plain-SPR table the emulator and the assembly fast path share: every
 * entry is a distinct, aligned word of struct vcpu that mtspr writes and
 * mfspr reads and nothing else changes; exactly those mtspr are quiet (may
 * return without the resume path), which is what the fast path assumes of
 * every SPR it serves.
 */
static void test_plain_spr_table(void **state)
{
	static struct vcpu before;
	unsigned int spr, other, n = 0;

	for (spr = 0; spr < EMUL_NR_SPRS; spr++) {
		unsigned int off = emul_plain_spr[spr];
		struct emul_out out;
		const uint32_t val = 0xA5000000u | spr;

		if (!SPR_IS_PRIVILEGED(spr))
			continue;
		v->arch.regs.gpr[5] = val;
		before = *v;
		run(mtspr(spr, 5), &out);
		if (!off) {
			/* not in the table: never a quiet write */
			assert_false(out.quiet && out.kind == EK_MTSPR &&
				     memcmp(&before, v, sizeof(before)));
			continue;
		}
		n++;
		assert_int_equal(off % 4, 0);
		assert_true(off + 4 <= sizeof(struct vcpu));
		for (other = 0; other < spr; other++)
			assert_true(emul_plain_spr[other] != off);
		assert_int_equal(out.kind, EK_MTSPR);
		assert_true(out.quiet);
		/* the word at off, and nothing else, changed */
		assert_int_equal(*(uint32_t *)((char *)v + off), val);
		*(uint32_t *)((char *)&before + off) = val;
		assert_memory_equal(&before, v, sizeof(before));
		v->arch.regs.gpr[6] = 0;
		expect_next(mfspr(6, spr), EK_MFSPR);
		assert_int_equal(v->arch.regs.gpr[6], val);
	}
	/* SRR0/1, CSRR0/1, MCSRR0/1, DSRR0/1, SPRG0-7, ESR, DEAR, MAS0-4/6/7, BUCSR */
	assert_int_equal(n, 26);
}

/*
 * BUCSR is plain, but its BBFI bit (Linux sets it at every interrupt from
 * user mode, its Spectre v2 mitigation) must flush the real branch buffer,
 * or the guest's mitigation silently does nothing under beryl.
 */
static void test_bucsr_flushes_the_real_btb(void **state)
{
	struct emul_out out;
	unsigned int before = host_btb_flushes;

	v->arch.regs.gpr[5] = 0x1;	/* BPEN only */
	run(mtspr(SPR_BUCSR, 5), &out);
	assert_int_equal(host_btb_flushes, before);
	v->arch.regs.gpr[5] = BUCSR_BBFI | 0x1;
	run(mtspr(SPR_BUCSR, 5), &out);
	assert_int_equal(out.kind, EK_MTSPR);
	assert_int_equal(host_btb_flushes, before + 1);
	v->arch.regs.gpr[6] = 0;
	expect_next(mfspr(6, SPR_BUCSR), EK_MFSPR);
	assert_int_equal(v->arch.regs.gpr[6], BUCSR_BBFI | 0x1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_mfmsr),
	    T(test_mtmsr_mask),
	    T(test_wrtee),
	    T(test_wrteei),
	    T(test_rfi),
	    T(test_rfci),
	    T(test_rfmci),
	    T(test_privileged_from_user),
	    T(test_illegal_instructions),
	    T(test_spr_round_trips),
	    T(test_plain_spr_table),
	    T(test_bucsr_flushes_the_real_btb),
	    T(test_spr_shared_fields),
	    T(test_spr_masks),
	    T(test_l1csr),
	    T(test_w1c_sprs),
	    T(test_read_only_sprs),
	    T(test_pir),
	    T(test_timebase_write),
	    T(test_decar_write_only),
	    T(test_dec_tcr_tsr),
	    T(test_all_privileged_spr_numbers),
	    T(test_illegal_sprs_qemu_has),
	    T(test_user_sprs),
	    T(test_emul_mfspr_mtspr_api),
	    T(test_tlbwe_tlbre),
	    T(test_tlbwe_invalid_selection),
	    T(test_tlbsx),
	    T(test_tlbivax),
	    T(test_tlbsync),
	    T(test_mmucsr0_flash_invalidate),
	    T(test_cache_ops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
