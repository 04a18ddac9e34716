// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the virtual Book E timers (hv/arch/booke/vtimer.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arch/spr.h>
#include <arch/vtimer.h>

#define NEVER UINT64_MAX

/* TCR period fields from an e500 index (FPEXT:FP or WPEXT:WP). */
static uint32_t fit_idx(uint32_t idx)
{
	return (idx & 3) << TCR_FP_SHIFT | (idx >> 2) << TCR_FPEXT_SHIFT;
}

static uint32_t wdt_idx(uint32_t idx)
{
	return (idx & 3) << TCR_WP_SHIFT | (idx >> 2) << TCR_WPEXT_SHIFT;
}

/* Index selecting LSB-0 timebase bit b. */
static uint32_t bit_idx(unsigned int b)
{
	return 63 - b;
}

static void test_init(void **state)
{
	struct vtimer t;

	for (size_t i = 0; i < sizeof(t); i++)
		((unsigned char *)&t)[i] = 0x5A;
	vtimer_init(&t, 1000);
	assert_int_equal(t.tcr, 0);
	assert_int_equal(t.tsr, 0);
	assert_int_equal(vtimer_read_dec(&t, 1000), 0);
	assert_int_equal(vtimer_read_dec(&t, 1000000), 0);
	assert_false(vtimer_dec_pending(&t));
	assert_false(vtimer_fit_pending(&t));
	assert_false(vtimer_wdt_pending(&t));
	/* TCR 0 selects bit 63 for the watchdog: first event at 2^63. */
	assert_int_equal(vtimer_next_event(&t), 1ull << 63);
	assert_int_equal(vtimer_update(&t, 5000), 0);
	assert_int_equal(t.tsr, 0);
}

static void test_dec_countdown(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_dec(&t, 100, 1000);
	assert_int_equal(vtimer_read_dec(&t, 1000), 100);
	assert_int_equal(vtimer_read_dec(&t, 1001), 99);
	assert_int_equal(vtimer_read_dec(&t, 1099), 1);
	assert_int_equal(vtimer_update(&t, 1099), 0);
	assert_false(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_next_event(&t), 1100);
	/* 1 -> 0 at 1100 */
	assert_int_equal(vtimer_update(&t, 1100), 0);
	assert_true(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_read_dec(&t, 1100), 0);
	/* Without ARE it stays 0. */
	assert_int_equal(vtimer_read_dec(&t, 5000), 0);
	assert_int_equal(vtimer_next_event(&t), 1ull << 63);
}

static void test_dec_expiry_seen_by_read(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_dec(&t, 10, 0);
	/* A read after the deadline brings TSR up to date too. */
	assert_int_equal(vtimer_read_dec(&t, 50), 0);
	assert_true(t.tsr & TSR_DIS);
}

static void test_dec_pending_needs_die(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_dec(&t, 10, 0);
	vtimer_update(&t, 10);
	assert_true(t.tsr & TSR_DIS);
	assert_false(vtimer_dec_pending(&t));
	vtimer_write_tcr(&t, TCR_DIE, 11);
	assert_true(vtimer_dec_pending(&t));
	/* TSR[DIS] write-one-to-clear */
	vtimer_write_tsr(&t, TSR_DIS, 12);
	assert_false(t.tsr & TSR_DIS);
	assert_false(vtimer_dec_pending(&t));
}

static void test_dec_write_zero(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_dec(&t, 100, 0);
	vtimer_write_dec(&t, 0, 50);
	assert_int_equal(vtimer_read_dec(&t, 50), 0);
	assert_int_equal(vtimer_update(&t, 1000), 0);
	/* Writing 0 is not a 1 -> 0 decrement: no DIS. */
	assert_false(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_read_dec(&t, 1000), 0);
}

static void test_dec_rewrite_before_expiry(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_dec(&t, 100, 0);
	vtimer_write_dec(&t, 1000, 50);
	vtimer_update(&t, 200);
	assert_false(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_read_dec(&t, 200), 850);
	vtimer_update(&t, 1050);
	assert_true(t.tsr & TSR_DIS);
}

