// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulation of the privileged instructions of a guest kernel running with the
 * real MSR[PR] = 1, against the virtual CPU state.
 *
 * Which SPRs exist, and how their accesses behave, was checked against QEMU
 * 7.2's e500v2 model with a bare-metal probe (mfspr of all 1024 numbers in
 * supervisor mode, and write/read-back of each SPR below). Where QEMU and the
 * e500 core differ, beryl follows the core and the difference is noted:
 *  - QEMU ignores mfspr/mtspr of an SPR it does not implement (rD keeps its
 *    value, no interrupt); the core takes an illegal-instruction program
 *    interrupt, and so do beryl's guests (ESR[PIL]).
 *  - QEMU keeps IVORn & 0xFFF7, whole 32-bit PIDs and a writable MCSR; the
 *    core has IVORn[16:27], 8-bit PIDs and a write-one-to-clear MCSR.
 * As in QEMU: a write to a read-only SPR (PVR, SVR, MMUCFG, TLBnCFG, EPR) and
 * a read of the write-only DECAR take a privileged-instruction program
 * interrupt (ESR[PPR]); MAS registers, HID0/1 and BUCSR keep all 32 bits;
 * L1CSR0/1 keep only CPE and CE (flash invalidate and lock clear complete at
 * once); MMUCSR0 reads 0; mfspr of SPR 284/285 returns the timebase.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/cpu.h>
#include <arch/emulate.h>
#include <arch/gtlb.h>
#include <arch/shadow.h>
#include <arch/spr.h>
#include <arch/vtimer.h>
#include <vcpu.h>

/* Primary opcodes and extended opcodes */
#define OP_19 19
#define OP_31 31

#define XO19_RFMCI 38
#define XO19_RFI 50
#define XO19_RFCI 51

#define XO31_MFMSR 83
#define XO31_WRTEE 131
#define XO31_DCBTSTLS 134
#define XO31_MTMSR 146
#define XO31_WRTEEI 163
#define XO31_DCBTLS 166
#define XO31_ICBLC 230
#define XO31_MFSPR 339
#define XO31_DCBLC 390
#define XO31_MTSPR 467
#define XO31_DCBI 470
#define XO31_ICBTLS 486
#define XO31_TLBSYNC 566
#define XO31_TLBIVAX 786
#define XO31_TLBSX 914
#define XO31_TLBRE 946
#define XO31_TLBWE 978

#define WRTEEI_E 0x8000u

/* L1CSR0/1 bits that hold a value (QEMU e500v2: CPE and CE). */
#define L1CSR_KEEP 0x00010001u

#define IVPR_MASK 0xFFFF0000u
#define IVOR_MASK 0x0000FFF0u
#define PID_MASK 0x000000FFu

static inline uint32_t emul_spr_num(uint32_t insn)
{
	return ((insn >> 16) & 0x1f) | ((insn >> 6) & 0x3e0);
}

static inline uint32_t emul_lo(uint64_t x)
{
	return (uint32_t)x;
}

/*
 * A 32-bit word of struct vcpu: a whole 32-bit field, or the low or high word
 * of a 64-bit one (the core is big-endian; the unit tests run little-endian).
 */
#define W32(f) offsetof(struct vcpu, arch.f)
#define BIG_ENDIAN_HOST (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
#define LO64(f) (W32(f) + (BIG_ENDIAN_HOST ? 4 : 0))
#define HI64(f) (W32(f) + (BIG_ENDIAN_HOST ? 0 : 4))

