/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The invariants of a loaded configuration and of the guest device trees
 * built from it (check_config.c), shared by the configuration fuzzer (any
 * configuration, QEMU's hardware trees) and the guest device-tree fuzzer
 * (any hardware tree, the seed configurations).
 */
#ifndef CHECK_CONFIG_H
#define CHECK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Reset the hypervisor's global state (partitions, platform, logs) and load
 * the hardware tree hw: what main.c does first. 0, or platform_init()'s error.
 */
int check_platform(const void *hw);

/*
 * config_load(cfg) of a blob of size bytes, then every invariant of the
 * partitions it accepted (against the hardware tree and the blob).
 * Returns the number of partitions accepted.
 */
unsigned int check_config(const void *cfg, size_t size);

/*
 * Boot every accepted partition as main.c does (partition_boot: image,
 * guest tree and initrd copied into the partition's memory only) and check
 * its guest device tree: valid, its memory, CPUs, chosen, hypervisor node,
 * and no device the partition does not have. With hw_sound false (a
 * damaged hardware tree), only that booting never fails or crashes.
 */
void check_boot(bool hw_sound);

/* The tree's structure block is well formed (every tag, name and string). */
bool check_tree_sound(const void *fdt);

#endif /* CHECK_CONFIG_H */
