/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The architecture contract: everything generic code (hv/core, hv/vdev,
 * hv/drivers, hv/lib) asks of the processor core beryl runs on, and the only
 * arch header generic code includes. Each core implements it under
 * hv/arch/<core>/ (chosen with `make CORE=...`), on top of what every Book E
 * core shares in hv/arch/booke/; docs/architecture.md says file by file
 * where a new core plugs in.
 *
 * The other direction, what the arch code calls in the generic code when a
 * guest traps (the partition's memory map, its devices, hypercalls, the
 * scheduler), is the generic API of mmio.h, partition.h, hcall.h, sched.h
 * and virq.h.
 *
 * Some hooks are static inline (a few instructions each); they are declared
 * here and defined by the core's headers included at the end.
 */
#ifndef ARCH_H
#define ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arch_thread;
struct vcpu;
struct vcpu_start;

/* ---------------------------------------------------------------- CPU */

/* Set up this physical CPU: its per-CPU block, exception vectors, timers. */
void arch_cpu_init(unsigned int cpu);
/* The physical CPU running this code. */
static inline unsigned int arch_cpu_id(void);
/* The free-running 64-bit timebase (platform.tb_freq ticks a second). */
static inline uint64_t arch_timebase(void);
/* Doze until an interrupt (external or timer) arrives, then return. */
static inline void arch_cpu_wait(void);
/* The same, but at most `ticks` timebase ticks. */
static inline void arch_cpu_wait_ticks(uint32_t ticks);
/* Sleep for good: nothing wakes this CPU again. */
static inline void arch_cpu_sleep(void) __attribute__((noreturn));
/* Interrupts off for good (after a failed power-off). */
void arch_cpu_halt(void) __attribute__((noreturn));
/* Where a secondary CPU released through its ePAPR spin table enters beryl
 * (with r3 = its CPU number). */
uintptr_t arch_secondary_entry(void);

/* ------------------------------------------------------------- memory */

/*
 * The hypervisor's own translations, on the boot CPU: RAM from physical 0
 * one-to-one (as much of direct_size as the core can map) and the SoC
 * register block. Returns the bytes of RAM mapped one-to-one; *ccsr_va is
 * where the register block appears.
 */
uint64_t arch_mem_init(uint64_t direct_size, uint64_t ccsr_pa, uint64_t ccsr_size,
		       uintptr_t *ccsr_va);
/* The same translations on a secondary CPU. */
void arch_mem_init_cpu(void);
/*
 * Map the block of physical memory holding pa on this CPU (coherent,
 * cacheable) until arch_mem_window_unmap(); returns pa's address, and in
 * *avail the bytes mapped from there (hvmem.h uses it).
 */
uintptr_t arch_mem_window_map(uint64_t pa, uint64_t *avail);
void arch_mem_window_unmap(void);
/* Make code just written to [p, p + len) visible to instruction fetch. */
static inline void arch_sync_icache(const void *p, uint32_t len);
/* Write [p, p + len) back to memory (another core may read it uncached). */
static inline void arch_dcache_flush(const volatile void *p, uint32_t len);

/* Device registers (cache-inhibited mappings), ordered. */
static inline uint8_t arch_mmio_read8(uintptr_t a);
static inline uint32_t arch_mmio_read32(uintptr_t a);
static inline void arch_mmio_write8(uintptr_t a, uint8_t v);
static inline void arch_mmio_write32(uintptr_t a, uint32_t v);

/* ----------------------------------------------------------------- SMP */

/* Full barrier: stores before it are seen by every core before later accesses. */
static inline void arch_smp_mb(void);
/* Set *lock from 0 to 1 (acquire); false if it was taken. */
static inline bool arch_spin_trylock(volatile uint32_t *lock);
/* Release a lock taken with arch_spin_trylock(). */
static inline void arch_spin_unlock(volatile uint32_t *lock);

/* --------------------------------------------------------------- vCPUs */

/*
 * struct vcpu_arch, the core's state of one vCPU, comes from <arch/vcpu.h>
 * and is the first member of struct vcpu (vcpu.h).
 */

/* Reset v to the ePAPR boot state s (pc, r3, PIR, the initial mapping). */
void arch_vcpu_reset(struct vcpu *v, const struct vcpu_start *s);
/* Enter v's guest on this CPU for the first time; never returns. */
void arch_vcpu_run(struct vcpu *v) __attribute__((noreturn));
/* Forget every translation derived from v's guest TLB on this CPU. */
void arch_vcpu_flush_tlb(struct vcpu *v);

/* ------------------------------------------------------- shared cores */

/*
 * On a shared core (sched.h) every vCPU is a hypervisor thread with its
 * own stack; struct arch_thread, from <arch/thread.h>, is what a switched
 * out one keeps. The scheduler (core/sched_core.c) decides; these hooks
 * switch.
 */
/* Make t run fn(arg) on [stack, stack + size) when it is first switched to. */
void arch_thread_init(struct arch_thread *t, void *stack, size_t size, void (*fn)(void *),
		      void *arg);
