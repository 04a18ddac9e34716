// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest's device tree is the hardware tree, edited: its memory node shows
 * the partition's memory, /cpus only its vCPUs, /chosen its bootargs and
 * initrd, and a /hypervisor node says it runs under beryl. Devices the
 * partition does not have (everything but what beryl emulates or assigns to
 * it) are removed, and aliases pointing at them with them; an assigned
 * device keeps its children (the RTC on an I2C bus) and its aliases.
 */
#include <libfdt.h>

#include <claim.h>
#include <guest_fdt.h>
#include <hcall.h>
#include <ipc.h>
#include <platform.h>
#include <string.h>
#include <vdev.h>

/* Append v as `cells` cells; false if it does not fit in them (or in reg). */
static bool put_cells(fdt32_t *reg, unsigned int *n, int cells, uint64_t v)
{
	int c;

	if (cells < 1 || cells > 4 || *n + (unsigned int)cells > PART_MAX_MEM * 8 ||
	    (cells == 1 && v >> 32))
		return false;
	for (c = cells - 1; c >= 0; c--)
		reg[(*n)++] = cpu_to_fdt32(c >= 2 ? 0 : c == 1 ? (uint32_t)(v >> 32) : (uint32_t)v);
	return true;
}

static int set_memory(const struct partition *p, void *fdt)
{
	fdt32_t reg[PART_MAX_MEM * 8];
	unsigned int i, n = 0;
	int node = platform_next_memory(fdt, -1); /* the one Linux reads first */
	int sub, prop, err, ac, sc;

	if (node < 0)
		return node;
	/*
	 * Only its type and its ranges: anything else of the host's node
	 * (subnodes, linux,usable-memory, ...) describes the host's RAM.
	 */
	while ((sub = fdt_first_subnode(fdt, node)) >= 0) {
		err = fdt_del_node(fdt, sub);
		if (err)
			return err;
	}
	prop = fdt_first_property_offset(fdt, node);
	while (prop >= 0) {
		const char *name;

		if (!fdt_getprop_by_offset(fdt, prop, &name, NULL))
			return -FDT_ERR_BADSTRUCTURE;
		if (!strcmp(name, "device_type")) {
			prop = fdt_next_property_offset(fdt, prop);
			continue;
		}
		err = fdt_delprop(fdt, node, name);
		if (err)
			return err;
		prop = fdt_first_property_offset(fdt, node); /* offsets moved */
	}
	/* in the cells its parent says (ePAPR defaults: 2 and 1) */
	ac = platform_cells(fdt, fdt_parent_offset(fdt, node), "#address-cells", 2);
	sc = platform_cells(fdt, fdt_parent_offset(fdt, node), "#size-cells", 1);
	for (i = 0; i < p->nmem; i++)
		if (!put_cells(reg, &n, ac, p->mem[i].gpa) || !put_cells(reg, &n, sc, p->mem[i].size))
			return -FDT_ERR_BADNCELLS;
	return fdt_setprop(fdt, node, "reg", reg, (int)(n * 4));
}

static int set_chosen(const struct partition *p, void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen"), err;

	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "chosen");
	if (node < 0)
		return node;
	fdt_delprop(fdt, node, "linux,initrd-start");
	fdt_delprop(fdt, node, "linux,initrd-end");
	if (p->initrd) {
		err = fdt_setprop_u64(fdt, node, "linux,initrd-start", p->initrd_gpa);
		if (!err)
			err = fdt_setprop_u64(fdt, node, "linux,initrd-end",
					      p->initrd_gpa + p->initrd_size);
		if (err)
			return err;
	}
	return fdt_setprop_string(fdt, node, "bootargs", p->bootargs ? p->bootargs : "");
}

enum assigned_rel {
	NOT_ASSIGNED,
	ASSIGNED,	  /* an assigned device or inside one (rtc@68 on i2c@3000) */
	LEADS_TO_ASSIGNED /* a bus an assigned device sits on */
};

/* Where node stands towards the partition's assigned devices (compared by path). */
static enum assigned_rel assigned_rel(const struct partition *p, const void *fdt, int node)
{
	char path[128], dev[128];
	size_t n, d;
	unsigned int i;

	if (!p->nassigned || fdt_get_path(fdt, node, path, sizeof(path)))
		return NOT_ASSIGNED;
	n = strlen(path);
	for (i = 0; i < p->nassigned; i++) {
		if (fdt_get_path(platform.fdt, p->assigned[i].node, dev, sizeof(dev)))
			continue;
		d = strlen(dev);
		if (!strncmp(path, dev, d) && (path[d] == '\0' || path[d] == '/'))
			return ASSIGNED;
		if (!strncmp(dev, path, n) && dev[n] == '/')
			return LEADS_TO_ASSIGNED;
	}
	return NOT_ASSIGNED;
}