static void test_dec_are_reload(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_decar(&t, 50);
	vtimer_write_tcr(&t, TCR_ARE | TCR_DIE, 0);
	vtimer_write_dec(&t, 10, 0);
	assert_int_equal(vtimer_next_event(&t), 10);
	vtimer_update(&t, 10);
	assert_true(vtimer_dec_pending(&t));
	/* Reloaded with DECAR at 10: next expiry at 60. */
	assert_int_equal(vtimer_read_dec(&t, 10), 50);
	assert_int_equal(vtimer_read_dec(&t, 35), 25);
	assert_int_equal(vtimer_next_event(&t), 60);
	vtimer_write_tsr(&t, TSR_DIS, 40);
	vtimer_update(&t, 59);
	assert_false(t.tsr & TSR_DIS);
	vtimer_update(&t, 60);
	assert_true(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_next_event(&t), 110);
}

static void test_dec_are_catch_up(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_decar(&t, 100);
	vtimer_write_tcr(&t, TCR_ARE, 0);
	vtimer_write_dec(&t, 30, 0);
	/* Expiries at 30, 130, 230, 330, ...: at 345 the next is 430. */
	vtimer_update(&t, 345);
	assert_true(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_read_dec(&t, 345), 85);
	assert_int_equal(vtimer_next_event(&t), 430);
	/* Exactly on an expiry: DEC reloaded, full period ahead. */
	assert_int_equal(vtimer_read_dec(&t, 430), 100);
	/* Very late: many periods in one go. */
	vtimer_update(&t, 430 + 100ull * 1000000 + 1);
	assert_int_equal(vtimer_read_dec(&t, 430 + 100ull * 1000000 + 1), 99);
}

static void test_dec_are_decar_zero(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, TCR_ARE, 0);
	vtimer_write_dec(&t, 5, 0);
	vtimer_update(&t, 100);
	assert_true(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_read_dec(&t, 100), 0);
	assert_int_equal(vtimer_next_event(&t), 1ull << 63);
}

static void test_dec_are_cleared_before_expiry(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_decar(&t, 20);
	vtimer_write_tcr(&t, TCR_ARE, 0);
	vtimer_write_dec(&t, 10, 0);
	vtimer_write_tcr(&t, 0, 5);
	vtimer_update(&t, 100);
	assert_true(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_read_dec(&t, 100), 0);
}

static void test_dec_large_timebase(void **state)
{
	struct vtimer t;
	uint64_t now = UINT64_MAX - 1000;

	vtimer_init(&t, now);
	vtimer_write_dec(&t, 0xFFFFFFFFu, 0xFFFFFFFF00000000ull);
	assert_int_equal(vtimer_read_dec(&t, 0xFFFFFFFF00000000ull), 0xFFFFFFFFu);
	assert_int_equal(vtimer_next_event(&t), 0xFFFFFFFFFFFFFFFFull - 0 - 0);
	vtimer_update(&t, 0xFFFFFFFFFFFFFFFEull);
	assert_false(t.tsr & TSR_DIS);
	assert_int_equal(vtimer_read_dec(&t, 0xFFFFFFFFFFFFFFFEull), 1);
	/* A deadline beyond 2^64 - 1 cannot be represented: DEC stops. */
	vtimer_write_dec(&t, 5000, now);
	assert_int_equal(vtimer_read_dec(&t, now), 0);
}

static void test_tsr_w1c(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	t.tsr = TSR_ENW | TSR_WIS | TSR_DIS | TSR_FIS | TSR_WRS_MASK;
	vtimer_write_tsr(&t, 0, 0);
	assert_int_equal(t.tsr, TSR_ENW | TSR_WIS | TSR_DIS | TSR_FIS | TSR_WRS_MASK);
	vtimer_write_tsr(&t, TSR_FIS | TSR_ENW, 0);
	assert_int_equal(t.tsr, TSR_WIS | TSR_DIS | TSR_WRS_MASK);
	vtimer_write_tsr(&t, 0xFFFFFFFFu, 0);
	assert_int_equal(t.tsr, 0);
}

