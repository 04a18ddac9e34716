// SPDX-License-Identifier: GPL-2.0-only
#include <arch.h>
#include <drivers/fsl_soc.h>

#define GPIO_GPDIR 0x0
#define GPIO_GPDAT 0x8
#define GUTS_RSTCR 0xB0
#define GUTS_RSTCR_HRESET_REQ 0x2u

void fsl_gpio_set_output(uintptr_t gpio, unsigned int pin)
{
	uint32_t bit = 0x80000000u >> (pin & 31);

	arch_mmio_write32(gpio + GPIO_GPDIR, arch_mmio_read32(gpio + GPIO_GPDIR) | bit);
	arch_mmio_write32(gpio + GPIO_GPDAT, arch_mmio_read32(gpio + GPIO_GPDAT) | bit);
}

void fsl_guts_reset(uintptr_t guts)
{
	arch_mmio_write32(guts + GUTS_RSTCR, GUTS_RSTCR_HRESET_REQ);
}
