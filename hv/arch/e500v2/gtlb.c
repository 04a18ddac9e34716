// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software model of a guest's e500v2 TLB (MAV 1.0).
 *
 * Architected behaviour follows QEMU 7.2's BookE 2.06 model
 * (target/ppc/mmu_helper.c), with e500v2 field layouts: TSIZE is 4 bits at
 * MAS1[8] (power-of-4 KiB), TID and SPID0 are 8 bits, MAS7 holds 4 bits.
 * Where QEMU deviates from e500v2 silicon we follow silicon:
 *  - MAS2 keeps only EPN and X0/X1/W/I/M/G/E; reserved bits read as zero.
 *  - Miss defaults copy X0D/X1D as well as WIMGE from MAS4 (QEMU: WIMGE).
 *  - TLB1 accepts TSIZE 1 (4 KiB) to 11 (4 GiB) for a valid entry (QEMU's
 *    TLB1CFG also allows 12). Another TSIZE with V=1 makes tlbwe fail with
 *    nothing written, as QEMU does (it raises an illegal-instruction program
 *    interrupt); with V=0 the field is stored as written.
 * The next-victim hint is QEMU's last_way: one round-robin counter over the
 * four TLB0 ways, advanced only by tlbsx misses and TLB miss interrupts.
 */
#include <stddef.h>

#include <arch/gtlb.h>
#include <arch/spr.h>

#define GTLB_PID_MASK 0xFFu

static uint32_t gtlb_tsize(const struct gtlb_entry *e)
{
	return (e->mas1 & MAS1_TSIZE_MASK) >> MAS1_TSIZE_SHIFT;
}

static uint32_t gtlb_tid(const struct gtlb_entry *e)
{
	return (e->mas1 & MAS1_TID_MASK) >> MAS1_TID_SHIFT;
}

static uint32_t gtlb_set(uint32_t ea)
{
	return (ea >> 12) & (GTLB0_SETS - 1);
}

/* 4^TSIZE KiB; e500 has no page below 4 KiB, so TSIZE 0 counts as 4 KiB. */
uint64_t gtlb_entry_size(const struct gtlb_entry *e)
{
	uint32_t tsize = gtlb_tsize(e);

	if (tsize < TSIZE_4K)
		tsize = TSIZE_4K;
	return 1024ull << (2 * tsize);
}

uint64_t gtlb_entry_rpn(const struct gtlb_entry *e)
{
	return ((uint64_t)(e->mas7 & MAS7_RPN_MASK) << 32) | (e->mas3 & MAS3_RPN_MASK);
}

/* Does e hold ea (EPN compare only)? */
static bool gtlb_epn_match(const struct gtlb_entry *e, uint32_t ea)
{
	uint64_t mask = ~(gtlb_entry_size(e) - 1);

	return (e->mas2 & MAS2_EPN_MASK) == (ea & mask);
}

/* Rebuild tlb1_map from TLB1: after every change of a TLB1 entry. */
static void gtlb_tlb1_map_update(struct gtlb *t)
{
	uint32_t blk, first, last;
	uint64_t size;
	int i;

	for (i = 0; i < 8; i++)
		t->tlb1_map[i] = 0;
	for (i = 0; i < GTLB1_ENTRIES; i++) {
		const struct gtlb_entry *e = &t->tlb1[i];

		if (!(e->mas1 & MAS1_VALID))
			continue;
		size = gtlb_entry_size(e);
		first = (e->mas2 & MAS2_EPN_MASK & ~(uint32_t)(size - 1)) >> 24;
		last = (uint32_t)(((e->mas2 & MAS2_EPN_MASK & ~(size - 1)) + size - 1) >> 24);
		if (last > 255)
			last = 255;
		for (blk = first; blk <= last; blk++)
			t->tlb1_map[blk >> 5] |= 1u << (blk & 31);
	}
}

