/* SPDX-License-Identifier: GPL-2.0-only */
/* The hostile guest, ten rounds: long enough to attack while the canary
 * partition of configs/isolation.dts watches its memory. */
#define HOSTILE_ROUNDS 10
#include "hostile.c"
