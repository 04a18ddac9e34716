/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A paravirtual guest that uses KVM's magic page the way Linux's
 * CONFIG_KVM_GUEST code does (arch/powerpc/kernel/kvm.c, kvm_emul.S):
 * features, the page mapped at -4096, registers read and written there
 * instead of with trapping instructions, int_pending and critical; then
 * what a hostile guest could do with the page, which may only hurt itself
 * (tests/system/test_paravirt.py). With paravirt = "off" it only checks
 * that the interface is not there.
 */
#include "rt.h"

#define EV_UNIMPLEMENTED 12
#define KVM_TOKEN(n) (42u << 16 | (n))
#define KVM_HC_FEATURES 3
#define KVM_HC_PPC_MAP_MAGIC_PAGE 4
#define MAGIC 0xFFFFF000u

/* struct kvm_vcpu_arch_shared (64-bit fields: the low word at +4) */
#define SH_CRITICAL 0x18
#define SH_SPRG0 0x20
#define SH_SRR0 0x40
#define SH_SRR1 0x48
#define SH_MSR 0x58
#define SH_INT_PENDING 0x64
#define SH_MAS0 0xa8
#define SH_MAS1 0xac
#define SH_MAS7_3 0xb0
#define SH_MAS2 0xb8

#define PAGE_WORD(off) (*(volatile u32 *)(MAGIC + (off)))
#define PAGE_LO(off) (*(volatile u32 *)(MAGIC + (off) + 4))
#define PAGE_HI(off) (*(volatile u32 *)(MAGIC + (off)))

/* sc with r0 = "KVM!", r11 = token: r3 = status, r4 = the first result */
static u32 hcall(u32 token, u32 a0, u32 a1, u32 *out)
{
	register u32 r0 __asm__("r0") = 0x4b564d21;
	register u32 r3 __asm__("r3") = a0;
	register u32 r4 __asm__("r4") = a1;
	register u32 r11 __asm__("r11") = token;

	__asm__ __volatile__("sc"
			     : "+r"(r3), "+r"(r4), "+r"(r11), "+r"(r0)
			     :
			     : "r5", "r6", "r7", "r8", "r9", "r10", "r12", "cr0", "ctr", "memory");
	if (out)
		*out = r4;
	return r3;
}

static volatile u32 decs, faults, fault_vec;

static void on_dec(struct rt_frame *f)
{
	decs++;
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, 0);
}

static void on_fault(struct rt_frame *f)
{
	faults++;
	fault_vec = f->vec;
	f->srr0 += 4;
	/* back to where it came from, but never to the user mode it faked */
	if (f->vec == IVOR_PROGRAM)
		f->srr1 &= ~(MSR_PR | MSR_IS | MSR_DS);
}

static u32 user_peek(u32 a)
{
	return *(volatile u32 *)a;
}

/* A decrementer interrupt made pending while MSR[EE] is off. */
static void dec_pending(void)
{
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_DEC, 1);
	mtspr(SPR_TCR, TCR_DIE);
	while (!(mfspr(SPR_TSR) & TSR_DIS))
		;
}

