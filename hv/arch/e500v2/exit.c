// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trap path: what the hypervisor does with each interrupt a guest takes,
 * and what it checks before returning to the guest.
 */
#include <arch/cpu.h>
#include <arch/emulate.h>
#include <arch/exits.h>
#include <arch/percpu.h>
#include <arch/vcpu_ops.h>
#include <arch/vtimer.h>
#include <hcall.h>
#include <hvirq.h>
#include <partition.h>
#include <printf.h>
#include <sched.h>

const char *const arch_exit_names[EXIT_COUNT] = {
	[EK_MFMSR] = "mfmsr",       [EK_MTMSR] = "mtmsr",         [EK_WRTEE] = "wrtee",
	[EK_RFI] = "rfi",           [EK_RFCI] = "rfci",           [EK_RFMCI] = "rfmci",
	[EK_MFSPR] = "mfspr",       [EK_MTSPR] = "mtspr",         [EK_TLBWE] = "tlbwe",
	[EK_TLBRE] = "tlbre",       [EK_TLBSX] = "tlbsx",         [EK_TLBIVAX] = "tlbivax",
	[EK_TLBSYNC] = "tlbsync",   [EK_CACHE] = "cache-op",      [EK_OTHER] = "illegal",
	[EXIT_DTLB_FILL] = "dtlb-fill", [EXIT_DTLB_GUEST] = "dtlb-guest",
	[EXIT_ITLB_FILL] = "itlb-fill", [EXIT_ITLB_GUEST] = "itlb-guest",
	[EXIT_MMIO] = "mmio",       [EXIT_DSI] = "dsi",           [EXIT_ISI] = "isi",
	[EXIT_SYSCALL] = "syscall", [EXIT_HCALL] = "hcall", [EXIT_PROGRAM] = "program",   [EXIT_DEC] = "timer",
	[EXIT_EXTERNAL] = "external", [EXIT_MCHECK] = "machine-check", [EXIT_OTHER] = "other",
};

uint64_t hv_timebase(void)
{
	return arch_timebase();
}

/* A program interrupt: emulate a privileged instruction, or reflect it. */
static unsigned int exit_program(struct vcpu *v, bool *quiet)
{
	struct vcpu_arch *a = &v->arch;
	struct emul_out out;
	uint32_t insn;

	/*
	 * Trap, or anything in guest user mode: the guest's own. An illegal
	 * instruction in guest supervisor mode goes through the emulator too:
	 * QEMU's e500v2 raises illegal (not privileged) for rfmci, which the
	 * silicon implements; the emulator reflects what it does not know
	 * with ESR[PIL] as the core would.
	 */
	if (!(a->regs.esr & (ESR_PPR | ESR_PIL)) || (a->shared.msr & MSR_PR)) {
		a->shared.esr = a->regs.esr;
		vcpu_deliver(v, IVOR_PROGRAM, a->regs.pc);
		return EXIT_PROGRAM;
	}
	if (!vcpu_fetch_insn(v, &insn)) {
		partition_crash(v->part, "cannot fetch the instruction to emulate");
		return EK_OTHER;
	}
	switch (emul_insn(v, insn, &out)) {
	case EMUL_NEXT:
		a->regs.pc += 4;
		*quiet = out.quiet;
		break;
	case EMUL_JUMP:
		break;
	case EMUL_PROGRAM:
		a->shared.esr = out.esr;
		vcpu_deliver(v, IVOR_PROGRAM, a->regs.pc);
		break;
	}
	return out.kind;
}

/* Storage-class interrupts the real core raised for the guest: its own. */
static unsigned int exit_reflect(struct vcpu *v, unsigned int ivor, unsigned int kind)
{
	struct vcpu_arch *a = &v->arch;

	if (ivor == IVOR_DSI || ivor == IVOR_ALIGNMENT) {
		a->shared.dear = a->regs.dear;
		a->shared.esr = a->regs.esr;
	} else if (ivor == IVOR_ISI || ivor >= IVOR_SPE_UNAVAIL) {
		a->shared.esr = a->regs.esr;
	}
	vcpu_deliver(v, ivor, a->regs.pc);
	return kind;
}

/* sc with r0 = "KVM!" from the guest kernel: a hypercall (hcall.h). */
static unsigned int exit_hcall(struct vcpu *v)
{
	uint32_t *gpr = v->arch.regs.gpr;

	hcall_dispatch(v, gpr[11], &gpr[3]);
	return EXIT_HCALL;
}

/* Console input, or another CPU's kick: input queued for this partition. */
static unsigned int __attribute__((noinline)) exit_external(struct vcpu *v)
{
	hvirq_handle();
	partition_console_take(v->part);
	return EXIT_EXTERNAL;
}

