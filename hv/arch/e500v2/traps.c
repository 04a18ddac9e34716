// SPDX-License-Identifier: GPL-2.0-only
/* Exception vector set-up, and the panic path for the hypervisor's own faults. */
#include <arch/asm.h>
#include <arch/cpu.h>
#include <arch/percpu.h>
#include <arch/traps.h>
#include <arch/vcpu_ops.h>
#include <console.h>
#include <platform.h>
#include <printf.h>

struct vcpu_regs hv_panic_regs;
uint8_t hv_panic_stack[HV_PANIC_STACK_SIZE] __attribute__((aligned(16)));

#define VEC_OFF(n)                                                                 \
	({                                                                         \
		extern char hv_vector_##n[];                                       \
		(uint32_t)(hv_vector_##n - hv_vectors);                            \
	})

void traps_arch_init(void)
{
	mtspr(SPR_IVPR, (uint32_t)hv_vectors);
	mtspr(SPR_IVOR0 + 0, VEC_OFF(0));
	mtspr(SPR_IVOR0 + 1, VEC_OFF(1));
	mtspr(SPR_IVOR0 + 2, VEC_OFF(2));
	mtspr(SPR_IVOR0 + 3, VEC_OFF(3));
	mtspr(SPR_IVOR0 + 4, VEC_OFF(4));
	mtspr(SPR_IVOR0 + 5, VEC_OFF(5));
	mtspr(SPR_IVOR0 + 6, VEC_OFF(6));
	mtspr(SPR_IVOR0 + 7, VEC_OFF(7));
	mtspr(SPR_IVOR0 + 8, VEC_OFF(8));
	mtspr(SPR_IVOR0 + 9, VEC_OFF(9));
	mtspr(SPR_IVOR0 + 10, VEC_OFF(10));
	mtspr(SPR_IVOR0 + 11, VEC_OFF(11));
	mtspr(SPR_IVOR0 + 12, VEC_OFF(12));
	mtspr(SPR_IVOR0 + 13, VEC_OFF(13));
	mtspr(SPR_IVOR0 + 14, VEC_OFF(14));
	mtspr(SPR_IVOR0 + 15, VEC_OFF(15));
	mtspr(SPR_IVOR32 + 0, VEC_OFF(32));
	mtspr(SPR_IVOR32 + 1, VEC_OFF(33));
	mtspr(SPR_IVOR32 + 2, VEC_OFF(34));
	mtspr(SPR_IVOR32 + 3, VEC_OFF(35));
	/* Timers: only the decrementer, for the guests' virtual timers. */
	mtspr(SPR_TCR, TCR_DIE);
	mtspr(SPR_TSR, TSR_ENW | TSR_WIS | TSR_DIS | TSR_FIS);
	/* MSR[WE] dozes (hv idle); the guest never gets the real WE bit. */
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	isync();
}

void percpu_arch_init(unsigned int cpu, uint8_t *stack_top)
{
	struct percpu *pc = &percpu_data[cpu];
	uint32_t cfg = mfspr(SPR_TLB0CFG);

	pc->cpu = cpu;
	pc->hv_sp = (uint32_t)stack_top - 16;
	/* TLB0CFG: ASSOC in bits 0-7, NENTRY in bits 20-31 */
	pc->tlb0_ways = cfg >> 24 ? cfg >> 24 : 1;
	pc->tlb0_sets = (cfg & 0xFFF) / pc->tlb0_ways;
	if (!pc->tlb0_sets || pc->tlb0_sets > SHADOW_TLB0_MAX_SETS)
		pc->tlb0_sets = SHADOW_TLB0_MAX_SETS;
	mtspr(SPR_SPRG2, (uint32_t)pc);
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
