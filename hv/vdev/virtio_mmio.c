// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-mmio, version 2 (VIRTIO 1.2, 4.2.2): one register page per virtio
 * device of a partition, emulated by trapping every access. A partition has
 * one for each disk the configuration gives it
 * (the device types register with VIRTIO_BACKEND, virtio_dev.h); device n
 * sits at VIRTIO_MMIO_GPA + n * 4 KiB, its interrupt is source
 * VIRTIO_MMIO_SRC + n of the partition's MPIC (level, active high), and the
 * guest's tree gets a "virtio,mmio" node for it.
 *
 * The registers are little-endian (Linux's readl/writel: lwbrx/stwbrx on
 * the big-endian e500): a load returns the register's little-endian bytes
 * in the order the bus carries them, which the byte-reversed load turns
 * back into the value. Registers take 32-bit accesses; the configuration
 * space (0x100 on) takes 8, 16 and 32-bit ones.
 *
 * What the transport enforces for every device type: the driver may only
 * accept offered features and must accept VIRTIO_F_VERSION_1 (else
 * FEATURES_OK does not stick); a queue is set up while not ready and
 * checked when made ready (virtq.h); nothing is served before DRIVER_OK,
 * or after the device failed: a queue that broke a rule puts the device in
 * DEVICE_NEEDS_RESET with a configuration interrupt, and only a reset (a
 * status write of 0, or a restart of the partition) brings it back.
 */
#include <libfdt.h>

#include <arch.h>
#include <partition.h>
#include <printf.h>
#include <string.h>
#include <vdev.h>
#include <virq.h>
#include <virtio.h>

#include "virtio_dev.h"

#define VIRTIO_MMIO_GPA 0xFF1000000ull /* above 4 GiB, clear of CCSR and the spin table */
#define VIRTIO_MMIO_STRIDE 0x1000u
#define VIRTIO_MMIO_SIZE 0x200u
#define VIRTIO_MMIO_MAX 8   /* devices per partition */
#define VIRTIO_MMIO_SRC 160 /* the first device's MPIC source (internal, level) */
#define VIRTIO_MMIO_VENDOR 0x6c797262u /* "bryl" */

/* Registers (4.2.2) */
#define REG_MAGIC 0x000
#define REG_VERSION 0x004
#define REG_DEVICE_ID 0x008
#define REG_VENDOR_ID 0x00c
#define REG_DEV_FEATURES 0x010
#define REG_DEV_FEATURES_SEL 0x014
#define REG_DRV_FEATURES 0x020
#define REG_DRV_FEATURES_SEL 0x024
#define REG_QUEUE_SEL 0x030
#define REG_QUEUE_NUM_MAX 0x034
#define REG_QUEUE_NUM 0x038
#define REG_QUEUE_READY 0x044
#define REG_QUEUE_NOTIFY 0x050
#define REG_INT_STATUS 0x060
#define REG_INT_ACK 0x064
#define REG_STATUS 0x070
#define REG_QUEUE_DESC_LO 0x080
#define REG_QUEUE_DESC_HI 0x084
#define REG_QUEUE_DRIVER_LO 0x090
#define REG_QUEUE_DRIVER_HI 0x094
#define REG_QUEUE_DEVICE_LO 0x0a0
#define REG_QUEUE_DEVICE_HI 0x0a4
#define REG_CONFIG_GEN 0x0fc
#define REG_CONFIG 0x100

#define MAGIC 0x74726976u /* "virt" */

static struct virtio_dev virtio_mmio_state[PART_MAX * VIRTIO_MMIO_MAX];

/* ------------------------------------------------------------ interrupts */

/* The line follows InterruptStatus (on the partition's CPU). */
static void update_line(struct virtio_dev *vd)
{
	bool level = vd->isr != 0;

	if (level != vd->line) {
		vd->line = level;
		vd->interrupts += level;
		virq_set(vd->part, vd->src, level);
	}
}

static void raise(struct virtio_dev *vd, uint32_t bits)
{
	vd->isr |= bits;
	update_line(vd);
}

void virtio_post_interrupt(struct virtio_dev *vd, uint32_t bits)
{
	uint32_t old = __atomic_fetch_or(&vd->posted, bits, __ATOMIC_SEQ_CST);

	if ((old | bits) != old)
		vdev_wake(vd->part);
}

