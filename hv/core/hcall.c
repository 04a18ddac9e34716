// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypercalls: partition management by a manager partition (see hcall.h).
 * A managed partition is started, stopped or restarted the way its own
 * lifecycle does it (sched.c): START loads it afresh from the configuration
 * (memory cleared, images and device tree rebuilt) and releases its vCPU 0;
 * STOP stops it as a power-off would; RESTART as a reset request would,
 * whatever its on-reset policy says.
 */
#include <arch.h>
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

static uint32_t get_status(struct vcpu *v, uint32_t h, uint32_t *status)
{
	const struct partition *t = h == 0xFFFFFFFFu ? v->part : managed(v, h);

	if (!t)
		return EV_EINVAL;
	if (t->state == PART_RUNNING)
		*status = FH_PARTITION_RUNNING;
	else
		*status = t->halted ? FH_PARTITION_STOPPED : FH_PARTITION_STOPPING;
	return EV_SUCCESS;
}

static uint32_t start(struct vcpu *v, uint32_t h, uint32_t entry, uint32_t load)
{
	struct partition *t = managed(v, h);

	if (!t)
		return EV_EINVAL;
	/* beryl always starts the configured image at its own entry point */
	if (entry != 0)
		return EV_EINVAL;
	if (t->state == PART_RUNNING || !t->halted)
		return EV_INVALID_STATE;
	pr_info("partition %s: started by %s\n", t->name, v->part->name);
	return sched_start_partition(t) ? EV_INVALID_STATE : EV_SUCCESS;
}

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

void hcall_dispatch(struct vcpu *v, uint32_t token, uint32_t r[8])
{
	if (arch_hcall(v, token, r))
		return;
	if (token == (EV_EPAPR_VENDOR_ID << 16 | EV_IDLE)) {
		/* until its next interrupt (ePAPR 1.1 8.4.1; "has-idle" says it is there) */
		v->idle_request = true;
		r[0] = EV_SUCCESS;
		return;
	}
	if (token >> 16 != EV_FSL_VENDOR_ID) {
		r[0] = EV_UNIMPLEMENTED;
		return;
	}
	switch (token & 0xFFFF) {
	case FH_PARTITION_GET_STATUS:
		r[0] = get_status(v, r[0], &r[1]);
		break;
	case FH_PARTITION_START:
		r[0] = start(v, r[0], r[1], r[2]);
		break;
	case FH_PARTITION_STOP:
		r[0] = stop(v, r[0], false);
		break;
	case FH_PARTITION_RESTART:
		r[0] = stop(v, r[0], true);
		break;
	default:
		r[0] = EV_UNIMPLEMENTED;
		break;
	}
}
