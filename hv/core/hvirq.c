// SPDX-License-Identifier: GPL-2.0-only
#include <assign.h>
#include <console.h>
#include <drivers/mpic.h>
#include <hvirq.h>
#include <platform.h>
#include <printf.h>
#include <smp.h>

/* IPI 0's vector: above every source number (the MPIC has at most 2048). */
#define HVIRQ_IPI_VECTOR 0x0FF0u

static bool hvirq_ready;
unsigned int hvirq_console_cpu;

void hvirq_init(void)
{
	if (!mpic_init(platform.mpic_pa))
		return;
	mpic_ipi_init(HVIRQ_IPI_VECTOR);
	hvirq_ready = true;
	if (platform.uart_irq < 0)
		return;
	console_rx_enable();
	mpic_enable((unsigned int)platform.uart_irq, hvirq_console_cpu);
}

void hvirq_route_console(unsigned int cpu)
{
	hvirq_console_cpu = cpu;
	if (!hvirq_ready || platform.uart_irq < 0)
		return;
	/* masked while its destination changes, then on again */
	mpic_route((unsigned int)platform.uart_irq, cpu, true, false);
	mpic_enable((unsigned int)platform.uart_irq, cpu);
}

void hvirq_init_cpu(void)
{
	if (hvirq_ready)
		mpic_cpu_init(smp_cpu());
}

void hvirq_kick(unsigned int cpu)
{
	if (hvirq_ready)
		mpic_ipi_send(cpu);
}

void hvirq_handle(void)
{
	unsigned int cpu = smp_cpu(), src, n;

	if (!hvirq_ready)
		return;
	/* The console, a device assigned to a partition, or an IPI: a kick
	 * whose work follows on return. */
	for (n = 0; n < 16 && (src = mpic_ack(cpu)) != MPIC_SPURIOUS; n++) {
		if ((int)src == platform.uart_irq)
			console_irq();
		else if (src != HVIRQ_IPI_VECTOR && !assign_irq_fire(src))
			pr_warn("unexpected interrupt source %u\n", src);
		mpic_eoi(cpu);
	}
}
