/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's Book E timer facilities, derived from the real timebase: the
 * decrementer (DEC, DECAR, TCR[DIE/ARE], TSR[DIS]), the fixed-interval timer
 * (TCR[FP/FPEXT/FIE], TSR[FIS]) and the watchdog state machine (TCR[WP/WPEXT/
 * WRC/WIE], TSR[ENW/WIS/WRS]). Pure logic: every function takes the current
 * timebase value, so it is unit-tested on the host.
 */
#ifndef ARCH_VTIMER_H
#define ARCH_VTIMER_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/vcpu.h>

/* Result bits of vtimer_update() */
/*
 * The watchdog expired: an event with TSR[ENW] and TSR[WIS] set and
 * TCR[WRC] != 0, at timebase wdt_expired_at. Reported once per expiry.
 */
#define VTIMER_WDT_RESET 0x1

/* Power-on state: DEC 0 and stopped, TCR 0, TSR 0. */
void vtimer_init(struct vtimer *t, uint64_t now);

uint32_t vtimer_read_dec(struct vtimer *t, uint64_t now);
void vtimer_write_dec(struct vtimer *t, uint32_t val, uint64_t now);
void vtimer_write_decar(struct vtimer *t, uint32_t val);
void vtimer_write_tcr(struct vtimer *t, uint32_t val, uint64_t now);
/* TSR is write-one-to-clear. */
void vtimer_write_tsr(struct vtimer *t, uint32_t val, uint64_t now);

/*
 * Bring the state up to now: TSR[DIS] when the decrementer passed 1 -> 0
 * (reloading from DECAR when TCR[ARE]), TSR[FIS] on a 0 -> 1 transition of
 * the FIT bit, watchdog ENW/WIS steps. Returns VTIMER_* bits.
 */
int vtimer_update(struct vtimer *t, uint64_t now);

/*
 * Like vtimer_update() but never takes a watchdog reset: an event that would
 * reset stays due for the next vtimer_update(). For the emulator, which
 * brings the state up to now before a guest reads TCR/TSR or writes DECAR.
 */
void vtimer_sync(struct vtimer *t, uint64_t now);

/*
 * The vCPU was held (paused, stopped by its debugger) from timebase `from`
 * to `to`, its timers last brought up to `from`: the decrementer goes on
 * from the value it had, and FIT and watchdog events of the time held are
 * skipped, so nothing of that time fires into the guest.
 */
void vtimer_skip(struct vtimer *t, uint64_t from, uint64_t to);

/* Timebase value of the next state change, UINT64_MAX if none is armed. */
uint64_t vtimer_next_event(const struct vtimer *t);

/*
 * The decrementer's reload period (DECAR) when the event at `next` is its
 * expiry and it reloads from there (TCR[ARE], DECAR != 0), else 0: a real
 * decrementer with the same auto-reload then follows it by itself.
 */
uint32_t vtimer_dec_period(const struct vtimer *t, uint64_t next);

/* Interrupt conditions (TSR status AND TCR enable); MSR gating is the caller's. */
bool vtimer_dec_pending(const struct vtimer *t);
bool vtimer_fit_pending(const struct vtimer *t);
bool vtimer_wdt_pending(const struct vtimer *t);

#endif /* ARCH_VTIMER_H */