/* On the partition's CPU: what other CPUs posted, and a failure's warning. */
static void apply_posted(struct virtio_dev *vd)
{
	uint32_t bits;

	if (vd->fail_why && !vd->fail_told) {
		vd->fail_told = true;
		partition_warn(vd->part, "virtio %s%u: %s: the device needs a reset\n",
			       vd->type->name, vd->idx, vd->fail_why);
	}
	if (!vd->posted)
		return;
	bits = __atomic_exchange_n(&vd->posted, 0, __ATOMIC_SEQ_CST);
	if (bits)
		raise(vd, bits);
}

bool virtio_live(const struct virtio_dev *vd)
{
	return (vd->status & (VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_NEEDS_RESET)) ==
	       VIRTIO_STATUS_DRIVER_OK;
}

void virtio_used(struct virtio_dev *vd, unsigned int q)
{
	if (virtq_should_interrupt(&vd->vq[q]))
		raise(vd, VIRTIO_INT_USED);
}

void virtio_used_remote(struct virtio_dev *vd, unsigned int q)
{
	if (virtq_should_interrupt(&vd->vq[q]))
		virtio_post_interrupt(vd, VIRTIO_INT_USED);
}

void virtio_config_changed(struct virtio_dev *vd)
{
	__atomic_fetch_add(&vd->config_gen, 1, __ATOMIC_SEQ_CST);
	virtio_post_interrupt(vd, VIRTIO_INT_CONFIG);
}

void virtio_fail(struct virtio_dev *vd, const char *why)
{
	uint32_t old = __atomic_fetch_or(&vd->status, VIRTIO_STATUS_NEEDS_RESET, __ATOMIC_SEQ_CST);

	if (old & VIRTIO_STATUS_NEEDS_RESET)
		return;
	vd->fail_why = why; /* told by the partition's CPU (apply_posted()) */
	virtio_post_interrupt(vd, VIRTIO_INT_CONFIG);
}

void virtio_more_work(struct virtio_dev *vd)
{
	vd->work = true;
	vdev_wake(vd->part);
}

/* After the device type ran: a queue it found broken fails the device. */
static void check_queues(struct virtio_dev *vd)
{
	unsigned int q;

	for (q = 0; q < vd->type->nqueues; q++)
		if (vd->vq[q].error) {
			virtio_fail(vd, vd->vq[q].error);
			return;
		}
}

/* ------------------------------------------------------------ reset */

/* Back to the state before the driver's first access; vd->lock held. */
static void device_reset(struct virtio_dev *vd)
{
	unsigned int q;

	vd->status = 0;
	vd->fail_why = NULL;
	vd->fail_told = false;
	vd->driver_features = 0;
	vd->dev_features_sel = vd->drv_features_sel = vd->queue_sel = 0;
	vd->work = false;
	for (q = 0; q < VIRTIO_MAX_QUEUES; q++)
		virtq_reset(&vd->vq[q]);
	vd->type->reset(vd);
}

/* The driver wrote 0 to Status (on the partition's CPU). */
static void driver_reset(struct virtio_dev *vd)
{
	spin_lock(&vd->lock);
	device_reset(vd);
	spin_unlock(&vd->lock);
	__atomic_exchange_n(&vd->posted, 0, __ATOMIC_SEQ_CST);
	vd->isr = 0;
	update_line(vd);
}

static void virtio_mmio_reset(struct vdev *d, uint32_t entry)
{
	struct virtio_dev *vd = d->state;

	spin_lock(&vd->lock);
	device_reset(vd);
	spin_unlock(&vd->lock);
	vd->posted = 0;
	vd->isr = 0;
	vd->line = false; /* the interrupt controller starts afresh too */
}

static void virtio_mmio_stop(struct vdev *d)
{
	struct virtio_dev *vd = d->state;

	spin_lock(&vd->lock);
	device_reset(vd);
	spin_unlock(&vd->lock);
	if (vd->type->stop)
		vd->type->stop(vd);
	vd->notifies = vd->interrupts = 0;
}

/* ------------------------------------------------------------ registers */