/* FIT events of bit b happen at T with T mod 2^(b+1) == 2^b. */
static void check_fit_period(unsigned int b)
{
	struct vtimer t;
	uint64_t half = 1ull << b;
	uint64_t start = 3 * (2 * half) + half + 1; /* just after an event */

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, TCR_FIE | fit_idx(bit_idx(b)), start);
	assert_int_equal(vtimer_next_event(&t), start - 1 + 2 * half);
	vtimer_update(&t, start - 2 + 2 * half);
	assert_false(t.tsr & TSR_FIS);
	vtimer_update(&t, start - 1 + 2 * half);
	assert_true(t.tsr & TSR_FIS);
	assert_true(vtimer_fit_pending(&t));
	/* FIS set: further FIT events change nothing, none reported. */
	assert_int_equal(vtimer_next_event(&t), 1ull << 63);
	vtimer_write_tsr(&t, TSR_FIS, start + 2 * half);
	assert_int_equal(vtimer_next_event(&t), start - 1 + 4 * half);
}

static void test_fit_periods(void **state)
{
	static const unsigned int bits[] = {0, 1, 5, 10, 17, 20, 31, 40, 59};

	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		check_fit_period(bits[i]);
}

static void test_fit_field_encoding(void **state)
{
	struct vtimer t;

	/* FP = 1, FPEXT = 0: index 1 -> bit 62; first event at 2^62. */
	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, TCR_FIE | 1u << TCR_FP_SHIFT, 0);
	assert_int_equal(vtimer_next_event(&t), 1ull << 62);
	/* FP = 3, FPEXT = 15: index 63 -> bit 0: events at odd values. */
	vtimer_write_tcr(&t, TCR_FIE | TCR_FP_MASK | TCR_FPEXT_MASK, 10);
	assert_int_equal(vtimer_next_event(&t), 11);
	/* FP = 2, FPEXT = 12: index 50 -> bit 13. */
	vtimer_write_tcr(&t, TCR_FIE | 2u << TCR_FP_SHIFT | 12u << TCR_FPEXT_SHIFT, 100);
	assert_true(t.tsr & TSR_FIS); /* the bit-0 events before 100 */
	vtimer_write_tsr(&t, TSR_FIS, 100);
	assert_int_equal(vtimer_next_event(&t), 1ull << 13);
	/* Bit 63: one event at 2^63, then never again within 64 bits. */
	vtimer_write_tcr(&t, TCR_FIE, (1ull << 63) - 1);
	assert_int_equal(vtimer_next_event(&t), 1ull << 63);
	vtimer_write_tcr(&t, TCR_FIE, 1ull << 63);
	assert_true(t.tsr & TSR_FIS);
	vtimer_write_tsr(&t, TSR_FIS, 1ull << 63);
	assert_int_equal(vtimer_next_event(&t), NEVER);
}

static void test_fit_lazy_without_fie(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, fit_idx(bit_idx(4)), 0);
	/* Not reported without FIE (wakes nobody) ... */
	assert_int_equal(vtimer_next_event(&t), 1ull << 63);
	/* ... but FIS is still set once the bit went 0 -> 1. */
	vtimer_update(&t, 15);
	assert_false(t.tsr & TSR_FIS);
	vtimer_update(&t, 16);
	assert_true(t.tsr & TSR_FIS);
	assert_false(vtimer_fit_pending(&t));
	vtimer_write_tcr(&t, TCR_FIE | fit_idx(bit_idx(4)), 17);
	assert_true(vtimer_fit_pending(&t));
}

static void test_fit_period_change_applies_to_future(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, TCR_FIE | fit_idx(bit_idx(10)), 0);
	assert_int_equal(vtimer_next_event(&t), 1024);
	vtimer_write_tcr(&t, TCR_FIE | fit_idx(bit_idx(3)), 100);
	assert_false(t.tsr & TSR_FIS);
	assert_int_equal(vtimer_next_event(&t), 104);
}

