// SPDX-License-Identifier: GPL-2.0-only
/*
 * A physical e500v2 CPU: its per-CPU block and stack, its exception vectors
 * (from the interrupt list in <arch/exits.h>), its timers, and the panic
 * path for the hypervisor's own faults.
 */
#include <arch.h>
#include <arch/debug.h> /* before asm.h, whose register names are macros */
#include <arch/asm.h>
#include <arch/e500.h>
#include <console.h>
#include <platform.h>
#include <printf.h>

struct percpu percpu_data[PLATFORM_MAX_CPUS];
uint8_t hv_stacks[PLATFORM_MAX_CPUS][HV_STACK_SIZE] __attribute__((aligned(16)));

struct vcpu_regs hv_panic_regs;
uint8_t hv_panic_stack[HV_PANIC_STACK_SIZE] __attribute__((aligned(16)));

extern char hv_vectors[], secondary_start[];

/* IVORn holds the offset of vector n from IVPR. */
#define SET_IVOR(n, class, handler, entry)                                         \
	do {                                                                       \
		extern char hv_vector_##n[];                                       \
		mtspr((n) < 16 ? SPR_IVOR0 + (n) : SPR_IVOR32 + (n) - 32,          \
		      (uint32_t)(hv_vector_##n - hv_vectors));                     \
	} while (0);

static void cpu_vectors_init(void)
{
	mtspr(SPR_IVPR, (uint32_t)hv_vectors);
	E500_INTERRUPTS(SET_IVOR)
	/* Timers: only the decrementer, for the guests' virtual timers. */
	mtspr(SPR_TCR, TCR_DIE);
	mtspr(SPR_TSR, TSR_ENW | TSR_WIS | TSR_DIS | TSR_FIS);
	/* MSR[WE] dozes (hv idle); the guest never gets the real WE bit. */
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	isync();
}

void arch_cpu_init(unsigned int cpu)
{
	struct percpu *pc = &percpu_data[cpu];
	uint32_t cfg = mfspr(SPR_TLB0CFG);

	pc->cpu = cpu;
	pc->hv_sp = (uint32_t)(hv_stacks[cpu] + HV_STACK_SIZE) - 16;
	/* TLB0CFG: ASSOC in bits 0-7, NENTRY in bits 20-31 */
	pc->tlb0_ways = cfg >> 24 ? cfg >> 24 : 1;
	pc->tlb0_sets = (cfg & 0xFFF) / pc->tlb0_ways;
	if (!pc->tlb0_sets || pc->tlb0_sets > SHADOW_TLB0_MAX_SETS)
		pc->tlb0_sets = SHADOW_TLB0_MAX_SETS;
	mtspr(SPR_SPRG2, (uint32_t)pc);
	cpu_vectors_init();
	if (cpu == 0)
		debug_probe();
}

void arch_cpu_halt(void)
{
	for (;;)
		mtmsr(mfmsr() & ~MSR_EE);
}

uintptr_t arch_secondary_entry(void)
{
	return (uintptr_t)secondary_start;
}

void hv_trap_panic(struct vcpu_regs *r, unsigned int ivor)
{
	unsigned int i;

	console_panic();
	printf("\nberyl: PANIC: interrupt %u in the hypervisor at pc %08x\n", ivor, r->pc);
	printf("beryl:   srr1 %08x esr %08x dear %08x lr %08x cr %08x\n", r->srr1, r->esr,
	       r->dear, r->lr, r->cr);
	for (i = 0; i < 32; i += 4)
		printf("beryl:   r%-2u %08x %08x %08x %08x\n", i, r->gpr[i], r->gpr[i + 1],
		       r->gpr[i + 2], r->gpr[i + 3]);
	platform_poweroff();
}
