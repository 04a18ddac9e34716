/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's interrupts: the lines into its interrupt controller (the
 * device in its irqchip slot, vdev.h) and the external interrupt output to
 * each of its vCPUs. Devices raise lines; the trap path asks whether a vCPU's
 * input is asserted; a change that asserts the input of a vCPU on another
 * CPU wakes that CPU.
 */
#ifndef VIRQ_H
#define VIRQ_H

#include <stdbool.h>
#include <stdint.h>

struct partition;
struct vcpu;

/* Drive line src of p's interrupt controller. Caller holds p->lock. */
void virq_set(struct partition *p, unsigned int src, bool level);

/* v's external interrupt input is asserted. */
bool virq_pending(const struct vcpu *v);
/*
 * Taking the external interrupt on v: with the controller in coreint mode,
 * acknowledge it and give the vector for EPR (true); otherwise the guest
 * acknowledges it itself (false).
 */
bool virq_coreint_ack(const struct vcpu *v, uint32_t *vector);

/*
 * The vCPUs whose input is asserted (bit n: vCPU n; always 0 for a
 * single-vCPU partition, which has nobody else to wake). After a change
 * under p->lock, virq_kick() wakes those on other CPUs whose input rose
 * since `before`.
 */
uint32_t virq_outputs(const struct partition *p);
void virq_kick(const struct partition *p, uint32_t before);

/*
 * A pulse on source src of p's controller (an event: a doorbell, a state
 * notification), on a CPU of p under p->lock: requested once, as an edge.
 */
void virq_pulse(struct partition *p, unsigned int src);
/* The same from any CPU: posted, applied by p's CPU (virq_apply_posted()). */
void virq_post_pulse(struct partition *p, unsigned int src);
/* On a CPU of p under p->lock: the pulses posted for it so far. */
void virq_apply_posted(struct partition *p);
/* Forget the posted pulses (p starts afresh). */
void virq_forget_posted(struct partition *p);

/*
 * Configuration time: the sources a partition's hypervisor services raise
 * (byte channels, doorbells) are taken from its controller's range for
 * them (vdev_irqchip_ops), from the top down, skipping every source the
 * hardware tree gives a device (virq_reserve_hw()). A source, or -1 when
 * none is left.
 */
int virq_alloc(struct partition *p);
void virq_reserve_hw(unsigned int src);
/* Forget every reservation (the configuration is read from scratch). */
void virq_reserve_clear(void);

#endif /* VIRQ_H */