static void test_wdt_state_machine_reset(void **state)
{
	struct vtimer t;
	uint32_t tcr = wdt_idx(bit_idx(8)) | TCR_WIE | 2u << TCR_WRC_SHIFT;

	/* Events of bit 8 at 256, 768, 1280, ... */
	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, tcr, 0);
	assert_int_equal(vtimer_next_event(&t), 256);
	assert_int_equal(vtimer_update(&t, 255), 0);
	assert_int_equal(t.tsr, 0);
	assert_int_equal(vtimer_update(&t, 256), 0);
	assert_int_equal(t.tsr, TSR_ENW);
	assert_false(vtimer_wdt_pending(&t));
	assert_int_equal(vtimer_next_event(&t), 768);
	assert_int_equal(vtimer_update(&t, 768), 0);
	assert_int_equal(t.tsr, TSR_ENW | TSR_WIS);
	assert_true(vtimer_wdt_pending(&t));
	assert_int_equal(vtimer_next_event(&t), 1280);
	assert_int_equal(vtimer_update(&t, 1280), VTIMER_WDT_RESET);
	assert_int_equal(t.tsr & TSR_WRS_MASK, 2u << 28);
}

/*
 * A policy may leave the guest running after an expiry (watchdog.c): the
 * expiry is reported once, at the event's time, and not again every period
 * after; feeding re-arms it, and the next expiry is reported again.
 */
static void test_wdt_expiry_latched_until_fed(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, wdt_idx(bit_idx(8)) | 2u << TCR_WRC_SHIFT, 0);
	assert_int_equal(vtimer_update(&t, 1290), VTIMER_WDT_RESET);
	assert_true(t.wdt_expired);
	assert_int_equal(t.wdt_expired_at, 1280);
	/* no further events are armed, none is reported */
	assert_int_equal(vtimer_next_event(&t), NEVER);
	assert_int_equal(vtimer_update(&t, 1792), 0);
	assert_int_equal(vtimer_update(&t, 100000), 0);
	/* writing TSR bits other than ENW/WIS does not re-arm it */
	vtimer_write_tsr(&t, TSR_DIS | TSR_FIS, 100000);
	assert_true(t.wdt_expired);
	assert_int_equal(vtimer_update(&t, 200000), 0);
	/* fed at 200000: events at 200448 (ENW), 200960 (WIS), 201472 (expiry) */
	vtimer_write_tsr(&t, TSR_ENW | TSR_WIS, 200000);
	assert_false(t.wdt_expired);
	assert_int_equal(vtimer_update(&t, 201471), 0);
	assert_int_equal(t.tsr & (TSR_ENW | TSR_WIS), TSR_ENW | TSR_WIS);
	assert_int_equal(vtimer_update(&t, 201472), VTIMER_WDT_RESET);
	assert_int_equal(t.wdt_expired_at, 201472);
	/* a restart (vtimer_init) forgets it */
	vtimer_init(&t, 300000);
	assert_false(t.wdt_expired);
}

static void test_wdt_serviced(void **state)
{
	struct vtimer t;
	uint32_t tcr = wdt_idx(bit_idx(8)) | 1u << TCR_WRC_SHIFT;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, tcr, 0);
	vtimer_update(&t, 256);
	/* Linux's booke_wdt_ping: clear ENW and WIS. */
	vtimer_write_tsr(&t, TSR_ENW | TSR_WIS, 300);
	vtimer_update(&t, 768);
	assert_int_equal(t.tsr, TSR_ENW);
	vtimer_write_tsr(&t, TSR_ENW | TSR_WIS, 800);
	assert_int_equal(vtimer_update(&t, 1280), 0);
	assert_int_equal(t.tsr, TSR_ENW);
}

static void test_wdt_catch_up_several_events(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, wdt_idx(bit_idx(8)) | 3u << TCR_WRC_SHIFT, 0);
	/* Three events passed at once: ENW, WIS, reset. */
	assert_int_equal(vtimer_update(&t, 1300), VTIMER_WDT_RESET);
	assert_int_equal(t.tsr, TSR_ENW | TSR_WIS | TSR_WRS_MASK);
}

static void test_wdt_no_wrc(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, wdt_idx(bit_idx(8)), 0);
	assert_int_equal(vtimer_update(&t, 100000), 0);
	assert_int_equal(t.tsr, TSR_ENW | TSR_WIS);
	/* Nothing more can happen: no watchdog wakeup reported. */
	assert_int_equal(vtimer_next_event(&t), NEVER);
}