int main(void)
{
	u32 feat = 0, st, pvfeat = 0, r1, i;
	u64 t0, t1;

	test_begin("pv");
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	st = hcall(KVM_TOKEN(KVM_HC_FEATURES), 0, 0, &feat);
	if (st == EV_UNIMPLEMENTED) {
		check("no paravirtual interface: features", st, EV_UNIMPLEMENTED);
		check("no paravirtual interface: map",
		      hcall(KVM_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE), MAGIC, MAGIC | 1, 0),
		      EV_UNIMPLEMENTED);
		return test_end();
	}
	check("features status", st, 0);
	check("features: magic page", feat & 2, 2);
	check("map status", hcall(KVM_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE), MAGIC, MAGIC | 1, &pvfeat),
	      0);
	check("magic features: MAS0 to SPRG7", pvfeat & 2, 2);

	/* the page holds the registers: both ways */
	check_msr("msr in the page", PAGE_LO(SH_MSR), mfmsr());
	mtspr(SPR_SPRG0, 0x12345678);
	check("sprg0 written by mtspr, read in the page", PAGE_LO(SH_SPRG0), 0x12345678);
	PAGE_LO(SH_SPRG0) = 0x0badcafe;
	check("sprg0 written in the page, read by mfspr", mfspr(SPR_SPRG0), 0x0badcafe);
	PAGE_LO(SH_SRR0) = 0x00001234;
	check("srr0 written in the page", mfspr(SPR_SRR0), 0x00001234);
	/* tlbwe takes the MAS registers from the page */
	PAGE_WORD(SH_MAS0) = MAS0_TLBSEL(1) | MAS0_ESEL(7);
	PAGE_WORD(SH_MAS1) = MAS1_VALID | MAS1_TSIZE(TSIZE_4K);
	PAGE_LO(SH_MAS2) = 0x28000000u;
	PAGE_LO(SH_MAS7_3) = RT_SCRATCH | MAS3_SR | MAS3_SW;
	PAGE_HI(SH_MAS7_3) = 0;
	__asm__ __volatile__("tlbwe; isync" ::: "memory");
	wr32(RT_SCRATCH, 0x600dd00d);
	check("a mapping made from the page's MAS", rd32(0x28000000u), 0x600dd00d);
	PAGE_WORD(SH_MAS1) = 0;
	__asm__ __volatile__("tlbre" ::: "memory");
	check("tlbre into the page", PAGE_WORD(SH_MAS1), MAS1_VALID | MAS1_TSIZE(TSIZE_4K));
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(7), 0, 0, 0, 0);

	/* int_pending: set while an interrupt waits for MSR[EE] */
	mtmsr(mfmsr() & ~MSR_EE);
	dec_pending();
	(void)mfmsr(); /* any exit: beryl looks at what is pending on the way back */
	check("int_pending while masked", PAGE_WORD(SH_INT_PENDING), 1);
	check("nothing delivered yet", decs, 0);
	/* as Linux's wrteei template does: EE set in the page, then the real one */
	PAGE_LO(SH_MSR) |= MSR_EE;
	__asm__ __volatile__("wrteei 1" ::: "memory");
	check("delivered at wrteei", decs, 1);
	(void)mfmsr();
	check("int_pending clear", PAGE_WORD(SH_INT_PENDING), 0);

	/* critical == r1: no delivery in the critical section */
	mtmsr(mfmsr() & ~MSR_EE);
	dec_pending();
	__asm__ __volatile__("mr %0,1" : "=r"(r1));
	PAGE_LO(SH_CRITICAL) = r1;
	mtmsr(mfmsr() | MSR_EE); /* trapped, enables EE: but critical */
	(void)mfmsr();
	check("held in a critical section", decs, 1);
	PAGE_LO(SH_CRITICAL) = 0;
	(void)mfmsr();
	check("delivered after it", decs, 2);

	/* guest user mode does not see the page: its own DTLB miss */
	rt_set_handler(IVOR_DTLB_MISS, on_fault);
	faults = 0;
	rt_user_call(user_peek, MAGIC, MSR_ME);
	check("user access to the page: a TLB miss", faults, 1);
	check("user access: which", fault_vec, IVOR_DTLB_MISS);

	/* cost: mfmsr trapped vs read in the page */
	t0 = rt_timebase();
	for (i = 0; i < 1000; i++)
		(void)mfmsr();
	t1 = rt_timebase();
	rt_printf("bench pv-mfmsr-trapped 1000 %u\n", (u32)(t1 - t0));
	t0 = rt_timebase();
	for (i = 0; i < 1000; i++)
		(void)PAGE_LO(SH_MSR);
	t1 = rt_timebase();
	rt_printf("bench pv-mfmsr-page 1000 %u\n", (u32)(t1 - t0));
	/* cost: a hypercall round trip (sc, beryl's dispatch, return) */
	t0 = rt_timebase();
	for (i = 0; i < 1000; i++)
		(void)hcall(KVM_TOKEN(KVM_HC_FEATURES), 0, 0, &feat);
	t1 = rt_timebase();
	rt_printf("bench hcall-roundtrip 1000 %u\n", (u32)(t1 - t0));

	/* what a hostile guest could do: it hurts only itself */
	PAGE_LO(SH_MSR) |= MSR_PR | MSR_IS | MSR_DS; /* now beryl takes it for user mode */
	rt_set_handler(IVOR_PROGRAM, on_fault);
	faults = 0;
	__asm__ __volatile__("mtspr 272,%0" ::"r"(0) : "memory"); /* SPRG0: privileged */
	check("the page's MSR says user: privileged instructions refused", faults, 1);
	/* the vector took it back to supervisor: the page's MSR, as delivered */
	check("back in supervisor", PAGE_LO(SH_MSR) & MSR_PR, 0);
	PAGE_WORD(SH_INT_PENDING) = 0xFFFFFFFF; /* lies: beryl rewrites it on its way back */
	__asm__ __volatile__("tlbsync" ::: "memory");
	check("int_pending rewritten", PAGE_WORD(SH_INT_PENDING), 0);
	/* mapped again, at silly places: at 0, over its own device tree */
	check("map at 0 refused", hcall(KVM_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE), 0, 0, 0), 8);
	check("map over its device tree",
	      hcall(KVM_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE), rt_fdt, rt_fdt, 0), 0);
	check("its device tree hidden behind the page", rd32(rt_fdt & ~0xFFFu) != 0xd00dfeed, 1);
	check("map back", hcall(KVM_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE), MAGIC, MAGIC, 0), 0);
	check("its device tree back", rd32(rt_fdt & ~0xFFFu), 0xd00dfeed);
	check_msr("msr in the page again", PAGE_LO(SH_MSR), mfmsr());
	return test_end();
}
