/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A console on a byte channel (tests/system/test_console.py): the guest's
 * first byte channel leads to the hypervisor's console. It writes a line
 * with bytes a terminal would act upon, reads one line typed for the
 * channel (dozing on its receive interrupt), says what it got and powers
 * off. The same bytes must come out as on a partition's own console:
 * escaped in prefixed mode, exact in mux mode.
 *
 * With bootargs "flood" it writes FLOOD_LINES numbered lines instead, as
 * fast as the channel takes them (EV_EAGAIN: it tries again), for a test
 * whose reader stalls: every line must come out, in order.
 */
#include "hv.h"

static u32 bc, rx_irq, full;
static volatile u32 rx_ready;

static void on_external(struct rt_frame *f)
{
	u32 vec = hv_irq_ack();

	if (vec == rx_irq) {
		hv_irq_mask(rx_irq, 1);
		rx_ready = 1;
	}
	if (vec != HV_SPURIOUS)
		hv_irq_eoi(vec);
	f->srr1 &= ~MSR_WE;
}

static void put(const char *s, u32 n)
{
	while (n) {
		u32 k = n < 16 ? n : 16;

		if (hv_bc_send(bc, (const unsigned char *)s, k) == EV_SUCCESS) {
			s += k;
			n -= k;
		} else {
			full++;
		}
	}
}

#define FLOOD_LINES 4000

static void flood(void)
{
	static const char head[] = "bcecho: flood ";
	char line[64];
	u32 i, k, n, d;

	for (i = 0; i < FLOOD_LINES; i++) {
		for (n = 0; head[n]; n++)
			line[n] = head[n];
		for (k = 0, d = 1000000; k < 7; k++, d /= 10)
			line[n++] = (char)('0' + i / d % 10);
		line[n++] = ' ';
		while (n < 53)
			line[n++] = '.';
		line[n++] = '\n';
		put(line, n);
	}
}

static void puts_bc(const char *s)
{
	u32 n = 0;

	while (s[n])
		n++;
	put(s, n);
}

int main(void)
{
	static const char raw[] = "bcecho: raw \0\x1b[2K\rbytes\n";
	struct hv_obj objs[HV_MAX_OBJS];
	int nobjs = hv_objs(objs, HV_MAX_OBJS);
	const struct hv_obj *o = hv_find(objs, nobjs, 0, HV_BYTECHAN);
	char line[80];
	u32 n = 0;

	if (!o) {
		rt_printf("bcecho: no byte channel\n");
		return 0;
	}
	bc = o->handle;
	rx_irq = o->irq[0];
	rt_set_handler(IVOR_EXTERNAL, on_external);
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	hv_irq_accept_all();
	hv_irq_setup(rx_irq, 1);
	rt_printf("bcecho: on its byte channel\n"); /* on its own console: the UART */
	if (hv_streq(hv_bootargs(), "flood")) {
		flood();
		puts_bc("bcecho: flood done\n");
		rt_printf("bcecho: the channel was full %u times\n", full);
		return 0;
	}
	puts_bc("bcecho: ready\n");
	put(raw, sizeof(raw) - 1);
	while (n < sizeof(line) - 1) {
		unsigned char c;
		u32 k;

		hv_bc_receive(bc, &c, 1, &k);
		if (!k) {
			rx_ready = 0;
			hv_irq_mask(rx_irq, 0);
			while (!rx_ready)
				hv_doze();
			continue;
		}
		if (c == '\r' || c == '\n')
			break;
		line[n++] = (char)c;
	}
	line[n] = 0;
	puts_bc("bcecho: got ");
	puts_bc(line);
	puts_bc("\n");
	return 0;
}
