// SPDX-License-Identifier: GPL-2.0-only
/*
 * Byte channels and doorbells in the configuration (docs/config.md):
 *
 *   / { byte-channels {
 *           NAME { endpoints = "PART", "PART"; };           two partitions
 *           NAME { endpoints = "PART"; console; };          a partition and the console
 *       };
 *       doorbells {
 *           NAME { senders = "PART", ...; receivers = "PART", ...; shutdown; };
 *       };
 *       partitions { PART { stdout = "NAME"; ... }; };     its console: a byte channel
 *       partitions { PART { stdout = "NAME"; console = "virtio"; }; }
 *                                   the channel's end is its virtio console (hvc0)
 *   };
 *
 * Every declaration is checked before any partition is read; a broken one
 * is reported (node and property) and refuses the partitions it names, so
 * none of them starts with a channel or doorbell missing. Each partition
 * then gets its objects, with interrupt sources of its own controller and
 * handles (ipc.h); a partition that has no room for them is refused too.
 */
#include <libfdt.h>

#include <bytechan.h>
#include <console.h>
#include <doorbell.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>
#include <string.h>
#include <virq.h>

#include "config_priv.h"

#define CFG_MAX_BROKEN 32

/* The declaration node of each byte channel and doorbell kept, and those refused. */
static int bc_node[BC_MAX], db_node[DB_MAX];
static int broken[CFG_MAX_BROKEN];
static unsigned int nbroken;

static void refuse(int node)
{
	if (nbroken < CFG_MAX_BROKEN)
		broken[nbroken++] = node;
}

/* Is name in the string list prop of node (its position, or -1)? */
static int list_pos(int node, const char *prop, const char *name)
{
	return fdt_stringlist_search(cfg, node, prop, name);
}

/* A list of partition names: each one a partition node, none twice. Its length, or -1. */
static int check_partitions(int node, const char *prop, int parts, int max)
{
	int n = fdt_stringlist_count(cfg, node, prop), i, k;

	if (n == -FDT_ERR_NOTFOUND) {
		cfg_error(node, prop, "missing");
		return -1;
	}
	if (n < 1 || n > max) {
		cfg_error(node, prop, "must list 1 to %d partition names", max);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = fdt_stringlist_get(cfg, node, prop, i, NULL);

		if (!name || fdt_subnode_offset(cfg, parts, name) < 0) {
			cfg_error(node, prop, "no partition named %s", name ? name : "(none)");
			return -1;
		}
		for (k = 0; k < i; k++)
			if (!strcmp(name, fdt_stringlist_get(cfg, node, prop, k, NULL))) {
				cfg_error(node, prop, "partition %s is listed twice", name);
				return -1;
			}
	}
	return n;
}

/* A boolean property: present, and without a value. */
static bool flag(int node, const char *prop)
{
	int len;

	if (!fdt_getprop(cfg, node, prop, &len))
		return false;
	if (len)
		cfg_error(node, prop, "takes no value");
	return true;
}

/* Its name: short enough for a console prefix, and no partition's. */
static void check_name(int node, int parts, const char *what)
{
	const char *name = fdt_get_name(cfg, node, NULL);

	if (strlen(name) >= CONSOLE_NAME_MAX)
		cfg_error(node, NULL, "the name is longer than %d characters",
			  CONSOLE_NAME_MAX - 1);
	else if (fdt_subnode_offset(cfg, parts, name) >= 0)
		cfg_error(node, NULL, "a %s cannot have the name of a partition", what);
}

