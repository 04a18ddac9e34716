/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A mailbox in a memory area two partitions share (configs/shared.dts):
 * the sender writes a message and raises `full`, the receiver reads it and
 * answers in `ack`. Both map the area at guest-physical MBOX_GPA.
 */
#ifndef GUEST_MBOX_H
#define GUEST_MBOX_H

#include "rt.h"

#define MBOX_GPA 0x04000000u /* right after the partition's 64 MiB */
#define MBOX_EA 0x30000000u
#define MBOX_WORDS 64
#define MBOX_MAGIC 0x4D424F58u /* "MBOX" */
#define MBOX_TIMEOUT_MS 5000

struct mbox {
	volatile u32 full, ack;
	volatile u32 msg[MBOX_WORDS];
};

static inline struct mbox *mbox_map(void)
{
	rt_tlb1_map(2, MBOX_EA, 0, MBOX_GPA, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW, 0, 0,
		    0);
	return (struct mbox *)MBOX_EA;
}

/* Wait until *w == v; false after MBOX_TIMEOUT_MS. */
static inline int mbox_wait(volatile u32 *w, u32 v)
{
	u64 end = rt_timebase() + (u64)MBOX_TIMEOUT_MS * RT_TB_PER_MS;

	while (*w != v)
		if (rt_timebase() > end)
			return 0;
	return 1;
}

#endif /* GUEST_MBOX_H */