bool gtlb_tlb1_may_hold(const struct gtlb *t, uint32_t ea)
{
	return (t->tlb1_map[ea >> 29] >> ((ea >> 24) & 31)) & 1;
}

void gtlb_init(struct gtlb *t)
{
	struct gtlb_entry zero = {0};
	int i;

	for (i = 0; i < GTLB0_ENTRIES; i++)
		t->tlb0[i] = zero;
	for (i = 0; i < GTLB1_ENTRIES; i++)
		t->tlb1[i] = zero;
	t->next_victim = 0;
	gtlb_tlb1_map_update(t);
}

/*
 * The entry MAS0 (and, for TLB0, MAS2[EPN]) selects; NULL for TLBSEL > 1.
 * Like QEMU and silicon (ESEL is a 4-bit field on e500) the ESEL bits a TLB
 * cannot use are ignored: TLB0 takes ESEL & 3, TLB1 ESEL & 15.
 */
static struct gtlb_entry *gtlb_select(struct gtlb *t, uint32_t mas0, uint32_t mas2,
				      int *tlbsel, int *index)
{
	uint32_t sel = (mas0 & MAS0_TLBSEL_MASK) >> MAS0_TLBSEL_SHIFT;
	uint32_t esel = (mas0 & MAS0_ESEL_MASK) >> MAS0_ESEL_SHIFT;
	int i;

	if (sel == 0) {
		i = gtlb_set(mas2) * GTLB0_WAYS + (esel & (GTLB0_WAYS - 1));
		*tlbsel = 0;
		*index = i;
		return &t->tlb0[i];
	}
	if (sel == 1) {
		i = esel & (GTLB1_ENTRIES - 1);
		*tlbsel = 1;
		*index = i;
		return &t->tlb1[i];
	}
	return NULL;
}

const struct gtlb_entry *gtlb_peek(struct gtlb *t, uint32_t mas0, uint32_t mas2)
{
	int sel, idx;

	return gtlb_select(t, mas0, mas2, &sel, &idx);
}

static uint32_t gtlb_nv(const struct gtlb *t)
{
	return t->next_victim & (GTLB0_WAYS - 1);
}

/* Take the next victim for a miss: MAS0[ESEL] = it, MAS0[NV] = the one after. */
static uint32_t gtlb_victim_mas0(struct gtlb *t)
{
	uint32_t esel = gtlb_nv(t);

	t->next_victim = (esel + 1) & (GTLB0_WAYS - 1);
	return (esel << MAS0_ESEL_SHIFT) | gtlb_nv(t);
}

int gtlb_tlbwe(struct gtlb *t, const struct gtlb_mas *mas, int *tlbsel, int *index)
{
	struct gtlb_entry *e;
	uint32_t mas1 = mas->mas1 & MAS1_E500_MASK;
	uint32_t tsize = (mas1 & MAS1_TSIZE_MASK) >> MAS1_TSIZE_SHIFT;
	uint64_t epn_mask;
	int sel, idx;

	e = gtlb_select(t, mas->mas0, mas->mas2, &sel, &idx);
	if (!e)
		return -1;

	if (sel == 0) {
		/* Fixed 4 KiB pages, no IPROT (TLB0CFG: AVAIL = IPROT = 0). */
		mas1 &= ~(MAS1_TSIZE_MASK | MAS1_IPROT);
		mas1 |= TSIZE_4K << MAS1_TSIZE_SHIFT;
	} else if ((mas1 & MAS1_VALID) && (tsize < TSIZE_4K || tsize > TSIZE_4G)) {
		return -1;
	}

	e->mas1 = mas1;
	e->mas3 = mas->mas3;
	e->mas7 = mas->mas7 & MAS7_RPN_MASK;
	epn_mask = MAS2_EPN_MASK & ~(gtlb_entry_size(e) - 1);
	e->mas2 = (mas->mas2 & (uint32_t)epn_mask) | (mas->mas2 & MAS2_ATTR_MASK);
	if (sel == 1)
		gtlb_tlb1_map_update(t);

	if (tlbsel)
		*tlbsel = sel;
	if (index)
		*index = idx;
	return 0;
}

