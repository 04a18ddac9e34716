// SPDX-License-Identifier: GPL-2.0-only
/*
 * Book E timer facilities of one virtual CPU, computed lazily from the real
 * timebase: nothing ticks here; every entry point takes the current timebase
 * value and brings the state up to it.
 *
 * Decrementer: DEC counts down once per timebase tick. A write of n > 0 makes
 * it reach 0 (the 1 -> 0 transition that sets TSR[DIS]) n ticks later. On
 * expiry with TCR[ARE] it reloads from DECAR (the next expiry DECAR ticks
 * later, periods missed while nobody looked are caught up); without ARE, or
 * with DECAR = 0, it stops at 0. Writing 0 stops it without setting DIS
 * (the architected behaviour: only a decrement from 1 sets DIS).
 *
 * FIT and watchdog: e500 selects a timebase bit by TCR[FPEXT:FP] (and
 * TCR[WPEXT:WP]), an index counted from the most significant bit, so index
 * 0 is bit 63 in LSB-0 numbering. An event happens on each 0 -> 1 transition
 * of that bit, i.e. at every timebase value T with T mod 2^(b+1) == 2^b. This
 * is the target computed by QEMU 7.2's booke_get_fit_target/_wdt_target and
 * booke_update_fixed_timer. (QEMU 7.2 only arms those timers while the TSR
 * status bit is already set, so natively its FIT and watchdog never fire;
 * checked with a bare-metal probe. beryl implements the architecture.)
 *
 * Watchdog events step the state machine: ENW, then WIS, then a reset if
 * TCR[WRC] != 0 (TSR[WRS] = WRC). That expiry is reported once
 * (VTIMER_WDT_RESET) and latched: what it does to the partition is its
 * configured policy (partition_watchdog_expired()), which may leave the
 * guest running; it expires again only after it cleared ENW or WIS.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/spr.h>
#include <arch/vtimer.h>

#define NEVER UINT64_MAX

/* LSB-0 number of the timebase bit that an e500 period index selects. */
static unsigned int vtimer_bit(uint32_t idx)
{
	return 63 - (idx & 63);
}

static unsigned int vtimer_fit_bit(uint32_t tcr)
{
	return vtimer_bit(((tcr & TCR_FPEXT_MASK) >> TCR_FPEXT_SHIFT) << 2 |
			  (tcr & TCR_FP_MASK) >> TCR_FP_SHIFT);
}

static unsigned int vtimer_wdt_bit(uint32_t tcr)
{
	return vtimer_bit(((tcr & TCR_WPEXT_MASK) >> TCR_WPEXT_SHIFT) << 2 |
			  (tcr & TCR_WP_MASK) >> TCR_WP_SHIFT);
}

/*
 * First timebase value after now at which bit b goes 0 -> 1, NEVER if that
 * lies beyond 2^64 - 1.
 */
static uint64_t vtimer_bit_next(unsigned int b, uint64_t now)
{
	uint64_t half = 1ull << b;
	uint64_t base, cand;

	if (b == 63)
		return now < half ? half : NEVER;
	base = now & ~((half << 1) - 1);
	cand = base + half;
	if (cand > now)
		return cand;
	if (cand > NEVER - (half << 1))
		return NEVER;
	return cand + (half << 1);
}

/* Events of bit b at or before now, counting from the event at first. */
static uint64_t vtimer_bit_events(unsigned int b, uint64_t first, uint64_t now)
{
	if (first == NEVER || now < first)
		return 0;
	if (b == 63)
		return 1;
	return ((now - first) >> (b + 1)) + 1;
}

static void vtimer_dec_advance(struct vtimer *t, uint64_t now)
{
	uint64_t periods, step;

	if (!t->dec_running || now < t->dec_deadline)
		return;
	t->tsr |= TSR_DIS;
	if ((t->tcr & TCR_ARE) && t->decar) {
		/* Reloaded at each expiry; skip the periods already over. */
		periods = (now - t->dec_deadline) / t->decar + 1;
		step = periods * t->decar;
		if (t->dec_deadline > NEVER - step) {
			t->dec_running = 0;
			t->dec_frozen = 0;
			return;
		}
		t->dec_deadline += step;
		return;
	}
	t->dec_running = 0;
	t->dec_frozen = 0;
}

static void vtimer_fit_advance(struct vtimer *t, uint64_t now)
{
	if (t->fit_next == NEVER || now < t->fit_next)
		return;
	t->tsr |= TSR_FIS;
	t->fit_next = vtimer_bit_next(vtimer_fit_bit(t->tcr), now);
}

/* True when a watchdog event at this point would reset the core (expire). */
static bool vtimer_wdt_would_reset(const struct vtimer *t)
{
	return (t->tsr & TSR_ENW) && (t->tsr & TSR_WIS) && (t->tcr & TCR_WRC_MASK) &&
	       !t->wdt_expired;
}

/*
 * Apply the watchdog events up to now. A reset is only taken when
 * allow_reset; otherwise the event that would reset stays due (wdt_next is
 * left in the past) so that the next vtimer_update() reports it.
 */