static void parse_bytechans(int parts)
{
	static const char *const props[] = { "endpoints", "console", NULL };
	int container = fdt_subnode_offset(cfg, 0, "byte-channels"), node, sub;
	unsigned int nparts = 0, consoles = 0;

	if (container < 0)
		return;
	check_names(container, (const char *const[]){ NULL }, NULL);
	fdt_for_each_subnode(sub, cfg, parts)
		nparts++;
	fdt_for_each_subnode(node, cfg, container) {
		int before = cfg_errors, n;
		bool console;

		check_names(node, props, (const char *const[]){ NULL });
		check_name(node, parts, "byte channel");
		console = flag(node, "console");
		n = check_partitions(node, "endpoints", parts, 2);
		if (n == 2 && console)
			cfg_error(node, "console",
				  "a channel has two endpoints: two partitions, or one and the console");
		else if (n == 1 && !console)
			cfg_error(node, "endpoints",
				  "one partition: the other endpoint is missing (another partition, or "
				  "'console')");
		if (console && consoles + 1 + nparts >= CONSOLE_CHANNELS)
			cfg_error(node, "console",
				  "no console channel left (%d channels: the hypervisor's, one per "
				  "partition, then byte channels)",
				  CONSOLE_CHANNELS);
		if (cfg_errors == before && nbytechans == BC_MAX)
			cfg_error(node, NULL, "too many byte channels (at most %d)", BC_MAX);
		if (cfg_errors != before) {
			refuse(node);
			continue;
		}
		consoles += console;
		bc_node[nbytechans] = node;
		bytechans[nbytechans].name = fdt_get_name(cfg, node, NULL);
		bytechans[nbytechans].end[1].console = console;
		nbytechans++;
	}
}

static void parse_doorbells(int parts)
{
	static const char *const props[] = { "senders", "receivers", "shutdown", NULL };
	int container = fdt_subnode_offset(cfg, 0, "doorbells"), node;

	if (container < 0)
		return;
	check_names(container, (const char *const[]){ NULL }, NULL);
	fdt_for_each_subnode(node, cfg, container) {
		int before = cfg_errors;
		bool shutdown;

		check_names(node, props, (const char *const[]){ NULL });
		check_name(node, parts, "doorbell");
		shutdown = flag(node, "shutdown");
		check_partitions(node, "senders", parts, PART_MAX);
		check_partitions(node, "receivers", parts, PART_MAX);
		if (cfg_errors == before && ndoorbells == DB_MAX)
			cfg_error(node, NULL, "too many doorbells (at most %d)", DB_MAX);
		if (cfg_errors != before) {
			refuse(node);
			continue;
		}
		db_node[ndoorbells] = node;
		doorbells[ndoorbells].name = fdt_get_name(cfg, node, NULL);
		doorbells[ndoorbells].shutdown = shutdown;
		ndoorbells++;
	}
}

/* The node's interrupt controller: interrupt-parent, here or inherited. */
static int hw_irq_parent(const void *fdt, int node)
{
	while (node >= 0) {
		const fdt32_t *ph = fdt_getprop(fdt, node, "interrupt-parent", NULL);

		if (ph)
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph));
		node = fdt_parent_offset(fdt, node);
	}
	return -FDT_ERR_NOTFOUND;
}

/* Every MPIC source a node of the hardware tree names: never given to a service. */
static void reserve_hw_sources(void)
{
	const void *fdt = platform.fdt;
	int node;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		int len, parent, cells, i;
		const fdt32_t *spec = fdt_getprop(fdt, node, "interrupts", &len);
		uint64_t pa;

		if (!spec)
			continue;
		parent = hw_irq_parent(fdt, node);
		if (parent < 0 || platform_node_reg(fdt, parent, 0, &pa, NULL) ||
		    pa != platform.mpic_pa)
			continue;
		cells = platform_cells(fdt, parent, "#interrupt-cells", 2);
		for (i = 0; cells > 0 && (i + 1) * cells * 4 <= len; i++)
			virq_reserve_hw(fdt32_to_cpu(spec[i * cells]));
	}
}

void config_ipc_parse(int parts)
{
	/* from scratch each time (the host fuzzers load many configurations) */
	memset(bytechans, 0, sizeof(bytechans));
	memset(doorbells, 0, sizeof(doorbells));
	nbytechans = ndoorbells = nbroken = 0;
	virq_reserve_clear();
	reserve_hw_sources();
	parse_bytechans(parts);
	parse_doorbells(parts);
}

