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

#endif /* VIRQ_H */
