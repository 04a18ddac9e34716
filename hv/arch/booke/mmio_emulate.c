// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest's load or store on an emulated device: the instruction is
 * decoded once (mmio_decode.c) and served by the device (mmio_access(),
 * the one core call), then the result goes to the guest's register and the
 * guest steps over the instruction.
 */
#include <arch/booke.h>
#include <arch/mmio_decode.h>
#include <mmio.h>
#include <partition.h>
#include <printf.h>
#include <vdev.h>

static uint32_t load_extend(const struct mmio_insn *m, uint32_t val)
{
	if (m->byte_reverse)
		val = m->size == 4 ? __builtin_bswap32(val) : __builtin_bswap16((uint16_t)val);
	if (m->sign_extend && m->size == 2)
		val = (uint32_t)(int32_t)(int16_t)val;
	return val;
}

bool booke_mmio_emulate(struct vcpu *v, struct vdev *d, uint64_t gpa, bool store)
{
	struct vcpu_regs *r = &v->arch.regs;
	uint32_t mcsr = store ? MCSR_BUS_WAERR : MCSR_BUS_RAERR;
	struct mmio_insn m;
	uint32_t insn, val;
	bool decoded;

	if (!booke_core_fetch_insn(v, &insn))
		insn = 0;
	decoded = insn && mmio_decode(insn, &m);
	if (!decoded && insn && mmio_cache_op(insn)) {
		r->pc += 4; /* dcbf & co. on a device page: nothing to do */
		return true;
	}
	if (!decoded || m.store != store) {
		partition_warn(v->part, "unsupported access to %s at pc %08x (insn %08x)\n",
			       d->type->name, r->pc, insn);
		booke_deliver_machine_check(v, mcsr, gpa);
		return false;
	}
	if (store) {
		val = r->gpr[m.rt];
		if (m.size < 4)
			val &= (1u << (8 * m.size)) - 1;
		if (m.byte_reverse)
			val = load_extend(&m, val);
	}
	if (!mmio_access(v, d, gpa, m.size, store, &val)) {
		booke_deliver_machine_check(v, mcsr, gpa);
		return false;
	}
	if (!store)
		r->gpr[m.rt] = load_extend(&m, val);
	if (m.update)
		r->gpr[m.ra] = r->dear;
	if (v->part->state == PART_RUNNING)
		r->pc += 4;
	return true;
}
