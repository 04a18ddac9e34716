// SPDX-License-Identifier: GPL-2.0-only
#include <console.h>
#include <drivers/mpic.h>
#include <hvirq.h>
#include <platform.h>
#include <printf.h>

static bool hvirq_ready;

void hvirq_init(void)
{
	if (platform.uart_irq < 0 || !mpic_init(platform.mpic_pa))
		return;
	console_rx_enable();
	mpic_enable((unsigned int)platform.uart_irq, 0);
	hvirq_ready = true;
}

void hvirq_handle(void)
{
	unsigned int src, n;

	if (!hvirq_ready)
		return;
	for (n = 0; n < 16 && (src = mpic_ack(0)) != MPIC_SPURIOUS; n++) {
		if ((int)src == platform.uart_irq)
			console_poll_input();
		else
			pr_warn("unexpected interrupt source %u\n", src);
		mpic_eoi(0);
	}
}
