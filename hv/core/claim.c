// SPDX-License-Identifier: GPL-2.0-only
/*
 * Failover: devices a standby partition may take over (docs/config.md,
 * "Failover"). A device of the hardware tree is in the `devices` of its
 * active partition, which owns it at boot, and in the `claimable` list of
 * a standby. The standby's tree has the node too, disabled, with
 * fsl,hv-claimable = "standby" and fsl,hv-device-handle; Freescale's
 * FH_CLAIM_DEVICE with that handle moves the device to it once the
 * current owner has stopped and settled: its pages are mapped for the
 * claimer only (assign_find() looks at ownership on every TLB miss; the
 * old owner's shadow TLB entries die when it is started again, which
 * flushes its TLB) and its MPIC sources are routed to the claimer's CPU,
 * masked until the claimer's guest unmasks them on its virtual MPIC.
 */
#include <libfdt.h>

#include <assign.h>
#include <claim.h>
#include <hcall.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <spinlock.h>
#include <string.h>

static spinlock_t claim_lock = SPINLOCK_INIT;

struct assigned_dev *claim_owner_entry(int hw, struct partition **owner)
{
	unsigned int i, k;

	for (i = 0; i < npartitions; i++)
		for (k = 0; k < partitions[i].nassigned; k++)
			if (partitions[i].assigned[k].node == hw && partitions[i].assigned[k].owned) {
				*owner = &partitions[i];
				return &partitions[i].assigned[k];
			}
	return NULL;
}

/* r3 = device handle (its node's fsl,hv-device-handle): take the device over. */
static uint32_t fh_claim_device(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part, *owner = NULL;
	struct ipc_ref *ref = ipc_lookup(p, r[0], IPC_DEVICE);
	struct assigned_dev *d, *from;
	uint32_t ret = EV_SUCCESS;
	char path[128];

	if (!ref || ref->obj >= p->nassigned || !p->assigned[ref->obj].claimable)
		return EV_EINVAL;
	d = &p->assigned[ref->obj];
	spin_lock(&claim_lock);
	from = claim_owner_entry(d->node, &owner);
	if (from == d) {
		spin_unlock(&claim_lock);
		return EV_SUCCESS; /* it has it already */
	}
	if (from && !(owner->state == PART_STOPPED && owner->halted)) {
		ret = EV_INVALID_STATE; /* the active one still runs (or is stopping) */
	} else {
		if (from)
			from->owned = false;
		d->owned = true;
		assign_route(p, d);
	}
	spin_unlock(&claim_lock);
	if (ret == EV_SUCCESS) {
		if (fdt_get_path(platform.fdt, d->node, path, sizeof(path)))
			memcpy(path, "?", 2);
		pr_info("partition %s claimed %s%s%s\n", p->name, path, from ? " from " : "",
			from ? owner->name : "");
	}
	return ret;
}
HCALL_REGISTER(fh_claim_device, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_CLAIM_DEVICE), fh_claim_device);

int claim_fdt(const struct partition *p, void *fdt)
{
	unsigned int k;
	int node, err = 0;
	char path[128];

	for (k = 0; k < p->nipc && !err; k++) {
		const struct ipc_ref *ref = &p->ipc[k];
		const struct assigned_dev *d;

		if (ref->kind != IPC_DEVICE || ref->obj >= p->nassigned)
			continue;
		d = &p->assigned[ref->obj];
		if (fdt_get_path(platform.fdt, d->node, path, sizeof(path)))
			return -FDT_ERR_NOTFOUND;
		node = fdt_path_offset(fdt, path);
		if (node < 0)
			return node;
		err = fdt_setprop_u32(fdt, node, "fsl,hv-device-handle", ipc_handle(p, ref));
		if (!err)
			err = fdt_setprop_string(fdt, node, "fsl,hv-claimable",
						 d->owned ? "active" : "standby");
		/* not its own yet: no driver of the guest may probe it */
		if (!err && !d->owned)
			err = fdt_setprop_string(fdt, node, "status", "disabled");
	}
	return err;
}
