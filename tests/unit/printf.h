/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for hv/lib/printf.h: the hypervisor's snprintf is the C library's. */
#ifndef UNIT_PRINTF_H
#define UNIT_PRINTF_H

#include <stdio.h>

#endif /* UNIT_PRINTF_H */