static unsigned int exit_dispatch(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	switch (ivor) {
	case IVOR_PROGRAM:
		return exit_program(v, quiet);
	case IVOR_DTLB_MISS:
		return shadow_tlb_miss(v, false);
	case IVOR_ITLB_MISS:
		return shadow_tlb_miss(v, true);
	case IVOR_DSI:
		return exit_reflect(v, ivor, EXIT_DSI);
	case IVOR_ISI:
		return exit_reflect(v, ivor, EXIT_ISI);
	case IVOR_SYSCALL: /* SRR0 already points after the sc */
		if (!(v->arch.shared.msr & MSR_PR) && v->arch.regs.gpr[0] == HCALL_MAGIC_R0)
			return exit_hcall(v);
		return exit_reflect(v, ivor, EXIT_SYSCALL);
	case IVOR_ALIGNMENT:
	case IVOR_FP_UNAVAIL:
	case IVOR_AP_UNAVAIL:
	case IVOR_SPE_UNAVAIL:
	case IVOR_SPE_FP_DATA:
	case IVOR_SPE_FP_ROUND:
		return exit_reflect(v, ivor, EXIT_OTHER);
	case IVOR_DECREMENTER:
		mtspr(SPR_TSR, TSR_DIS); /* the real one; virtual timers follow below */
		v->arch.timer_dirty = true;
		return EXIT_DEC;
	case IVOR_EXTERNAL:
		return exit_external(v);
	case IVOR_MACHINE_CHECK:
		partition_crash(v->part, "machine check on the real core");
		return EXIT_MCHECK;
	default:
		pr_err("%s: unexpected interrupt %u at pc %08x\n", v->part->name, ivor,
		       v->arch.regs.pc);
		partition_crash(v->part, "unexpected interrupt");
		return EXIT_OTHER;
	}
}

/* Deliver the highest-priority virtual interrupt the guest's MSR allows. */
static bool deliver_pending(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t msr = (uint32_t)a->shared.msr;

	if ((msr & MSR_CE) && vtimer_wdt_pending(&a->timer)) {
		vcpu_deliver_critical(v, IVOR_WATCHDOG, a->regs.pc);
		return true;
	}
	if (!(msr & MSR_EE))
		return false;
	if (partition_irq_pending(v)) {
		uint32_t vector;

		if (partition_irq_coreint(v, &vector))
			a->epr = vector;
		vcpu_deliver(v, IVOR_EXTERNAL, a->regs.pc);
		return true;
	}
	if (vtimer_fit_pending(&a->timer)) {
		vcpu_deliver(v, IVOR_FIT, a->regs.pc);
		return true;
	}
	if (vtimer_dec_pending(&a->timer)) {
		vcpu_deliver(v, IVOR_DECREMENTER, a->regs.pc);
		return true;
	}
	return false;
}

static bool vcpu_wants_idle(const struct vcpu *v)
{
	return (v->arch.shared.msr & MSR_WE) &&
	       (v->arch.hid0 & (HID0_DOZE | HID0_NAP | HID0_SLEEP));
}

/* Program the real decrementer for the next virtual timer event. */
static void timer_program(uint64_t next, uint64_t now)
{
	uint64_t delta = next > now ? next - now : 1;

	mtspr(SPR_DEC, delta > 0x7FFFFFFFull ? 0x7FFFFFFFu : (uint32_t)delta);
}

static void timers_update(struct vcpu *v, uint64_t now)
{
	if (vtimer_update(&v->arch.timer, now) & VTIMER_WDT_RESET)
		partition_crash(v->part, "watchdog reset");
}

/* Wait (real MSR[WE], woken by the decrementer) until an interrupt is due. */
static void vcpu_idle(struct vcpu *v)
{
	partition_console_take(v->part);
	while (v->part->state == PART_RUNNING && !deliver_pending(v)) {
		uint64_t now = arch_timebase(), next = vtimer_next_event(&v->arch.timer);

		if (next <= now) {
			timers_update(v, now);
			continue;
		}
		timer_program(next, now);
		arch_cpu_wait();
		hvirq_handle();
		partition_console_take(v->part);
		timers_update(v, arch_timebase());
	}
	v->arch.timer_dirty = true;
}

struct vcpu *vcpu_resume(struct vcpu *v)
{
	struct vcpu_arch *a = &v->arch;

	/*
	 * The trap path: timers are only brought up to date when the guest
	 * changed a timer register or the real decrementer, which counts
	 * towards timer_next, expired (EXIT_DEC sets timer_dirty).
	 */
	if (a->timer_dirty)
		timers_update(v, arch_timebase());
	deliver_pending(v);
	if (vcpu_wants_idle(v))
		vcpu_idle(v);
	if (v->part->state != PART_RUNNING)
		v = sched_vcpu_stopped(v);
	shadow_prepare_entry(v);
	a = &v->arch;
	a->regs.hmsr = MSR_PR | MSR_IS | MSR_DS | MSR_EE | MSR_ME |
		       ((uint32_t)a->shared.msr & MSR_SPV);
	if (a->timer_dirty) {
		a->timer_dirty = false;
		a->timer_next = vtimer_next_event(&a->timer);
		timer_program(a->timer_next, arch_timebase());
	}
	a->irq_hint = vtimer_dec_pending(&a->timer) || vtimer_fit_pending(&a->timer) ||
		      vtimer_wdt_pending(&a->timer) || partition_irq_pending(v);
	return v;
}

struct vcpu *vcpu_exit(struct vcpu *v, unsigned int ivor)
{
	bool quiet = false;
	unsigned int kind = exit_dispatch(v, ivor, &quiet);

	stats_record(&v->stats, kind, mfspr(SPR_TBRL) - v->arch.regs.exit_tb);
	/* The trap path: an emulation that changed nothing vcpu_resume() looks at. */
	if (quiet)
		return v;
	return vcpu_resume(v);
}