static bool is_partition_device(const struct partition *p, const void *fdt, int node)
{
	uint64_t pa;
	unsigned int i;

	if (assigned_rel(p, fdt, node) != NOT_ASSIGNED)
		return true;
	if (fdt_node_check_compatible(fdt, node, "gpio-poweroff") == 0)
		return platform.poweroff_pin >= 0;
	if (platform_node_reg(fdt, node, 0, &pa, NULL))
		return false;
	for (i = 0; i < p->ndev; i++)
		if (p->dev[i].gpa == pa)
			return true;
	return false;
}

/* Top-level nodes a guest keeps besides the SoC bus. */
static bool keep_top(const struct partition *p, const void *fdt, int node)
{
	static const char *const keep[] = { "cpus", "chosen", "aliases", NULL };
	const char *name = fdt_get_name(fdt, node, NULL);
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);
	const char *const *k;
	size_t len;
	int m;

	if ((type && !strcmp(type, "soc")) || assigned_rel(p, fdt, node) != NOT_ASSIGNED)
		return true;
	/*
	 * Of the memory nodes, the one set_memory() wrote; any other shows
	 * the host's RAM (boards may describe it in several nodes).
	 */
	for (m = platform_next_memory(fdt, -1); m >= 0; m = platform_next_memory(fdt, m))
		if (m == node)
			return m == platform_next_memory(fdt, -1);
	for (k = keep; *k; k++) {
		len = strlen(*k);
		if (!strncmp(name, *k, len) && (!name[len] || name[len] == '@'))
			return true;
	}
	return false;
}

/* Delete the subnodes of parent that keep() refuses. */
static int delete_subnodes(const struct partition *p, void *fdt, int parent,
			   bool (*keep)(const struct partition *, const void *, int))
{
	int node, err;

restart: /* deleting moves the offsets of the nodes after it */
	fdt_for_each_subnode(node, fdt, parent) {
		if (keep(p, fdt, node))
			continue;
		err = fdt_del_node(fdt, node);
		if (err)
			return err;
		goto restart;
	}
	return 0;
}

static bool is_cpu(const void *fdt, int node)
{
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);

	return type && !strcmp(type, "cpu");
}

/* Under /cpus: everything but the cpu nodes after the first nvcpus. */
static bool keep_cpu(const struct partition *p, const void *fdt, int node)
{
	unsigned int before = 0;
	int sib;

	if (!is_cpu(fdt, node))
		return true;
	fdt_for_each_subnode(sib, fdt, fdt_parent_offset(fdt, node)) {
		if (sib == node)
			break;
		before += is_cpu(fdt, sib);
	}
	return before < p->nvcpus;
}

/* The n-th cpu node under /cpus, or a negative libfdt error. */
static int nth_cpu(const void *fdt, unsigned int n)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;

	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, fdt, cpus)
		if (is_cpu(fdt, node) && n-- == 0)
			return node;
	return -FDT_ERR_NOTFOUND;
}

/*
 * vCPU n is cpu node n, reg (and PIR) n. The boot vCPU is "okay"; how the
 * others are started (their enable-method) is said by the device that
 * starts them (the spin table, vspin.c).
 */
static int set_cpu(void *fdt, unsigned int n)
{
	int node = nth_cpu(fdt, n), err;

	if (node < 0)
		return node;
	err = fdt_setprop_u32(fdt, node, "reg", n);
	if (!err && n == 0) {
		fdt_delprop(fdt, node, "cpu-release-addr");
		fdt_delprop(fdt, node, "enable-method");
		err = fdt_setprop_string(fdt, node, "status", "okay");
	}
	return err;
}

static int set_cpus(const struct partition *p, void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), err;
	unsigned int n;

	if (cpus < 0)
		return cpus;
	err = delete_subnodes(p, fdt, cpus, keep_cpu);
	for (n = 0; !err && n < p->nvcpus; n++)
		err = set_cpu(fdt, n);
	return err;
}

/*
 * On a bus: the partition's devices (emulated or assigned, the latter with
 * everything below them), and the buses leading to its assigned devices,
 * pruned the same way.
 */
static int prune_bus(const struct partition *p, void *fdt, int bus)
{
	int node, err = delete_subnodes(p, fdt, bus, is_partition_device);

	fdt_for_each_subnode(node, fdt, bus)
		if (!err && assigned_rel(p, fdt, node) == LEADS_TO_ASSIGNED)
			err = prune_bus(p, fdt, node);
	return err;
}

/*
 * Keep only the devices of the partition: on the SoC bus and on the way to
 * an assigned device, and nothing else.
 */
