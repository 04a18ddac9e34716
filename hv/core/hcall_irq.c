// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ePAPR interrupt-controller hypercalls, on the partition's own
 * interrupt controller (its irqchip slot, vdev.h): the same sources its
 * registers show, numbered as its device tree's interrupt specifiers
 * number them. Configuration is ePAPR's: config bit 0 polarity (1: active
 * high / rising), bit 1 sense (1: level); priority 0..15; destination a
 * vCPU of the partition; mask 0 (enabled) or 1. IACK returns the vector
 * of the interrupt it takes in service (a source configured by these calls
 * has its own number as vector), or 0xFFFF (the spurious vector) when
 * nothing is pending; EOI ends the interrupt in service if it is the one
 * named. Whatever changes here changes on an assigned device's real
 * source too, as a register access would (assign.h).
 */
#include <assign.h>
#include <hcall.h>
#include <partition.h>
#include <vdev.h>
#include <virq.h>

#define CONFIG_POLARITY 1u
#define CONFIG_LEVEL 2u

/* The controller of v's partition and the ops, if src is one of its sources. */
static struct vdev *chip_src(const struct vcpu *v, uint32_t src)
{
	struct vdev *c = v->part->irqchip;

	return c && src < c->type->irqchip->nr_sources ? c : NULL;
}

/* Run a change of the controller the way its register accesses are run. */
static void locked_begin(struct partition *p, uint32_t *before)
{
	spin_lock(&p->lock);
	*before = virq_outputs(p);
}

static void locked_end(struct partition *p, uint32_t before)
{
	assign_irq_sync(p);
	virq_kick(p, before);
	spin_unlock(&p->lock);
}

/* r3 = interrupt, r4 = config, r5 = priority, r6 = destination. */
static uint32_t ev_int_set_config(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part;
	struct vdev *c = chip_src(v, r[0]);
	struct virq_config cfg;
	uint32_t before;

	if (!c || (r[1] & ~(CONFIG_POLARITY | CONFIG_LEVEL)) ||
	    r[2] > c->type->irqchip->max_priority || r[3] >= p->nvcpus)
		return EV_EINVAL;
	locked_begin(p, &before);
	c->type->irqchip->get_config(c, r[0], &cfg);
	cfg.level = (r[1] & CONFIG_LEVEL) != 0;
	cfg.positive = (r[1] & CONFIG_POLARITY) != 0;
	cfg.priority = r[2];
	cfg.dest = r[3];
	c->type->irqchip->set_config(c, r[0], &cfg);
	locked_end(p, before);
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_int_set_config, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_INT_SET_CONFIG),
	       ev_int_set_config);

/* The configuration of the caller's source irq, read under its partition's lock: false if none. */
static bool chip_read_config(struct vcpu *v, uint32_t irq, struct virq_config *cfg)
{
	struct vdev *c = chip_src(v, irq);

	if (!c)
		return false;
	spin_lock(&v->part->lock);
	c->type->irqchip->get_config(c, irq, cfg);
	spin_unlock(&v->part->lock);
	return true;
}

/* r3 = interrupt -> r4 = config, r5 = priority, r6 = destination. */
static uint32_t ev_int_get_config(struct vcpu *v, uint32_t r[8])
{
	struct virq_config cfg;

	if (!chip_read_config(v, r[0], &cfg))
		return EV_EINVAL;
	r[1] = (cfg.level ? CONFIG_LEVEL : 0) | (cfg.positive ? CONFIG_POLARITY : 0);
	r[2] = cfg.priority;
	r[3] = cfg.dest;
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_int_get_config, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_INT_GET_CONFIG),
	       ev_int_get_config);

/* r3 = interrupt, r4 = mask (1) or enable (0). */
static uint32_t ev_int_set_mask(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part;
	struct vdev *c = chip_src(v, r[0]);
	struct virq_config cfg;
	uint32_t before;

	if (!c || r[1] > 1)
		return EV_EINVAL;
	locked_begin(p, &before);
	c->type->irqchip->get_config(c, r[0], &cfg);
	cfg.masked = r[1] != 0;
	c->type->irqchip->set_config(c, r[0], &cfg);
	locked_end(p, before);
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_int_set_mask, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_INT_SET_MASK),
	       ev_int_set_mask);

/* r3 = interrupt -> r4 = mask. */
static uint32_t ev_int_get_mask(struct vcpu *v, uint32_t r[8])
{
	struct virq_config cfg;

	if (!chip_read_config(v, r[0], &cfg))
		return EV_EINVAL;
	r[1] = cfg.masked;
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_int_get_mask, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_INT_GET_MASK),
	       ev_int_get_mask);

/* r3 = controller handle (0: the partition's own) -> r4 = vector. */
static uint32_t ev_int_iack(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part;
	struct vdev *c = p->irqchip;
	uint32_t before;

	if (r[0] != 0)
		return EV_EINVAL; /* no cascaded controllers */
	if (!c)
		return EV_ENODEV;
	locked_begin(p, &before);
	r[1] = c->type->irqchip->iack(c, v->id);
	locked_end(p, before);
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_int_iack, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_INT_IACK), ev_int_iack);

/* r3 = interrupt: the one in service on this vCPU. */
static uint32_t ev_int_eoi(struct vcpu *v, uint32_t r[8])
{
	struct partition *p = v->part;
	struct vdev *c = chip_src(v, r[0]);
	uint32_t before;
	int err;

	if (!c)
		return EV_EINVAL;
	locked_begin(p, &before);
	err = c->type->irqchip->eoi(c, v->id, r[0]);
	locked_end(p, before);
	if (err == -1)
		return EV_INVALID_STATE; /* nothing in service */
	return err ? EV_EINVAL : EV_SUCCESS;
}
HCALL_REGISTER(ev_int_eoi, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_INT_EOI), ev_int_eoi);
