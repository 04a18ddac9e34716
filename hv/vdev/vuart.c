// SPDX-License-Identifier: GPL-2.0-only
/*
 * An emulated 16550 for a partition's console, at the guest-physical
 * address of the hypervisor's console UART: transmitted bytes go to the
 * partition's console (the hypervisor console, prefixed with its name);
 * bytes typed for the partition arrive in the receive FIFO. Its interrupt
 * (receive data, transmitter empty) is a line of the partition's interrupt
 * controller, the hypervisor console's source number.
 *
 * Output goes to the partition's console (pconsole.c), which may have to
 * wait for room on the hypervisor's line: the transmitter then shows busy
 * (LSR[THRE] clear) and interrupts, if enabled, once there is room again.
 * In mux mode the console sends what was written whenever the guest's
 * driver stops writing: at an IER write or an IIR read (the end of a
 * console write, or of a transmitter-empty interrupt, in Linux's 8250
 * driver).
 *
 * Console input travels in two steps: the CPU taking the hypervisor
 * console's interrupt queues each byte in the input ring (single producer,
 * single consumer, free-running indices); a CPU of the partition moves the
 * ring into the 64-byte FIFO (poll, and on every register access).
 */
#include <arch.h>
#include <drivers/uart16550.h>
#include <partition.h>
#include <platform.h>
#include <string.h>
#include <vdev.h>
#include <virq.h>

#define VUART_FIFO 64
#define VUART_RING 1024 /* console input on its way to the partition's CPU (a power of 2) */

#define UART_IIR_NONE 0x01
#define UART_IIR_THRI 0x02
#define UART_IIR_RDI 0x04

struct vuart {
	uint8_t ier, lcr, mcr, scr, fcr, dll, dlm;
	bool thr_ipending; /* transmitter-empty interrupt pending */
	bool thr_blocked;  /* the console had no room: interrupt when it has */
	bool irq_level;
	uint8_t rx[VUART_FIFO];
	unsigned int rx_head, rx_count;
	uint8_t ring[VUART_RING];
	volatile uint32_t ring_put, ring_get;
};

static struct vuart vuart_state[PART_MAX];

/* The interrupt line: receive data or transmitter empty, if enabled. */
static void vuart_update_irq(struct vdev *d)
{
	struct vuart *u = d->state;
	bool level = ((u->ier & UART_IER_RDI) && u->rx_count) ||
		     ((u->ier & UART_IER_THRI) && u->thr_ipending);

	if (level != u->irq_level && platform.uart_irq >= 0) {
		u->irq_level = level;
		virq_set(d->part, (unsigned int)platform.uart_irq, level);
	}
}

static uint8_t vuart_iir(struct vuart *u)
{
	uint8_t fifo = (u->fcr & 1) ? 0xC0 : 0;

	if ((u->ier & UART_IER_RDI) && u->rx_count)
		return fifo | UART_IIR_RDI;
	if ((u->ier & UART_IER_THRI) && u->thr_ipending) {
		u->thr_ipending = false; /* reading IIR clears a THRE interrupt */
		return fifo | UART_IIR_THRI;
	}
	return fifo | UART_IIR_NONE;
}

static uint8_t vuart_rx_pop(struct vuart *u)
{
	uint8_t c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % VUART_FIFO;
	u->rx_count--;
	return c;
}

/* Can the transmitter take a byte? If not, say so when it can. */
static bool vuart_thr_empty(struct vdev *d)
{
	struct vuart *u = d->state;

	if (partition_console_writable(d->part))
		return true;
	u->thr_blocked = true;
	return false;
}

/*
 * Queued input into the FIFO while it has room, and the transmitter empty
 * again if the console has room. Caller holds the partition's lock.
 */
static void vuart_take(struct vdev *d)
{
	struct vuart *u = d->state;
	uint32_t get = u->ring_get, put = u->ring_put;

	if (u->thr_blocked && partition_console_writable(d->part)) {
		u->thr_blocked = false;
		u->thr_ipending = true;
	}

	arch_smp_mb(); /* the bytes after the index */
	while (get != put && u->rx_count < VUART_FIFO) {
		u->rx[(u->rx_head + u->rx_count++) % VUART_FIFO] = u->ring[get % VUART_RING];
		get++;
	}
	arch_smp_mb(); /* read before the slots are given back */
	u->ring_get = get;
	vuart_update_irq(d);
}