const uint16_t emul_plain_spr[EMUL_NR_SPRS] = {
	[SPR_SRR0] = LO64(shared.srr0),     [SPR_SRR1] = LO64(shared.srr1),
	[SPR_CSRR0] = W32(csrr0),           [SPR_CSRR1] = W32(csrr1),
	[SPR_MCSRR0] = W32(mcsrr0),         [SPR_MCSRR1] = W32(mcsrr1),
	[SPR_DSRR0] = W32(dsrr0),           [SPR_DSRR1] = W32(dsrr1),
	[SPR_SPRG0] = LO64(shared.sprg0),   [SPR_SPRG1] = LO64(shared.sprg1),
	[SPR_SPRG2] = LO64(shared.sprg2),   [SPR_SPRG3] = LO64(shared.sprg3),
	[SPR_SPRG4] = LO64(shared.sprg4),   [SPR_SPRG5] = LO64(shared.sprg5),
	[SPR_SPRG6] = LO64(shared.sprg6),   [SPR_SPRG7] = LO64(shared.sprg7),
	[SPR_ESR] = W32(shared.esr),        [SPR_DEAR] = LO64(shared.dear),
	[SPR_MAS0] = W32(shared.mas0),      [SPR_MAS1] = W32(shared.mas1),
	[SPR_MAS2] = LO64(shared.mas2),     [SPR_MAS3] = LO64(shared.mas7_3),
	[SPR_MAS4] = W32(shared.mas4),      [SPR_MAS6] = W32(shared.mas6),
	[SPR_MAS7] = HI64(shared.mas7_3),
	[SPR_BUCSR] = W32(bucsr),
};

static uint32_t *emul_plain_word(struct vcpu *v, unsigned int spr)
{
	unsigned int off = spr < EMUL_NR_SPRS ? emul_plain_spr[spr] : 0;

	return off ? (uint32_t *)((char *)v + off) : NULL;
}

/*
 * Read SPR spr into *val. Returns 0, or the ESR reason of the program
 * interrupt the access takes (ESR_PIL: no such SPR; ESR_PPR: no read access).
 */
static uint32_t emul_spr_read(struct vcpu *v, unsigned int spr, uint32_t *val)
{
	struct vcpu_arch *a = &v->arch;
	struct vcpu_shared *s = &a->shared;
	uint32_t *plain = emul_plain_word(v, spr);

	if (plain) {
		*val = *plain;
		return 0;
	}
	*val = 0;
	if (spr >= SPR_IVOR0 && spr <= SPR_IVOR15) {
		*val = a->ivor[spr - SPR_IVOR0];
		return 0;
	}
	if (spr >= SPR_IVOR32 && spr <= SPR_IVOR35) {
		*val = a->ivor[spr - SPR_IVOR32 + 32];
		return 0;
	}

	switch (spr) {
	case SPR_SPRG3R: /* the user-mode aliases */
		*val = emul_lo(s->sprg3);
		break;
	case SPR_SPRG4R:
		*val = emul_lo(s->sprg4);
		break;
	case SPR_SPRG5R:
		*val = emul_lo(s->sprg5);
		break;
	case SPR_SPRG6R:
		*val = emul_lo(s->sprg6);
		break;
	case SPR_SPRG7R:
		*val = emul_lo(s->sprg7);
		break;
	case SPR_IVPR:
		*val = a->ivpr;
		break;
	case SPR_PID0:
		*val = a->pid[0];
		break;
	case SPR_PID1:
		*val = a->pid[1];
		break;
	case SPR_PID2:
		*val = a->pid[2];
		break;
	case SPR_DEC:
		*val = vtimer_read_dec(&a->timer, arch_timebase());
		break;
	case SPR_DECAR:
		/* Write-only: QEMU and the core refuse the read as privileged. */
		return ESR_PPR;
	case SPR_TCR:
		vtimer_sync(&a->timer, arch_timebase());
		*val = a->timer.tcr;
		break;
	case SPR_TSR:
		vtimer_sync(&a->timer, arch_timebase());
		*val = a->timer.tsr;
		break;
	case SPR_TBWL:
		/* QEMU e500v2 lets supervisor mfspr 284/285 read the timebase. */
		*val = emul_lo(arch_timebase());
		break;
	case SPR_TBWU:
		*val = (uint32_t)(arch_timebase() >> 32);
		break;
	case SPR_PIR:
		*val = s->pir;
		break;
	case SPR_PVR:
		*val = a->pvr;
		break;
	case SPR_SVR:
		*val = a->svr;
		break;
	case SPR_HID0:
		*val = a->hid0;
		break;
	case SPR_HID1:
		*val = a->hid1;
		break;
	case SPR_L1CSR0:
		*val = a->l1csr0;
		break;
	case SPR_L1CSR1:
		*val = a->l1csr1;
		break;
	case SPR_MMUCSR0:
		/* The flash-invalidate bits complete at once: always reads 0. */
		*val = 0;
		break;
	case SPR_MMUCFG:
		*val = E500V2_MMUCFG;
		break;
	case SPR_TLB0CFG:
		*val = E500V2_TLB0CFG;
		break;
	case SPR_TLB1CFG:
		*val = E500V2_TLB1CFG;
		break;
	case SPR_EPR:
		*val = a->epr;
		break;
	case SPR_MCSR:
		*val = a->mcsr;
		break;
	case SPR_MCAR:
		*val = a->mcar;
		break;
	case SPR_DBCR0:
		*val = a->dbcr0;
		break;
	case SPR_DBCR1:
		*val = a->dbcr1;
		break;
	case SPR_DBCR2:
		*val = a->dbcr2;
		break;
	case SPR_DBSR:
		*val = a->dbsr;
		break;
	case SPR_IAC1:
		*val = a->iac1;
		break;
	case SPR_IAC2:
		*val = a->iac2;
		break;
	case SPR_DAC1:
		*val = a->dac1;
		break;
	case SPR_DAC2:
		*val = a->dac2;
		break;
	default:
		return ESR_PIL;
	}
	return 0;
}

