// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading and validating the configuration tree (see docs/config.md).
 *
 *   / { compatible = "beryl,config";
 *       phys-mem { NAME { reg = <addr-hi addr-lo size-hi size-lo>; shared; }; ... };
 *       cores { NAME { cpu = <N>; policy = "..."; ... }; };  (optional, config_sched.c)
 *       partitions {
 *           NAME { cpus = <N ...>;                 (vCPU n on the n-th CPU listed)
 *                  image = /incbin/("guest.elf");
 *                  bootargs = "...";                     (optional)
 *                  initrd = /incbin/("initramfs.cpio.gz"); (optional)
 *                  on-reset = "restart" | "stop";        (optional)
 *                  on-crash = "restart" | "stop";        (optional)
 *                  watchdog = "reset" | "stop" | "notify" | "interrupt"; (optional)
 *                  start = "boot" | "wait";               (optional)
 *                  manages = "NAME", ...;                 (optional)
 *                  devices = "/soc/i2c@3000", "alias";   (optional, assign.h)
 *                  claimable = "/soc/i2c@3000", ...;     (optional, claim.c)
 *                  priority = <N>; weight = <N>;          (optional, shared cores)
 *                  debug = "on" | "wait" | "off";          (optional, gdbstub.h)
 *                  stdout = "CHANNEL";                    (optional, config_ipc.c)
 *                  console = "uart" | "virtio";           (optional: what takes its input)
 *                  memory { NAME { phys-mem = <&area>; guest-addr = <hi lo>; }; };
 *           };
 *       };
 *       byte-channels { ... }; doorbells { ... };         (optional, config_ipc.c)
 *   };
 */
#include <libfdt.h>

#include <assign.h>
#include <claim.h>
#include <config.h>
#include <console.h>
#include <drivers/mpic.h>
#include <elf_loader.h>
#include <guest_fdt.h>
#include <hvmem.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <range.h>
#include <string.h>
#include <vdev.h>

#include "config_priv.h"

#define CFG_MAX_AREAS 16
#define CFG_BOOTARGS_MAX 2048 /* Linux's COMMAND_LINE_SIZE on powerpc */

struct area {
	int node;
	uint64_t base, size;
	bool shared; /* may be mapped by several partitions ("shared") */
};

const void *cfg;
static struct area areas[CFG_MAX_AREAS];
static unsigned int nareas;
int cfg_errors;

void node_path(int node, char *buf, int len)
{
	if (fdt_get_path(cfg, node, buf, len))
		snprintf(buf, len, "<node %d>", node);
}

void cfg_error(int node, const char *prop, const char *fmt, ...)
{
	char path[128], msg[256];
	va_list ap;

	node_path(node, path, sizeof(path));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (prop)
		pr_err("config: %s: property '%s': %s\n", path, prop, msg);
	else
		pr_err("config: %s: %s\n", path, msg);
	cfg_errors++;
}

static bool in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(name, *list))
			return true;
	return false;
}

/*
 * Report properties and subnodes of node that are not in the allowed lists
 * (subnodes NULL: any subnode is allowed).
 */
int check_names(int node, const char *const *props, const char *const *subnodes)
{
	static const char *const always[] = { "phandle", "linux,phandle", NULL };
	int before = cfg_errors, off, sub;

	fdt_for_each_property_offset(off, cfg, node) {
		const char *name;

		if (!fdt_getprop_by_offset(cfg, off, &name, NULL)) {
			cfg_error(node, NULL, "a property has no valid name (the blob is damaged)");
			continue;
		}
		if (!in_list(name, props) && !in_list(name, always))
			cfg_error(node, name, "unknown property");
	}
	fdt_for_each_subnode(sub, cfg, node) {
		const char *name = fdt_get_name(cfg, sub, NULL);

		if (subnodes && !in_list(name, subnodes))
			cfg_error(sub, NULL, "unknown node");
	}
	return cfg_errors - before;
}

static bool get_u64(int node, const char *prop, uint64_t *val, int cells)
{
	int len;
	const fdt32_t *p = fdt_getprop(cfg, node, prop, &len);

	if (!p) {
		cfg_error(node, prop, "missing");
		return false;
	}
	if (len != cells * 4) {
		cfg_error(node, prop, "must be %d cells", cells);
		return false;
	}
	*val = cells == 2 ? ((uint64_t)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1])
			  : fdt32_to_cpu(p[0]);
	return true;
}