/* t is the code running now, on this CPU's own stack (the core's idle thread). */
void arch_thread_init_self(struct arch_thread *t);
/*
 * Save the running thread into from and continue to; returns when a switch
 * goes back to from. From here on, traps from the guest run on to's stack.
 */
void arch_thread_switch(struct arch_thread *from, struct arch_thread *to);
/*
 * v leaves this CPU, and the vCPU w comes on (called on the way from v's
 * thread to w's, before arch_thread_switch()): the core state of a vCPU
 * that is not in its trap frame moves with them, and nothing of v is left
 * for w to see: the shadow MMU context (ids per vCPU, nothing flushed),
 * user-accessible registers, the reservation. arch_vcpu_load() also makes
 * w's next entry program the real decrementer afresh, for the earlier of
 * w's next virtual timer event and the core's deadline (sched_deadline()),
 * which the trap path always honours on a shared core.
 */
void arch_vcpu_put(struct vcpu *v);
void arch_vcpu_load(struct vcpu *w);
/* v's next virtual timer event (timebase; UINT64_MAX: none armed). */
uint64_t arch_vcpu_next_event(const struct vcpu *v);
/*
 * v, not running, may take an interrupt at now: a virtual timer event is
 * due, or an interrupt its MSR allows is asserted (its virtual interrupt
 * controller, a timer status bit).
 */
bool arch_vcpu_wake_due(const struct vcpu *v, uint64_t now);

/*
 * v leaves sched_vcpu_hold() (sched.h) after being held out of its guest
 * from timebase `from` to `to`: its virtual timers go on from where they
 * stood (no event of the time held is delivered), and what the debugger
 * changed meanwhile takes effect on this CPU (code it wrote, breakpoints,
 * single step).
 */
void arch_vcpu_unhold(struct vcpu *v, uint64_t from, uint64_t to);

/*
 * The core's own paravirtual hypercalls (e500v2: KVM's, as Linux's
 * CONFIG_KVM_GUEST uses them). True if token is one of them (the results
 * are in r[]: r[0] the status); false to let the generic dispatcher go on.
 */
bool arch_hcall(struct vcpu *v, uint32_t token, uint32_t r[8]);

/*
 * Exit statistics: kinds 0 .. ARCH_EXIT_COUNT-1 (stats.h), named by
 * arch_exit_names[].
 */
extern const char *const arch_exit_names[];

/* ----------------------------------------------------------- debugging */

/*
 * What the debug stub (gdbstub.c) and the shell ask of the core about a
 * vCPU, which the stub only touches while the vCPU is held (sched.h).
 * Events go back to the stub through gdbstub_event() and
 * gdbstub_breakpoint() (gdbstub.h).
 */

/*
 * The guest-physical address that effective address ea has for v: its
 * data translation (MSR[DS]) or, ifetch, its instruction translation
 * (MSR[IS]), in its current PIDs. False: nothing maps ea.
 */
bool arch_guest_translate(struct vcpu *v, uint32_t ea, bool ifetch, uint64_t *gpa);

/*
 * gdb's view of the registers: the target description file `annex`
 * (qXfer:features:read; "target.xml" first), its length in *len; NULL if
 * there is no such file. Registers are numbered as the description numbers
 * them; arch_gdb_regs[] lists them in the order of the 'g' packet.
 */
const char *arch_gdb_xml(const char *annex, unsigned int *len);
extern const uint8_t arch_gdb_regs[];
extern const unsigned int arch_gdb_nregs;
/* Register regnum of v (4 bytes each); false if there is none (or it is read-only). */
bool arch_gdb_reg_get(struct vcpu *v, unsigned int regnum, uint32_t *val);
bool arch_gdb_reg_set(struct vcpu *v, unsigned int regnum, uint32_t val);

/* The instruction a software breakpoint writes (ARCH_BREAK_INSN, 4 bytes, <arch/cpu.h>). */

/* A hardware breakpoint or watchpoint (gdb's Z1 to Z4, same numbers). */
enum arch_hw_kind { ARCH_HW_EXEC = 1, ARCH_HW_WRITE, ARCH_HW_READ, ARCH_HW_ACCESS };
struct arch_hw_point {
	uint32_t addr, len;
	enum arch_hw_kind kind;
};
/* Can the core watch `add` beside the n points a partition has? */
bool arch_debug_hw_fits(const struct arch_hw_point *have, unsigned int n,
			const struct arch_hw_point *add);
/*
 * v (held) is to run with the partition's n hardware points and, if step,
 * stop after one instruction: recorded now, loaded into the core when it
 * leaves its hold (arch_vcpu_unhold()).
 */
void arch_debug_set(struct vcpu *v, bool step, const struct arch_hw_point *pts, unsigned int n);

#include <arch/cpu.h>
#include <arch/exits.h>
#include <arch/percpu.h>
#include <arch/spinlock.h>
#include <arch/thread.h>
#include <arch/vcpu.h>

#endif /* ARCH_H */
