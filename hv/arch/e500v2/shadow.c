// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shadow MMU. The guest's TLB lives in software (gtlb.c); the real TLB holds
 * shadow entries derived from it, installed lazily on real TLB misses.
 *
 * All shadow entries are in address space 1 (the hypervisor owns AS0). Each
 * guest translation context (guest MSR[IS], MSR[DS], MSR[PR], PID0-2) gets a
 * hardware TID ("shadow ID") that is loaded into PID0 while that context runs,
 * so entries of different contexts — the guest kernel's and its user
 * processes', or supervisor and user permission views of the same page —
 * coexist in the TLB and survive context switches. Guest global entries (TID
 * 0) are shadowed per context. When the guest changes or removes a
 * translation, or the 255 shadow IDs run out, every shadow entry is dropped.
 *
 * A guest physical address reaches the real TLB only through the
 * partition's memory map or one of the devices assigned to it (mapped at
 * their own physical address): anything else is an emulated device (the
 * access traps and is emulated) or is refused with a machine check.
 */
#include <arch/cpu.h>
#include <arch/exits.h>
#include <arch/gtlb.h>
#include <arch/mmio_decode.h>
#include <arch/percpu.h>
#include <arch/vcpu_ops.h>
#include <assign.h>
#include <partition.h>
#include <printf.h>

static uint32_t ctx_key(const struct vcpu *v)
{
	uint32_t msr = (uint32_t)v->arch.shared.msr;

	return ((msr & MSR_IS) ? 1u << 26 : 0) | ((msr & MSR_DS) ? 1u << 25 : 0) |
	       ((msr & MSR_PR) ? 1u << 24 : 0) | (v->arch.pid[2] << 16) |
	       (v->arch.pid[1] << 8) | v->arch.pid[0];
}

void vcpu_arch_shadow_flush(struct vcpu *v)
{
	struct percpu *pc = this_cpu();

	/* Hypervisor entries are IPROT and survive; shadow entries never are. */
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI);
	while (mfspr(SPR_MMUCSR0) & (MMUCSR0_TLB0_FI | MMUCSR0_TLB1_FI))
		;
	isync();
	pc->sid_count = 0;
	pc->cur_sid = 0;
	vcpu_fetch_cache_drop(v);
}

/*
 * Shadow entries are 4 KiB TLB0 entries: a real tlbivax per page drops them
 * in every shadow context (it ignores TID and TS; the hypervisor's own
 * TLB1 entries are untouched). Large ranges are cheaper to flush whole.
 */
#define SHADOW_INVAL_MAX_PAGES 16

void vcpu_arch_shadow_inval(struct vcpu *v, uint32_t ea, uint64_t size)
{
	uint32_t n;

	if (size > SHADOW_INVAL_MAX_PAGES * 0x1000ull) {
		vcpu_arch_shadow_flush(v);
		return;
	}
	for (n = 0; n < size; n += 0x1000)
		__asm__ __volatile__("tlbivax 0,%0" ::"r"(ea + n) : "memory");
	__asm__ __volatile__("tlbsync; msync; isync" ::: "memory");
	vcpu_fetch_cache_drop_range(v, ea, size);
}

void shadow_prepare_entry(struct vcpu *v)
{
	struct percpu *pc = this_cpu();
	uint32_t key = ctx_key(v), sid;

	if (pc->cur_sid && key == pc->ctx_key)
		return;
	for (sid = 1; sid <= pc->sid_count; sid++)
		if (pc->sid_key[sid] == key)
			break;
	if (sid > pc->sid_count) {
		if (pc->sid_count == SHADOW_MAX_SID)
			vcpu_arch_shadow_flush(v);
		sid = ++pc->sid_count;
		pc->sid_key[sid] = key;
	}
	pc->ctx_key = key;
	pc->cur_sid = sid;
	mtspr(SPR_PID0, sid);
}

/* Real permission bits for a shadow of e in the guest's current privilege. */
static uint32_t shadow_perms(const struct vcpu *v, const struct gtlb_entry *e)
{
	uint32_t p = e->mas3;

	if (!(v->arch.shared.msr & MSR_PR)) /* guest supervisor: its S bits */
		p = (p & (MAS3_SX | MAS3_SW | MAS3_SR)) << 1;
	else
		p &= MAS3_UX | MAS3_UW | MAS3_UR;
	return p | (p >> 1);
}

static void shadow_install(struct vcpu *v, uint32_t ea, uint64_t hpa,
			   const struct gtlb_entry *e, uint32_t wimge)
{
	struct percpu *pc = this_cpu();
	/* round robin within the page's set, so a set's ways are all used */
	uint32_t set = (ea >> 12) & (pc->tlb0_sets - 1);
	uint32_t way = pc->tlb0_victim[set]++ % pc->tlb0_ways;

	arch_tlbwe(way << MAS0_ESEL_SHIFT,
		   MAS1_VALID | (pc->cur_sid << MAS1_TID_SHIFT) | MAS1_TS |
			   (TSIZE_4K << MAS1_TSIZE_SHIFT),
		   (ea & MAS2_EPN_MASK) | wimge,
		   ((uint32_t)hpa & MAS3_RPN_MASK) | shadow_perms(v, e), (uint32_t)(hpa >> 32));
}

/*
 * Direct map: a guest TLB1 entry of at least 1 MiB over partition RAM is
 * shadowed by the largest real TLB1 page (powers of 4) that contains ea,
 * stays inside the guest entry and one memory region, and has the same
 * alignment in guest-physical and host-physical space. 0 if none fits.
 * Such shadows are only dropped by a full flush, which every replacement
 * of a guest TLB1 entry of that size causes (vcpu_arch_shadow_inval).
 */
#define SHADOW_LARGE_MIN (1ull << 20)