/* Write val to SPR spr. Returns 0 or the ESR reason, as emul_spr_read(). */
static uint32_t emul_spr_write(struct vcpu *v, unsigned int spr, uint32_t val)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t *plain = emul_plain_word(v, spr);
	uint32_t fi;

	/* plain (kept as written, as QEMU does), but BBFI flushes the real branch buffer */
	if (spr == SPR_BUCSR && (val & BUCSR_BBFI))
		arch_btb_flush();
	if (plain) {
		*plain = val;
		return 0;
	}

	if (spr >= SPR_IVOR0 && spr <= SPR_IVOR15) {
		a->ivor[spr - SPR_IVOR0] = val & IVOR_MASK;
		return 0;
	}
	if (spr >= SPR_IVOR32 && spr <= SPR_IVOR35) {
		a->ivor[spr - SPR_IVOR32 + 32] = val & IVOR_MASK;
		return 0;
	}

	switch (spr) {
	case SPR_IVPR:
		a->ivpr = val & IVPR_MASK;
		break;
	case SPR_PID0:
		a->pid[0] = val & PID_MASK;
		break;
	case SPR_PID1:
		a->pid[1] = val & PID_MASK;
		break;
	case SPR_PID2:
		a->pid[2] = val & PID_MASK;
		break;
	case SPR_DEC:
		vtimer_write_dec(&a->timer, val, arch_timebase());
		a->timer_dirty = true;
		break;
	case SPR_DECAR:
		/* Reloads that happened before now used the old DECAR. */
		vtimer_sync(&a->timer, arch_timebase());
		vtimer_write_decar(&a->timer, val);
		a->timer_dirty = true;
		break;
	case SPR_TCR:
		vtimer_write_tcr(&a->timer, val, arch_timebase());
		a->timer_dirty = true;
		break;
	case SPR_TSR:
		vtimer_write_tsr(&a->timer, val, arch_timebase());
		a->timer_dirty = true;
		break;
	case SPR_TBWL:
	case SPR_TBWU:
		/*
		 * Accepted and ignored: every partition sees the one real
		 * timebase (it also drives the virtual DEC, FIT and watchdog),
		 * so no guest may move it.
		 */
		break;
	case SPR_PIR:
		/* Writes ignored, as in QEMU: the PIR a guest sees is fixed. */
		break;
	case SPR_PVR:
	case SPR_SVR:
	case SPR_MMUCFG:
	case SPR_TLB0CFG:
	case SPR_TLB1CFG:
	case SPR_EPR:
	case SPR_MCAR:
		/* Read-only: QEMU refuses the write as privileged. */
		return ESR_PPR;
	case SPR_HID0:
		a->hid0 = val;
		break;
	case SPR_HID1:
		a->hid1 = val;
		break;
	case SPR_L1CSR0:
		/* CFI, CLFC, CUL... complete at once and read back as 0. */
		a->l1csr0 = val & L1CSR_KEEP;
		break;
	case SPR_L1CSR1:
		a->l1csr1 = val & L1CSR_KEEP;
		break;
	case SPR_MMUCSR0:
		fi = val & (MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI);
		if (fi) {
			gtlb_flash_invalidate(&a->tlb, fi);
			shadow_flush(v);
		}
		a->mmucsr0 = 0;
		break;
	case SPR_MCSR:
		a->mcsr &= ~val;
		break;
	case SPR_DBCR0:
		/* Stored only: beryl offers guests no debug facilities. */
		a->dbcr0 = val;
		break;
	case SPR_DBCR1:
		a->dbcr1 = val;
		break;
	case SPR_DBCR2:
		a->dbcr2 = val;
		break;
	case SPR_DBSR:
		a->dbsr &= ~val;
		break;
	case SPR_IAC1:
		a->iac1 = val;
		break;
	case SPR_IAC2:
		a->iac2 = val;
		break;
	case SPR_DAC1:
		a->dac1 = val;
		break;
	case SPR_DAC2:
		a->dac2 = val;
		break;
	default:
		return ESR_PIL;
	}
	return 0;
}

