// SPDX-License-Identifier: GPL-2.0-only
/*
 * Failover: devices a standby partition may take over (docs/config.md,
 * "Failover"). A device of the hardware tree is in the `devices` of its
 * active partition, which owns it at boot, and in the `claimable` list of
 * a standby. Both trees have the node with fsl,hv-device-handle and
 * fsl,hv-claimable ("active" for the owner, "standby", disabled, for the
 * other); Freescale's FH_CLAIM_DEVICE with that handle moves the device to
 * the caller: its pages are mapped for the claimer only (assign_find()
 * looks at ownership on every TLB miss) and its MPIC sources are routed
 * to the claimer's CPU, masked until the claimer's guest unmasks them on
 * its virtual MPIC. The old owner may claim it back the same way.
 *
 * From a stopped and settled owner the move is immediate: its stale shadow
 * TLB entries die with the TLB flush of its next start. From a running
 * owner (the claimer's configuration says claim = "running") the owner
 * must lose the device at once: its entry stops being owned (no new
 * mapping), each of its vCPUs is kicked out of its guest and, before it
 * runs guest code again, drops its shadow TLB on its own CPU (and vCPU 0
 * lowers the device's lines on its virtual MPIC): VCPU_HOLD_REVOKE,
 * claim_revoke_vcpu(). The claimer waits for all of them (a parked vCPU or
 * a halted partition has nothing to drop) before the device is its own.
 * Meanwhile the device is owned by nobody: a second claim of it is
 * EV_INVALID_STATE and its interrupts are masked (assign_irq_fire()).
 * The wait is bounded: an owner that cannot be made to let go within
 * CLAIM_REVOKE_MS keeps the device (EV_INVALID_STATE).
 */
#include <libfdt.h>

#include <arch.h>
#include <assign.h>
#include <claim.h>
#include <hcall.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <ratelimit.h>
#include <sched.h>
#include <spinlock.h>
#include <string.h>

#define CLAIM_REVOKE_MS 1000
/* claims are the guests' doing: at most 10 said at once, then 10 a second per partition */
#define CLAIM_MSG_BURST 10
#define CLAIM_MSG_PER_SECOND 10

static struct ratelimit claim_msg_limit[PART_MAX];

struct assigned_dev *claim_owner_entry(int hw, struct partition **owner)
{
	unsigned int i, k;

	for (i = 0; i < npartitions; i++)
		for (k = 0; k < partitions[i].nassigned; k++) {
			struct assigned_dev *d = &partitions[i].assigned[k];

			if (d->node == hw && d->owned) {
				*owner = &partitions[i];
				return d;
			}
		}
	return NULL;
}

/* Is a claim moving hardware node hw right now? (under assign_owner_lock) */
static bool claim_moving(int hw)
{
	unsigned int i, k;

	for (i = 0; i < npartitions; i++)
		for (k = 0; k < partitions[i].nassigned; k++) {
			const struct assigned_dev *d = &partitions[i].assigned[k];

			if (d->node == hw && d->moving)
				return true;
		}
	return false;
}

void claim_revoke_vcpu(struct vcpu *v)
{
	arch_vcpu_flush_tlb(v);
	if (v->id == 0)
		assign_settle(v->part);
	arch_smp_mb(); /* dropped before the claimer sees the bit clear */
	__atomic_fetch_and(&v->hold, ~VCPU_HOLD_REVOKE, __ATOMIC_SEQ_CST);
}

/* Ask vCPU w to settle its partition's devices before it runs guest code again. */
static void claim_request(struct vcpu *w)
{
	__atomic_fetch_or(&w->hold, VCPU_HOLD_REVOKE, __ATOMIC_SEQ_CST);
	sched_kick_vcpu(w);
}

/* Has every vCPU of o dropped what it had (or nothing to drop: parked, halted)? */
static bool claim_revoked(const struct partition *o)
{
	unsigned int n;

	for (n = 0; n < o->nvcpus; n++) {
		const struct vcpu *w = o->vcpu[n];

		if ((w->hold & VCPU_HOLD_REVOKE) && !w->parked && !(n == 0 && o->halted))
			return false;
	}
	return true;
}

/*
 * The claimer's sources were routed masked: its vCPU 0 brings them in line
 * with what its guest unmasked already (here if v is that vCPU).
 */
