// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reference model of the e500v2 TLB for the fuzzers (see gtlb_ref.h). Field
 * positions are spelled out here from the e500 core reference manual (big-
 * endian bit numbers in the comments), not taken from the hypervisor's
 * headers, so that a wrong mask there is caught too.
 */
#include <string.h>

#include "gtlb_ref.h"

/* MAS0: TLBSEL bits 2-3, ESEL bits 4-15 (e500 implements 12-15), NV bits 20-31 */
static unsigned int mas0_tlbsel(uint32_t m)
{
	return (m >> 28) & 3;
}

static unsigned int mas0_esel(uint32_t m)
{
	return (m >> 16) & 0xfff;
}

/* TLB0 set: EPN bits 45-51 of the 64-bit effective address. */
static int set_of(uint32_t ea)
{
	return (int)((ea >> 12) & (REF_SETS - 1));
}

void ref_init(struct ref_tlb *t)
{
	memset(t, 0, sizeof(*t));
}

uint64_t ref_page_size(unsigned int tsize)
{
	if (tsize == 0)
		tsize = 1;
	return (uint64_t)1024 << (2 * tsize);
}

struct ref_entry *ref_at(struct ref_tlb *t, struct ref_pos pos)
{
	return pos.tlb ? &t->tlb1[pos.way] : &t->tlb0[pos.set][pos.way];
}

static const struct ref_entry *ref_at_c(const struct ref_tlb *t, struct ref_pos pos)
{
	return pos.tlb ? &t->tlb1[pos.way] : &t->tlb0[pos.set][pos.way];
}

/* The entry MAS0 (and MAS2's EPN, for TLB0) names; false for TLBSEL 2, 3. */
static bool select(uint32_t mas0, uint32_t mas2, struct ref_pos *pos)
{
	unsigned int sel = mas0_tlbsel(mas0), esel = mas0_esel(mas0);

	if (sel == 0) {
		*pos = (struct ref_pos){0, set_of(mas2), (int)(esel % REF_WAYS)};
		return true;
	}
	if (sel == 1) {
		*pos = (struct ref_pos){1, 0, (int)(esel % REF_TLB1)};
		return true;
	}
	return false;
}

bool ref_tlbwe(struct ref_tlb *t, const struct ref_mas *m, struct ref_pos *written)
{
	struct ref_pos pos;
	struct ref_entry e;
	uint64_t size;

	if (!select(m->mas0, m->mas2, &pos))
		return false;
	e.valid = m->mas1 >> 31;	  /* MAS1 bit 0 */
	e.iprot = (m->mas1 >> 30) & 1;	  /* bit 1 */
	e.tid = (uint8_t)(m->mas1 >> 16); /* bits 8-15 */
	e.ts = (m->mas1 >> 12) & 1;	  /* bit 19 */
	e.tsize = (m->mas1 >> 8) & 0xf;	  /* bits 20-23 */
	if (pos.tlb == 0) {
		e.iprot = false;
		e.tsize = 1;
	} else if (e.valid && (e.tsize < 1 || e.tsize > 11)) {
		return false;
	}
	size = ref_page_size(e.tsize);
	e.epn = (uint32_t)((m->mas2 & 0xfffff000u) & ~(size - 1));
	e.attr = m->mas2 & 0x7f;
	e.mas3 = m->mas3;
	e.rpn_hi = m->mas7 & 0xf;
	*ref_at(t, pos) = e;
	if (written)
		*written = pos;
	return true;
}

void ref_read_entry(const struct ref_tlb *t, struct ref_pos pos, struct ref_mas *m)
{
	const struct ref_entry *e = ref_at_c(t, pos);

	m->mas0 = (uint32_t)pos.tlb << 28 | (uint32_t)pos.way << 16 | t->nv;
	m->mas1 = (uint32_t)e->valid << 31 | (uint32_t)e->iprot << 30 |
		  (uint32_t)e->tid << 16 | (uint32_t)e->ts << 12 |
		  (uint32_t)e->tsize << 8;
	m->mas2 = e->epn | e->attr;
	m->mas3 = e->mas3;
	m->mas7 = e->rpn_hi;
}

void ref_tlbre(const struct ref_tlb *t, struct ref_mas *m)
{
	struct ref_pos pos;

	if (!select(m->mas0, m->mas2, &pos)) {
		m->mas1 = 0;
		return;
	}
	ref_read_entry(t, pos, m);
}

static bool holds(const struct ref_entry *e, uint32_t ea)
{
	uint64_t size = ref_page_size(e->tsize);

	return ((uint64_t)e->epn & ~(size - 1)) == ((uint64_t)ea & ~(size - 1));
}

