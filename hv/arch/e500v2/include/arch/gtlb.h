/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software model of a guest's e500v2 TLB (MAV 1.0): TLB0 512 entries 4-way
 * set-associative with 4 KiB pages, TLB1 16 fully associative entries with
 * IPROT and power-of-4 page sizes. Pure logic: no hardware access, so it is
 * unit-tested on the host. The shadow MMU consults it on every real TLB miss.
 */
#ifndef ARCH_GTLB_H
#define ARCH_GTLB_H

#include <stdbool.h>
#include <stdint.h>

#define GTLB0_WAYS 4
#define GTLB0_SETS 128
#define GTLB0_ENTRIES (GTLB0_WAYS * GTLB0_SETS)
#define GTLB1_ENTRIES 16

/* One entry, stored as the MAS registers that describe it. */
struct gtlb_entry {
	uint32_t mas1; /* V, IPROT, TID, TS, TSIZE */
	uint32_t mas2; /* EPN, WIMGE */
	uint32_t mas3; /* RPN low, U0-U3, permissions */
	uint32_t mas7; /* RPN high (4 bits) */
};

/* The MAS registers a guest sees; tlb instructions read and write these. */
struct gtlb_mas {
	uint32_t mas0, mas1, mas2, mas3, mas4, mas6, mas7;
};

struct gtlb {
	struct gtlb_entry tlb0[GTLB0_ENTRIES]; /* index = set * GTLB0_WAYS + way */
	struct gtlb_entry tlb1[GTLB1_ENTRIES];
	uint32_t next_victim; /* TLB0 way hint reported in MAS0[ESEL/NV] */
	/*
	 * Which 16 MiB blocks of the effective address space a valid TLB1
	 * entry (any TS, any TID) overlaps: bit (ea >> 24) & 31 of word
	 * ea >> 29. Kept by every function here that changes TLB1, so that
	 * the TLB-miss fast path (fastpath.S) can rule TLB1 out with one
	 * load; a set bit only means "search TLB1".
	 */
	uint32_t tlb1_map[8];
};

/* The translation context of one access. */
struct gtlb_ctx {
	uint32_t pid[3]; /* PID0, PID1, PID2 */
	bool as;         /* address space: MSR[IS] for fetches, MSR[DS] for data */
};

/* Result of a successful lookup. */
struct gtlb_hit {
	const struct gtlb_entry *entry;
	int tlbsel;         /* 0 or 1 */
	int index;          /* index into tlb0[] or tlb1[] */
	uint64_t page_size; /* bytes */
	uint64_t gpa;       /* guest physical address of the looked-up EA */
};

/* Could a valid TLB1 entry hold ea (tlb1_map)? false: certainly none does. */
bool gtlb_tlb1_may_hold(const struct gtlb *t, uint32_t ea);

/* Reset to the power-on state: every entry invalid. */
void gtlb_init(struct gtlb *t);

/* Page size in bytes of an entry, from MAS1[TSIZE]. */
uint64_t gtlb_entry_size(const struct gtlb_entry *e);
/* Guest physical base of an entry: MAS7:MAS3[RPN]. */
uint64_t gtlb_entry_rpn(const struct gtlb_entry *e);

/*
 * tlbwe: write the entry MAS0 selects from mas1..mas7. TLB0 entries are forced
 * to 4 KiB and cannot have IPROT; the EPN is masked to the page size. Returns
 * the index of the written entry in *tlbsel and *index (for shadow invalidation)
 * and 0, or -1 when MAS0 selects no entry (ESEL out of range, TLBSEL > 1):
 * then nothing is written.
 */
int gtlb_tlbwe(struct gtlb *t, const struct gtlb_mas *mas, int *tlbsel, int *index);

/* The entry a tlbwe with this MAS0/MAS2 would overwrite (NULL: none). */
const struct gtlb_entry *gtlb_peek(struct gtlb *t, uint32_t mas0, uint32_t mas2);

/* tlbre: load MAS1/2/3/7 (and MAS0[NV]) from the entry MAS0 selects. */
void gtlb_tlbre(struct gtlb *t, struct gtlb_mas *mas);

/*
 * tlbsx: search for ea with MAS6[SPID0]/MAS6[SAS]. On a hit load MAS0-3/7
 * from the entry; on a miss load the defaults from MAS4 (V=0). Returns true
 * on a hit.
 */
bool gtlb_tlbsx(struct gtlb *t, struct gtlb_mas *mas, uint32_t ea);

/*
 * tlbivax: invalidate entries matching ea (TLBIVAX_TLB1 selects TLB1,
 * TLBIVAX_ALL every entry of that TLB), ignoring TID and TS, sparing IPROT.
 * Returns the number of entries invalidated.
 */
int gtlb_tlbivax(struct gtlb *t, uint32_t ea);

/* MMUCSR0 flash invalidate: flags MMUCSR0_TLB0_FI and/or MMUCSR0_TLB1_FI. */
int gtlb_flash_invalidate(struct gtlb *t, uint32_t flags);

/*
 * Translate ea in ctx: TLB0 then TLB1, first valid entry whose TS equals
 * ctx->as, whose TID is 0 or one of ctx->pid[], and whose page holds ea.
 */
bool gtlb_lookup(const struct gtlb *t, const struct gtlb_ctx *ctx, uint32_t ea,
		 struct gtlb_hit *hit);

/*
 * Load the MAS registers as the hardware does on an instruction or data TLB
 * miss at ea (defaults from MAS4, TID from the PID MAS4[TIDSELD] names,
 * TS = as, EPN = ea).
 */
void gtlb_miss_mas(struct gtlb *t, struct gtlb_mas *mas, const struct gtlb_ctx *ctx,
		   uint32_t ea);

#endif /* ARCH_GTLB_H */
