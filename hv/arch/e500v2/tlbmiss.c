// SPDX-License-Identifier: GPL-2.0-only
/*
 * A real TLB miss while a guest ran: the guest's own TLB (gtlb.c) says what
 * it maps; if nothing, the guest takes its own TLB miss. Otherwise the
 * partition says what the guest-physical address is (partition_classify()):
 * RAM and directly assigned devices get a shadow entry (large where the
 * guest entry and the memory allow), checked against the guest's
 * permissions by the real TLB; an access to an emulated device is checked
 * here and emulated (booke_mmio_emulate()); anything else is outside the
 * partition and takes the machine check real hardware reports.
 */
#include <arch.h>
#include <arch/booke.h>
#include <arch/debug.h>
#include <arch/gtlb.h>
#include <arch/shadow.h>
#include <mmio.h>
#include <partition.h>

/* What the guest's TLB maps ea to (arch.h): for the debug stub and the shell. */
bool arch_guest_translate(struct vcpu *v, uint32_t ea, bool ifetch, uint64_t *gpa)
{
	const struct vcpu_arch *a = &v->arch;
	struct gtlb_ctx ctx = {
		.pid = { a->pid[0], a->pid[1], a->pid[2] },
		.as = (a->shared.msr & (ifetch ? MSR_IS : MSR_DS)) != 0,
	};
	struct gtlb_hit hit;

	if (!gtlb_lookup(&a->tlb, &ctx, ea, &hit))
		return false;
	*gpa = hit.gpa;
	return true;
}

/* Real permission bits for a shadow of e in the guest's current privilege. */
/* Real permission bits for a shadow of e seen from the guest privilege msr_pr. */
static uint32_t shadow_perms(uint32_t msr_pr, const struct gtlb_entry *e)
{
	uint32_t p = e->mas3;

	if (!msr_pr) /* guest supervisor: its S bits */
		p = (p & (MAS3_SX | MAS3_SW | MAS3_SR)) << 1;
	else
		p &= MAS3_UX | MAS3_UW | MAS3_UR;
	return p | (p >> 1);
}

/*
 * A 4 KiB shadow of ea -> hpa in shadow context sid, for guest privilege
 * msr_pr, without the accesses v's debugger watches by page protection
 * (v NULL: none, the magic page).
 */
static void install_in(const struct vcpu *v, uint32_t sid, uint32_t msr_pr, uint32_t ea,
		       uint64_t hpa, const struct gtlb_entry *e, uint32_t wimge)
{
	uint32_t perms = shadow_perms(msr_pr, e);
	struct percpu *pc = this_cpu();
	/* round robin within the page's set, so a set's ways are all used */
	uint32_t set = (ea >> 12) & (pc->tlb0_sets - 1);
	uint32_t way = pc->tlb0_victim[set]++ % pc->tlb0_ways;

	if (v)
		perms = debug_shadow_perms(v, ea, perms);
	arch_tlbwe(way << MAS0_ESEL_SHIFT,
		   MAS1_VALID | (sid << MAS1_TID_SHIFT) | MAS1_TS | (TSIZE_4K << MAS1_TSIZE_SHIFT),
		   (ea & MAS2_EPN_MASK) | wimge,
		   ((uint32_t)hpa & MAS3_RPN_MASK) | perms, (uint32_t)(hpa >> 32));
}

static void install(struct vcpu *v, uint32_t ea, uint64_t hpa, const struct gtlb_entry *e,
		    uint32_t wimge)
{
	install_in(v, this_cpu()->cur_sid, (uint32_t)v->arch.shared.msr & MSR_PR, ea, hpa, e,
		   wimge);
}

/*
 * Direct map: a guest TLB1 entry of at least 1 MiB over partition RAM is
 * shadowed by the largest real TLB1 page (powers of 4) that contains ea,
 * stays inside the guest entry and one memory region, and has the same
 * alignment in guest-physical and host-physical space. 0 if none fits.
 * Such shadows are only dropped by a full flush, which every replacement
 * of a guest TLB1 entry of that size causes (shadow_inval()).
 */
#define SHADOW_LARGE_MIN (1ull << 20)

static uint64_t shadow_large_size(const struct gtlb_hit *hit, const struct mem_region *mr,
				  uint32_t ea, uint32_t hidden)
{
	uint64_t sz = hit->page_size > (1ull << 28) ? 1ull << 28 : hit->page_size;

	if (hit->tlbsel != 1 || hit->page_size < SHADOW_LARGE_MIN)
		return 0;
	for (; sz >= SHADOW_LARGE_MIN; sz >>= 2) {
		uint64_t gb = hit->gpa & ~(sz - 1);

		/* never over the magic page's effective address (hidden, 0: none) */
		if (hidden && (hidden & ~(uint32_t)(sz - 1)) == (ea & ~(uint32_t)(sz - 1)))
			continue;
		if (gb >= mr->gpa && gb + sz <= mr->gpa + mr->size &&
		    !((mr->hpa + (gb - mr->gpa)) & (sz - 1)))
			return sz;
	}
	return 0;
}

