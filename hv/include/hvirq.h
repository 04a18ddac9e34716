/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own interrupts: the devices it owns (its console UART)
 * interrupt the boot CPU through the real MPIC.
 */
#ifndef HVIRQ_H
#define HVIRQ_H

/* Set up the MPIC and enable console input interrupts (if the tree has them). */
void hvirq_init(void);
/* An external interrupt arrived (or may have): acknowledge and handle all. */
void hvirq_handle(void);

#endif /* HVIRQ_H */
