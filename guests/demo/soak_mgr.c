// SPDX-License-Identifier: GPL-2.0-only
/*
 * The restart soak's manager (soak.c, tests/system/test_soak.py): every
 * millisecond it looks at the shared mailbox, and when the soaked
 * partition asks for it, restarts that partition with the Freescale
 * partition-management hypercall FH_PARTITION_RESTART. Once the soaked
 * partition has stopped for good (FH_PARTITION_GET_STATUS: stopped), it
 * reports and powers off.
 *
 * bootargs: handle=N, the soaked partition's handle (its index + 1).
 */
#include "soak.h"

#define POLL_TICKS RT_TB_PER_MS

static volatile u32 wakeups;

static void on_decrementer(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	wakeups++;
	f->srr1 &= ~MSR_WE;
}

/* Doze (MSR[WE]) until the decrementer has counted down ticks. */
static void doze(u32 ticks)
{
	u32 w = wakeups;

	mtspr(SPR_DEC, ticks);
	while (wakeups == w)
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
	mtmsr(MSR_ME);
}

int main(void)
{
	struct soak_mbox *mb = soak_mbox_map();
	u32 handle = rt_bootarg("handle", 2), restarts = 0, errors = 0, ret, status, ask;

	rt_set_handler(IVOR_DECREMENTER, on_decrementer);
	mtspr(SPR_HID0, HID0_DOZE);
	mtspr(SPR_TCR, TCR_DIE);
	rt_printf("mgr: restarting partition handle %u when it asks\n", handle);
	for (;;) {
		ask = mb->ask;
		if (ask != mb->done) {
			ret = rt_hcall(FH_PARTITION_RESTART, handle, &status);
			if (ret) {
				errors++;
				rt_printf("mgr: restart for boot %u: error %u\n", ask,
					  ret);
			}
			restarts++;
			mb->done = ask;
		}
		ret = rt_hcall(FH_PARTITION_GET_STATUS, handle, &status);
		if (ret) {
			errors++;
			rt_printf("mgr: status: error %u\n", ret);
			break;
		}
		if (status == FH_PARTITION_STOPPED)
			break;
		doze(POLL_TICKS);
	}
	rt_printf("mgr: %u restarts by hypercall, %u errors\n", restarts, errors);
	rt_printf("MGR DONE %s\n", errors ? "FAIL" : "ok");
	return 0;
}
