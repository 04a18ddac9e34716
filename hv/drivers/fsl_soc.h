/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The board controls of Freescale's 85xx SoCs the hypervisor uses for
 * itself: the GPIO block driving a gpio-poweroff line, and the global
 * utilities' reset control register (RSTCR).
 */
#ifndef DRIVERS_FSL_SOC_H
#define DRIVERS_FSL_SOC_H

#include <stdint.h>

/* Drive GPIO pin `pin` of the block at gpio (mapped) high as an output. */
void fsl_gpio_set_output(uintptr_t gpio, unsigned int pin);
/* Ask the global utilities block at guts (mapped) for a hard reset. */
void fsl_guts_reset(uintptr_t guts);

#endif /* DRIVERS_FSL_SOC_H */
