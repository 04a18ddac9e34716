/* SPDX-License-Identifier: GPL-2.0-only */
/* Generating a guest's device tree from the hardware tree and its configuration. */
#ifndef GUEST_FDT_H
#define GUEST_FDT_H

#include <partition.h>

/* Build p's tree into buf (size bytes); returns its size or a negative libfdt error. */
int guest_fdt_build(const struct partition *p, void *buf, int size);

#endif /* GUEST_FDT_H */
