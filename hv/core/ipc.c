// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's cooperation objects and their handles, and events that
 * cross CPUs (ipc.h).
 */
#include <arch.h>
#include <bytechan.h>
#include <doorbell.h>
#include <hvirq.h>
#include <ipc.h>
#include <partition.h>
#include <sched.h>
#include <smp.h>
#include <virq.h>

struct ipc_ref *ipc_lookup(struct partition *p, uint32_t h, enum ipc_kind kind)
{
	uint32_t k = h - IPC_HANDLE_BASE;

	if (h < IPC_HANDLE_BASE || k >= p->nipc || !p->ipc[k].handle || p->ipc[k].kind != kind)
		return NULL;
	return &p->ipc[k];
}

uint32_t ipc_handle(const struct partition *p, const struct ipc_ref *ref)
{
	return IPC_HANDLE_BASE + (uint32_t)(ref - p->ipc);
}

struct ipc_ref *ipc_add(struct partition *p, enum ipc_kind kind, unsigned int obj,
			unsigned int end, unsigned int nsrc, bool handle)
{
	struct ipc_ref *ref;
	unsigned int i;

	if (p->nipc == IPC_MAX)
		return NULL;
	ref = &p->ipc[p->nipc];
	*ref = (struct ipc_ref){ .kind = (uint8_t)kind, .obj = (uint8_t)obj, .end = (uint8_t)end,
				 .handle = handle };
	for (i = 0; i < nsrc && i < 2; i++) {
		int src = virq_alloc(p);

		if (src < 0)
			return NULL;
		ref->src[i] = (uint16_t)src;
	}
	p->nipc++;
	return ref;
}

/* p was marked: kick the CPU that must look. */
static void ipc_kick(struct partition *p)
{
	struct vcpu *v = p->vcpu[0];

	arch_smp_mb(); /* the mark before the kick; the poll clears it before looking */
	/*
	 * Another CPU, or this one's running vCPU: a kick (on our own CPU it
	 * comes back as an exit). A vCPU waiting on this shared core: it
	 * polls when it runs, and the core decides on our way back (an IPI
	 * to ourselves would first return into the running guest).
	 */
	if (v && p->state == PART_RUNNING && !sched_kick_here(v))
		hvirq_kick(v->cpu);
}

void ipc_wake(struct partition *p)
{
	p->ipc_wake = true;
	ipc_kick(p);
}

void ipc_wake_posted(struct partition *p)
{
	p->ipc_posted = true;
	ipc_kick(p);
}

void ipc_sync(struct partition *p)
{
	unsigned int k;

	for (k = 0; k < p->nipc; k++)
		if (p->ipc[k].kind == IPC_BYTECHAN)
			bytechan_sync(p, &p->ipc[k]);
	virq_apply_posted(p);
}

void ipc_poll(struct partition *p)
{
	uint32_t before;
	bool all;

	/* cleared before looking: a mark set after this is seen next time */
	p->ipc_posted = false;
	all = __atomic_exchange_n(&p->ipc_wake, false, __ATOMIC_SEQ_CST);
	arch_smp_mb();
	spin_lock(&p->lock);
	before = virq_outputs(p);
	if (all)
		ipc_sync(p);
	else
		virq_apply_posted(p);
	virq_kick(p, before);
	spin_unlock(&p->lock);
}

void ipc_partition_start(struct partition *p)
{
	unsigned int k;

	/* its controller was just reset: every line is low */
	for (k = 0; k < p->nipc; k++)
		p->ipc[k].level[0] = p->ipc[k].level[1] = false;
	virq_forget_posted(p); /* events of its previous run */
	spin_lock(&p->lock);
	ipc_sync(p);
	spin_unlock(&p->lock);
}

void ipc_partition_running(struct partition *p)
{
	doorbell_notify_managers(p, NOTIFY_START);
	doorbell_notify_managers(p, NOTIFY_STATE);
}

void ipc_partition_stop(struct partition *p)
{
	if (p->crashed)
		doorbell_notify_managers(p, NOTIFY_CRASH);
	if (p->reset_requested)
		doorbell_notify_managers(p, NOTIFY_RESET);
	doorbell_notify_managers(p, NOTIFY_STOP);
	doorbell_notify_managers(p, NOTIFY_STATE);
}

void ipc_partition_halted(struct partition *p)
{
	doorbell_notify_managers(p, NOTIFY_STATE);
}