/* Load MAS0-3/7 from entry idx of TLB sel (QEMU's booke206_tlb_to_mas). */
static void gtlb_to_mas(const struct gtlb *t, struct gtlb_mas *mas, int sel, int idx)
{
	const struct gtlb_entry *e = sel ? &t->tlb1[idx] : &t->tlb0[idx];
	uint32_t esel = sel ? (uint32_t)idx : (uint32_t)idx % GTLB0_WAYS;

	mas->mas0 =
	    ((uint32_t)sel << MAS0_TLBSEL_SHIFT) | (esel << MAS0_ESEL_SHIFT) | gtlb_nv(t);
	mas->mas1 = e->mas1;
	mas->mas2 = e->mas2;
	mas->mas3 = e->mas3;
	mas->mas7 = e->mas7;
}

void gtlb_tlbre(struct gtlb *t, struct gtlb_mas *mas)
{
	int sel, idx;

	if (!gtlb_select(t, mas->mas0, mas->mas2, &sel, &idx)) {
		mas->mas1 = 0;
		return;
	}
	gtlb_to_mas(t, mas, sel, idx);
}

/* e is valid in address space as, with TID 0 or one of the npid PIDs. */
static inline bool gtlb_match_ctx(const struct gtlb_entry *e, uint32_t ea, bool as,
				  const uint32_t *pid, int npid)
{
	uint32_t mas1 = e->mas1, tid;
	int p;

	if (!(mas1 & MAS1_VALID) || !!(mas1 & MAS1_TS) != as)
		return false;
	tid = gtlb_tid(e);
	if (tid) {
		for (p = 0; p < npid; p++)
			if (tid == (pid[p] & GTLB_PID_MASK))
				break;
		if (p == npid)
			return false;
	}
	return gtlb_epn_match(e, ea);
}

/*
 * First entry translating ea for (as, pid): TLB0's set, then TLB1. This is
 * on the trap path (every shadow fill and emulated fetch): one pass per
 * entry, cheapest tests first.
 */
static bool gtlb_find(const struct gtlb *t, uint32_t ea, bool as, const uint32_t *pid,
		      int npid, int *tlbsel, int *index)
{
	uint32_t base = gtlb_set(ea) * GTLB0_WAYS;
	int i;

	for (i = 0; i < GTLB0_WAYS; i++) {
		if (gtlb_match_ctx(&t->tlb0[base + i], ea, as, pid, npid)) {
			*tlbsel = 0;
			*index = base + i;
			return true;
		}
	}
	for (i = 0; i < GTLB1_ENTRIES; i++) {
		if (gtlb_match_ctx(&t->tlb1[i], ea, as, pid, npid)) {
			*tlbsel = 1;
			*index = i;
			return true;
		}
	}
	return false;
}

bool gtlb_tlbsx(struct gtlb *t, struct gtlb_mas *mas, uint32_t ea)
{
	uint32_t spid = (mas->mas6 & MAS6_SPID0_MASK) >> MAS6_SPID0_SHIFT;
	bool sas = mas->mas6 & MAS6_SAS;
	int sel, idx;

	if (gtlb_find(t, ea, sas, &spid, 1, &sel, &idx)) {
		gtlb_to_mas(t, mas, sel, idx);
		return true;
	}

	/* Miss: defaults from MAS4, TID/TS from MAS6 (QEMU: no EPN, MAS3 = 0). */
	mas->mas0 = (mas->mas4 & MAS4_TLBSELD_MASK) | gtlb_victim_mas0(t);
	mas->mas1 = (mas->mas4 & MAS4_TSIZED_MASK) | (spid << MAS1_TID_SHIFT) |
		    (sas ? MAS1_TS : 0);
	mas->mas2 = mas->mas4 & MAS4_DEFAULTS_MASK;
	mas->mas3 = 0;
	mas->mas7 = 0;
	return false;
}