int emul_mfspr(struct vcpu *v, unsigned int spr, uint32_t *val)
{
	if (emul_spr_read(v, spr, val)) {
		*val = 0;
		return 0;
	}
	return 1;
}

int emul_mtspr(struct vcpu *v, unsigned int spr, uint32_t val)
{
	return emul_spr_write(v, spr, val) == 0;
}

static void emul_mas_load(const struct vcpu_shared *s, struct gtlb_mas *m)
{
	m->mas0 = s->mas0;
	m->mas1 = s->mas1;
	m->mas2 = emul_lo(s->mas2);
	m->mas3 = emul_lo(s->mas7_3);
	m->mas4 = s->mas4;
	m->mas6 = s->mas6;
	m->mas7 = (uint32_t)(s->mas7_3 >> 32);
}

static void emul_mas_store(struct vcpu_shared *s, const struct gtlb_mas *m)
{
	s->mas0 = m->mas0;
	s->mas1 = m->mas1;
	s->mas2 = m->mas2;
	s->mas7_3 = (uint64_t)m->mas7 << 32 | m->mas3;
	s->mas4 = m->mas4;
	s->mas6 = m->mas6;
}

static enum emul_result emul_program(struct emul_out *out, enum emul_kind kind,
				     uint32_t esr)
{
	out->kind = kind;
	out->esr = esr;
	return EMUL_PROGRAM;
}

static enum emul_result emul_op19(struct vcpu *v, uint32_t insn, struct emul_out *out)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t pc, msr;
	enum emul_kind kind;

	switch ((insn >> 1) & 0x3ff) {
	case XO19_RFI:
		kind = EK_RFI;
		pc = emul_lo(a->shared.srr0);
		msr = emul_lo(a->shared.srr1);
		break;
	case XO19_RFCI:
		kind = EK_RFCI;
		pc = a->csrr0;
		msr = a->csrr1;
		break;
	case XO19_RFMCI:
		kind = EK_RFMCI;
		pc = a->mcsrr0;
		msr = a->mcsrr1;
		break;
	default:
		return emul_program(out, EK_OTHER, ESR_PIL);
	}
	if (a->shared.msr & MSR_PR)
		return emul_program(out, kind, ESR_PPR);
	a->regs.pc = pc & ~3u;
	a->shared.msr = msr & MSR_E500_MASK;
	out->kind = kind;
	return EMUL_JUMP;
}