/* Ranges no partition may use: the hypervisor (with its copy of the hardware tree), the configuration. */
static const char *reserved_overlap(uint64_t base, uint64_t size)
{
	uint64_t s, e;

	hvmem_reserved(&s, &e);
	if (range_overlaps(base, size, s, e - s))
		return "the hypervisor";
	if (range_overlaps(base, size, platform.initrd_start,
			   platform.initrd_end - platform.initrd_start))
		return "the configuration blob";
	return NULL;
}

/* The hardware tree's RAM, "0x0+0x20000000, ..." for messages. */
static void ram_ranges(char *buf, size_t len)
{
	unsigned int k;
	int n = 0;

	buf[0] = '\0';
	for (k = 0; k < platform.nram && n >= 0 && (size_t)n < len; k++)
		n += snprintf(buf + n, len - n, "%s0x%llx+0x%llx", k ? ", " : "",
			      (unsigned long long)platform.ram[k].base,
			      (unsigned long long)platform.ram[k].size);
}

/* console = "prefixed" (the default) | "mux" (console.h). */
static void parse_console(void)
{
	int len;
	const char *s = fdt_getprop(cfg, 0, "console", &len);

	if (!s)
		return;
	if (len == sizeof("mux") && !memcmp(s, "mux", len))
		console_set_mode(CONSOLE_MUX);
	else if (!(len == sizeof("prefixed") && !memcmp(s, "prefixed", len)))
		cfg_error(0, "console", "must be \"prefixed\" or \"mux\"");
}

static void parse_areas(int pm)
{
	static const char *const props[] = { "reg", "shared", NULL };
	int node;

	check_names(pm, (const char *const[]){ NULL }, NULL);
	fdt_for_each_subnode(node, cfg, pm) {
		int len, sub;
		const fdt32_t *r = fdt_getprop(cfg, node, "reg", &len);
		struct area a = { .node = node };
		const char *res;
		unsigned int i;

		fdt_for_each_subnode(sub, cfg, node)
			cfg_error(sub, NULL, "unknown node");
		if (check_names(node, props, NULL))
			continue;
		if (!r || len != 16) {
			cfg_error(node, "reg", r ? "must be <addr-hi addr-lo size-hi size-lo>"
						 : "missing");
			continue;
		}
		if (fdt_getprop(cfg, node, "shared", &len) && len != 0) {
			cfg_error(node, "shared", "takes no value");
			continue;
		}
		a.shared = fdt_getprop(cfg, node, "shared", NULL) != NULL;
		a.base = ((uint64_t)fdt32_to_cpu(r[0]) << 32) | fdt32_to_cpu(r[1]);
		a.size = ((uint64_t)fdt32_to_cpu(r[2]) << 32) | fdt32_to_cpu(r[3]);
		if (!a.size || ((a.base | a.size) & 0xFFF)) {
			cfg_error(node, "reg", "size must be nonzero and both 4 KiB aligned");
			continue;
		}
		if (!range_valid(a.base, a.size)) {
			cfg_error(node, "reg", "0x%llx+0x%llx wraps around the address space",
				  (unsigned long long)a.base, (unsigned long long)a.size);
			continue;
		}
		if (!platform_is_ram(a.base, a.size)) {
			char ram[96];

			ram_ranges(ram, sizeof(ram));
			cfg_error(node, "reg", "0x%llx+0x%llx is outside RAM (%s)",
				  (unsigned long long)a.base, (unsigned long long)a.size, ram);
			continue;
		}
		res = reserved_overlap(a.base, a.size);
		if (res) {
			cfg_error(node, "reg", "overlaps %s", res);
			continue;
		}
		for (i = 0; i < nareas; i++) {
			if (range_overlaps(a.base, a.size, areas[i].base, areas[i].size)) {
				char other[96];

				node_path(areas[i].node, other, sizeof(other));
				cfg_error(node, "reg", "overlaps %s", other);
				break;
			}
		}
		if (i < nareas)
			continue;
		if (nareas == CFG_MAX_AREAS) {
			cfg_error(node, NULL, "too many memory areas (at most %d)", CFG_MAX_AREAS);
			continue;
		}
		areas[nareas++] = a;
	}
}

