/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own interrupts: the devices it owns (its console UART)
 * interrupt one CPU through the real MPIC, the boot CPU until the
 * configuration chose (config_console_cpu: a shared core if there is one,
 * so that dedicated cores keep their timing); those of a device assigned
 * to a partition interrupt the partition's CPU and are forwarded to its
 * virtual MPIC (assign.h); an IPI lets one CPU wake another (console input
 * queued for a partition running there).
 */
#ifndef HVIRQ_H
#define HVIRQ_H

/* The CPU that takes the console's interrupts. */
extern unsigned int hvirq_console_cpu;

/* Boot CPU: set up the MPIC, enable console input interrupts (if the tree has them). */
void hvirq_init(void);
/* Route the console's interrupts to cpu from now on (before the guests start). */
void hvirq_route_console(unsigned int cpu);
/* A secondary CPU: accept interrupts from the MPIC. */
void hvirq_init_cpu(void);
/* An external interrupt arrived (or may have): acknowledge and handle all. */
void hvirq_handle(void);
/* Interrupt cpu (if it waits, it wakes up and looks for work). */
void hvirq_kick(unsigned int cpu);

#endif /* HVIRQ_H */