static int prune_devices(const struct partition *p, void *fdt)
{
	int node, err, prop;
	bool again;

	err = delete_subnodes(p, fdt, 0, keep_top);
	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *name = fdt_get_name(fdt, node, NULL);

		if (name && !strcmp(name, "cpus"))
			continue; /* set_cpus() made it, whatever its type says: no devices */
		if (!err && ((type && !strcmp(type, "soc")) ||
			     assigned_rel(p, fdt, node) == LEADS_TO_ASSIGNED))
			err = prune_bus(p, fdt, node);
	}
	if (err)
		return err;

	node = fdt_path_offset(fdt, "/aliases");
	do {
		again = false;
		if (node < 0)
			break;
		fdt_for_each_property_offset(prop, fdt, node) {
			const char *name, *path;
			int len;

			path = fdt_getprop_by_offset(fdt, prop, &name, &len);
			if (!path) /* no name: a damaged hardware tree */
				return -FDT_ERR_BADSTRUCTURE;
			/* kept if it is a string naming a node the guest has */
			if (len > 0 && !path[len - 1] &&
			    platform_path_offset(fdt, path, len - 1) >= 0)
				continue;
			err = fdt_delprop(fdt, node, name);
			if (err)
				return err;
			again = true;
			break;
		}
	} while (again);
	return 0;
}

/*
 * A manager's /hypervisor/handles: one node per partition it manages, as
 * the Freescale hypervisor describes them (compatible
 * "fsl,hv-partition-handle", reg = the handle its hypercalls take, label =
 * the partition's name).
 */
static int add_handles(const struct partition *p, void *fdt, int hv)
{
	unsigned int i;
	int handles, node, err;

	handles = fdt_add_subnode(fdt, hv, "handles");
	if (handles < 0)
		return handles;
	for (i = 0; i < npartitions; i++) {
		if (!(p->manages & (1u << i)))
			continue;
		handles = fdt_path_offset(fdt, "/hypervisor/handles");
		node = handles < 0 ? handles : fdt_add_subnode(fdt, handles, partitions[i].name);
		if (node < 0)
			return node;
		err = fdt_setprop_string(fdt, node, "compatible", "fsl,hv-partition-handle");
		if (!err)
			err = fdt_setprop_u32(fdt, node, "reg", HCALL_HANDLE(i));
		if (!err) /* the name ePAPR gives it; the driver reads either */
			err = fdt_setprop_u32(fdt, node, "hv-handle", HCALL_HANDLE(i));
		if (!err)
			err = fdt_setprop_string(fdt, node, "label", partitions[i].name);
		if (!err) /* its state notifications (ipc_fdt.c) */
			err = ipc_fdt_notify(p, fdt, node, i);
		if (err)
			return err;
	}
	return 0;
}

/* Doorbells it may ring or receives (ipc.h). */
static bool has_doorbells(const struct partition *p)
{
	unsigned int k;

	for (k = 0; k < p->nipc; k++)
		if (p->ipc[k].kind == IPC_DOORBELL)
			return true;
	return false;
}

static int add_hypervisor(const struct partition *p, void *fdt)
{
	/* "linux,kvm": the paravirtual interface Linux's CONFIG_KVM_GUEST uses */
	static const char compat[] = "beryl,hypervisor\0epapr,hypervisor-1";
	static const char compat_pv[] = "beryl,hypervisor\0epapr,hypervisor-1\0linux,kvm";
	static const uint32_t insns[] = HCALL_INSNS;
	fdt32_t cells[4];
	int node = fdt_add_subnode(fdt, 0, "hypervisor"), err;
	unsigned int i;

	if (node < 0)
		return node;
	for (i = 0; i < 4; i++)
		cells[i] = cpu_to_fdt32(insns[i]);
	err = p->paravirt ? fdt_setprop(fdt, node, "compatible", compat_pv, sizeof(compat_pv))
			  : fdt_setprop(fdt, node, "compatible", compat, sizeof(compat));
	if (!err) /* EV_IDLE */
		err = fdt_setprop(fdt, node, "has-idle", NULL, 0);
	if (!err) /* ePAPR: Linux patches its hypercall stub with these */
		err = fdt_setprop(fdt, node, "hcall-instructions", cells, sizeof(cells));
	if (!err)
		err = fdt_setprop_string(fdt, node, "partition-name", p->name);
	if (!err) /* 1 at the first start, +1 at each restart */
		err = fdt_setprop_u32(fdt, node, "beryl,boot-count", p->boots);
	if (!err && (p->manages || has_doorbells(p))) /* /dev/fsl-hv: fsl_hypervisor.c looks for it */
		err = fdt_setprop_u32(fdt, node, "fsl,hv-version", 1);
	if (!err && p->manages)
		err = add_handles(p, fdt, node);
	if (!err) /* its byte channels and doorbells */
		err = ipc_fdt(p, fdt, fdt_path_offset(fdt, "/hypervisor"));
	return err;
}

int guest_fdt_build(const struct partition *p, void *buf, int size)
{
	int err = fdt_open_into(platform.fdt, buf, size);

	if (!err)
		err = set_memory(p, buf);
	if (!err)
		err = set_cpus(p, buf);
	if (!err)
		err = prune_devices(p, buf);
	if (!err)
		err = claim_fdt(p, buf);
	if (!err)
		err = set_chosen(p, buf);
	if (!err)
		err = add_hypervisor(p, buf);
	if (!err)
		err = vdev_fdt_fixup_all(p, buf);
	if (!err)
		err = fdt_pack(buf);
	return err ? err : (int)fdt_totalsize(buf);
}
