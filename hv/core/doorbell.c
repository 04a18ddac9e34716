// SPDX-License-Identifier: GPL-2.0-only
/*
 * Doorbells between partitions and the state notifications of managers
 * (doorbell.h). A ring posts a pulse to each receiver (virq.h), which its
 * own CPU applies: receivers never wait for senders, nor the other way.
 */
#include <doorbell.h>
#include <hcall.h>
#include <ipc.h>
#include <partition.h>
#include <virq.h>

struct doorbell doorbells[DB_MAX];
unsigned int ndoorbells;

_Static_assert(PART_MAX <= sizeof(doorbells[0].rx_src) / sizeof(doorbells[0].rx_src[0]),
	       "a receive source per partition");

void doorbell_ring(const struct doorbell *d)
{
	unsigned int i;

	for (i = 0; i < npartitions; i++)
		if (d->receivers & (1u << i))
			virq_post_pulse(&partitions[i], d->rx_src[i]);
}

void doorbell_notify_managers(const struct partition *t, enum notify_kind k)
{
	unsigned int idx = (unsigned int)(t - partitions), i, n;

	for (i = 0; i < npartitions; i++) {
		struct partition *m = &partitions[i];

		if (!(m->manages & (1u << idx)))
			continue;
		for (n = 0; n < m->nipc; n++)
			if (m->ipc[n].kind == IPC_NOTIFY && m->ipc[n].obj == idx && m->ipc[n].end == k)
				virq_post_pulse(m, m->ipc[n].src[0]);
	}
}

void doorbell_bind(void)
{
	unsigned int i, n;

	for (i = 0; i < npartitions; i++) {
		const struct partition *p = &partitions[i];

		for (n = 0; n < p->nipc; n++) {
			const struct ipc_ref *r = &p->ipc[n];

			if (r->kind != IPC_DOORBELL || !(r->end & IPC_DB_RECV))
				continue;
			doorbells[r->obj].receivers |= 1u << i;
			doorbells[r->obj].rx_src[i] = r->src[0];
		}
	}
}

/* r3 = doorbell handle: ring it. */
static uint32_t ev_doorbell_send(struct vcpu *v, uint32_t r[8])
{
	struct ipc_ref *ref = ipc_lookup(v->part, r[0], IPC_DOORBELL);

	if (!ref || !(ref->end & IPC_DB_SEND))
		return EV_EINVAL;
	doorbell_ring(&doorbells[ref->obj]);
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_doorbell_send, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_DOORBELL_SEND),
	       ev_doorbell_send);
