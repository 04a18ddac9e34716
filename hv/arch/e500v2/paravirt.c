// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM's paravirtual interface for e500 guests, as Linux 6.1 uses it
 * (CONFIG_KVM_GUEST: arch/powerpc/kernel/kvm.c and kvm_emul.S; see
 * Documentation/virt/kvm/ppc-pv.rst): a guest that finds "linux,kvm" in
 * /hypervisor asks for the magic page (KVM_HC_PPC_MAP_MAGIC_PAGE), maps it
 * at an effective address of its choice (Linux: -4096) and rewrites its
 * mfmsr, mtmsr, wrtee(i) and mfspr/mtspr of SPRG0-7, SRR0/1, DEAR, ESR,
 * MAS0-7 and PIR into loads and stores of it.
 *
 * The magic page is the page of struct vcpu_arch that holds `shared`, the
 * one copy of those registers beryl has: what the guest writes there is
 * what beryl's emulator, the assembly fast path and interrupt delivery
 * see, and the other way round. It is mapped in the guest's supervisor
 * contexts only (tlbmiss.c), never executable. The guest can write
 * anything into it; beryl takes nothing from it that could give the guest
 * more than it has: the real MSR keeps PR, IS and DS whatever the page's
 * MSR says, and the page holds no hypervisor state.
 *
 * int_pending and critical follow KVM: int_pending is set while an
 * interrupt waits for the guest to enable it (Linux's patched templates
 * then run the real instruction, which traps and takes it); nothing is
 * delivered while the guest kernel's r1 equals critical (the templates'
 * critical sections).
 */
#include <arch.h>
#include <hcall.h>
#include <partition.h>

#define EV_KVM_VENDOR_ID 42
#define KVM_HC_FEATURES 3
#define KVM_HC_PPC_MAP_MAGIC_PAGE 4
#define KVM_FEATURE_MAGIC_PAGE 1
#define KVM_MAGIC_FEAT_MAS0_TO_SPRG7 (1u << 1)

bool arch_hcall(struct vcpu *v, uint32_t token, uint32_t r[8])
{
	if (token >> 16 != EV_KVM_VENDOR_ID)
		return false;
	if (!v->part->paravirt) {
		r[0] = EV_UNIMPLEMENTED;
		return true;
	}
	switch (token & 0xFFFF) {
	case KVM_HC_FEATURES:
		r[0] = EV_SUCCESS;
		r[1] = 1u << KVM_FEATURE_MAGIC_PAGE;
		break;
	case KVM_HC_PPC_MAP_MAGIC_PAGE:
		/*
		 * r3: the guest-physical address (unused: the page is reached
		 * by its effective address only), r4: the effective address
		 * and flags. Asking again moves it; the old place's shadow goes.
		 */
		if (!(r[1] & ~(VCPU_MAGIC_PAGE_SIZE - 1u))) { /* 0 means "nowhere": refused */
			r[0] = EV_EINVAL;
			break;
		}
		/* shadows made before (the old place, or the guest's own at the new one) go */
		arch_vcpu_flush_tlb(v);
		v->arch.magic_ea = r[1] & ~(VCPU_MAGIC_PAGE_SIZE - 1u);
		r[0] = EV_SUCCESS;
		r[1] = KVM_MAGIC_FEAT_MAS0_TO_SPRG7;
		break;
	default:
		r[0] = EV_UNIMPLEMENTED;
		break;
	}
	return true;
}