static enum emul_result emul_spr_insn(struct vcpu *v, uint32_t insn, bool write,
				      struct emul_out *out)
{
	struct vcpu_arch *a = &v->arch;
	unsigned int spr = emul_spr_num(insn);
	unsigned int rt = (insn >> 21) & 0x1f;
	enum emul_kind kind = write ? EK_MTSPR : EK_MFSPR;
	uint32_t esr, val;

	out->kind = kind;
	if (!SPR_IS_PRIVILEGED(spr)) {
		/*
		 * User SPRs never trap, except the read-only aliases of SPRG3-7
		 * should the real core refuse them: serve those reads. Anything
		 * else is a decoding mistake.
		 */
		if (!write && spr >= SPR_SPRG3R && spr <= SPR_SPRG7R &&
		    !emul_spr_read(v, spr, &val)) {
			a->regs.gpr[rt] = val;
			return EMUL_NEXT;
		}
		return emul_program(out, kind, ESR_PIL);
	}
	if (a->shared.msr & MSR_PR)
		return emul_program(out, kind, ESR_PPR);

	if (write) {
		esr = emul_spr_write(v, spr, a->regs.gpr[rt]);
	} else {
		esr = emul_spr_read(v, spr, &val);
		if (!esr)
			a->regs.gpr[rt] = val;
	}
	if (esr)
		return emul_program(out, kind, esr);
	out->quiet = !write || emul_plain_word(v, spr); /* only a word moved */
	return EMUL_NEXT;
}

/* tlbwe from the guest's MAS registers; -1 (nothing written) if MAS0 selects no entry. */
static int emul_tlbwe(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;
	const struct gtlb_entry *e;
	struct gtlb_entry old = { 0 };
	struct gtlb_mas m;
	int tlbsel, index;

	emul_mas_load(&a->shared, &m);
	e = gtlb_peek(&a->tlb, m.mas0, m.mas2);
	if (e)
		old = *e;
	if (gtlb_tlbwe(&a->tlb, &m, &tlbsel, &index) < 0)
		return -1;
	/* Shadows of the translation that was replaced go with it. */
	if (old.mas1 & MAS1_VALID)
		shadow_inval(v, old.mas2 & MAS2_EPN_MASK, gtlb_entry_size(&old));
	if (tlbsel == 0)
		shadow_prefill(v, &a->tlb.tlb0[index]);
	return 0;
}

int emul_tlbwe_tlb0(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;
	const struct gtlb_entry *e;

	if (a->shared.mas0 & MAS0_TLBSEL_MASK)
		return -1;
	/*
	 * A TLB0 entry is a 4 KiB page, so replacing it never flushes the
	 * shadow TLB (shadow_inval() of one page): nothing trap_resume() looks
	 * at changes. Checked all the same, before anything is written.
	 */
	e = gtlb_peek(&a->tlb, a->shared.mas0, emul_lo(a->shared.mas2));
	if (!e || ((e->mas1 & MAS1_VALID) && gtlb_entry_size(e) != 0x1000))
		return -1;
	return emul_tlbwe(v);
}

static enum emul_result emul_tlb(struct vcpu *v, uint32_t insn, enum emul_kind kind,
				 struct emul_out *out)
{
	struct vcpu_arch *a = &v->arch;
	unsigned int ra = (insn >> 16) & 0x1f;
	unsigned int rb = (insn >> 11) & 0x1f;
	uint32_t ea = (ra ? a->regs.gpr[ra] : 0) + a->regs.gpr[rb];
	struct gtlb_mas m;

