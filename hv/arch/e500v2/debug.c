// SPDX-License-Identifier: GPL-2.0-only
/*
 * The e500v2's debug facility for the debug stub (arch/debug.h).
 *
 * Single step: DBCR0[ICMP] with the real MSR[DE] set while the guest runs;
 * the debug interrupt after the instruction completes ends the step. An
 * instruction the hypervisor completes for the guest (an emulated one) or
 * that gives the guest an interrupt never raises the event: the step ends
 * there too, when the guest's pc has moved (debug_resume()). While a step
 * is armed the program fast path is off (the fetch cache stays empty), so
 * every emulated instruction comes back through trap_resume().
 *
 * Hardware breakpoints and watchpoints: where the core raises IAC and DAC
 * events (debug_probe() checks at boot), on IAC1/IAC2 and DAC1/DAC2 for
 * user mode only (the guest always runs with the real MSR[PR] = 1, the
 * hypervisor never does). Where it does not (QEMU 7.2's e500v2), by page
 * protection: the shadows of a watched page lack the permission the
 * watched access needs, the real DSI or ISI comes here, and an access that
 * is not watched is stepped over with the page unprotected for one
 * instruction.
 *
 * Guests have no debug facility of their own: their DBCR/IAC/DAC/DBSR are
 * stored by the emulator and never reach the core, so none of this can be
 * armed, disarmed or observed by a guest.
 */
#include <arch.h>
#include <arch/booke.h>
#include <arch/debug.h>
#include <arch/fetch.h>
#include <arch/gtlb.h>
#include <arch/mmio_decode.h>
#include <arch/shadow.h>
#include <gdbstub.h>
#include <partition.h>
#include <printf.h>

static bool debug_has_compare; /* the core raises IAC and DAC events */

static volatile uint32_t debug_probe_word;

static void __attribute__((noinline)) debug_probe_target(void)
{
	debug_probe_word++;
}

void debug_probe(void)
{
	uint32_t dbsr;

	mtspr(SPR_DBCR0, 0);
	mtspr(SPR_DBCR1, 0);
	mtspr(SPR_DBCR2, 0);
	mtspr(SPR_DBSR, 0xFFFFFFFFu);
	mtspr(SPR_IAC1, (uint32_t)(uintptr_t)debug_probe_target);
	mtspr(SPR_DAC1, (uint32_t)(uintptr_t)&debug_probe_word);
	isync();
	/* MSR[DE] is 0 here: the events are recorded in DBSR, never taken */
	mtspr(SPR_DBCR0, DBCR0_IDM | DBCR0_IAC1 | DBCR0_DAC1W);
	isync();
	debug_probe_target();
	msync();
	isync();
	dbsr = mfspr(SPR_DBSR);
	mtspr(SPR_DBCR0, 0);
	isync();
	mtspr(SPR_DBSR, 0xFFFFFFFFu);
	debug_has_compare = (dbsr & DBSR_IAC1) && (dbsr & DBSR_DAC1W);
	pr_debug("debug: hardware breakpoints and watchpoints %s\n",
		 debug_has_compare ? "on IAC/DAC" : "by page protection (no IAC/DAC events)");
}

static bool debug_overlap(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return (uint64_t)a < (uint64_t)b + blen && (uint64_t)b < (uint64_t)a + alen;
}

bool arch_debug_hw_fits(const struct arch_hw_point *have, unsigned int n,
			const struct arch_hw_point *add)
{
	unsigned int i, exec = 0, data = 0;

	if (!add->len || (uint64_t)add->addr + add->len > 1ull << 32 ||
	    add->kind < ARCH_HW_EXEC || add->kind > ARCH_HW_ACCESS)
		return false;
	if (!debug_has_compare)
		return n < VCPU_DEBUG_PROT;
	for (i = 0; i < n; i++) {
		if (have[i].kind == ARCH_HW_EXEC)
			exec++;
		else
			data++;
	}
	/* DAC compares the address an access starts at: a variable, not a range */
	if (add->kind == ARCH_HW_EXEC)
		return exec < 2;
	return data < 2 && add->len <= 8;
}