static void test_wdt_reset_left_for_update(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, wdt_idx(bit_idx(8)) | 1u << TCR_WRC_SHIFT, 0);
	vtimer_update(&t, 800);
	assert_int_equal(t.tsr, TSR_ENW | TSR_WIS);
	/* The emulator's accesses never swallow the reset ... */
	vtimer_sync(&t, 1300);
	assert_int_equal(vtimer_read_dec(&t, 1300), 0);
	vtimer_write_tcr(&t, wdt_idx(bit_idx(20)) | 1u << TCR_WRC_SHIFT, 1300);
	assert_int_equal(t.tsr & TSR_WRS_MASK, 0);
	assert_true(vtimer_next_event(&t) <= 1300);
	/* ... the next vtimer_update() reports it. */
	assert_int_equal(vtimer_update(&t, 1301), VTIMER_WDT_RESET);
	assert_int_equal(t.tsr & TSR_WRS_MASK, 1u << 28);
}

static void test_wrc_sticky(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, 1u << TCR_WRC_SHIFT, 0);
	vtimer_write_tcr(&t, 0, 1);
	assert_int_equal(t.tcr & TCR_WRC_MASK, 1u << TCR_WRC_SHIFT);
	vtimer_write_tcr(&t, 2u << TCR_WRC_SHIFT, 2);
	assert_int_equal(t.tcr & TCR_WRC_MASK, TCR_WRC_MASK);
}

static void test_wdt_period_fields(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	/* WP = 3, WPEXT = 15: bit 0: events at odd timebase values. */
	vtimer_write_tcr(&t, TCR_WP_MASK | TCR_WPEXT_MASK, 4);
	assert_int_equal(vtimer_next_event(&t), 5);
	/* WP = 1, WPEXT = 10: index 41 -> bit 22. */
	vtimer_write_tcr(&t, 1u << TCR_WP_SHIFT | 10u << TCR_WPEXT_SHIFT, 4);
	assert_int_equal(vtimer_next_event(&t), 1ull << 22);
}

static void test_next_event_earliest(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, TCR_FIE | fit_idx(bit_idx(12)) | wdt_idx(bit_idx(14)), 0);
	assert_int_equal(vtimer_next_event(&t), 4096);
	vtimer_write_dec(&t, 1000, 0);
	assert_int_equal(vtimer_next_event(&t), 1000);
	vtimer_update(&t, 1000);
	assert_int_equal(vtimer_next_event(&t), 4096);
	vtimer_update(&t, 4096);
	assert_int_equal(vtimer_next_event(&t), 16384);
}

/* The real decrementer may auto-reload only when the next event is an auto-reloading DEC. */
static void test_dec_period(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_decar(&t, 50);
	vtimer_write_tcr(&t, TCR_DIE, 0);
	vtimer_write_dec(&t, 10, 0);
	assert_int_equal(vtimer_dec_period(&t, 10), 0); /* no ARE: one-shot */
	vtimer_write_tcr(&t, TCR_DIE | TCR_ARE, 0);
	assert_int_equal(vtimer_dec_period(&t, 10), 50);
	assert_int_equal(vtimer_dec_period(&t, 9), 0); /* another event comes first */
	vtimer_update(&t, 10);
	assert_int_equal(vtimer_dec_period(&t, vtimer_next_event(&t)), 50);
	assert_int_equal(vtimer_next_event(&t), 60);
	vtimer_write_decar(&t, 0);
	vtimer_update(&t, 60); /* DECAR 0: stops at 0 */
	assert_int_equal(vtimer_dec_period(&t, vtimer_next_event(&t)), 0);
	/* a FIT event before the reload */
	vtimer_init(&t, 0);
	vtimer_write_decar(&t, 10000);
	vtimer_write_tcr(&t, TCR_ARE | TCR_FIE | fit_idx(bit_idx(12)), 0);
	vtimer_write_dec(&t, 10000, 0);
	assert_int_equal(vtimer_next_event(&t), 4096);
	assert_int_equal(vtimer_dec_period(&t, vtimer_next_event(&t)), 0);
}

