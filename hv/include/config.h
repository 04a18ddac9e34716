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

#endif /* CONFIG_H */