void arch_debug_set(struct vcpu *v, bool step, const struct arch_hw_point *pts, unsigned int n)
{
	static const uint32_t iac[2] = { DBCR0_IAC1, DBCR0_IAC2 };
	static const uint32_t iac_us[2] = { DBCR1_IAC1US_USER, DBCR1_IAC2US_USER };
	static const uint32_t dac_r[2] = { DBCR0_DAC1R, DBCR0_DAC2R };
	static const uint32_t dac_w[2] = { DBCR0_DAC1W, DBCR0_DAC2W };
	static const uint32_t dac_us[2] = { DBCR2_DAC1US_USER, DBCR2_DAC2US_USER };
	struct vcpu_debug *d = &v->arch.dbg;
	unsigned int i, nexec = 0, ndata = 0, nprot = 0;
	uint32_t dbcr0 = 0;
	bool same = true;

	d->dbcr1 = d->dbcr2 = 0;
	d->iac1 = d->iac2 = d->dac1 = d->dac2 = 0;
	for (i = 0; i < n; i++) {
		const struct arch_hw_point *p = &pts[i];

		if (!debug_has_compare) {
			if (nprot == VCPU_DEBUG_PROT)
				break;
			same = same && nprot < d->nprot && d->prot[nprot].addr == p->addr &&
			       d->prot[nprot].len == p->len && d->prot[nprot].kind == p->kind;
			d->prot[nprot].addr = p->addr;
			d->prot[nprot].len = p->len;
			d->prot[nprot++].kind = (uint8_t)p->kind;
		} else if (p->kind == ARCH_HW_EXEC && nexec < 2) {
			*(nexec ? &d->iac2 : &d->iac1) = p->addr;
			dbcr0 |= iac[nexec];
			d->dbcr1 |= iac_us[nexec++];
		} else if (p->kind != ARCH_HW_EXEC && ndata < 2) {
			*(ndata ? &d->dac2 : &d->dac1) = p->addr;
			if (p->kind != ARCH_HW_READ)
				dbcr0 |= dac_w[ndata];
			if (p->kind != ARCH_HW_WRITE)
				dbcr0 |= dac_r[ndata];
			d->dac_kind[ndata] = (uint8_t)p->kind;
			d->dbcr2 |= dac_us[ndata++];
		}
	}
	/* the shadows of protected pages go when the list changes (or a step-over was cut short) */
	d->flush = d->flush || !same || nprot != d->nprot || d->over;
	d->nprot = nprot;
	d->step = step;
	d->over = false;
	if (step)
		dbcr0 |= DBCR0_ICMP;
	d->dbcr0 = dbcr0 ? dbcr0 | DBCR0_IDM : 0;
	d->msr = dbcr0 ? MSR_DE : 0;
	d->reload = true;
}

void debug_load(struct vcpu *v)
{
	struct vcpu_debug *d = &v->arch.dbg;

	if (!d->reload)
		return;
	d->reload = false;
	mtspr(SPR_DBCR0, 0);
	isync();
	mtspr(SPR_DBSR, 0xFFFFFFFFu);
	mtspr(SPR_IAC1, d->iac1);
	mtspr(SPR_IAC2, d->iac2);
	mtspr(SPR_DAC1, d->dac1);
	mtspr(SPR_DAC2, d->dac2);
	mtspr(SPR_DBCR1, d->dbcr1);
	mtspr(SPR_DBCR2, d->dbcr2);
	mtspr(SPR_DBCR0, d->dbcr0);
	isync();
	d->step_pc = v->arch.regs.pc;
	if (d->flush) {
		d->flush = false;
		shadow_flush(v);
	}
}

/* Nothing armed but what is left: the real DBCR0 and MSR[DE] follow. */
static void debug_rearm(struct vcpu_debug *d)
{
	if (!(d->dbcr0 & ~DBCR0_IDM))
		d->dbcr0 = 0;
	d->msr = d->dbcr0 ? MSR_DE : 0;
	mtspr(SPR_DBCR0, d->dbcr0);
	isync();
}

/* The instruction being stepped (over) completed, or the guest's pc moved. */
static void debug_step_done(struct vcpu *v)
{
	struct vcpu_debug *d = &v->arch.dbg;

	if (d->over) {
		d->over = false;
		shadow_inval(v, d->over_page, 0x1000); /* protected again */
	}
	d->dbcr0 &= ~DBCR0_ICMP;
	if (d->step) {
		d->step = false;
		gdbstub_event(v, GDBSTUB_STEP, 0);
	}
	debug_rearm(d);
	d->step_pc = v->arch.regs.pc;
}

void debug_resume(struct vcpu *v)
{
	struct vcpu_debug *d = &v->arch.dbg;

	if ((d->step || d->over) && v->arch.regs.pc != d->step_pc)
		debug_step_done(v);
}

static enum gdbstub_stop debug_watch_kind(unsigned int kind)
{
	return kind == ARCH_HW_WRITE ? GDBSTUB_WATCH :
	       kind == ARCH_HW_READ ? GDBSTUB_RWATCH : GDBSTUB_AWATCH;
}

