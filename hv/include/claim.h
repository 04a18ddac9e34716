/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Failover: devices a standby partition claims from an active one
 * (claim.c, claim_take.c; config "claimable", docs/config.md "Failover").
 */
#ifndef CLAIM_H
#define CLAIM_H

struct assigned_dev;
struct partition;
struct vcpu;

/* The entry of the partition that owns hardware node hw now (*owner), or NULL. */
struct assigned_dev *claim_owner_entry(int hw, struct partition **owner);
/*
 * On v's CPU, v outside its guest (VCPU_HOLD_REVOKE set): a device was
 * taken from (or given to) its partition: drop v's shadow TLB entries and,
 * for vCPU 0, settle the devices' interrupt lines; then clear the bit.
 */
void claim_revoke_vcpu(struct vcpu *v);
/* Its claimable devices' nodes in its tree: handle, active/standby, disabled if not its own. */
int claim_fdt(const struct partition *p, void *fdt);

#endif /* CLAIM_H */
