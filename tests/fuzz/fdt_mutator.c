// SPDX-License-Identifier: GPL-2.0-only
/*
 * A structure-aware mutator for the fuzzers whose input is a device tree
 * (fuzz_config, fuzz_guest_fdt): half of the mutations are libFuzzer's own
 * byte-level ones (damaged blobs), the other half edit the tree with
 * libfdt as a person writing a configuration or a boot loader would get it
 * wrong: a cell of a property set to a small or extreme value or to a cell
 * of another property (a phandle, a CPU, an address), a property copied
 * from another node, deleted or added, a node deleted, added or renamed.
 * A byte-level mutation needs millions of runs to turn one partition's
 * phys-mem phandle into another's; this does it in thousands. Bytes after
 * the tree (the harnesses' selectors) are kept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "check_config.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static const char *const prop_names[] = {
    "reg",
    "shared",
    "cpus",
    "image",
    "bootargs",
    "initrd",
    "on-reset",
    "on-crash",
    "start",
    "manages",
    "devices",
    "phys-mem",
    "guest-addr",
    "phandle",
    "compatible",
    "device_type",
    "ranges",
    "#address-cells",
    "#size-cells",
    "interrupts",
    "interrupt-parent",
    "cpu-release-addr",
    "status",
    "stdout-path",
    "gpios",
    "timebase-frequency",
    "linux,initrd-start",
    "linux,initrd-end",
};

static const char *const strings[] = {
    "beryl,config",
    "restart",
    "stop",
    "boot",
    "wait",
    "memory",
    "cpu",
    "soc",
    "okay",
    "disabled",
    "gpio-poweroff",
    "fsl,mpic",
    "open-pic",
    "i2c",
    "serial0",
    "rtc",
    "/soc@fe0000000/i2c@3000",
    "/soc@fe0000000/serial@4500",
    "/soc@fe0000000/pic@40000",
    "/pci@fe0008000",
    "ctl",
    "smp",
    "worker",
    "demo",
    "",
    "x\0y",
};

static const char *const node_names[] = {
    "phys-mem",
    "partitions",
    "memory",
    "ram",
    "area",
    "p",
    "cpus",
    "cpu@1",
    "chosen",
    "aliases",
    "soc@fe0000000",
    "serial@4600",
    "memory@80000000",
};

static const uint32_t cells[] = {
    0,		1,	    2,		3,	   4,	       5,
    6,		0x1000,	    0x100000,	0x4000000, 0x8000000,  0x10000000,
    0x20000000, 0x80000000, 0xc0000000, 0xf,	   0xfe000000, 0xffffffff,
    0xfffff000, 0x7fffffff, 0x8003,	0x8005,
};

#define PICK(a, r) ((a)[(r) % (sizeof(a) / sizeof((a)[0]))])

static uint32_t rnd(unsigned int *seed)
{
	return (uint32_t)rand_r(seed) << 16 ^ (uint32_t)rand_r(seed);
}

/* A node of the tree, any (with root) or not the root. */
static int pick_node(const void *fdt, unsigned int *seed, int with_root)
{
	int node, depth = 0, n = 0, k;

	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, &depth))
		n++;
	k = with_root ? (int)(rnd(seed) % n)
	    : n > 1   ? 1 + (int)(rnd(seed) % (n - 1))
		      : -1;
	if (k < 0)
		return -1;
	for (node = 0, depth = 0; node >= 0 && k--;)
		node = fdt_next_node(fdt, node, &depth);
	return node;
}

/* A property of the tree: its node and offset. */
static int pick_prop(const void *fdt, unsigned int *seed, int *node_out)
{
	int node, prop, n = 0, k, depth = 0;

	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, &depth))
		fdt_for_each_property_offset(prop, fdt, node) n++;
	if (!n)
		return -1;
	k = (int)(rnd(seed) % n);
	for (node = 0, depth = 0; node >= 0; node = fdt_next_node(fdt, node, &depth))
		fdt_for_each_property_offset(prop, fdt, node) if (!k--)
		{
			*node_out = node;
			return prop;
		}
	return -1;
}