static const struct area *area_by_phandle(uint32_t ph)
{
	int node = fdt_node_offset_by_phandle(cfg, ph);
	unsigned int i;

	for (i = 0; i < nareas; i++)
		if (areas[i].node == node)
			return &areas[i];
	return NULL;
}

bool cfg_area(uint32_t phandle, uint64_t *base, uint64_t *size, bool *shared)
{
	const struct area *a = area_by_phandle(phandle);

	if (!a)
		return false;
	*base = a->base;
	*size = a->size;
	*shared = a->shared;
	return true;
}

static void parse_memory(int node, struct partition *p)
{
	static const char *const props[] = { "phys-mem", "guest-addr", NULL };
	int m;

	check_names(node, (const char *const[]){ NULL }, NULL);
	fdt_for_each_subnode(m, cfg, node) {
		uint64_t gpa, ph;
		const struct area *a;
		unsigned int i;

		if (check_names(m, props, (const char *const[]){ NULL }))
			continue;
		if (!get_u64(m, "phys-mem", &ph, 1) || !get_u64(m, "guest-addr", &gpa, 2))
			continue;
		a = area_by_phandle((uint32_t)ph);
		if (!a) {
			cfg_error(m, "phys-mem", "does not name a valid /phys-mem area");
			continue;
		}
		if (gpa & 0xFFF) {
			cfg_error(m, "guest-addr", "must be 4 KiB aligned");
			continue;
		}
		/* above are CCSR, the spin table, everything emulated (vspin.h) */
		if (!range_inside(gpa, a->size, 0, 0x100000000ull)) {
			cfg_error(m, "guest-addr", "memory must lie below 4 GiB");
			continue;
		}
		for (i = 0; i < npartitions; i++) {
			unsigned int j;

			for (j = 0; j < partitions[i].nmem && !a->shared; j++)
				if (partitions[i].mem[j].hpa == a->base)
					cfg_error(m, "phys-mem",
						  "area already used by partition %s (only areas "
						  "marked 'shared' may be mapped twice)",
						  partitions[i].name);
		}
		for (i = 0; i < p->nmem; i++)
			if (range_overlaps(gpa, a->size, p->mem[i].gpa, p->mem[i].size))
				cfg_error(m, "guest-addr", "overlaps another memory range");
		if (p->nmem == PART_MAX_MEM) {
			cfg_error(m, NULL, "too many memory ranges (at most %d)", PART_MAX_MEM);
			continue;
		}
		if (partition_add_mem(p, gpa, a->base, a->size, a->shared))
			cfg_error(m, NULL, "memory range refused"); /* checked above: never */
	}
	if (!p->nmem)
		cfg_error(node, NULL, "no memory range");
}

/*
 * The partition's device tree is built at every start; building it once now
 * says whether it fits (PART_FDT_MAX), before anything starts. The handles
 * of the partitions it manages are only known once all are read: room is
 * kept for them.
 */
#define CFG_FDT_HANDLES_ROOM 4096

static void check_guest_tree(int node, const struct partition *p)
{
	static char buf[PART_FDT_MAX - CFG_FDT_HANDLES_ROOM] __attribute__((aligned(8)));
	int err = guest_fdt_build(p, buf, sizeof(buf));

	if (err < 0)
		cfg_error(node, NULL, "its device tree cannot be built: %s (at most %u KiB)",
			  fdt_strerror(err), PART_FDT_MAX >> 10);
}

/* Does some partition node list name in its "manages"? */
static bool has_manager(int parts, const char *name)
{
	int node;

	fdt_for_each_subnode(node, cfg, parts)
		if (fdt_stringlist_search(cfg, node, "manages", name) >= 0)
			return true;
	return false;
}