/* Give p an object; an error names the declaration if there is no room for it. */
static void add(int decl, const char *prop, struct partition *p, enum ipc_kind kind,
		unsigned int obj, unsigned int end, unsigned int nsrc, bool handle)
{
	if (p->nipc == IPC_MAX)
		cfg_error(decl, prop, "partition %s: too many byte channels, doorbells and "
			  "notifications (at most %d)", p->name, IPC_MAX);
	else if (nsrc && !p->irqchip)
		cfg_error(decl, prop, "partition %s has no interrupt controller", p->name);
	else if (!ipc_add(p, kind, obj, end, nsrc, handle))
		cfg_error(decl, prop, "partition %s has no interrupt source left", p->name);
}

/*
 * stdout = "NAME": a byte channel the partition is an endpoint of (before
 * its devices are attached: with console = "virtio" the channel's end is
 * the virtio console's).
 */
void config_ipc_console(int node, struct partition *p)
{
	int len, pos;
	const char *s = fdt_getprop(cfg, node, "stdout", &len);
	unsigned int i;

	p->stdout_bc = -1;
	if (!s)
		return;
	if (!len || s[len - 1]) {
		cfg_error(node, "stdout", "must be a string");
		return;
	}
	for (i = 0; i < nbytechans; i++) {
		pos = list_pos(bc_node[i], "endpoints", p->name);
		if (!strcmp(s, bytechans[i].name) && pos >= 0) {
			p->stdout_bc = (int)i;
			p->stdout_end = (uint8_t)pos;
			return;
		}
	}
	cfg_error(node, "stdout", "no byte channel %s of this partition", s);
}

void config_ipc_partition(int node, struct partition *p)
{
	unsigned int i, k;
	int n, pos;

	for (i = 0; i < nbroken; i++)
		if (list_pos(broken[i], "endpoints", p->name) >= 0 ||
		    list_pos(broken[i], "senders", p->name) >= 0 ||
		    list_pos(broken[i], "receivers", p->name) >= 0) {
			char path[96];

			node_path(broken[i], path, sizeof(path));
			cfg_error(node, NULL, "refused with %s, which names it", path);
		}
	for (i = 0; i < nbytechans; i++) {
		pos = list_pos(bc_node[i], "endpoints", p->name);
		if (pos < 0)
			continue;
		/* end 0 is the first partition listed, end 1 the other or the console */
		if (p->virtio_console && p->stdout_bc == (int)i) /* no lines, no handle: the device's */
			add(bc_node[i], "endpoints", p, IPC_BYTECHAN, i, (unsigned int)pos, 0, false);
		else
			add(bc_node[i], "endpoints", p, IPC_BYTECHAN, i, (unsigned int)pos, 2, true);
	}
	for (i = 0; i < ndoorbells; i++) {
		bool send = list_pos(db_node[i], "senders", p->name) >= 0;
		bool recv = list_pos(db_node[i], "receivers", p->name) >= 0;

		if (send || recv)
			add(db_node[i], recv ? "receivers" : "senders", p, IPC_DOORBELL, i,
			    (send ? IPC_DB_SEND : 0) | (recv ? IPC_DB_RECV : 0), recv, send);
	}
	/* a manager's notifications, by position in its manages list (config_ipc_bind()) */
	n = fdt_stringlist_count(cfg, node, "manages");
	for (k = 0; n > 0 && k < (unsigned int)n && k < PART_MAX; k++)
		for (i = 0; i < NOTIFY_KINDS; i++)
			add(node, "manages", p, IPC_NOTIFY, k, i, 1, false);
}

void config_ipc_bind(int parts)
{
	unsigned int i, k, t;

	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];
		int node = fdt_subnode_offset(cfg, parts, p->name);

		for (k = 0; k < p->nipc; k++) {
			struct ipc_ref *r = &p->ipc[k];
			const char *name;

			if (r->kind != IPC_NOTIFY)
				continue;
			name = fdt_stringlist_get(cfg, node, "manages", r->obj, NULL);
			r->obj = 0xFF; /* a partition that was refused: never notifies */
			for (t = 0; name && t < npartitions; t++)
				if (!strcmp(name, partitions[t].name))
					r->obj = (uint8_t)t;
		}
	}
	bytechan_bind();
	doorbell_bind();
}
