/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Self-checks of the hypervisor's own memory, for isolation tests: a canary
 * in its data and a checksum of its text and read-only data, taken at boot
 * and compared at shutdown.
 */
#ifndef INTEGRITY_H
#define INTEGRITY_H

#include <stdbool.h>

void integrity_init(void);
/* Print the canary and whether text/rodata changed; true if both intact. */
bool integrity_report(void);

#endif /* INTEGRITY_H */