/* start = "boot" | "wait"; manages = "NAME", ... (other partitions' node names). */
static void parse_management(int node, struct partition *p)
{
	int parts = fdt_parent_offset(cfg, node), len, n, i;
	const char *s = fdt_getprop(cfg, node, "start", &len);

	p->start_wait = s && len == sizeof("wait") && !memcmp(s, "wait", len);
	if (s && !p->start_wait && !(len == sizeof("boot") && !memcmp(s, "boot", len)))
		cfg_error(node, "start", "must be \"boot\" or \"wait\"");
	else if (p->start_wait && !has_manager(parts, p->name))
		cfg_error(node, "start", "\"wait\": no partition manages %s, it would never start",
			  p->name);
	n = fdt_stringlist_count(cfg, node, "manages");
	if (n == -FDT_ERR_NOTFOUND)
		return;
	if (n <= 0)
		cfg_error(node, "manages", "must list partition names");
	for (i = 0; i < n; i++) {
		const char *name = fdt_stringlist_get(cfg, node, "manages", i, NULL);

		if (!strcmp(name, p->name))
			cfg_error(node, "manages", "a partition cannot manage itself");
		else if (fdt_subnode_offset(cfg, parts, name) < 0)
			cfg_error(node, "manages", "no partition named %s", name);
	}
}

/* watchdog = "reset" (default) | "stop" | "notify" | "interrupt" (watchdog.c). */
static void parse_watchdog(int node, struct partition *p)
{
	int len, i;
	const char *s = fdt_getprop(cfg, node, "watchdog", &len);

	p->wdt_policy = WDT_RESET;
	if (!s)
		return;
	for (i = 0; i < WDT_POLICIES; i++)
		if (len == (int)strlen(partition_wdt_policy_names[i]) + 1 &&
		    !memcmp(s, partition_wdt_policy_names[i], len))
			break;
	if (i == WDT_POLICIES) {
		cfg_error(node, "watchdog",
			  "must be \"reset\", \"stop\", \"notify\" or \"interrupt\"");
		return;
	}
	p->wdt_policy = (uint8_t)i;
	if (p->wdt_policy == WDT_NOTIFY && !has_manager(fdt_parent_offset(cfg, node), p->name))
		cfg_error(node, "watchdog",
			  "\"notify\": no partition manages %s, nobody would be told", p->name);
}

/*
 * After every partition is parsed: which partitions each one manages (only
 * those that passed validation; the others never start anyway).
 */
static void resolve_management(int parts)
{
	unsigned int i, k;

	for (i = 0; i < npartitions; i++) {
		int node = fdt_subnode_offset(cfg, parts, partitions[i].name);

		for (k = 0; k < npartitions; k++)
			if (k != i && fdt_stringlist_search(cfg, node, "manages",
							    partitions[k].name) >= 0) {
				partitions[i].manages |= 1u << k;
				partitions[k].managed = true;
			}
	}
}

/* debug = "on" (the default) | "wait" | "off": its debug stub (gdbstub.h). */
static void parse_debug(int node, struct partition *p)
{
	static const char *const names[] = { [PART_DEBUG_ON] = "on", [PART_DEBUG_WAIT] = "wait",
					     [PART_DEBUG_OFF] = "off" };
	const char *s;
	int len, i;

	p->debug = PART_DEBUG_ON;
	s = fdt_getprop(cfg, node, "debug", &len);
	if (!s)
		return;
	for (i = 0; i < 3; i++)
		if (len == (int)strlen(names[i]) + 1 && !memcmp(s, names[i], len))
			break;
	if (i == 3) {
		cfg_error(node, "debug", "must be \"on\", \"wait\" or \"off\"");
		return;
	}
	p->debug = (enum part_debug)i;
	if (p->debug == PART_DEBUG_WAIT && console_mode() != CONSOLE_MUX)
		cfg_error(node, "debug",
			  "\"wait\" needs console = \"mux\" (the debug stubs are on the "
			  "multiplexed console): nothing could ever release it");
}