static int vtimer_wdt_advance(struct vtimer *t, uint64_t now, bool allow_reset)
{
	unsigned int b = vtimer_wdt_bit(t->tcr);
	uint64_t n = vtimer_bit_events(b, t->wdt_next, now);
	int ret = 0;

	while (n--) {
		if (!(t->tsr & TSR_ENW)) {
			t->tsr |= TSR_ENW;
		} else if (!(t->tsr & TSR_WIS)) {
			t->tsr |= TSR_WIS;
		} else if (vtimer_wdt_would_reset(t)) {
			if (!allow_reset)
				return 0;
			t->tsr = (t->tsr & ~TSR_WRS_MASK) |
				 ((t->tcr & TCR_WRC_MASK) >> TCR_WRC_SHIFT) << 28;
			t->wdt_expired = true;
			t->wdt_expired_at = t->wdt_next;
			ret |= VTIMER_WDT_RESET;
			break;
		} else {
			/* ENW and WIS set, no reset (or taken): further events change nothing. */
			break;
		}
		if (b == 63 || t->wdt_next > NEVER - (2ull << b)) {
			t->wdt_next = NEVER;
			return ret;
		}
		t->wdt_next += 2ull << b;
	}
	t->wdt_next = vtimer_bit_next(b, now);
	return ret;
}

static int vtimer_advance(struct vtimer *t, uint64_t now, bool allow_reset)
{
	vtimer_dec_advance(t, now);
	vtimer_fit_advance(t, now);
	return vtimer_wdt_advance(t, now, allow_reset);
}

void vtimer_init(struct vtimer *t, uint64_t now)
{
	t->tcr = 0;
	t->tsr = 0;
	t->decar = 0;
	t->dec_deadline = 0;
	t->dec_frozen = 0;
	t->dec_running = 0;
	t->fit_next = vtimer_bit_next(vtimer_fit_bit(0), now);
	t->wdt_next = vtimer_bit_next(vtimer_wdt_bit(0), now);
	t->wdt_expired = false;
	t->wdt_expired_at = 0;
}

void vtimer_sync(struct vtimer *t, uint64_t now)
{
	vtimer_advance(t, now, false);
}

uint32_t vtimer_read_dec(struct vtimer *t, uint64_t now)
{
	vtimer_advance(t, now, false);
	if (!t->dec_running)
		return t->dec_frozen;
	/* Running means deadline > now after the advance; DEC is 32 bits. */
	return (uint32_t)(t->dec_deadline - now);
}

void vtimer_write_dec(struct vtimer *t, uint32_t val, uint64_t now)
{
	vtimer_advance(t, now, false);
	if (!val || now > NEVER - val) {
		t->dec_running = 0;
		t->dec_frozen = 0;
		return;
	}
	t->dec_deadline = now + val;
	t->dec_running = 1;
}

void vtimer_write_decar(struct vtimer *t, uint32_t val)
{
	t->decar = val;
}

void vtimer_write_tcr(struct vtimer *t, uint32_t val, uint64_t now)
{
	bool reset_due;

	vtimer_advance(t, now, false);
	reset_due = t->wdt_next != NEVER && now >= t->wdt_next;
	/* WRC bits, once set, are cleared only by a reset (Book E). */
	val |= t->tcr & TCR_WRC_MASK;
	t->tcr = val;
	/* New periods apply to events after now. */
	t->fit_next = vtimer_bit_next(vtimer_fit_bit(val), now);
	if (!reset_due)
		t->wdt_next = vtimer_bit_next(vtimer_wdt_bit(val), now);
}

void vtimer_write_tsr(struct vtimer *t, uint32_t val, uint64_t now)
{
	vtimer_advance(t, now, false);
	t->tsr &= ~val;
	if (val & (TSR_ENW | TSR_WIS))
		t->wdt_expired = false; /* fed: the next expiry counts again */
}

int vtimer_update(struct vtimer *t, uint64_t now)
{
	return vtimer_advance(t, now, true);
}

void vtimer_skip(struct vtimer *t, uint64_t from, uint64_t to)
{
	uint64_t held = to > from ? to - from : 0;

	/* a decrementer already expired at `from` stays due; one still counting goes on */
	if (t->dec_running && t->dec_deadline > from)
		t->dec_deadline = t->dec_deadline > NEVER - held ? NEVER : t->dec_deadline + held;
	if (t->fit_next != NEVER && t->fit_next > from)
		t->fit_next = vtimer_bit_next(vtimer_fit_bit(t->tcr), to);
	if (t->wdt_next != NEVER && t->wdt_next > from)
		t->wdt_next = vtimer_bit_next(vtimer_wdt_bit(t->tcr), to);
}

uint64_t vtimer_next_event(const struct vtimer *t)
{
	uint64_t next = NEVER;

	if (t->dec_running)
		next = t->dec_deadline;
	/* A FIT event matters only when it raises an interrupt. */
	if ((t->tcr & TCR_FIE) && !(t->tsr & TSR_FIS) && t->fit_next < next)
		next = t->fit_next;
	/* Watchdog events change state unless ENW and WIS are set and WRC = 0. */
	if (((t->tsr & (TSR_ENW | TSR_WIS)) != (TSR_ENW | TSR_WIS) ||
	     vtimer_wdt_would_reset(t)) &&
	    t->wdt_next < next)
		next = t->wdt_next;
	return next;
}

uint32_t vtimer_dec_period(const struct vtimer *t, uint64_t next)
{
	return t->dec_running && t->dec_deadline == next && (t->tcr & TCR_ARE) ? t->decar : 0;
}

bool vtimer_dec_pending(const struct vtimer *t)
{
	return (t->tsr & TSR_DIS) && (t->tcr & TCR_DIE);
}

bool vtimer_fit_pending(const struct vtimer *t)
{
	return (t->tsr & TSR_FIS) && (t->tcr & TCR_FIE);
}

bool vtimer_wdt_pending(const struct vtimer *t)
{
	return (t->tsr & TSR_WIS) && (t->tcr & TCR_WIE);
}
