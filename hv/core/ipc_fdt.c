// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's cooperation objects in its device tree, where Linux's
 * drivers look for them:
 *
 *   /byte-channels (simple-bus, so that Linux makes each a platform device)
 *       NAME { compatible = "epapr,hv-byte-channel"; hv-handle;
 *              interrupts = <rx>, <tx>; }              (ehv_bytechan.c)
 *   /chosen/stdout-path = "/byte-channels/NAME"        (its console, if one is)
 *   /hypervisor/handles/NAME                           a doorbell (fsl_hypervisor.c):
 *       it may ring:     "fsl,hv-doorbell-send-handle", hv-handle, reg
 *       it receives:     "fsl,hv-doorbell-receive-handle", "epapr,hv-receive-doorbell",
 *                        interrupts (preceded by "fsl,hv-shutdown-doorbell" for a
 *                        shutdown request)
 *   /hypervisor/handles/PARTITION/state-change, started, stopped, crashed, reset-request,
 *       watchdog: a manager's notifications about a partition it manages (doorbell.h):
 *       "fsl,hv-state-change-doorbell" (or "beryl,hv-started-doorbell",
 *       "beryl,hv-stopped-doorbell", "beryl,hv-crash-doorbell",
 *       "beryl,hv-reset-request-doorbell", "beryl,hv-watchdog-doorbell"),
 *       "epapr,hv-receive-doorbell", interrupts
 *   /byte-channels/console-placeholder   see add_console_placeholder()
 *
 * A channel whose end is the partition's virtio console (stdout with
 * console = "virtio") has no node: the guest reaches it as hvc0.
 *
 * Interrupt specifiers are those of the partition's interrupt controller
 * node (its #interrupt-cells): <source sense 0 0>, sense 2 (level, high)
 * for byte channel lines, 0 (edge) for doorbells, which are pulses.
 */
#include <libfdt.h>

#include <bytechan.h>
#include <doorbell.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <string.h>

#define SENSE_EDGE 0
#define SENSE_LEVEL_HIGH 2

/* The partition's interrupt controller node: the one whose registers are its irqchip's. */
static int irqchip_node(const struct partition *p, const void *fdt)
{
	int node;

	if (!p->irqchip)
		return -FDT_ERR_NOTFOUND;
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		uint64_t pa;

		if (fdt_getprop(fdt, node, "interrupt-controller", NULL) &&
		    !platform_node_reg(fdt, node, 0, &pa, NULL) && pa == p->irqchip->gpa)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

/* The partition's interrupt controller as the nodes below name it. */
struct irq_parent {
	uint32_t phandle;
	unsigned int cells; /* its #interrupt-cells */
};

/*
 * Its phandle (given one if it has none) and #interrupt-cells. Called
 * before any node is added: giving it a phandle moves the nodes after it.
 */
static int irq_parent(const struct partition *p, void *fdt, struct irq_parent *ip)
{
	int node = irqchip_node(p, fdt), cells, err;

	if (node < 0)
		return node;
	cells = platform_cells(fdt, node, "#interrupt-cells", 2);
	if (cells < 1 || cells > 4)
		return -FDT_ERR_BADNCELLS;
	ip->cells = (unsigned int)cells;
	ip->phandle = fdt_get_phandle(fdt, node);
	if (ip->phandle)
		return 0;
	err = fdt_generate_phandle(fdt, &ip->phandle);
	if (!err)
		err = fdt_setprop_u32(fdt, node, "phandle", ip->phandle);
	return err;
}

/* interrupt-parent and interrupts = the nsrc sources of ref. */
static int set_interrupts(const struct irq_parent *ip, void *fdt, int node,
			  const struct ipc_ref *ref, unsigned int nsrc, uint32_t sense)
{
	fdt32_t spec[2 * 4];
	unsigned int i, k, n = 0;
	int err;

	for (i = 0; i < nsrc; i++)
		for (k = 0; k < ip->cells; k++)
			spec[n++] = cpu_to_fdt32(k == 0 ? ref->src[i] : k == 1 ? sense : 0);
	err = fdt_setprop_u32(fdt, node, "interrupt-parent", ip->phandle);
	return err ? err : fdt_setprop(fdt, node, "interrupts", spec, n * sizeof(spec[0]));
}

/* A subnode of parent (found again, or added). */
static int subnode(void *fdt, int parent, const char *name)
{
	int node = fdt_subnode_offset(fdt, parent, name);

	return node >= 0 ? node : fdt_add_subnode(fdt, parent, name);
}

static int add_bytechan(const struct partition *p, void *fdt, const struct irq_parent *ip,
			const struct ipc_ref *ref)
{
	static const char bus_compat[] = "simple-bus";
	const struct bytechan *bc = &bytechans[ref->obj];
	int bus = subnode(fdt, 0, "byte-channels"), node, err;

	if (bus < 0)
		return bus;
	err = fdt_setprop(fdt, bus, "compatible", bus_compat, sizeof(bus_compat));
	node = err ? err : fdt_add_subnode(fdt, bus, bc->name);
	if (node < 0)
		return node;
	err = fdt_setprop_string(fdt, node, "compatible", "epapr,hv-byte-channel");
	if (!err)
		err = fdt_setprop_u32(fdt, node, "hv-handle", ipc_handle(p, ref));
	if (!err)
		err = set_interrupts(ip, fdt, node, ref, 2, SENSE_LEVEL_HIGH);
	if (!err && p->stdout_bc == ref->obj) {
		char path[16 + CONSOLE_NAME_MAX];
		int chosen = subnode(fdt, 0, "chosen");

		snprintf(path, sizeof(path), "/byte-channels/%s", bc->name);
		err = chosen < 0 ? chosen : fdt_setprop_string(fdt, chosen, "stdout-path", path);
	}
	return err;
}

/* The compatible list of a doorbell node, from its roles. */
static size_t doorbell_compat(const struct ipc_ref *ref, char *buf)
{
	static const char *const send[] = { "fsl,hv-doorbell-send-handle", NULL };
	static const char *const shutdown[] = { "fsl,hv-shutdown-doorbell", NULL };
	static const char *const recv[] = { "fsl,hv-doorbell-receive-handle",
					    "epapr,hv-receive-doorbell", NULL };
	const char *const *lists[3] = { NULL, NULL, NULL }, *const *s;
	size_t n = 0;
	unsigned int i;

	if (ref->end & IPC_DB_RECV) {
		if (doorbells[ref->obj].shutdown)
			lists[0] = shutdown;
		lists[1] = recv;
	}
	if (ref->end & IPC_DB_SEND)
		lists[2] = send;
	for (i = 0; i < 3; i++)
		for (s = lists[i]; s && *s; s++) {
			memcpy(buf + n, *s, strlen(*s) + 1);
			n += strlen(*s) + 1;
		}
	return n;
}

static int add_doorbell(const struct partition *p, void *fdt, const struct irq_parent *ip,
			int handles, const struct ipc_ref *ref)
{
	char compat[160];
	size_t len = doorbell_compat(ref, compat);
	int node = fdt_add_subnode(fdt, handles, doorbells[ref->obj].name), err;

	if (node < 0)
		return node;
	err = fdt_setprop(fdt, node, "compatible", compat, len);
	if (!err && (ref->end & IPC_DB_SEND)) {
		err = fdt_setprop_u32(fdt, node, "hv-handle", ipc_handle(p, ref));
		if (!err)
			err = fdt_setprop_u32(fdt, node, "reg", ipc_handle(p, ref));
	}
	if (!err && (ref->end & IPC_DB_RECV))
		err = set_interrupts(ip, fdt, node, ref, 1, SENSE_EDGE);
	return err;
}

/*
 * Linux's ehv_bytechan numbers its ttys after the console's channel: tty 0
 * for the channel that is the console, 1, 2... for the others, out of as
 * many lines as there are channel nodes. Without a console channel the
 * last one would find no line (and the driver's error path crashes the
 * kernel): a partition whose console is elsewhere gets a disabled node
 * that stands for the console's line, so that its channels are ttyEHV1...
 */
static int add_console_placeholder(void *fdt)
{
	int bus = subnode(fdt, 0, "byte-channels"), node, err;

	node = bus < 0 ? bus : fdt_add_subnode(fdt, bus, "console-placeholder");
	if (node < 0)
		return node;
	err = fdt_setprop_string(fdt, node, "compatible", "epapr,hv-byte-channel");
	return err ? err : fdt_setprop_string(fdt, node, "status", "disabled");
}

int ipc_fdt(const struct partition *p, void *fdt, int hv)
{
	struct irq_parent ip;
	unsigned int k;
	int handles, err;
	bool channels = false;

	if (!p->nipc)
		return 0;
	err = irq_parent(p, fdt, &ip);
	for (k = 0; k < p->nipc && !err; k++) {
		const struct ipc_ref *ref = &p->ipc[k];

		switch (ref->kind) {
		case IPC_BYTECHAN:
			if (!ref->handle)
				break; /* its virtio console's: no node, the guest has hvc0 */
			err = add_bytechan(p, fdt, &ip, ref);
			channels = true;
			break;
		case IPC_DOORBELL:
			hv = fdt_path_offset(fdt, "/hypervisor");
			handles = hv < 0 ? hv : subnode(fdt, hv, "handles");
			err = handles < 0 ? handles : add_doorbell(p, fdt, &ip, handles, ref);
			break;
		default:
			break; /* notifications: under the handle of their partition */
		}
	}
	if (!err && channels && (p->stdout_bc < 0 || p->virtio_console))
		err = add_console_placeholder(fdt);
	return err;
}

int ipc_fdt_notify(const struct partition *p, void *fdt, int handle_node, unsigned int idx)
{
	static const char *const names[NOTIFY_KINDS] = { "state-change", "started", "stopped",
							  "crashed", "reset-request", "watchdog" };
#define RECEIVE "\0epapr,hv-receive-doorbell"
	static const char compat_state[] = "fsl,hv-state-change-doorbell" RECEIVE;
	static const char compat_start[] = "beryl,hv-started-doorbell" RECEIVE;
	static const char compat_stop[] = "beryl,hv-stopped-doorbell" RECEIVE;
	static const char compat_crash[] = "beryl,hv-crash-doorbell" RECEIVE;
	static const char compat_reset[] = "beryl,hv-reset-request-doorbell" RECEIVE;
	static const char compat_wdt[] = "beryl,hv-watchdog-doorbell" RECEIVE;
#undef RECEIVE
	static const struct {
		const char *s;
		size_t len;
	} compat[NOTIFY_KINDS] = {
		{ compat_state, sizeof(compat_state) }, { compat_start, sizeof(compat_start) },
		{ compat_stop, sizeof(compat_stop) },	{ compat_crash, sizeof(compat_crash) },
		{ compat_reset, sizeof(compat_reset) }, { compat_wdt, sizeof(compat_wdt) },
	};
	struct irq_parent ip;
	char path[128];
	unsigned int k;
	int err;

	for (k = 0; k < p->nipc; k++)
		if (p->ipc[k].kind == IPC_NOTIFY && p->ipc[k].obj == idx)
			break;
	if (k == p->nipc)
		return 0; /* none */
	err = fdt_get_path(fdt, handle_node, path, sizeof(path));
	if (!err)
		err = irq_parent(p, fdt, &ip); /* may move the handle node: found again by path */
	for (k = 0; k < p->nipc && !err; k++) {
		const struct ipc_ref *ref = &p->ipc[k];
		int parent, node;

		if (ref->kind != IPC_NOTIFY || ref->obj != idx || ref->end >= NOTIFY_KINDS)
			continue;
		/* offsets move as nodes are added: find the handle node again by its path */
		parent = fdt_path_offset(fdt, path);
		node = parent < 0 ? parent : fdt_add_subnode(fdt, parent, names[ref->end]);
		if (node < 0)
			return node;
		err = fdt_setprop(fdt, node, "compatible", compat[ref->end].s, compat[ref->end].len);
		if (!err)
			err = set_interrupts(&ip, fdt, node, ref, 1, SENSE_EDGE);
	}
	return err;
}
