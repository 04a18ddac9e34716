/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A reference model of the e500v2 TLB (MMU architecture version 1.0), written
 * for the fuzzers independently of hv/arch/booke/gtlb.c, to compare with it:
 * entries are kept decoded (fields, not MAS words), TLB0 as 128 sets of 4
 * ways, and every search returns the set of all matching entries, so that
 * the model says nothing about which one wins when several match (the
 * architecture leaves multiple hits undefined).
 *
 * Semantics (e500 core reference manual, MAV 1.0 layouts; where the manual
 * leaves a choice, the one beryl documents, after QEMU 7.2):
 *  - tlbwe selects TLB MAS0[TLBSEL] (2 and 3: nothing, an illegal
 *    instruction), entry MAS0[ESEL] (of which TLB0 uses 2 bits, TLB1 4) in
 *    the TLB0 set EPN[45:51]; TLB0 pages are 4 KiB without IPROT; a valid
 *    TLB1 entry needs TSIZE 1 (4 KiB) .. 11 (4 GiB), else nothing is
 *    written; the EPN is cut to the page size; MAS2 keeps EPN and the 7
 *    attribute bits, MAS3 all 32 bits, MAS7 4 bits.
 *  - tlbsx searches with MAS6[SPID0, SAS]; a miss loads the MAS4 defaults,
 *    V = 0, TID = SPID0, TS = SAS, MAS2 = the attribute defaults (no EPN),
 *    MAS3 = MAS7 = 0, ESEL = the next victim, NV = the one after it.
 *  - The next victim is one round-robin counter over the 4 TLB0 ways,
 *    advanced by tlbsx misses and TLB miss interrupts only.
 *  - tlbivax and flash invalidation spare IPROT entries and ignore TID/TS.
 */
#ifndef GTLB_REF_H
#define GTLB_REF_H

#include <stdbool.h>
#include <stdint.h>

#define REF_SETS 128
#define REF_WAYS 4
#define REF_TLB1 16

struct ref_entry {
	bool valid, iprot, ts;
	uint8_t tid;
	uint8_t tsize;	/* as stored: 1 for TLB0; TLB1 keeps any value while invalid */
	uint32_t epn;	/* cut to the page size */
	uint8_t attr;	/* X0 X1 W I M G E */
	uint32_t mas3;	/* RPN low, U0-U3, permissions: stored as written */
	uint8_t rpn_hi; /* MAS7: physical address bits 32-35 */
};

struct ref_tlb {
	struct ref_entry tlb0[REF_SETS][REF_WAYS];
	struct ref_entry tlb1[REF_TLB1];
	unsigned int nv; /* next victim way */
};

/* The MAS registers, as the guest sees them. */
struct ref_mas {
	uint32_t mas0, mas1, mas2, mas3, mas4, mas6, mas7;
};

/* Where an entry lives: TLB 0 or 1, and set/way (TLB0) or index (TLB1). */
struct ref_pos {
	int tlb, set, way; /* TLB1: set 0, way = index */
};

/* Matches of one search: up to every entry of TLB0's set and of TLB1. */
struct ref_matches {
	int n;
	struct ref_pos pos[REF_WAYS + REF_TLB1];
};

void ref_init(struct ref_tlb *t);
/* 1024 << 2*TSIZE bytes (TSIZE 0 counts as 4 KiB). */
uint64_t ref_page_size(unsigned int tsize);
struct ref_entry *ref_at(struct ref_tlb *t, struct ref_pos pos);

/* tlbwe: false when MAS0/MAS1 select nothing writable (nothing written). */
bool ref_tlbwe(struct ref_tlb *t, const struct ref_mas *m, struct ref_pos *written);
/* tlbre: MAS0-3/7 from the selected entry; TLBSEL > 1 only clears MAS1. */
void ref_tlbre(const struct ref_tlb *t, struct ref_mas *m);
/* The MAS0-3/7 tlbre of the entry at pos gives. */
void ref_read_entry(const struct ref_tlb *t, struct ref_pos pos, struct ref_mas *m);
/* Every entry tlbsx for ea with (SPID0, SAS) would find. */
void ref_search(const struct ref_tlb *t, uint32_t ea, bool as, const uint32_t *pid,
		int npid, struct ref_matches *out);
/* tlbsx miss: the default MAS values (advances the next victim). */
void ref_tlbsx_miss(struct ref_tlb *t, struct ref_mas *m);
/* tlbivax ea: returns how many valid entries it invalidated. */
int ref_tlbivax(struct ref_tlb *t, uint32_t ea);
/* MMUCSR0 flash invalidate (bit 0x4: TLB0, bit 0x2: TLB1). */
int ref_flash(struct ref_tlb *t, uint32_t flags);
/* Guest physical address of ea through the entry at pos. */
uint64_t ref_translate(const struct ref_tlb *t, struct ref_pos pos, uint32_t ea);
/* The MAS registers a TLB miss at ea in (pid[3], as) loads (advances the next victim). */
void ref_miss(struct ref_tlb *t, struct ref_mas *m, const uint32_t *pid, bool as,
	      uint32_t ea);

#endif /* GTLB_REF_H */
