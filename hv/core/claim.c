// SPDX-License-Identifier: GPL-2.0-only
/*
 * Failover (docs/config.md, "Failover"): the trees of the partitions that
 * may claim a device. The claim itself, at run time, is claim_take.c.
 */
#include <libfdt.h>

#include <assign.h>
#include <claim.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>

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