static void claim_settle_claimer(struct vcpu *v)
{
	if (v->id == 0)
		assign_settle(v->part);
	else
		claim_request(v->part->vcpu[0]);
}

/*
 * Take d (one of v's partition's entries) from `from`, owned by the running
 * (or still stopping) partition owner; called and returns under
 * assign_owner_lock, which it drops while it waits.
 */
static uint32_t claim_take(struct vcpu *v, struct assigned_dev *d, struct assigned_dev *from,
			   struct partition *owner)
{
	uint64_t due = arch_timebase() + (uint64_t)CLAIM_REVOKE_MS * (platform.tb_freq / 1000);
	unsigned int n;
	bool done;

	from->owned = false; /* no new mapping of it from here on */
	d->moving = true;
	arch_smp_mb();
	for (n = 0; n < owner->nvcpus; n++)
		__atomic_fetch_or(&owner->vcpu[n]->hold, VCPU_HOLD_REVOKE, __ATOMIC_SEQ_CST);
	spin_unlock(&assign_owner_lock);
	for (n = 0; n < owner->nvcpus; n++)
		sched_kick_vcpu(owner->vcpu[n]);
	while (!(done = claim_revoked(owner)) && arch_timebase() < due) {
		/* the owner may be waiting for us the same way (a claim of its own) */
		if (v->hold & VCPU_HOLD_REVOKE)
			claim_revoke_vcpu(v);
		sched_wait(v, platform.tb_freq / 1000);
		for (n = 0; n < owner->nvcpus; n++)
			if (owner->vcpu[n]->hold & VCPU_HOLD_REVOKE)
				sched_kick_vcpu(owner->vcpu[n]);
	}
	spin_lock(&assign_owner_lock);
	d->moving = false;
	if (!done) { /* it keeps the device: its vCPU 0 unmasks what its guest wants */
		from->owned = true;
		claim_request(owner->vcpu[0]);
		pr_info("partition %s: claim from %s given up: it did not let go in %u ms\n",
			v->part->name, owner->name, CLAIM_REVOKE_MS);
		return EV_INVALID_STATE;
	}
	return EV_SUCCESS;
}

/* r3 = device handle (its node's fsl,hv-device-handle): take the device over. */
static uint32_t fh_claim_device(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part, *owner = NULL;
	struct ipc_ref *ref = ipc_lookup(p, r[0], IPC_DEVICE);
	struct assigned_dev *d, *from;
	uint32_t ret = EV_SUCCESS, suppressed;
	bool running = false;
	char path[128];

	if (!ref || ref->obj >= p->nassigned || !p->assigned[ref->obj].claimable)
		return EV_EINVAL;
	d = &p->assigned[ref->obj];
	spin_lock(&assign_owner_lock);
	from = claim_owner_entry(d->node, &owner);
	if (from == d) {
		spin_unlock(&assign_owner_lock);
		return EV_SUCCESS; /* it has it already */
	}
	if (claim_moving(d->node)) {
		ret = EV_INVALID_STATE; /* another claim of it is under way */
	} else if (from && !(owner->state == PART_STOPPED && owner->halted)) {
		/* the owner still runs (or is stopping): only if the configuration allows */
		running = p->claim_running;
		ret = running ? claim_take(v, d, from, owner) : EV_INVALID_STATE;
	} else if (from) {
		from->owned = false;
	}
	if (ret == EV_SUCCESS) {
		d->owned = true;
		assign_route(p, d);
	}
	spin_unlock(&assign_owner_lock);
	if (ret != EV_SUCCESS)
		return ret;
	claim_settle_claimer(v);
	if (!ratelimit_allow(&claim_msg_limit[p - partitions], arch_timebase(),
			     platform.tb_freq / CLAIM_MSG_PER_SECOND, CLAIM_MSG_BURST, &suppressed))
		return EV_SUCCESS;
	if (suppressed)
		pr_info("partition %s: %u more claims not reported\n", p->name, suppressed);
	if (fdt_get_path(platform.fdt, d->node, path, sizeof(path)))
		memcpy(path, "?", 2);
	pr_info("partition %s claimed %s%s%s%s\n", p->name, path, from ? " from " : "",
		from ? owner->name : "", running ? " (taken while it ran)" : "");
	return EV_SUCCESS;
}
HCALL_REGISTER(fh_claim_device, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_CLAIM_DEVICE), fh_claim_device);