static void install_large(struct vcpu *v, uint32_t ea, uint64_t hpa, uint64_t size,
				 const struct gtlb_entry *e)
{
	struct percpu *pc = this_cpu();
	uint32_t n = ARCH_TLB1_ENTRIES - ARCH_TLB1_HV_ENTRIES;
	uint32_t esel = ARCH_TLB1_HV_ENTRIES + pc->tlb1_victim++ % n;
	uint32_t tsize = (uint32_t)(__builtin_ctzll(size >> 10) / 2);

	arch_tlbwe((1u << MAS0_TLBSEL_SHIFT) | (esel << MAS0_ESEL_SHIFT),
		   MAS1_VALID | (pc->cur_sid << MAS1_TID_SHIFT) | MAS1_TS |
			   (tsize << MAS1_TSIZE_SHIFT),
		   (ea & ~(uint32_t)(size - 1)) |
			   (e->mas2 & (MAS2_W | MAS2_I | MAS2_M | MAS2_G | MAS2_E)),
		   ((uint32_t)hpa & ~(uint32_t)(size - 1)) |
			   shadow_perms((uint32_t)v->arch.shared.msr & MSR_PR, e),
		   (uint32_t)(hpa >> 32));
}

/*
 * The guest entry's permission for this access in the guest's privilege
 * (MAS3: each user bit is its supervisor bit shifted left by one). The
 * real TLB checks it for RAM and assigned devices, whose shadows carry the
 * guest's bits; emulated devices and addresses outside the partition never
 * get a shadow, so it is checked here, before anything is emulated or a
 * bus error raised, as the core checks it before the access leaves it.
 */
static bool shadow_access_allowed(const struct vcpu *v, const struct gtlb_entry *e, bool ifetch,
				  bool store)
{
	uint32_t need = ifetch ? MAS3_SX : store ? MAS3_SW : MAS3_SR;

	if (v->arch.shared.msr & MSR_PR)
		need <<= 1;
	return (e->mas3 & need) != 0;
}

/* The storage interrupt the core raises for a denied access. */
static unsigned int shadow_deny(struct vcpu *v, uint32_t ea, bool ifetch, bool store)
{
	struct vcpu_arch *a = &v->arch;

	if (ifetch) {
		a->shared.esr = 0;
		booke_deliver(v, IVOR_ISI, a->regs.pc);
		return EXIT_ISI;
	}
	a->shared.dear = ea;
	a->shared.esr = store ? ESR_ST : 0;
	booke_deliver(v, IVOR_DSI, a->regs.pc);
	return EXIT_DSI;
}

/*
 * KVM's magic page (paravirt.c) at the effective address the guest chose:
 * in every guest supervisor context, before the guest's own TLB, readable
 * and writable, never executable (a fetch there is the guest's ISI).
 */
static unsigned int magic_page_fill(struct vcpu *v, uint32_t ea, bool ifetch)
{
	static const struct gtlb_entry rw = { .mas3 = MAS3_SR | MAS3_SW };

	if (ifetch) {
		v->arch.shared.esr = 0;
		booke_deliver(v, IVOR_ISI, v->arch.regs.pc);
		return EXIT_ISI;
	}
	install_in(NULL, this_cpu()->cur_sid, 0, ea, (uintptr_t)v->arch.magic_page, &rw, MAS2_M);
	return EXIT_DTLB_FILL;
}