/* The driver's new status: what it may set, and what setting it means. */
static void write_status(struct virtio_dev *vd, uint32_t val)
{
	uint32_t was = vd->status, set;

	if (!val) {
		driver_reset(vd);
		return;
	}
	val &= 0xFF & ~VIRTIO_STATUS_NEEDS_RESET; /* the device's bit */
	set = val & ~was;
	if (set & VIRTIO_STATUS_FEATURES_OK) {
		/* only what was offered, and the modern interface */
		if ((vd->driver_features & ~vd->features) ||
		    !virtio_has(vd, VIRTIO_F_VERSION_1))
			val &= ~VIRTIO_STATUS_FEATURES_OK;
	}
	if ((set & VIRTIO_STATUS_DRIVER_OK) && !(val & VIRTIO_STATUS_FEATURES_OK))
		val &= ~VIRTIO_STATUS_DRIVER_OK; /* not without negotiated features */
	/* NEEDS_RESET stays: another CPU may be setting it right now */
	while (!__atomic_compare_exchange_n(&vd->status, &was,
					    val | (was & VIRTIO_STATUS_NEEDS_RESET), false,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	if ((val & ~was & VIRTIO_STATUS_DRIVER_OK) && vd->type->driver_ok)
		vd->type->driver_ok(vd);
}

static struct virtq *selected(struct virtio_dev *vd)
{
	return vd->queue_sel < vd->type->nqueues ? &vd->vq[vd->queue_sel] : NULL;
}

static void write_queue_ready(struct virtio_dev *vd, struct virtq *q, uint32_t val)
{
	spin_lock(&vd->lock);
	if (!val) {
		q->ready = false;
	} else if (!q->ready && !q->error) {
		q->event_idx = virtio_has(vd, VIRTIO_F_EVENT_IDX);
		q->indirect = virtio_has(vd, VIRTIO_F_INDIRECT_DESC);
		virtq_start(q);
	}
	spin_unlock(&vd->lock);
	if (q->error)
		virtio_fail(vd, q->error);
}

static void write_notify(struct virtio_dev *vd, uint32_t q)
{
	if (q >= vd->type->nqueues || !virtio_live(vd) || !vd->vq[q].ready)
		return;
	vd->notifies++;
	vd->type->notify(vd, q);
	check_queues(vd);
}

/* A 64-bit queue address, half by half, while the queue is not ready. */
static void set_half(uint64_t *addr, bool hi, uint32_t val)
{
	*addr = hi ? (*addr & 0xFFFFFFFFull) | (uint64_t)val << 32
		   : (*addr & ~0xFFFFFFFFull) | val;
}

static void write_reg(struct virtio_dev *vd, uint32_t off, uint32_t val)
{
	struct virtq *q = selected(vd);

	switch (off) {
	case REG_DEV_FEATURES_SEL:
		vd->dev_features_sel = val;
		break;
	case REG_DRV_FEATURES:
		if (vd->drv_features_sel < 2 && !(vd->status & VIRTIO_STATUS_FEATURES_OK))
			set_half(&vd->driver_features, vd->drv_features_sel, val);
		break;
	case REG_DRV_FEATURES_SEL:
		vd->drv_features_sel = val;
		break;
	case REG_QUEUE_SEL:
		vd->queue_sel = val;
		break;
	case REG_QUEUE_NUM:
		if (q && !q->ready)
			q->num = val;
		break;
	case REG_QUEUE_READY:
		if (q)
			write_queue_ready(vd, q, val);
		break;
	case REG_QUEUE_NOTIFY:
		write_notify(vd, val);
		break;
	case REG_INT_ACK:
		vd->isr &= ~val;
		update_line(vd);
		break;
	case REG_STATUS:
		write_status(vd, val);
		break;
	case REG_QUEUE_DESC_LO:
	case REG_QUEUE_DESC_HI:
		if (q && !q->ready)
			set_half(&q->desc, off == REG_QUEUE_DESC_HI, val);
		break;
	case REG_QUEUE_DRIVER_LO:
	case REG_QUEUE_DRIVER_HI:
		if (q && !q->ready)
			set_half(&q->avail, off == REG_QUEUE_DRIVER_HI, val);
		break;
	case REG_QUEUE_DEVICE_LO:
	case REG_QUEUE_DEVICE_HI:
		if (q && !q->ready)
			set_half(&q->used, off == REG_QUEUE_DEVICE_HI, val);
		break;
	default: /* read-only or unknown: ignored */
		break;
	}
}

static uint32_t read_reg(struct virtio_dev *vd, uint32_t off)
{
	struct virtq *q = selected(vd);

	switch (off) {
	case REG_MAGIC:
		return MAGIC;
	case REG_VERSION:
		return 2;
	case REG_DEVICE_ID:
		return vd->type->device_id;
	case REG_VENDOR_ID:
		return VIRTIO_MMIO_VENDOR;
	case REG_DEV_FEATURES:
		return vd->dev_features_sel == 0   ? (uint32_t)vd->features
		       : vd->dev_features_sel == 1 ? (uint32_t)(vd->features >> 32)
						   : 0;
	case REG_QUEUE_NUM_MAX:
		return q ? VIRTQ_NUM_MAX : 0;
	case REG_QUEUE_NUM:
		return q ? q->num : 0;
	case REG_QUEUE_READY:
		return q && q->ready;
	case REG_INT_STATUS:
		return vd->isr;
	case REG_STATUS:
		return vd->status;
	case REG_CONFIG_GEN:
		return vd->config_gen;
	default:
		return 0;
	}
}

/* The bus carries a little-endian register's bytes in address order. */
static uint32_t bus_value(const uint8_t *b, unsigned int size)
{
	uint32_t v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v = v << 8 | b[i];
	return v;
}

static void bus_bytes(uint8_t *b, unsigned int size, uint32_t v)
{
	while (size--) {
		b[size] = (uint8_t)v;
		v >>= 8;
	}
}

static bool virtio_mmio_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			     uint32_t *val)
{
	struct virtio_dev *vd = d->state;
	uint8_t b[4];

	apply_posted(vd);
	if (off >= REG_CONFIG) {
		off -= REG_CONFIG;
		if (off + size > vd->config_len) {
			*val = 0;
			return true;
		}
		if (vd->type->config_read)
			vd->type->config_read(vd);
		*val = bus_value(vd->config + off, size);
		return true;
	}
	if (size != 4 || (off & 3))
		return false;
	virtio_put_le32(b, read_reg(vd, off));
	*val = bus_value(b, 4);
	return true;
}

static bool virtio_mmio_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			      uint32_t val)
{
	struct virtio_dev *vd = d->state;
	uint8_t b[4];

	apply_posted(vd);
	if (off >= REG_CONFIG) {
		off -= REG_CONFIG;
		if (off + size <= vd->config_len && vd->type->config_write) {
			bus_bytes(vd->config + off, size, val);
			vd->type->config_write(vd, off, size);
		}
		return true;
	}
	if (size != 4 || (off & 3))
		return false;
	bus_bytes(b, 4, val);
	write_reg(vd, off, virtio_le32(b));
	return true;
}

