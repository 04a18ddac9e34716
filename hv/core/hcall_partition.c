// SPDX-License-Identifier: GPL-2.0-only
/*
 * Partition management by a manager partition (Freescale calls, as Linux's
 * fsl_hypervisor driver makes them through /dev/fsl-hv). A managed
 * partition is started, stopped or restarted the way its own lifecycle
 * does it (sched.c): START loads it afresh from the configuration (memory
 * cleared, images and device tree rebuilt) and releases its vCPU 0; STOP
 * stops it as a power-off would; RESTART as a reset request would,
 * whatever its on-reset policy says.
 *
 * FH_PARTITION_MEMCPY (in-service upgrade: a new image into a stopped
 * partition, then START at a given entry) belongs here too, next to START.
 */
#include <hcall.h>
#include <partition.h>
#include <printf.h>
#include <sched.h>

/* The partition handle h names, if v's partition may manage it; else NULL. */
static struct partition *managed(const struct vcpu *v, uint32_t h)
{
	unsigned int idx = h - 1;

	if (h == 0 || idx >= npartitions || !(v->part->manages & (1u << idx)))
		return NULL;
	return &partitions[idx];
}

/* r3 = handle (-1: the caller itself) -> r4 = status. */
static uint32_t fh_get_status(struct vcpu *v, uint32_t r[8])
{
	const struct partition *t = r[0] == 0xFFFFFFFFu ? v->part : managed(v, r[0]);

	if (!t)
		return EV_EINVAL;
	if (t->state == PART_RUNNING)
		r[1] = FH_PARTITION_RUNNING;
	else
		r[1] = t->halted ? FH_PARTITION_STOPPED : FH_PARTITION_STOPPING;
	return EV_SUCCESS;
}
HCALL_REGISTER(fh_partition_get_status, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_GET_STATUS),
	       fh_get_status);

/* r3 = handle, r4 = entry point (0: the image's own), r5 = load (ignored: always loaded). */
static uint32_t fh_start(struct vcpu *v, uint32_t r[8])
{
	struct partition *t = managed(v, r[0]);

	if (!t)
		return EV_EINVAL;
	/* beryl starts the configured image at its own entry point (MEMCPY will change that) */
	if (r[1] != 0)
		return EV_EINVAL;
	if (t->state == PART_RUNNING || !t->halted)
		return EV_INVALID_STATE;
	pr_info("partition %s: started by %s\n", t->name, v->part->name);
	return sched_start_partition(t) ? EV_INVALID_STATE : EV_SUCCESS;
}
HCALL_REGISTER(fh_partition_start, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_START), fh_start);

static uint32_t stop(struct vcpu *v, uint32_t h, bool restart)
{
	struct partition *t = managed(v, h);

	if (!t)
		return EV_EINVAL;
	if (t->state != PART_RUNNING)
		return EV_INVALID_STATE;
	t->restart_forced = restart;
	partition_stop(t, restart ? "restart by its manager" : "stopped by its manager");
	return EV_SUCCESS;
}

/* r3 = handle. */
static uint32_t fh_stop(struct vcpu *v, uint32_t r[8])
{
	return stop(v, r[0], false);
}
HCALL_REGISTER(fh_partition_stop, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_STOP), fh_stop);

/* r3 = handle. */
static uint32_t fh_restart(struct vcpu *v, uint32_t r[8])
{
	return stop(v, r[0], true);
}
HCALL_REGISTER(fh_partition_restart, HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_PARTITION_RESTART),
	       fh_restart);
