/* SPDX-License-Identifier: GPL-2.0-only */
/* Watchdog: TCR watchdog fields and TSR[ENW]/[WIS] write-one-to-clear.
 *
 * QEMU 7.2 deviation: its Book E watchdog timer callback never sets
 * TSR[ENW]/TSR[WIS] (hw/ppc/ppc_booke.c booke_wdt_cb: "TODO"), so expiries,
 * the watchdog interrupt and its critical-class delivery cannot be observed
 * natively. This program therefore checks only what both QEMU and silicon
 * agree on; the critical-class return path (CSRR0/1, rfci) is covered by
 * rfci_rfmci. */
#include "rt.h"

int main(void)
{
	test_begin("watchdog");
	mtspr(SPR_TSR, TSR_ENW | TSR_WIS | TSR_WRS_MASK);
	check("tsr watchdog bits clear", mfspr(SPR_TSR) & (TSR_ENW | TSR_WIS), 0);

	/* the longest period (WP||WPEXT = 0 selects TB bit 63-0... i.e. bit 0) */
	mtspr(SPR_TCR, 0);
	check("tcr 0", mfspr(SPR_TCR), 0);
	mtspr(SPR_TCR, TCR_WIE);
	check("tcr wie", mfspr(SPR_TCR), TCR_WIE);
	mtspr(SPR_TCR, (1u << TCR_WP_SHIFT) | (3u << TCR_WPEXT_SHIFT));
	check("tcr wp wpext", mfspr(SPR_TCR), (1u << TCR_WP_SHIFT) | (3u << TCR_WPEXT_SHIFT));
	mtspr(SPR_TCR, 0);
	check("no watchdog status", mfspr(SPR_TSR) & (TSR_ENW | TSR_WIS), 0);
	mtspr(SPR_TSR, TSR_ENW | TSR_WIS);
	check("tsr w1c enw wis", mfspr(SPR_TSR) & (TSR_ENW | TSR_WIS), 0);
	return test_end();
}
