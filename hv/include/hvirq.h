/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own interrupts: the devices it owns (its console UART)
 * interrupt the boot CPU through the real MPIC; those of a device assigned
 * to a partition interrupt the partition's CPU and are forwarded to its
 * virtual MPIC (assign.h); an IPI lets one CPU wake another (console input
 * queued for a partition running there).
 */
#ifndef HVIRQ_H
#define HVIRQ_H

/* The CPU that takes the console's input interrupt. */
#define HVIRQ_CONSOLE_CPU 0

/* Boot CPU: set up the MPIC, enable console input interrupts (if the tree has them). */
void hvirq_init(void);
/* A secondary CPU: accept interrupts from the MPIC. */
void hvirq_init_cpu(void);
/* An external interrupt arrived (or may have): acknowledge and handle all. */
void hvirq_handle(void);
/* Interrupt cpu (if it waits, it wakes up and looks for work). */
void hvirq_kick(unsigned int cpu);

#endif /* HVIRQ_H */
