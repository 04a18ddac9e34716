/* SPDX-License-Identifier: GPL-2.0-only */
/* Comparing the hypervisor's guest TLB (gtlb.c) with the reference model. */
#ifndef GTLB_CMP_H
#define GTLB_CMP_H

#include <arch/gtlb.h>

#include "gtlb_ref.h"

/* Every entry, as tlbre reads it, and the next victim, are the same in both. */
void gtlb_cmp_all(struct gtlb *t, struct ref_tlb *r);

/* MAS registers of both, as the guest sees them. */
void gtlb_cmp_mas(const char *op, const struct gtlb_mas *g, const struct ref_mas *r);

/* Where gtlb puts TLB<tlbsel>[index], in the reference model's terms. */
struct ref_pos gtlb_cmp_pos(int tlbsel, int index);
int gtlb_cmp_index(struct ref_pos p);

#endif /* GTLB_CMP_H */