/* After vdev_wake(): interrupts posted by other CPUs, work left for later. */
static void virtio_mmio_poll(struct vdev *d)
{
	struct virtio_dev *vd = d->state;

	apply_posted(vd);
	if (vd->work) {
		vd->work = false;
		if (virtio_live(vd) && vd->type->poll)
			vd->type->poll(vd);
		check_queues(vd);
	}
}

/* ------------------------------------------------------------ configuration */

/* Device n of p: which device type, which of its devices. */
static const struct virtio_backend *nth_device(const struct partition *p, unsigned int n,
					       unsigned int *idx)
{
	const struct virtio_backend *const *b;

	for (b = __start_virtio_backends; b < __stop_virtio_backends; b++) {
		unsigned int count = (*b)->count(p);

		if (n < count) {
			*idx = n;
			return *b;
		}
		n -= count;
	}
	return NULL;
}

static bool virtio_mmio_attach(struct vdev *d, const struct partition *p)
{
	struct virtio_dev *vd = d->state;
	const struct virtio_backend *b;
	unsigned int idx, q;

	b = nth_device(p, d->instance, &idx);
	if (!b)
		return false;
	memset(vd, 0, sizeof(*vd));
	vd->type = b;
	vd->part = d->part;
	vd->idx = idx;
	vd->src = VIRTIO_MMIO_SRC + d->instance;
	for (q = 0; q < VIRTIO_MAX_QUEUES; q++)
		vd->vq[q].part = d->part;
	b->attach(vd, p, idx);
	vd->features |= VIRTIO_FEATURE(VIRTIO_F_VERSION_1) |
			VIRTIO_FEATURE(VIRTIO_F_EVENT_IDX) |
			VIRTIO_FEATURE(VIRTIO_F_INDIRECT_DESC);
	d->gpa = VIRTIO_MMIO_GPA + (uint64_t)d->instance * VIRTIO_MMIO_STRIDE;
	d->size = VIRTIO_MMIO_SIZE;
	return true;
}