/* What assign_check() refuses to give away: what beryl owns or emulates. */
static void devices_env(const struct partition *p, struct assign_env *env)
{
	static const char *const what[] = {
		"the hypervisor's console UART",
		"the interrupt controller (beryl emulates one for each partition)",
		"the global utilities block (beryl emulates it for each partition)",
		"the GPIO controller of the power-off line (beryl emulates it for each "
		"partition)",
	};
	const uint64_t pa[] = { platform.uart_pa, platform.mpic_pa, platform.guts_pa,
				platform.poweroff_pin >= 0 ? platform.gpio_pa : 0 };
	unsigned int i;

	env->ram = platform.ram;
	env->nram = platform.nram;
	env->mpic_pa = platform.mpic_pa;
	env->nr_srcs = p->irqchip ? p->irqchip->type->irqchip->nr_sources : 0;
	if (env->nr_srcs > mpic_sources())
		env->nr_srcs = mpic_sources();
	env->nowned = 0;
	for (i = 0; i < sizeof(pa) / sizeof(pa[0]); i++)
		if (pa[i]) {
			env->owned[env->nowned].pa = pa[i];
			env->owned[env->nowned++].what = what[i];
		}
}

/* The partition already listed, or another one was given, hardware node hw. */
static const struct partition *device_owner(const struct partition *p, int hw)
{
	unsigned int i, k;

	for (k = 0; k < p->nassigned; k++)
		if (p->assigned[k].node == hw)
			return p;
	for (i = 0; i < npartitions; i++)
		for (k = 0; k < partitions[i].nassigned; k++)
			if (partitions[i].assigned[k].node == hw && partitions[i].assigned[k].owned)
				return &partitions[i];
	return NULL;
}

/* Does another partition node than self list hardware node hw in its devices? */
static bool devices_elsewhere(int self, int hw)
{
	int parts = fdt_parent_offset(cfg, self), n, len;
	const char *list, *name;

	fdt_for_each_subnode(n, cfg, parts) {
		if (n == self || !(list = fdt_getprop(cfg, n, "devices", &len)) || !len ||
		    list[len - 1])
			continue;
		for (name = list; name < list + len; name += strlen(name) + 1)
			if (fdt_path_offset(platform.fdt, name) == hw)
				return true;
	}
	return false;
}

/*
 * devices = "path-or-alias", ...: mapped into it (owned); or claimable =
 * ...: devices of another partition it may take over (claim.c).
 */
static void parse_devices(int node, struct partition *p, const char *prop)
{
	bool claimable = !strcmp(prop, "claimable");
	struct assign_env env;
	const char *list, *name;
	unsigned int k;
	int len;

	list = fdt_getprop(cfg, node, prop, &len);
	if (!list)
		return;
	if (!len || list[len - 1]) {
		cfg_error(node, prop, "must be a list of strings");
		return;
	}
	devices_env(p, &env);
	for (name = list; name < list + len; name += strlen(name) + 1) {
		const struct partition *owner;
		struct assigned_dev d;
		char msg[200], path[128];

		if (assign_check(platform.fdt, name, &env, &d, msg, sizeof(msg))) {
			cfg_error(node, prop, "%s", msg);
			continue;
		}
		if (fdt_get_path(platform.fdt, d.node, path, sizeof(path)))
			strncpy(path, name, sizeof(path) - 1);
		owner = device_owner(p, d.node);
		if (owner == p) {
			cfg_error(node, prop, "%s is listed twice", path);
			continue;
		}
		if (owner && !claimable) {
			cfg_error(node, prop, "%s is already assigned to partition %s", path,
				  owner->name);
			continue;
		}
		if (claimable && !devices_elsewhere(node, d.node)) {
			cfg_error(node, prop,
				  "%s is in no other partition's devices: there is nothing to take "
				  "over",
				  path);
			continue;
		}
		for (k = 0; k < p->nmem; k++)
			if (assign_overlaps(&d, p->mem[k].gpa, p->mem[k].size))
				break;
		if (k < p->nmem) {
			cfg_error(node, prop,
				  "%s overlaps the partition's memory at guest 0x%llx (a device "
				  "appears at its physical address)",
				  path, (unsigned long long)p->mem[k].gpa);
			continue;
		}
		if (p->nassigned == PART_MAX_ASSIGNED) {
			cfg_error(node, prop, "too many devices (at most %d)",
				  PART_MAX_ASSIGNED);
			return;
		}
		d.owned = !claimable;
		d.claimable = claimable;
		if (claimable && !ipc_add(p, IPC_DEVICE, p->nassigned, 0, 0, true)) {
			cfg_error(node, prop, "too many objects for one partition (at most %d)",
				  IPC_MAX);
			return;
		}
		p->assigned[p->nassigned++] = d;
	}
}

