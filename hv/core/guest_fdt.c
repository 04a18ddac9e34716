// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest's device tree is the hardware tree, edited: its memory node shows
 * the partition's memory, /cpus only its vCPUs, /chosen its bootargs, and a
 * /hypervisor node says it runs under beryl.
 */
#include <libfdt.h>

#include <guest_fdt.h>
#include <platform.h>
#include <string.h>

static int set_memory(const struct partition *p, void *fdt)
{
	fdt32_t reg[PART_MAX_MEM * 4];
	unsigned int i;
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);

	if (node < 0)
		return node;
	for (i = 0; i < p->nmem; i++) {
		reg[4 * i + 0] = cpu_to_fdt32(p->mem[i].gpa >> 32);
		reg[4 * i + 1] = cpu_to_fdt32((uint32_t)p->mem[i].gpa);
		reg[4 * i + 2] = cpu_to_fdt32(p->mem[i].size >> 32);
		reg[4 * i + 3] = cpu_to_fdt32((uint32_t)p->mem[i].size);
	}
	return fdt_setprop(fdt, node, "reg", reg, p->nmem * 16);
}

/* Keep the first nvcpus cpu nodes; delete the others. */
static int set_cpus(const struct partition *p, void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, err;
	unsigned int kept = 0;

	if (cpus < 0)
		return cpus;
restart:
	kept = 0;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (!type || strcmp(type, "cpu"))
			continue;
		if (kept < p->nvcpus) {
			kept++;
			continue;
		}
		err = fdt_del_node(fdt, node);
		if (err)
			return err;
		goto restart;
	}
	return 0;
}

static int set_chosen(const struct partition *p, void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen");

	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "chosen");
	if (node < 0)
		return node;
	fdt_delprop(fdt, node, "linux,initrd-start");
	fdt_delprop(fdt, node, "linux,initrd-end");
	return fdt_setprop_string(fdt, node, "bootargs", p->bootargs ? p->bootargs : "");
}

static int add_hypervisor(const struct partition *p, void *fdt)
{
	int node = fdt_add_subnode(fdt, 0, "hypervisor"), err;

	if (node < 0)
		return node;
	err = fdt_setprop_string(fdt, node, "compatible", "beryl,hypervisor");
	if (!err)
		err = fdt_setprop_string(fdt, node, "partition-name", p->name);
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
		err = set_chosen(p, buf);
	if (!err)
		err = add_hypervisor(p, buf);
	if (!err)
		err = fdt_pack(buf);
	return err ? err : (int)fdt_totalsize(buf);
}
