/* SPDX-License-Identifier: GPL-2.0-only */
/* Mailbox sender (see mbox.h). */
#include "mbox.h"

int main(void)
{
	struct mbox *m = mbox_map();
	u32 i;

	for (i = 0; i < MBOX_WORDS; i++)
		m->msg[i] = MBOX_MAGIC ^ (i * 0x01010101u);
	__asm__ __volatile__("msync" ::: "memory");
	m->full = MBOX_MAGIC;
	rt_printf("mbox: sent %u words\n", MBOX_WORDS);
	if (!mbox_wait(&m->ack, MBOX_MAGIC + MBOX_WORDS)) {
		rt_printf("MBOX SEND FAIL no answer\n");
		return 0;
	}
	rt_printf("MBOX SEND ok, answer %08x\n", m->ack);
	return 0;
}
