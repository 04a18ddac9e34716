/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EV_IDLE (ePAPR vendor 1, hypercall 16) with an interrupt already due
 * (tests/system/test_ev_idle.py). The guest maps KVM's magic page, makes
 * an IPI to itself pending on its virtual MPIC with MSR[EE] clear, sets
 * MSR[EE] through the magic page (a plain store, as KVM's patched wrteei
 * does: no trap) and calls EV_IDLE. The interrupt is the event EV_IDLE
 * waits for: the call must return and the interrupt be taken, not the
 * partition idle for ever with its handler never run (found while
 * analysing a guest-fuzzer hang).
 */
#include "rt.h"

#define MAGIC_EA 0xfffff000u
#define MAGIC_MSR (MAGIC_EA + 92) /* low word of struct kvm_vcpu_arch_shared.msr */
#define MPIC (RT_CCSR_EA + 0x40000u)
#define MPIC_GCR (MPIC + 0x1020u)
#define MPIC_IPI0_VPR (MPIC + 0x10a0u)
#define MPIC_CPU0_IPIDR0 (MPIC + 0x20040u)
#define MPIC_CPU0_CTPR (MPIC + 0x20080u)
#define MPIC_CPU0_IACK (MPIC + 0x200a0u)
#define MPIC_CPU0_EOI (MPIC + 0x200b0u)
#define KVM_HC_PPC_MAP_MAGIC_PAGE 0x002a0004u
#define EV_IDLE 0x00010010u

static volatile u32 taken;

static void on_external(struct rt_frame *f)
{
	(void)rd32(MPIC_CPU0_IACK);
	wr32(MPIC_CPU0_EOI, 0);
	taken++;
}

int main(void)
{
	u32 out, ret;

	rt_set_handler(IVOR_EXTERNAL, on_external);
	{
		register u32 r0 __asm__("r0") = 0x4b564d21u;
		register u32 r11 __asm__("r11") = KVM_HC_PPC_MAP_MAGIC_PAGE;
		register u32 r3 __asm__("r3") = 0;
		register u32 r4 __asm__("r4") = MAGIC_EA;

		__asm__ __volatile__("sc" : "+r"(r3), "+r"(r4), "+r"(r0), "+r"(r11) : : "memory",
				     "cr0", "r5", "r6", "r7", "r8", "r9", "r10", "r12");
		ret = r3;
	}
	rt_printf("evidle: magic page mapped: %u\n", ret);
	/* IPI 0 to ourselves, pending while MSR[EE] is clear */
	wr32(MPIC_GCR, 0x20000000u); /* mixed mode */
	wr32(MPIC_IPI0_VPR, (5u << 16) | 0x40);
	wr32(MPIC_CPU0_CTPR, 0);
	wr32(MPIC_CPU0_IPIDR0, 1);
	/* first the plain way: it is taken as soon as MSR[EE] is set */
	mtmsr(MSR_ME | MSR_EE);
	mtmsr(MSR_ME);
	rt_printf("evidle: an IPI to itself, taken at mtmsr: %u\n", taken);
	taken = 0;
	wr32(MPIC_CPU0_IPIDR0, 1);
	/* MSR[EE] through the magic page (no trap), then EV_IDLE */
	wr32(MAGIC_MSR, MSR_ME | MSR_EE);
	ret = rt_hcall(EV_IDLE, 0, &out);
	mtmsr(MSR_ME);
	rt_printf("evidle: EV_IDLE returned %u, %u interrupt(s) taken\n", ret, taken);
	rt_printf("EVIDLE DONE %s\n", ret == 0 && taken == 1 ? "ok" : "FAIL");
	return 0;
}