/* claim = "stopped" (default) or "running": may FH_CLAIM_DEVICE take from a running owner? */
static void parse_claim(int node, struct partition *p)
{
	const char *s;
	int len;

	s = fdt_getprop(cfg, node, "claim", &len);
	if (!s)
		return;
	if (len == sizeof("running") && !memcmp(s, "running", len))
		p->claim_running = true;
	else if (len != sizeof("stopped") || memcmp(s, "stopped", len))
		cfg_error(node, "claim", "must be \"stopped\" or \"running\"");
	if (!fdt_getprop(cfg, node, "claimable", NULL) && !fdt_getprop(cfg, node, "devices", NULL))
		cfg_error(node, "claim", "the partition has no device to claim (no claimable, "
					 "no devices)");
}

/*
 * Claiming back: a partition whose `devices` has a device another one may
 * claim gets a handle for it too, so that once it has lost the device (a
 * restart as the new standby) it can claim it back (claim.c).
 */
static void resolve_claims(int parts)
{
	unsigned int i, j, k, l;

	for (i = 0; i < npartitions; i++)
		for (k = 0; k < partitions[i].nassigned; k++) {
			struct assigned_dev *d = &partitions[i].assigned[k];
			bool wanted = false;

			if (d->claimable)
				continue;
			for (j = 0; j < npartitions; j++)
				for (l = 0; l < partitions[j].nassigned; l++)
					if (partitions[j].assigned[l].claimable &&
					    partitions[j].assigned[l].node == d->node)
						wanted = true;
			if (!wanted)
				continue;
			if (!ipc_add(&partitions[i], IPC_DEVICE, k, 0, 0, true)) {
				int node = fdt_subnode_offset(cfg, parts, partitions[i].name);

				cfg_error(node, "devices",
					  "too many objects for one partition (at most %d): no "
					  "handle left to claim a device back",
					  IPC_MAX);
				continue;
			}
			d->claimable = true;
		}
}

