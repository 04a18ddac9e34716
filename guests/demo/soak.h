/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The restart soak's mailbox (soak.c, soak_mgr.c, tests/system/test_soak.py):
 * a memory area the soaked partition and its manager share (a `shared`
 * area is never cleared on restart), at guest-physical SOAK_MBOX_GPA in
 * both. The soaked partition keeps its running totals there, since its
 * own memory is cleared at every restart.
 */
#ifndef GUEST_SOAK_H
#define GUEST_SOAK_H

#include "rt.h"

#define SOAK_MBOX_GPA 0x04000000u /* past both partitions' RAM */
#define SOAK_MBOX_EA 0x30000000u

struct soak_mbox {
	volatile u32 ask;      /* soak: the boot that asks its manager for a restart */
	volatile u32 done;     /* manager: the last boot it restarted */
	volatile u32 failures; /* soak: failed checks, all boots */
	volatile u32 boots;    /* soak: the last boot that ran its checks */
	volatile u32 t0_hi, t0_lo; /* soak: timebase at the start of boot 1 */
};

static inline struct soak_mbox *soak_mbox_map(void)
{
	rt_tlb1_map(2, SOAK_MBOX_EA, 0, SOAK_MBOX_GPA, TSIZE_4K, MAS2_I | MAS2_G,
		    MAS3_SR | MAS3_SW, 0, 0, 0);
	return (struct soak_mbox *)SOAK_MBOX_EA;
}

#endif /* GUEST_SOAK_H */
