// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trap path: what the hypervisor does with each interrupt a guest takes.
 * The vectors (vectors.S) save the guest's registers and call trap_handle()
 * with the interrupt's IVOR number; its handler, from the one list of
 * interrupts (E500_INTERRUPTS, <arch/exits.h>), returns the exit kind the
 * statistics count; trap_resume() (resume.c) prepares the way back.
 */
#include <arch.h>
#include <arch/booke.h>
#include <arch/debug.h>
#include <arch/e500.h>
#include <arch/emulate.h>
#include <arch/fetch.h>
#include <arch/shadow.h>
#include <gdbstub.h>
#include <hcall.h>
#include <hvirq.h>
#include <partition.h>
#include <printf.h>
#include <sched.h>

#define EK_NAME(kind, name) [EK_##kind] = name,
#define EXIT_NAME(kind, name) [EXIT_##kind] = name,

const char *const arch_exit_names[EXIT_COUNT] = {
	E500_EMUL_KINDS(EK_NAME) E500_EXIT_KINDS(EXIT_NAME)
};

/* A program interrupt: emulate a privileged instruction, or reflect it. */
static unsigned int trap_program(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	struct vcpu_arch *a = &v->arch;
	struct emul_out out;
	uint32_t insn;

	/* A trap on one of the debug stub's breakpoints: the debugger's */
	if ((a->regs.esr & ESR_PTR) && gdbstub_breakpoint(v) &&
	    gdbstub_event(v, GDBSTUB_SWBREAK, 0))
		return EXIT_DEBUG;
	/*
	 * Trap, or anything in guest user mode: the guest's own. An illegal
	 * instruction in guest supervisor mode goes through the emulator too:
	 * QEMU's e500v2 raises illegal (not privileged) for rfmci, which the
	 * silicon implements; the emulator reflects what it does not know
	 * with ESR[PIL] as the core would.
	 */
	if (!(a->regs.esr & (ESR_PPR | ESR_PIL)) || (a->shared.msr & MSR_PR)) {
		a->shared.esr = a->regs.esr;
		booke_deliver(v, IVOR_PROGRAM, a->regs.pc);
		return EXIT_PROGRAM;
	}
	if (!vcpu_fetch_insn(v, &insn)) {
		partition_crash(v->part, "cannot fetch the instruction to emulate");
		return EK_OTHER;
	}
	switch (emul_insn(v, insn, &out)) {
	case EMUL_NEXT:
		a->regs.pc += 4;
		/* a debug step ends on the way back (trap_resume): not quiet then */
		*quiet = out.quiet && !a->dbg.msr;
		break;
	case EMUL_JUMP:
		break;
	case EMUL_PROGRAM:
		a->shared.esr = out.esr;
		booke_deliver(v, IVOR_PROGRAM, a->regs.pc);
		break;
	}
	return out.kind;
}

/* Storage-class interrupts the real core raised for the guest: its own. */
static unsigned int reflect(struct vcpu *v, unsigned int ivor, unsigned int kind)
{
	struct vcpu_arch *a = &v->arch;

	if (ivor == IVOR_DSI || ivor == IVOR_ALIGNMENT) {
		a->shared.dear = a->regs.dear;
		a->shared.esr = a->regs.esr;
	} else if (ivor == IVOR_ISI || ivor >= IVOR_SPE_UNAVAIL) {
		a->shared.esr = a->regs.esr;
	}
	booke_deliver(v, ivor, a->regs.pc);
	return kind;
}

static unsigned int trap_reflect(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	return reflect(v, ivor, EXIT_OTHER);
}

/* A storage interrupt: the guest's, unless it is a debug watch's page protection. */
static unsigned int trap_dsi(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	if (v->arch.dbg.nprot && debug_prot_fault(v, false))
		return EXIT_DEBUG;
	return reflect(v, ivor, EXIT_DSI);
}

static unsigned int trap_isi(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	if (v->arch.dbg.nprot && debug_prot_fault(v, true))
		return EXIT_DEBUG;
	return reflect(v, ivor, EXIT_ISI);
}

/*
 * sc: with r0 = "KVM!" from the guest kernel a hypercall (hcall.h), else
 * the guest's own system call. SRR0 already points after the sc.
 */
static unsigned int trap_syscall(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	uint32_t *gpr = v->arch.regs.gpr;

	if ((v->arch.shared.msr & MSR_PR) || gpr[0] != HCALL_MAGIC_R0)
		return reflect(v, ivor, EXIT_SYSCALL);
	hcall_dispatch(v, gpr[11], &gpr[3]);
	return EXIT_HCALL;
}

/* Console input, or another CPU's kick: input or events queued for this partition. */
static unsigned int trap_external(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	hvirq_handle();
	sched_note_event(v); /* it may have been for another vCPU of a shared core */
	partition_poll(v->part);
	return EXIT_EXTERNAL;
}

/* The real decrementer: the virtual timers are brought up to date on the way back. */
static unsigned int trap_decrementer(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	mtspr(SPR_TSR, TSR_DIS);
	v->arch.timer_dirty = true;
	return EXIT_DEC;
}

static unsigned int trap_dtlb_miss(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	return shadow_tlb_miss(v, false);
}

static unsigned int trap_itlb_miss(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	return shadow_tlb_miss(v, true);
}

static unsigned int trap_machine_check(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	partition_crash(v->part, "machine check on the real core");
	return EXIT_MCHECK;
}

/* The debug interrupt: the debug stub's single step, breakpoints, watchpoints. */
static unsigned int trap_debug(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	return debug_trap(v);
}

/* An interrupt beryl never enables for a guest (critical input, FIT, ...). */
static unsigned int trap_unexpected(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	pr_err("%s: unexpected interrupt %u at pc %08x\n", v->part->name, ivor, v->arch.regs.pc);
	partition_crash(v->part, "unexpected interrupt");
	return EXIT_OTHER;
}

/* The dispatch, a case per line of the list (a switch the compiler inlines into). */
#define TRAP_CASE(n, class, handler, entry)                                        \
	case n:                                                                    \
		return handler(v, n, quiet);

static unsigned int trap_dispatch(struct vcpu *v, unsigned int ivor, bool *quiet)
{
	switch (ivor) {
		E500_INTERRUPTS(TRAP_CASE)
	default:
		return trap_unexpected(v, ivor, quiet);
	}
}

struct vcpu *trap_handle(struct vcpu *v, unsigned int ivor)
{
	bool quiet = false;
	unsigned int kind = trap_dispatch(v, ivor, &quiet);

	stats_record(&v->stats, kind, mfspr(SPR_TBRL) - v->arch.regs.exit_tb);
	/* The trap path: an emulation that changed nothing trap_resume() looks at. */
	if (quiet)
		return v;
	return trap_resume(v);
}