	out->kind = kind;
	switch (kind) {
	case EK_TLBWE:
		/* Like QEMU's helper_booke206_tlbwe: no such entry is illegal. */
		if (emul_tlbwe(v) < 0)
			return emul_program(out, kind, ESR_PIL);
		break;
	case EK_TLBRE:
		emul_mas_load(&a->shared, &m);
		gtlb_tlbre(&a->tlb, &m);
		emul_mas_store(&a->shared, &m);
		break;
	case EK_TLBSX:
		emul_mas_load(&a->shared, &m);
		gtlb_tlbsx(&a->tlb, &m, ea);
		emul_mas_store(&a->shared, &m);
		break;
	case EK_TLBIVAX:
		if (gtlb_tlbivax(&a->tlb, ea) > 0) {
			if (ea & (TLBIVAX_TLB1 | TLBIVAX_ALL))
				shadow_flush(v);
			else /* one 4 KiB TLB0 page */
				shadow_inval(v, ea & MAS2_EPN_MASK, 0x1000);
		}
		break;
	default: /* EK_TLBSYNC: nothing to wait for */
		break;
	}
	return EMUL_NEXT;
}

enum emul_result emul_insn(struct vcpu *v, uint32_t insn, struct emul_out *out)
{
	struct vcpu_arch *a = &v->arch;
	unsigned int rs = (insn >> 21) & 0x1f;
	uint32_t msr = emul_lo(a->shared.msr);
	bool pr = (msr & MSR_PR) != 0;
	enum emul_kind kind;

	out->esr = 0;
	out->quiet = false;
	if (insn >> 26 == OP_19)
		return emul_op19(v, insn, out);
	if (insn >> 26 != OP_31)
		return emul_program(out, EK_OTHER, ESR_PIL);

	switch ((insn >> 1) & 0x3ff) {
	case XO31_MFSPR:
		return emul_spr_insn(v, insn, false, out);
	case XO31_MTSPR:
		return emul_spr_insn(v, insn, true, out);
	case XO31_MFMSR:
		if (pr)
			return emul_program(out, EK_MFMSR, ESR_PPR);
		a->regs.gpr[rs] = msr;
		out->kind = EK_MFMSR;
		out->quiet = true;
		return EMUL_NEXT;
	case XO31_MTMSR:
		if (pr)
			return emul_program(out, EK_MTMSR, ESR_PPR);
		a->shared.msr = a->regs.gpr[rs] & MSR_E500_MASK;
		out->kind = EK_MTMSR;
		return EMUL_NEXT;
	case XO31_WRTEE:
	case XO31_WRTEEI:
		if (pr)
			return emul_program(out, EK_WRTEE, ESR_PPR);
		if ((insn >> 1 & 0x3ff) == XO31_WRTEE)
			msr = (msr & ~MSR_EE) | (a->regs.gpr[rs] & MSR_EE);
		else
			msr = (msr & ~MSR_EE) | ((insn & WRTEEI_E) ? MSR_EE : 0);
		a->shared.msr = msr & MSR_E500_MASK;
		out->kind = EK_WRTEE;
		out->quiet = !(msr & MSR_EE); /* disabling delivers nothing */
		return EMUL_NEXT;
	case XO31_TLBWE:
		kind = EK_TLBWE;
		break;
	case XO31_TLBRE:
		kind = EK_TLBRE;
		break;
	case XO31_TLBSX:
		kind = EK_TLBSX;
		break;
	case XO31_TLBIVAX:
		kind = EK_TLBIVAX;
		break;
	case XO31_TLBSYNC:
		kind = EK_TLBSYNC;
		break;
	case XO31_DCBTLS:
	case XO31_DCBTSTLS:
	case XO31_ICBTLS:
	case XO31_DCBLC:
	case XO31_ICBLC:
		/* Cache locking: allowed in user mode when MSR[UCLE]. */
		if (pr && !(msr & MSR_UCLE))
			return emul_program(out, EK_CACHE, ESR_PPR);
		out->kind = EK_CACHE;
		return EMUL_NEXT;
	case XO31_DCBI:
		if (pr)
			return emul_program(out, EK_CACHE, ESR_PPR);
		out->kind = EK_CACHE;
		return EMUL_NEXT;
	default:
		return emul_program(out, EK_OTHER, ESR_PIL);
	}
	if (pr)
		return emul_program(out, kind, ESR_PPR);
	return emul_tlb(v, insn, kind, out);
}