static bool vuart_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	struct vuart *u = d->state;
	bool dlab = u->lcr & UART_LCR_DLAB;

	if (size != 1)
		return false;
	if (u->ring_get != u->ring_put) /* input queued while the FIFO was full */
		vuart_take(d);
	switch (off) {
	case UART_RBR:
		*val = dlab ? u->dll : vuart_rx_pop(u);
		break;
	case UART_IER:
		*val = dlab ? u->dlm : u->ier;
		break;
	case UART_IIR:
		*val = vuart_iir(u);
		partition_console_push(d->part);
		break;
	case UART_LCR:
		*val = u->lcr;
		break;
	case UART_MCR:
		*val = u->mcr;
		break;
	case UART_LSR:
		*val = (vuart_thr_empty(d) ? UART_LSR_THRE | UART_LSR_TEMT : 0) |
		       (u->rx_count ? UART_LSR_DR : 0);
		break;
	case UART_MSR:
		*val = 0xB0; /* DCD, DSR, CTS */
		break;
	default:
		*val = u->scr;
		break;
	}
	vuart_update_irq(d);
	return true;
}

static bool vuart_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	struct vuart *u = d->state;
	bool dlab = u->lcr & UART_LCR_DLAB;

	if (size != 1)
		return false;
	if (u->ring_get != u->ring_put)
		vuart_take(d);
	switch (off) {
	case UART_THR:
		if (dlab) {
			u->dll = val;
		} else {
			if (partition_console_putc(d->part, (char)val))
				u->thr_ipending = true; /* taken at once: empty again */
			else
				u->thr_blocked = true; /* dropped: it did not wait */
		}
		break;
	case UART_IER:
		if (dlab) {
			u->dlm = val;
		} else {
			/* enabling THRI with the holding register empty interrupts */
			if ((val & UART_IER_THRI) && !(u->ier & UART_IER_THRI) &&
			    vuart_thr_empty(d))
				u->thr_ipending = true;
			u->ier = val & 0x0F;
			partition_console_push(d->part);
		}
		break;
	case UART_FCR:
		u->fcr = val;
		if (val & 0x02) /* clear the receive FIFO */
			u->rx_count = 0;
		break;
	case UART_LCR:
		u->lcr = val;
		break;
	case UART_MCR:
		u->mcr = val & 0x1F;
		break;
	case UART_SCR:
		u->scr = val;
		break;
	default: /* LSR, MSR: read-only */
		break;
	}
	vuart_update_irq(d);
	return true;
}

/* Registers back to their reset values; input still queued stays queued. */
static void vuart_reset(struct vdev *d, uint32_t entry)
{
	struct vuart *u = d->state;

	u->ier = u->lcr = u->mcr = u->scr = u->fcr = u->dll = u->dlm = 0;
	u->thr_ipending = u->irq_level = u->thr_blocked = false;
	u->rx_head = u->rx_count = 0;
}

static bool vuart_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = platform.uart_pa;
	d->size = 8;
	return platform.uart_pa != 0;
}

static bool vuart_input(struct vdev *d, uint8_t c)
{
	struct vuart *u = d->state;
	uint32_t put = u->ring_put;

	if (put - u->ring_get >= VUART_RING)
		return false;
	u->ring[put % VUART_RING] = c;
	arch_smp_mb(); /* the byte before the index that publishes it */
	u->ring_put = put + 1;
	return true;
}

static bool vuart_input_pending(const struct vdev *d)
{
	const struct vuart *u = d->state;

	return u->ring_get != u->ring_put;
}

static const struct vdev_console_ops vuart_console = {
	.input = vuart_input,
	.poll = vuart_take,
	.input_pending = vuart_input_pending,
};

static const struct vdev_type vuart_type = {
	.name = "uart",
	.states = vuart_state,
	.state_size = sizeof(vuart_state[0]),
	.attach = vuart_attach,
	.reset = vuart_reset,
	.read = vuart_read,
	.write = vuart_write,
	.console = &vuart_console,
};
VDEV_REGISTER(vuart_type);