/*
 * The bus the devices' nodes sit on: "/virtio-mmio", a "simple-bus" with
 * the root's address cells and an identity "ranges" (Linux on an e500 board
 * creates devices only for nodes on buses it knows, not for the root's
 * children). Made by the first device; its offset, or a libfdt error.
 */
static int virtio_mmio_bus(void *fdt, int ac, int sc)
{
	int bus = fdt_path_offset(fdt, "/virtio-mmio"), err;

	if (bus >= 0)
		return bus;
	bus = fdt_add_subnode(fdt, 0, "virtio-mmio");
	if (bus < 0)
		return bus;
	err = fdt_setprop_string(fdt, bus, "compatible", "simple-bus");
	if (!err)
		err = fdt_setprop_u32(fdt, bus, "#address-cells", (uint32_t)ac);
	if (!err)
		err = fdt_setprop_u32(fdt, bus, "#size-cells", (uint32_t)sc);
	if (!err)
		err = fdt_setprop(fdt, bus, "ranges", NULL, 0);
	return err ? err : bus;
}

/* The guest's node: compatible "virtio,mmio", its page, its MPIC source (level high). */
static int virtio_mmio_fdt(const struct vdev *d, void *fdt)
{
	const struct virtio_dev *vd = d->state;
	int pic = fdt_node_offset_by_compatible(fdt, -1, "fsl,mpic"), bus, node, len, err;
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0), ic = 2, i;
	const fdt32_t *cells;
	fdt32_t reg[4], irq[4];
	uint32_t ph;
	char name[32];

	if (pic < 0)
		return pic;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	cells = fdt_getprop(fdt, pic, "#interrupt-cells", &len);
	if (cells && len == 4)
		ic = (int)fdt32_to_cpu(*cells);
	if (ic < 2 || ic > 4)
		return -FDT_ERR_BADNCELLS;
	ph = fdt_get_phandle(fdt, pic);
	if (!ph) {
		err = fdt_generate_phandle(fdt, &ph);
		if (!err)
			err = fdt_setprop_u32(fdt, pic, "phandle", ph);
		if (err)
			return err;
	}
	bus = virtio_mmio_bus(fdt, ac, sc);
	if (bus < 0)
		return bus;
	snprintf(name, sizeof(name), "virtio@%llx", (unsigned long long)d->gpa);
	node = fdt_add_subnode(fdt, bus, name);
	if (node < 0)
		return node;
	i = 0;
	if (ac == 2)
		reg[i++] = cpu_to_fdt32((uint32_t)(d->gpa >> 32));
	reg[i++] = cpu_to_fdt32((uint32_t)d->gpa);
	if (sc == 2)
		reg[i++] = cpu_to_fdt32(0);
	reg[i++] = cpu_to_fdt32((uint32_t)d->size);
	irq[0] = cpu_to_fdt32(vd->src);
	irq[1] = cpu_to_fdt32(2); /* level, active high */
	irq[2] = irq[3] = cpu_to_fdt32(0);
	err = fdt_setprop_string(fdt, node, "compatible", "virtio,mmio");
	if (!err)
		err = fdt_setprop(fdt, node, "reg", reg, i * 4);
	if (!err)
		err = fdt_setprop(fdt, node, "interrupts", irq, ic * 4);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "interrupt-parent", ph);
	return err;
}

static const struct vdev_type virtio_mmio_type = {
	.name = "virtio-mmio",
	.states = virtio_mmio_state,
	.state_size = sizeof(virtio_mmio_state[0]),
	.instances = VIRTIO_MMIO_MAX,
	.attach = virtio_mmio_attach,
	.reset = virtio_mmio_reset,
	.read = virtio_mmio_read,
	.write = virtio_mmio_write,
	.poll = virtio_mmio_poll,
	.stop = virtio_mmio_stop,
	.fdt_fixup = virtio_mmio_fdt,
};
VDEV_REGISTER(virtio_mmio_type);