static void parse_partition(int node)
{
	static const char *const props[] = { "cpus", "image", "bootargs", "initrd", "on-reset",
					     "on-crash", "start", "manages", "devices", "stdout",
					     "paravirt", "priority", "weight", "debug", "watchdog",
					     "claimable", "claim", "console", NULL };
	static const char *const subnodes[] = { "memory", NULL };
	struct partition *p = &partitions[npartitions];
	int before = cfg_errors, len, mem, i;
	const fdt32_t *cpus;
	const char *name = fdt_get_name(cfg, node, NULL), *msg;
	uint32_t entry;
	uint64_t end = 0;

	memset(p, 0, sizeof(*p));
	strncpy(p->name, name, sizeof(p->name) - 1);
	check_names(node, props, subnodes);
	if (!name[0]) /* only a damaged blob has a node without a name */
		cfg_error(node, NULL, "a partition node without a name");
	if (strlen(name) >= sizeof(p->name))
		cfg_error(node, NULL, "the name is longer than %u characters",
			  (unsigned int)sizeof(p->name) - 1);
	for (i = 0; i < (int)npartitions; i++)
		if (!strcmp(partitions[i].name, p->name))
			cfg_error(node, NULL, "a second partition named %s", p->name);

	cpus = fdt_getprop(cfg, node, "cpus", &len);
	if (!cpus || len == 0 || len % 4) {
		cfg_error(node, "cpus", cpus ? "must list CPU numbers" : "missing");
	} else if (len / 4 > PART_MAX_VCPUS) {
		cfg_error(node, "cpus", "at most %d CPUs per partition", PART_MAX_VCPUS);
	} else {
		for (i = 0; i < len / 4; i++) {
			uint32_t c = fdt32_to_cpu(cpus[i]);
			unsigned int k;

			if (c >= platform.ncpus) {
				cfg_error(node, "cpus", "CPU %u does not exist (the machine has %u)",
					  c, platform.ncpus);
				continue;
			}
			if (c >= PLATFORM_MAX_CPUS) {
				cfg_error(node, "cpus", "CPU %u: this build runs CPUs 0-%d",
					  c, PLATFORM_MAX_CPUS - 1);
				continue;
			}
			if (c != 0 && !platform.spin_table_pa[c]) {
				cfg_error(node, "cpus",
					  "CPU %u cannot be started (its cpu node has no "
					  "cpu-release-addr)",
					  c);
				continue;
			}
			if (config_sched_shared(c)) {
				/* /cores makes it shared: any vCPU may run there */
				config_sched_vcpu(node, p, p->nvcpus, c);
			} else if (p->cpus_mask & (1u << c)) {
				cfg_error(node, "cpus", "CPU %u listed twice (a dedicated core)", c);
				continue;
			} else {
				for (k = 0; k < npartitions; k++)
					if (partitions[k].cpus_mask & (1u << c))
						cfg_error(node, "cpus",
							  "CPU %u already belongs to %s (a dedicated "
							  "core)", c, partitions[k].name);
			}
			/* vCPU n (the guest's cpu n, PIR n) runs on the n-th CPU listed */
			p->cpus_mask |= 1u << c;
			p->vcpu_cpu[p->nvcpus++] = (uint8_t)c;
		}
	}

	config_sched_partition(node, p); /* priority, weight */

	msg = fdt_getprop(cfg, node, "console", &len);
	p->virtio_console = msg && len == sizeof("virtio") && !memcmp(msg, "virtio", len);
	if (msg && !p->virtio_console && !(len == sizeof("uart") && !memcmp(msg, "uart", len)))
		cfg_error(node, "console", "must be \"uart\" or \"virtio\"");
	config_ipc_console(node, p); /* stdout: before the devices (a virtio console's channel) */

	/* its emulated devices: where they are, which are its console and interrupt controller */
	if (vdev_attach_all(p))
		cfg_error(node, NULL, "too many emulated devices");

	mem = fdt_subnode_offset(cfg, node, "memory");
	if (mem < 0)
		cfg_error(node, "memory", "missing node");
	else
		parse_memory(mem, p);
	parse_devices(node, p, "devices");
	parse_devices(node, p, "claimable");
	parse_claim(node, p);
	config_io_partition(node, p); /* its disks and network ports */

	p->image = fdt_getprop(cfg, node, "image", &len);
	p->image_size = p->image ? len : 0;
	if (!p->image) {
		cfg_error(node, "image", "missing");
	} else if (cfg_errors == before) {
		uint64_t fdt_gpa, hpa;

		msg = elf_check(p, p->image, p->image_size, &entry, &end);
		fdt_gpa = partition_fdt_gpa(end);
		if (msg)
			cfg_error(node, "image", "%s", msg);
		else if (!partition_gpa_to_hpa(p, fdt_gpa, PART_FDT_MAX, &hpa))
			cfg_error(node, "image",
				  "no room for the guest device tree at 0x%llx after the image "
				  "(memory ends below 0x%llx)",
				  (unsigned long long)fdt_gpa,
				  (unsigned long long)(fdt_gpa + PART_FDT_MAX));
	}
	p->initrd = fdt_getprop(cfg, node, "initrd", &len);
	p->initrd_size = p->initrd ? len : 0;
	if (p->initrd && cfg_errors == before) {
		uint64_t gpa = partition_fdt_gpa(end) + PART_FDT_MAX, hpa;

		if (!len || !partition_gpa_to_hpa(p, gpa, len, &hpa))
			cfg_error(node, "initrd",
				  "%u bytes do not fit in the partition's memory at 0x%llx",
				  (unsigned int)len, (unsigned long long)gpa);
	}
	p->restart_on_reset = true;
	msg = fdt_getprop(cfg, node, "on-reset", &len);
	if (msg && len == sizeof("stop") && !memcmp(msg, "stop", len))
		p->restart_on_reset = false;
	else if (msg && !(len == sizeof("restart") && !memcmp(msg, "restart", len)))
		cfg_error(node, "on-reset", "must be \"restart\" or \"stop\"");
	msg = fdt_getprop(cfg, node, "on-crash", &len);
	p->restart_on_crash = msg && len == sizeof("restart") && !memcmp(msg, "restart", len);
	if (msg && !p->restart_on_crash && !(len == sizeof("stop") && !memcmp(msg, "stop", len)))
		cfg_error(node, "on-crash", "must be \"restart\" or \"stop\"");
	msg = fdt_getprop(cfg, node, "paravirt", &len);
	p->paravirt = !msg || (len == sizeof("on") && !memcmp(msg, "on", len));
	if (msg && !p->paravirt && !(len == sizeof("off") && !memcmp(msg, "off", len)))
		cfg_error(node, "paravirt", "must be \"on\" or \"off\"");
	p->bootargs = fdt_getprop(cfg, node, "bootargs", &len);
	if (p->bootargs && (len == 0 || p->bootargs[len - 1]))
		cfg_error(node, "bootargs", "must be a string");
	else if (p->bootargs && len > CFG_BOOTARGS_MAX)
		cfg_error(node, "bootargs", "%d bytes: longer than the %d a guest kernel takes", len,
			  CFG_BOOTARGS_MAX);
	parse_management(node, p);
	parse_debug(node, p);
	parse_watchdog(node, p);
	config_ipc_partition(node, p); /* its byte channels and doorbells */
	if (cfg_errors == before) /* everything it needs, so its device tree can be built */
		check_guest_tree(node, p);

	if (cfg_errors != before) {
		pr_err("config: partition %s is not started\n", p->name);
		return;
	}
	partition_console_init(p);
	npartitions++;
}

