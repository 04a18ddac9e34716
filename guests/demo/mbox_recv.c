/* SPDX-License-Identifier: GPL-2.0-only */
/* Mailbox receiver (see mbox.h). */
#include "mbox.h"

int main(void)
{
	struct mbox *m = mbox_map();
	u32 i, good = 0;

	if (!mbox_wait(&m->full, MBOX_MAGIC)) {
		rt_printf("MBOX RECV FAIL nothing arrived\n");
		return 0;
	}
	for (i = 0; i < MBOX_WORDS; i++)
		if (m->msg[i] == (MBOX_MAGIC ^ (i * 0x01010101u)))
			good++;
	m->ack = MBOX_MAGIC + good;
	rt_printf("MBOX RECV %s, %u of %u words\n", good == MBOX_WORDS ? "ok" : "FAIL", good,
		  MBOX_WORDS);
	return 0;
}