unsigned int debug_trap(struct vcpu *v)
{
	struct vcpu_debug *d = &v->arch.dbg;
	uint32_t dbsr = mfspr(SPR_DBSR) & d->dbcr0;
	bool told = true;

	mtspr(SPR_DBSR, 0xFFFFFFFFu);
	if (dbsr & DBSR_ICMP)
		debug_step_done(v);
	else if (dbsr & (DBSR_IAC1 | DBSR_IAC2))
		told = gdbstub_event(v, GDBSTUB_HWBREAK, 0);
	else if (dbsr & (DBSR_DAC1R | DBSR_DAC1W))
		told = gdbstub_event(v, debug_watch_kind(d->dac_kind[0]), d->dac1);
	else if (dbsr & (DBSR_DAC2R | DBSR_DAC2W))
		told = gdbstub_event(v, debug_watch_kind(d->dac_kind[1]), d->dac2);
	if (!told) { /* nobody listens: the event would come back at once */
		d->dbcr0 &= DBCR0_ICMP | DBCR0_IDM;
		debug_rearm(d);
	}
	return EXIT_DEBUG;
}

uint32_t debug_prot_perms(const struct vcpu *v, uint32_t ea)
{
	const struct vcpu_debug *d = &v->arch.dbg;
	uint32_t page = ea & ~0xFFFu, clear = 0;
	unsigned int i;

	if (d->over && page == d->over_page)
		return 0;
	for (i = 0; i < d->nprot; i++) {
		if (!debug_overlap(page, 0x1000, d->prot[i].addr, d->prot[i].len))
			continue;
		switch (d->prot[i].kind) {
		case ARCH_HW_EXEC:
			clear |= MAS3_UX | MAS3_SX;
			break;
		case ARCH_HW_WRITE:
			clear |= MAS3_UW | MAS3_SW;
			break;
		case ARCH_HW_READ:
			clear |= MAS3_UR | MAS3_SR;
			break;
		default:
			clear |= MAS3_UR | MAS3_SR | MAS3_UW | MAS3_SW;
			break;
		}
	}
	return clear;
}

/* Bytes the load or store at the guest's pc accesses (4 if it is not a plain one). */
static uint32_t debug_access_size(struct vcpu *v)
{
	struct mmio_insn m;
	uint32_t insn;

	if (vcpu_fetch_insn(v, &insn) && mmio_decode(insn, &m))
		return m.size;
	return 4;
}

bool debug_prot_fault(struct vcpu *v, bool ifetch)
{
	struct vcpu_arch *a = &v->arch;
	struct vcpu_debug *d = &a->dbg;
	uint32_t ea = ifetch ? a->regs.pc : a->regs.dear, size, need;
	bool store = !ifetch && (a->regs.esr & ESR_ST);
	struct gtlb_ctx ctx = {
		.pid = { a->pid[0], a->pid[1], a->pid[2] },
		.as = (a->shared.msr & (ifetch ? MSR_IS : MSR_DS)) != 0,
	};
	enum gdbstub_stop why = 0;
	struct gtlb_hit hit;
	unsigned int i;

	if (!debug_prot_perms(v, ea) || !gtlb_lookup(&a->tlb, &ctx, ea, &hit))
		return false;
	need = ifetch ? MAS3_SX : store ? MAS3_SW : MAS3_SR;
	if (a->shared.msr & MSR_PR)
		need <<= 1;
	if (!(hit.entry->mas3 & need))
		return false; /* the guest's own protection */
	size = ifetch ? 4 : debug_access_size(v);
	for (i = 0; i < d->nprot && !why; i++) {
		if (!debug_overlap(ea, size, d->prot[i].addr, d->prot[i].len))
			continue;
		if (d->prot[i].kind == ARCH_HW_EXEC)
			why = ifetch ? GDBSTUB_HWBREAK : 0;
		else if (!ifetch && (d->prot[i].kind == ARCH_HW_ACCESS ||
				     (d->prot[i].kind == ARCH_HW_WRITE) == store))
			why = debug_watch_kind(d->prot[i].kind);
	}
	if (why && gdbstub_event(v, why, ifetch ? 0 : ea))
		return true;
	/* not a watched access: step over it with the page unprotected */
	d->over = true;
	d->over_page = ea & ~0xFFFu;
	d->step_pc = a->regs.pc;
	shadow_inval(v, d->over_page, 0x1000);
	vcpu_fetch_cache_drop(v);
	d->dbcr0 |= DBCR0_IDM | DBCR0_ICMP;
	d->msr = MSR_DE;
	mtspr(SPR_DBCR0, d->dbcr0);
	isync();
	return true;
}