static bool matches(const struct ref_entry *e, uint32_t ea, bool as, const uint32_t *pid,
		    int npid)
{
	bool tid_ok = e->tid == 0;
	int i;

	for (i = 0; i < npid; i++)
		tid_ok |= e->tid == (uint8_t)pid[i];
	return e->valid && e->ts == as && tid_ok && holds(e, ea);
}

void ref_search(const struct ref_tlb *t, uint32_t ea, bool as, const uint32_t *pid,
		int npid, struct ref_matches *out)
{
	int s = set_of(ea), i;

	out->n = 0;
	for (i = 0; i < REF_WAYS; i++)
		if (matches(&t->tlb0[s][i], ea, as, pid, npid))
			out->pos[out->n++] = (struct ref_pos){0, s, i};
	for (i = 0; i < REF_TLB1; i++)
		if (matches(&t->tlb1[i], ea, as, pid, npid))
			out->pos[out->n++] = (struct ref_pos){1, 0, i};
}

/* ESEL = the next victim, NV = the one after (which becomes the next victim). */
static uint32_t take_victim(struct ref_tlb *t)
{
	uint32_t esel = t->nv;

	t->nv = (t->nv + 1) % REF_WAYS;
	return esel << 16 | t->nv;
}

void ref_tlbsx_miss(struct ref_tlb *t, struct ref_mas *m)
{
	uint32_t spid = (m->mas6 >> 16) & 0xff, sas = m->mas6 & 1;

	m->mas0 = (m->mas4 & 0x30000000u) | take_victim(t);	    /* TLBSELD */
	m->mas1 = (m->mas4 & 0x00000f00u) | spid << 16 | sas << 12; /* TSIZED, V = 0 */
	m->mas2 = m->mas4 & 0x7f; /* X0D X1D WD ID MD GD ED */
	m->mas3 = 0;
	m->mas7 = 0;
}

static int inval(struct ref_entry *e)
{
	int was = e->valid;

	if (e->iprot)
		return 0;
	e->valid = false;
	return was;
}

int ref_flash(struct ref_tlb *t, uint32_t flags)
{
	int s, i, n = 0;

	if (flags & 0x4) /* MMUCSR0[TLB0_FI], bit 29 */
		for (s = 0; s < REF_SETS; s++)
			for (i = 0; i < REF_WAYS; i++)
				n += inval(&t->tlb0[s][i]);
	if (flags & 0x2) /* MMUCSR0[TLB1_FI], bit 30 */
		for (i = 0; i < REF_TLB1; i++)
			n += inval(&t->tlb1[i]);
	return n;
}

int ref_tlbivax(struct ref_tlb *t, uint32_t ea)
{
	bool tlb1 = ea & 0x8, all = ea & 0x4; /* EA bits 28 (TLBSEL) and 29 (INV_ALL) */
	int i, n = 0;

	if (all)
		return ref_flash(t, tlb1 ? 0x2 : 0x4);
	if (tlb1) {
		for (i = 0; i < REF_TLB1; i++)
			if (holds(&t->tlb1[i], ea))
				n += inval(&t->tlb1[i]);
		return n;
	}
	for (i = 0; i < REF_WAYS; i++)
		if (holds(&t->tlb0[set_of(ea)][i], ea))
			n += inval(&t->tlb0[set_of(ea)][i]);
	return n;
}

uint64_t ref_translate(const struct ref_tlb *t, struct ref_pos pos, uint32_t ea)
{
	const struct ref_entry *e = ref_at_c(t, pos);
	uint64_t size = ref_page_size(e->tsize);
	uint64_t rpn = (uint64_t)e->rpn_hi << 32 | (e->mas3 & 0xfffff000u);

	return (rpn & ~(size - 1)) | (ea & (size - 1));
}

void ref_miss(struct ref_tlb *t, struct ref_mas *m, const uint32_t *pid, bool as,
	      uint32_t ea)
{
	unsigned int tidsel = (m->mas4 >> 16) & 3; /* MAS4[TIDSELD], bits 14-15 */
	uint32_t tid = tidsel == 3 ? 0 : pid[tidsel] & 0xff;

	m->mas0 = (m->mas4 & 0x30000000u) | take_victim(t);
	m->mas1 = 0x80000000u | (m->mas4 & 0x00000f00u) | tid << 16 | (uint32_t)as << 12;
	m->mas2 = (ea & 0xfffff000u) | (m->mas4 & 0x7f);
	m->mas3 = 0;
	m->mas7 = 0;
	m->mas6 = (pid[0] & 0xff) << 16 | (uint32_t)as;
}
