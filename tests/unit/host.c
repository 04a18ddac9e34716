// SPDX-License-Identifier: GPL-2.0-only
/* What the host stand-ins of the arch headers read (tests/unit/hostarch). */
#include <stdint.h>

uint64_t host_timebase;
unsigned int host_btb_flushes;
unsigned int host_cpu;
unsigned int host_log_count;