/* One structural edit of fdt (in a buffer of room bytes); 0 if it took. */
static int edit(void *fdt, unsigned int *seed)
{
	int node, onode, other, prop, len, olen;
	const char *name, *oname;
	const void *val;
	const void *oval;
	uint8_t tmp[256];
	uint32_t c;

	switch (rnd(seed) % 9) {
	case 0: /* one cell of a property: an interesting value */
	case 1: /* ... or a cell of another property (a phandle, a CPU, an address) */
		prop = pick_prop(fdt, seed, &node);
		if (prop < 0)
			return -1;
		val = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!val || len < 4 || len > (int)sizeof(tmp))
			return -1;
		memcpy(tmp, val, len);
		c = cpu_to_fdt32(PICK(cells, rnd(seed)));
		other = pick_prop(fdt, seed, &onode);
		oval =
		    other >= 0 ? fdt_getprop_by_offset(fdt, other, &oname, &olen) : NULL;
		if (rnd(seed) & 1 && oval && olen >= 4)
			memcpy(&c, (const uint8_t *)oval + (rnd(seed) % (olen / 4)) * 4,
			       4);
		memcpy(tmp + (rnd(seed) % (len / 4)) * 4, &c, 4);
		/* in place: the tree does not move, name still points into it */
		return fdt_setprop_inplace(fdt, node, name, tmp, len);
	case 2: /* a property copied into another node */
		prop = pick_prop(fdt, seed, &node);
		if (prop < 0)
			return -1;
		val = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!val || len > (int)sizeof(tmp) || strlen(name) >= 64)
			return -1;
		{
			char pname[64];

			memcpy(tmp, val, len);
			strcpy(pname, name);
			return fdt_setprop(fdt, pick_node(fdt, seed, 1), pname, tmp, len);
		}
	case 3: /* a property deleted */
		prop = pick_prop(fdt, seed, &node);
		if (prop < 0 || !fdt_getprop_by_offset(fdt, prop, &name, &len))
			return -1;
		{
			char pname[64];

			if (strlen(name) >= sizeof(pname))
				return -1;
			strcpy(pname, name);
			return fdt_delprop(fdt, node, pname);
		}
	case 4: /* a known property with cells */
		c = rnd(seed) % 5;
		for (len = 0; len < (int)c; len++) {
			uint32_t v = cpu_to_fdt32(PICK(cells, rnd(seed)));

			memcpy(tmp + 4 * len, &v, 4);
		}
		return fdt_setprop(fdt, pick_node(fdt, seed, 1),
				   PICK(prop_names, rnd(seed)), tmp, 4 * (int)c);
	case 5: /* a known property with a string */
		name = PICK(strings, rnd(seed));
		return fdt_setprop(fdt, pick_node(fdt, seed, 1),
				   PICK(prop_names, rnd(seed)), name,
				   (int)strlen(name) + 1 + (name[0] == 'x' ? 2 : 0));
	case 6: /* a node deleted */
		node = pick_node(fdt, seed, 0);
		return node < 0 ? -1 : fdt_del_node(fdt, node);
	case 7: /* a node added */
		return fdt_add_subnode(fdt, pick_node(fdt, seed, 1),
				       PICK(node_names, rnd(seed))) < 0;
	default: /* a node renamed */
		node = pick_node(fdt, seed, 0);
		return node < 0 ? -1
				: fdt_set_name(fdt, node, PICK(node_names, rnd(seed)));
	}
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	static uint8_t work[1 << 17];
	size_t tail, total, n;
	int edits;

	/* libfdt's editing functions trust the structure: only sound trees */
	if (seed & 1 || size < sizeof(struct fdt_header) || fdt_check_header(data) ||
	    fdt_totalsize(data) > size || fdt_num_mem_rsv(data) < 0 || !check_tree_sound(data))
		return LLVMFuzzerMutate(data, size, max_size);
	total = fdt_totalsize(data);
	tail = size - total;
	if (fdt_open_into(data, work,
			  (int)(max_size < sizeof(work) ? max_size : sizeof(work))))
		return LLVMFuzzerMutate(data, size, max_size);
	for (edits = 1 + (int)((seed >> 1) % 3); edits; edits--)
		edit(work, &seed);
	if (fdt_pack(work) || fdt_totalsize(work) + tail > max_size)
		return LLVMFuzzerMutate(data, size, max_size);
	n = fdt_totalsize(work);
	memmove(data + n, data + total, tail); /* the selector bytes after the tree */
	memcpy(data, work, n);
	return n + tail;
}
