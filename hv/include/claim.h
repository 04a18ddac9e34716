/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Failover: devices a standby partition claims from a stopped active one
 * (claim.c; config "claimable", docs/config.md "Failover").
 */
#ifndef CLAIM_H
#define CLAIM_H

struct assigned_dev;
struct partition;

/* The entry of the partition that owns hardware node hw now (*owner), or NULL. */
struct assigned_dev *claim_owner_entry(int hw, struct partition **owner);
/* Its claimable devices' nodes in its tree: handle, active/standby, disabled if not its own. */
int claim_fdt(const struct partition *p, void *fdt);

#endif /* CLAIM_H */