/* Root subnodes (phys-mem, partitions) given twice: libfdt would see the first only. */
static void check_unique(int parent)
{
	int a, b;

	fdt_for_each_subnode(a, cfg, parent)
		fdt_for_each_subnode(b, cfg, parent) {
			if (b <= a)
				continue;
			if (!strcmp(fdt_get_name(cfg, a, NULL), fdt_get_name(cfg, b, NULL))) {
				cfg_error(b, NULL, "a second node of this name");
				break;
			}
		}
}

int config_load(const void *blob, size_t size)
{
	static const char *const root_props[] = { "compatible", "model", "#address-cells",
						  "#size-cells", "console", "console-cpu", NULL };
	static const char *const root_nodes[] = { "phys-mem", "partitions", "cores",
						  "byte-channels", "doorbells", "disks",
						  "networks", NULL };
	const char *compat;
	int node, parts, len;

	cfg = blob;
	cfg_errors = 0;
	nareas = 0; /* from scratch each time (the host fuzzer loads many) */
	if (size < sizeof(struct fdt_header) || fdt_check_header(cfg)) {
		pr_err("config: the configuration is not a flattened device tree\n");
		return 1;
	}
	if (fdt_totalsize(cfg) > size) {
		pr_err("config: the configuration is cut short: %u bytes given, its header says "
		       "%u\n", (unsigned int)size, fdt_totalsize(cfg));
		return 1;
	}
	compat = fdt_getprop(cfg, 0, "compatible", &len);
	if (!compat || len != sizeof("beryl,config") || memcmp(compat, "beryl,config", len)) {
		cfg_error(0, "compatible", "must be \"beryl,config\"");
		return cfg_errors;
	}
	check_names(0, root_props, root_nodes);
	check_unique(0);
	parse_console();
	node = fdt_subnode_offset(cfg, 0, "phys-mem");
	if (node >= 0)
		parse_areas(node);
	parts = fdt_subnode_offset(cfg, 0, "partitions");
	if (parts < 0) {
		cfg_error(0, "partitions", "missing node");
		return cfg_errors;
	}
	check_names(parts, (const char *const[]){ NULL }, NULL);
	config_io_parse(parts);
	config_sched_parse(parts);
	config_ipc_parse(parts);
	fdt_for_each_subnode(node, cfg, parts) {
		if (!fdt_get_name(cfg, node, NULL))
			continue;
		if (npartitions == PART_MAX) {
			cfg_error(node, NULL, "too many partitions (at most %d)", PART_MAX);
			break;
		}
		parse_partition(node);
	}
	resolve_management(parts);
	config_sched_resolve();
	config_ipc_bind(parts);
	if (!cfg_errors)
		resolve_claims(parts);
	return cfg_errors;
}