/* Held from 1000 to 50000: the decrementer goes on from the value it had. */
static void test_skip_dec_resumes_where_it_stood(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, TCR_DIE, 0);
	vtimer_write_dec(&t, 2000, 0); /* expires at 2000: during the hold */
	vtimer_skip(&t, 1000, 50000);
	assert_int_equal(vtimer_read_dec(&t, 50000), 1000);
	assert_false(vtimer_dec_pending(&t));
	assert_int_equal(vtimer_update(&t, 50999), 0);
	assert_false(vtimer_dec_pending(&t));
	vtimer_update(&t, 51000);
	assert_true(vtimer_dec_pending(&t));
}

/* One already expired when the vCPU was held stays due: nothing is lost either. */
static void test_skip_keeps_what_was_due(void **state)
{
	struct vtimer t;

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, TCR_DIE, 0);
	vtimer_write_dec(&t, 500, 0);
	vtimer_skip(&t, 1000, 50000);
	vtimer_update(&t, 50000);
	assert_true(vtimer_dec_pending(&t));
}

/* A watchdog about to bite does not bite for the time held. */
static void test_skip_watchdog(void **state)
{
	struct vtimer t;
	unsigned int b = 12; /* an event every 8192 ticks, at 4096 mod 8192 */

	vtimer_init(&t, 0);
	vtimer_write_tcr(&t, wdt_idx(bit_idx(b)) | (1u << TCR_WRC_SHIFT), 0);
	vtimer_update(&t, 4096);
	vtimer_update(&t, 4096 + 8192); /* ENW, then WIS: the next event resets */
	assert_int_equal(t.tsr & (TSR_ENW | TSR_WIS), TSR_ENW | TSR_WIS);
	vtimer_skip(&t, 13000, 13000 + 100 * 8192);
	/* nothing of the held time: the next event is the first one after it */
	assert_int_equal(vtimer_update(&t, 13000 + 100 * 8192), 0);
	assert_true(vtimer_next_event(&t) > 13000 + 100 * 8192);
	assert_int_equal(vtimer_update(&t, vtimer_next_event(&t)), VTIMER_WDT_RESET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init),
	    cmocka_unit_test(test_dec_countdown),
	    cmocka_unit_test(test_dec_expiry_seen_by_read),
	    cmocka_unit_test(test_dec_pending_needs_die),
	    cmocka_unit_test(test_dec_write_zero),
	    cmocka_unit_test(test_dec_rewrite_before_expiry),
	    cmocka_unit_test(test_dec_are_reload),
	    cmocka_unit_test(test_dec_are_catch_up),
	    cmocka_unit_test(test_dec_are_decar_zero),
	    cmocka_unit_test(test_dec_are_cleared_before_expiry),
	    cmocka_unit_test(test_dec_large_timebase),
	    cmocka_unit_test(test_tsr_w1c),
	    cmocka_unit_test(test_fit_periods),
	    cmocka_unit_test(test_fit_field_encoding),
	    cmocka_unit_test(test_fit_lazy_without_fie),
	    cmocka_unit_test(test_fit_period_change_applies_to_future),
	    cmocka_unit_test(test_wdt_state_machine_reset),
	    cmocka_unit_test(test_wdt_serviced),
	    cmocka_unit_test(test_wdt_expiry_latched_until_fed),
	    cmocka_unit_test(test_wdt_catch_up_several_events),
	    cmocka_unit_test(test_wdt_no_wrc),
	    cmocka_unit_test(test_wdt_reset_left_for_update),
	    cmocka_unit_test(test_wrc_sticky),
	    cmocka_unit_test(test_wdt_period_fields),
	    cmocka_unit_test(test_next_event_earliest),
	    cmocka_unit_test(test_dec_period),
	    cmocka_unit_test(test_skip_dec_resumes_where_it_stood),
	    cmocka_unit_test(test_skip_keeps_what_was_due),
	    cmocka_unit_test(test_skip_watchdog),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
