// SPDX-License-Identifier: GPL-2.0-only
#include <arch/cpu.h>
#include <hvirq.h>
#include <smp.h>

#include "vspin.h"

enum { ADDR_HI, ADDR_LO, R3_HI, R3_LO, RSVD, PIR };

void vspin_reset(struct vspin *s, uint32_t entry)
{
	unsigned int n;

	for (n = 0; n < PART_MAX_VCPUS; n++) {
		uint32_t *e = s->w[n];

		for (unsigned int i = 0; i < VSPIN_ENTRY_SIZE / 4; i++)
			e[i] = 0;
		e[ADDR_LO] = n ? 1 : entry;
		e[PIR] = n;
	}
}

static bool vspin_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	struct vspin *s = d->priv;

	if (size != 4 || (off & 3))
		return false;
	*val = s->w[off / VSPIN_ENTRY_SIZE][(off % VSPIN_ENTRY_SIZE) / 4];
	return true;
}

/* The guest let vCPU n go: it starts on its own CPU as soon as that wakes. */
static void vspin_release(struct partition *p, unsigned int n, const uint32_t *e)
{
	struct vcpu *t = p->vcpu[n];

	if (!t->parked || t->released)
		return;
	t->release_pc = e[ADDR_LO];
	t->release_r3 = e[R3_LO];
	t->release_pir = e[PIR];
	arch_smp_mb(); /* the start state before the flag that publishes it */
	t->released = true;
	if (t->cpu != smp_cpu())
		hvirq_kick(t->cpu);
}

static bool vspin_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	struct vspin *s = d->priv;
	unsigned int n = off / VSPIN_ENTRY_SIZE, w = (off % VSPIN_ENTRY_SIZE) / 4;
	uint32_t *e = s->w[n];
	bool spinning = e[ADDR_LO] & 1;

	if (size != 4 || (off & 3))
		return false;
	e[w] = val;
	/*
	 * The release: addr_lo written with bit 0 clear while the entry spins.
	 * addr_hi must be 0: the entry mapping and every partition's RAM are
	 * below 4 GiB (docs/config.md).
	 */
	if (w == ADDR_LO && spinning && !(val & 1) && n != 0 && n < v->part->nvcpus &&
	    !e[ADDR_HI])
		vspin_release(v->part, n, e);
	return true;
}

const struct vdev_ops vspin_ops = {
    .read = vspin_read,
    .write = vspin_write,
};