unsigned int shadow_tlb_miss(struct vcpu *v, bool ifetch)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t msr = (uint32_t)a->shared.msr;
	uint32_t ea = ifetch ? a->regs.pc : a->regs.dear;
	bool store = !ifetch && (a->regs.esr & ESR_ST);
	struct gtlb_ctx ctx = {
		.pid = { a->pid[0], a->pid[1], a->pid[2] },
		.as = (msr & (ifetch ? MSR_IS : MSR_DS)) != 0,
	};
	struct gpa_target t;
	struct gtlb_hit hit;
	uint64_t hpa, large;

	if (a->magic_ea && (ea & ~(VCPU_MAGIC_PAGE_SIZE - 1u)) == a->magic_ea &&
	    !(msr & MSR_PR))
		return magic_page_fill(v, ea, ifetch);
	if (!gtlb_lookup(&a->tlb, &ctx, ea, &hit)) {
		struct gtlb_mas mas = {
			.mas4 = a->shared.mas4,
			.mas6 = a->shared.mas6,
		};

		gtlb_miss_mas(&a->tlb, &mas, &ctx, ea);
		a->shared.mas0 = mas.mas0;
		a->shared.mas1 = mas.mas1;
		a->shared.mas2 = mas.mas2;
		a->shared.mas7_3 = ((uint64_t)mas.mas7 << 32) | mas.mas3;
		a->shared.mas6 = mas.mas6;
		if (!ifetch) {
			a->shared.dear = ea;
			a->shared.esr = a->regs.esr & ESR_ST;
		}
		booke_deliver(v, ifetch ? IVOR_ITLB_MISS : IVOR_DTLB_MISS, a->regs.pc);
		return ifetch ? EXIT_ITLB_GUEST : EXIT_DTLB_GUEST;
	}

	switch (partition_classify(v->part, hit.gpa, &t)) {
	case GPA_RAM:
		hpa = t.ram->hpa + ((hit.gpa & ~0xFFFull) - t.ram->gpa);
		/* pages protected for a debug watch need shadows of their own */
		large = v->arch.dbg.nprot ? 0 :
			shadow_large_size(&hit, t.ram, ea, msr & MSR_PR ? 0 : a->magic_ea);
		if (large)
			install_large(v, ea, hpa, large, hit.entry);
		else
			install(v, ea, hpa, hit.entry,
				hit.entry->mas2 & (MAS2_W | MAS2_I | MAS2_M | MAS2_G | MAS2_E));
		return ifetch ? EXIT_ITLB_FILL : EXIT_DTLB_FILL;
	case GPA_ASSIGNED:
		/*
		 * Its real page, at the same address. Cache-inhibited and
		 * guarded whatever the guest asked: a cached or speculative
		 * access to device registers would read stale status or set
		 * off side effects (reading a data register consumes it);
		 * only the byte order (E) is the guest's choice.
		 */
		install(v, ea, hit.gpa & ~0xFFFull, hit.entry,
			(hit.entry->mas2 & MAS2_E) | MAS2_I | MAS2_G);
		return ifetch ? EXIT_ITLB_FILL : EXIT_DTLB_FILL;
	case GPA_EMULATED:
		if (!shadow_access_allowed(v, hit.entry, ifetch, store))
			return shadow_deny(v, ea, ifetch, store);
		if (!ifetch) /* (code is never fetched from an emulated device) */
			return booke_mmio_emulate(v, t.dev, hit.gpa, store) ? EXIT_MMIO
									     : EXIT_MCHECK;
		break;
	case GPA_OUTSIDE:
		if (!shadow_access_allowed(v, hit.entry, ifetch, store))
			return shadow_deny(v, ea, ifetch, store);
		break;
	}
	/* Outside the partition: the bus error real hardware reports. */
	booke_deliver_machine_check(v,
				    ifetch ? MCSR_BUS_IAERR
					   : (store ? MCSR_BUS_WAERR : MCSR_BUS_RAERR),
				    hit.gpa);
	return EXIT_MCHECK;
}

/*
 * The guest wrote TLB0 entry e: install its shadow now, in the context the
 * guest is about to return to (its SRR1: a TLB-miss handler ends with rfi),
 * so that the access it refilled the entry for does not miss again. Only
 * where that context already has a shadow ID here, the entry belongs to
 * it (its TID, its address space) and maps RAM.
 */
void shadow_prefill(struct vcpu *v, const struct gtlb_entry *e)
{
	struct vcpu_arch *a = &v->arch;
	uint32_t srr1 = (uint32_t)a->shared.srr1, tid, sid, ea;
	const struct mem_region *mr;
	uint64_t gpa;

	if (!(e->mas1 & MAS1_VALID) || ((srr1 & MSR_IS) != 0) != ((srr1 & MSR_DS) != 0) ||
	    ((e->mas1 & MAS1_TS) != 0) != ((srr1 & MSR_DS) != 0))
		return;
	tid = (e->mas1 & MAS1_TID_MASK) >> MAS1_TID_SHIFT;
	if (tid && tid != a->pid[0] && tid != a->pid[1] && tid != a->pid[2])
		return;
	sid = shadow_sid_of(v, shadow_ctx_key(srr1, a->pid));
	if (!sid)
		return;
	ea = e->mas2 & MAS2_EPN_MASK;
	gpa = gtlb_entry_rpn(e);
	mr = partition_find_mem(v->part, gpa);
	if (!mr)
		return;
	install_in(v, sid, srr1 & MSR_PR, ea, mr->hpa + (gpa - mr->gpa), e,
		   e->mas2 & (MAS2_W | MAS2_I | MAS2_M | MAS2_G | MAS2_E));
}
