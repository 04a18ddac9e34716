/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The real MPIC (Freescale OpenPIC), as far as the hypervisor itself uses
 * it: the interrupts of the devices it owns (its console UART) are routed to
 * the boot CPU as external input, those of devices assigned to a partition
 * to that partition's CPU (assign.c); everything else stays masked. IPI 0
 * lets one CPU wake another (console input for a partition on that CPU).
 */
#ifndef DRIVERS_MPIC_H
#define DRIVERS_MPIC_H

#include <stdbool.h>
#include <stdint.h>

#define MPIC_SPURIOUS 0xFFFFu

/* Reset the controller, mask every source; false if there is none. */
bool mpic_init(uint64_t pa);
/* Route source src (level, active high as the tree says) to cpu, unmasked. */
void mpic_enable(unsigned int src, unsigned int cpu);
/* Number of interrupt sources (0 without an MPIC). */
unsigned int mpic_sources(void);
/*
 * Route source src to cpu, masked, with the sense and polarity its device
 * tree entry gives (a device assigned to a partition on that CPU).
 */
void mpic_route(unsigned int src, unsigned int cpu, bool level, bool positive);
/* Mask or unmask source src (its VPR's MSK bit). */
void mpic_set_masked(unsigned int src, bool masked);
/* Let cpu take interrupts (current task priority 0). */
void mpic_cpu_init(unsigned int cpu);
/* Unmask IPI 0 with this vector; mpic_ipi_send() raises it on one CPU. */
void mpic_ipi_init(unsigned int vector);
void mpic_ipi_send(unsigned int cpu);
/* Acknowledge the highest pending interrupt of cpu: its source, or MPIC_SPURIOUS. */
unsigned int mpic_ack(unsigned int cpu);
void mpic_eoi(unsigned int cpu);

#endif /* DRIVERS_MPIC_H */