/* Clear V of e unless it has IPROT and iprot is honoured; count valid ones. */
static int gtlb_inval(struct gtlb_entry *e, bool iprot)
{
	bool was_valid = e->mas1 & MAS1_VALID;

	if (iprot && (e->mas1 & MAS1_IPROT))
		return 0;
	e->mas1 &= ~MAS1_VALID;
	return was_valid;
}

int gtlb_tlbivax(struct gtlb *t, uint32_t ea)
{
	uint32_t base = gtlb_set(ea) * GTLB0_WAYS;
	int i, n = 0;

	if (ea & TLBIVAX_TLB1) {
		if (ea & TLBIVAX_ALL)
			return gtlb_flash_invalidate(t, MMUCSR0_TLB1_FI);
		for (i = 0; i < GTLB1_ENTRIES; i++)
			if (gtlb_epn_match(&t->tlb1[i], ea))
				n += gtlb_inval(&t->tlb1[i], true);
		gtlb_tlb1_map_update(t);
		return n;
	}
	if (ea & TLBIVAX_ALL)
		return gtlb_flash_invalidate(t, MMUCSR0_TLB0_FI);
	for (i = 0; i < GTLB0_WAYS; i++)
		if (gtlb_epn_match(&t->tlb0[base + i], ea))
			n += gtlb_inval(&t->tlb0[base + i], true);
	return n;
}

int gtlb_flash_invalidate(struct gtlb *t, uint32_t flags)
{
	int i, n = 0;

	if (flags & MMUCSR0_TLB0_FI)
		for (i = 0; i < GTLB0_ENTRIES; i++)
			n += gtlb_inval(&t->tlb0[i], true);
	if (flags & MMUCSR0_TLB1_FI) {
		for (i = 0; i < GTLB1_ENTRIES; i++)
			n += gtlb_inval(&t->tlb1[i], true);
		gtlb_tlb1_map_update(t);
	}
	return n;
}

bool gtlb_lookup(const struct gtlb *t, const struct gtlb_ctx *ctx, uint32_t ea,
		 struct gtlb_hit *hit)
{
	const struct gtlb_entry *e;
	uint64_t size;
	int sel, idx;

	if (!gtlb_find(t, ea, ctx->as, ctx->pid, 3, &sel, &idx))
		return false;

	e = sel ? &t->tlb1[idx] : &t->tlb0[idx];
	size = gtlb_entry_size(e);
	hit->entry = e;
	hit->tlbsel = sel;
	hit->index = idx;
	hit->page_size = size;
	hit->gpa = (gtlb_entry_rpn(e) & ~(size - 1)) | (ea & (size - 1));
	return true;
}

void gtlb_miss_mas(struct gtlb *t, struct gtlb_mas *mas, const struct gtlb_ctx *ctx,
		   uint32_t ea)
{
	/* MAS4[TIDSELD]: 0-2 name PID0-PID2, 3 gives TID 0. */
	uint32_t tidsel = (mas->mas4 & MAS4_TIDSELD_MASK) >> 16;
	uint32_t tid = tidsel < 3 ? ctx->pid[tidsel] & GTLB_PID_MASK : 0;

	mas->mas0 = (mas->mas4 & MAS4_TLBSELD_MASK) | gtlb_victim_mas0(t);
	mas->mas1 = MAS1_VALID | (mas->mas4 & MAS4_TSIZED_MASK) |
		    (tid << MAS1_TID_SHIFT) | (ctx->as ? MAS1_TS : 0);
	mas->mas2 = (ea & MAS2_EPN_MASK) | (mas->mas4 & MAS4_DEFAULTS_MASK);
	mas->mas3 = 0;
	mas->mas7 = 0;
	mas->mas6 = ((ctx->pid[0] & GTLB_PID_MASK) << MAS6_SPID0_SHIFT) |
		    (ctx->as ? MAS6_SAS : 0);
}