static uint64_t shadow_large_size(const struct gtlb_hit *hit, const struct mem_region *mr)
{
	uint64_t sz = hit->page_size > (1ull << 28) ? 1ull << 28 : hit->page_size;

	if (hit->tlbsel != 1 || hit->page_size < SHADOW_LARGE_MIN)
		return 0;
	for (; sz >= SHADOW_LARGE_MIN; sz >>= 2) {
		uint64_t gb = hit->gpa & ~(sz - 1);

		if (gb >= mr->gpa && gb + sz <= mr->gpa + mr->size &&
		    !((mr->hpa + (gb - mr->gpa)) & (sz - 1)))
			return sz;
	}
	return 0;
}

static void shadow_install_large(struct vcpu *v, uint32_t ea, uint64_t hpa, uint64_t size,
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
		   ((uint32_t)hpa & ~(uint32_t)(size - 1)) | shadow_perms(v, e),
		   (uint32_t)(hpa >> 32));
}

static uint32_t load_extend(const struct mmio_insn *m, uint32_t val)
{
	if (m->byte_reverse)
		val = m->size == 4 ? __builtin_bswap32(val) : __builtin_bswap16((uint16_t)val);
	if (m->sign_extend && m->size == 2)
		val = (uint32_t)(int32_t)(int16_t)val;
	return val;
}

/* Emulate the load or store at pc that touched device d at gpa. */
static unsigned int mmio_emulate(struct vcpu *v, struct vdev *d, uint64_t gpa, bool store)
{
	struct vcpu_regs *r = &v->arch.regs;
	struct mmio_insn m;
	uint32_t insn, off = (uint32_t)(gpa - d->gpa), val;
	bool ok, decoded;

	if (!vcpu_fetch_insn(v, &insn))
		insn = 0;
	decoded = insn && mmio_decode(insn, &m);
	if (!decoded && insn && mmio_cache_op(insn)) {
		r->pc += 4; /* dcbf & co. on a device page: nothing to do */
		return EXIT_MMIO;
	}
	if (!decoded || m.store != store || off + m.size > d->size) {
		pr_warn("%s: unsupported access to %s at pc %08x (insn %08x)\n", v->part->name,
			d->name, r->pc, insn);
		vcpu_deliver_machine_check(v, store ? MCSR_BUS_WAERR : MCSR_BUS_RAERR, gpa);
		return EXIT_MCHECK;
	}
	if (store) {
		val = r->gpr[m.rt];
		if (m.size < 4)
			val &= (1u << (8 * m.size)) - 1;
		if (m.byte_reverse)
			val = load_extend(&m, val);
		ok = partition_dev_access(v, d, off, m.size, true, &val);
	} else {
		ok = partition_dev_access(v, d, off, m.size, false, &val);
		if (ok)
			r->gpr[m.rt] = load_extend(&m, val);
	}
	if (!ok) {
		vcpu_deliver_machine_check(v, store ? MCSR_BUS_WAERR : MCSR_BUS_RAERR, gpa);
		return EXIT_MCHECK;
	}
	if (m.update)
		r->gpr[m.ra] = r->dear;
	if (v->part->state == PART_RUNNING)
		r->pc += 4;
	return EXIT_MMIO;
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
		vcpu_deliver(v, IVOR_ISI, a->regs.pc);
		return EXIT_ISI;
	}
	a->shared.dear = ea;
	a->shared.esr = store ? ESR_ST : 0;
	vcpu_deliver(v, IVOR_DSI, a->regs.pc);
	return EXIT_DSI;
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
	const struct mem_region *mr;
	struct gtlb_hit hit;
	struct vdev *d;

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
		vcpu_deliver(v, ifetch ? IVOR_ITLB_MISS : IVOR_DTLB_MISS, a->regs.pc);
		return ifetch ? EXIT_ITLB_GUEST : EXIT_DTLB_GUEST;
	}

	mr = partition_find_mem(v->part, hit.gpa);
	if (mr) {
		uint64_t hpa = mr->hpa + ((hit.gpa & ~0xFFFull) - mr->gpa);
		uint64_t large = shadow_large_size(&hit, mr);

		if (large)
			shadow_install_large(v, ea, hpa, large, hit.entry);
		else
			shadow_install(v, ea, hpa, hit.entry,
				       hit.entry->mas2 &
					       (MAS2_W | MAS2_I | MAS2_M | MAS2_G | MAS2_E));
		return ifetch ? EXIT_ITLB_FILL : EXIT_DTLB_FILL;
	}
	/*
	 * A device assigned to the partition: its real page, at the same
	 * address. Cache-inhibited and guarded whatever the guest asked: a
	 * cached or speculative access to device registers would read stale
	 * status or set off side effects (reading a data register consumes
	 * it); only the byte order (E) is the guest's choice.
	 */
	if (assign_find(v->part, hit.gpa)) {
		shadow_install(v, ea, hit.gpa & ~0xFFFull, hit.entry,
			       (hit.entry->mas2 & MAS2_E) | MAS2_I | MAS2_G);
		return ifetch ? EXIT_ITLB_FILL : EXIT_DTLB_FILL;
	}

	if (!shadow_access_allowed(v, hit.entry, ifetch, store))
		return shadow_deny(v, ea, ifetch, store);
	d = ifetch ? NULL : partition_find_dev(v->part, hit.gpa);
	if (d)
		return mmio_emulate(v, d, hit.gpa, store);

	/* Outside the partition: the bus error real hardware reports. */
	vcpu_deliver_machine_check(v,
				   ifetch ? MCSR_BUS_IAERR
					  : (store ? MCSR_BUS_WAERR : MCSR_BUS_RAERR),
				   hit.gpa);
	return EXIT_MCHECK;
}
