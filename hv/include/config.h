/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The partition configuration: a flattened device tree the boot loader hands
 * over as the initrd (QEMU -initrd, U-Boot bootm's ramdisk), with the guest
 * images embedded (/incbin/). Validated completely before any guest starts;
 * every error names the node and the property.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

/*
 * Parse cfg (size bytes: what the boot loader handed over) into
 * partitions[]. Invalid partitions are reported and left out; valid ones
 * are still created. Returns the number of errors found.
 */
int config_load(const void *cfg, size_t size);

/*
 * The CPU that takes the hypervisor console's interrupts: the root's
 * console-cpu, else the first shared core's, else 0 (set by config_load()).
 */
extern unsigned int config_console_cpu;

#endif /* CONFIG_H */
