/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Book E state of one virtual CPU: the guest's registers while it is not
 * running on the real CPU, and every privileged register it believes it has.
 */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/gtlb.h>

/*
 * Registers a paravirtual guest may read and write without trapping. The
 * layout is Linux's struct kvm_vcpu_arch_shared (uapi/asm/kvm_para.h), so the
 * page can later be mapped into a guest as the KVM "magic page" unchanged.
 * Fields are 64-bit there; on this 32-bit core only the low word matters.
 */
struct vcpu_shared {
	uint64_t scratch1, scratch2, scratch3;
	uint64_t critical;
	uint64_t sprg0, sprg1, sprg2, sprg3;
	uint64_t srr0, srr1;
	uint64_t dear;
	uint64_t msr;
	uint32_t dsisr;
	uint32_t int_pending;
	uint32_t sr[16];
	uint32_t mas0, mas1;
	uint64_t mas7_3;
	uint64_t mas2;
	uint32_t mas4, mas6;
	uint32_t esr, pir;
	uint64_t sprg4, sprg5, sprg6, sprg7;
};

/* Virtual timer state (decrementer, FIT, watchdog). */
struct vtimer {
	uint32_t tcr, tsr, decar;
	uint64_t dec_deadline; /* timebase value at which DEC reaches 0 */
	uint32_t dec_frozen;   /* DEC value while stopped (reached 0 without ARE) */
	int dec_running;       /* 1 while counting down */
	uint64_t fit_next;     /* timebase value of the next FIT event */
	uint64_t wdt_next;     /* timebase value of the next watchdog event */
	/*
	 * The watchdog expired (the event that resets with TCR[WRC] != 0) at
	 * timebase wdt_expired_at; latched until the guest clears TSR[ENW] or
	 * TSR[WIS], so that one expiry is acted on once.
	 */
	bool wdt_expired;
	uint64_t wdt_expired_at;
};

/*
 * The frame entry.S saves on every exit and restores on every entry. Keep the
 * order in sync with asm-offsets.c (entry.S uses generated offsets).
 */
struct vcpu_regs {
	uint32_t gpr[32];
	uint32_t cr, lr, ctr, xer;
	uint32_t pc;   /* guest NIP: SRR0 at exit, where the guest resumes */
	uint32_t hmsr; /* real MSR the guest runs with (PR=1, IS=DS=1, EE=1) */
	uint32_t esr;  /* real ESR at exit (for DSI/program/...) */
	uint32_t dear; /* real DEAR at exit */
	uint32_t srr1; /* real SRR1 at exit (not guest-visible) */
	uint32_t exit_tb; /* low timebase word at exit, for the statistics */
};

#define VCPU_FETCH_CACHE 8 /* a power of 2 */
#define VCPU_DEBUG_PROT 4   /* watch points kept by page protection (debug.c) */

/*
 * What the debug stub asked of this vCPU (arch_debug_set(), debug.c): the
 * real debug registers its CPU loads while it runs, single step, and the
 * points watched by page protection on a core without IAC/DAC events.
 */
struct vcpu_debug {
	uint32_t msr; /* MSR_DE while an event is armed (the entry ORs it in), else 0 */
	uint32_t dbcr0, dbcr1, dbcr2, iac1, iac2, dac1, dac2;
	uint8_t dac_kind[2]; /* arch_hw_kind of the point in DAC1, DAC2 */
	bool step;           /* the debugger steps one instruction */
	bool over;           /* stepping over an access to a protected page */
	bool reload;         /* recorded while held: load it when released */
	bool flush;          /* the protected pages changed: drop the shadows */
	uint32_t step_pc;    /* where the instruction being stepped (over) is */
	uint32_t over_page;
	unsigned int nprot;
	struct {
		uint32_t addr, len;
		uint8_t kind;
	} prot[VCPU_DEBUG_PROT];
};

#define VCPU_MAGIC_PAGE_SIZE 4096

struct vcpu_arch {
	/*
	 * msr, srr0/1, sprg0-7, dear, esr, mas0-7, pir: alone in a page of its
	 * own, which a paravirtual guest maps as KVM's magic page
	 * (paravirt.c) and reads and writes directly; nothing else of the
	 * hypervisor's is in that page.
	 */
	union {
		struct vcpu_shared shared;
		uint8_t magic_page[VCPU_MAGIC_PAGE_SIZE];
	} __attribute__((aligned(VCPU_MAGIC_PAGE_SIZE)));
	struct vcpu_regs regs;
	/* where the guest mapped the magic page (effective address), 0: nowhere */
	uint32_t magic_ea;

	/* privileged registers not in the shared page */
	uint32_t csrr0, csrr1, mcsrr0, mcsrr1, dsrr0, dsrr1;
	uint32_t mcsr, mcar;
	uint32_t ivpr;
	uint32_t ivor[36]; /* 0-15 and 32-35; 16-31 unused */
	uint32_t pid[3];
	uint32_t pvr, svr;
	uint32_t hid0, hid1, l1csr0, l1csr1, bucsr, mmucsr0;
	uint32_t dbcr0, dbcr1, dbcr2, dbsr, iac1, iac2, dac1, dac2;
	uint32_t epr;

	struct vtimer timer;
	uint64_t timer_next; /* vtimer_next_event() when last computed */
	/*
	 * Some interrupt condition is asserted, deliverable or masked by the
	 * guest's MSR (as of the last vcpu_resume(): every change of timer or
	 * interrupt-controller state goes through it). 0 lets entry.S's fast
	 * path set MSR[EE] without looking further.
	 */
	uint32_t irq_hint;
	bool timer_dirty;    /* a timer register changed: recompute timer_next */

	/*
	 * On a shared core, what arch_vcpu_put() (vcpu.c) keeps while another
	 * vCPU has the core: its shadow context (shadow.c; valid while this
	 * CPU's shadow ids are of generation `sid_gen`), the user-accessible
	 * USPRG0, and, once its guest enabled SPE, the upper halves of the
	 * 64-bit GPRs, the accumulator and SPEFSCR.
	 */
	struct {
		uint32_t ctx_key, cur_sid, prev_key, prev_sid, sid_gen;
		uint32_t usprg0, spefscr;
		uint64_t spe[33] __attribute__((aligned(8))); /* r0-r31, ACC */
	} out;
	bool spe_used; /* its guest ran with MSR[SPV] (trap_resume()) */
	struct vcpu_debug dbg;

	struct gtlb tlb;
	/*
	 * Instruction pages fetched for emulation, direct mapped by effective
	 * page: (IS, PIDs, 4 KiB page) -> hypervisor address. Dropped with the
	 * shadow TLB, i.e. whenever the guest changes a translation.
	 */
	struct {
		uint32_t key, page;
		uintptr_t va; /* 0: empty */
	} fetch[VCPU_FETCH_CACHE];
};

#endif /* ARCH_VCPU_H */
