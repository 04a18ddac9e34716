// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whether a device of the hardware tree can be mapped directly into one
 * partition (see assign.h). The MMU protects whole 4 KiB pages and the MPIC
 * routes whole sources, so a device qualifies only if its pages and its
 * sources are its own: UART1 of the MPC8544 (and of QEMU's ppce500) shares
 * its page and its source 42 with UART0, the hypervisor's console, and can
 * never be given to a partition.
 */
#include <libfdt.h>

#include <assign.h>
#include <platform.h>
#include <printf.h>
#include <range.h>
#include <string.h>

#define PATH_LEN 128

bool assign_overlaps(const struct assigned_dev *d, uint64_t pa, uint64_t size)
{
	unsigned int i;

	for (i = 0; i < d->nwin; i++)
		if (range_overlaps(pa, size ? size : 1, d->win[i].pa, d->win[i].size))
			return true;
	return false;
}

static void path_of(const void *fdt, int node, char *buf)
{
	if (fdt_get_path(fdt, node, buf, PATH_LEN))
		snprintf(buf, PATH_LEN, "<node %d>", node);
}

/* The node's interrupt controller: interrupt-parent, here or inherited. */
static int irq_parent(const void *fdt, int node)
{
	const fdt32_t *p;
	int len;

	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		p = fdt_getprop(fdt, node, "interrupt-parent", &len);
		if (p && len == 4)
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p));
	}
	return -FDT_ERR_NOTFOUND;
}

static bool is_mpic(const void *fdt, int node, const struct assign_env *env)
{
	uint64_t pa;

	return node >= 0 && !platform_node_reg(fdt, node, 0, &pa, NULL) &&
	       pa == env->mpic_pa;
}

/*
 * The node's interrupts as MPIC sources and their sense cells: how many
 * (at most max are stored), 0 if it has none, -1 if they are not MPIC
 * sources (why in msg).
 */
static int mpic_sources(const void *fdt, int node, const struct assign_env *env,
			uint32_t *src, uint32_t *sense, int max, char *msg, size_t len)
{
	int plen, parent, cells, n, i;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", &plen);

	if (fdt_getprop(fdt, node, "interrupts-extended", NULL)) {
		snprintf(msg, len, "'interrupts-extended' is not supported");
		return -1;
	}
	if (!p)
		return 0;
	parent = irq_parent(fdt, node);
	if (!is_mpic(fdt, parent, env)) {
		snprintf(msg, len, "its interrupt controller is not the MPIC");
		return -1;
	}
	/* ppce500: <source sense>; Freescale boards: <source sense type info> */
	cells = platform_cells(fdt, parent, "#interrupt-cells", 2);
	if (cells < 2 || plen % (cells * 4)) {
		snprintf(msg, len, "malformed 'interrupts'");
		return -1;
	}
	n = plen / (cells * 4);
	for (i = 0; i < n && i < max; i++) {
		const fdt32_t *e = p + i * cells;

		if (cells >= 4 && fdt32_to_cpu(e[2]) != 0) {
			snprintf(msg, len,
				 "interrupt %d is of MPIC type %u (an IPI, timer or "
				 "error interrupt), not a source",
				 i, fdt32_to_cpu(e[2]));
			return -1;
		}
		src[i] = fdt32_to_cpu(e[0]);
		if (sense)
			sense[i] = fdt32_to_cpu(e[1]);
	}
	return n;
}

/*
 * A reg on a bus without ranges (an I2C bus: its devices have bus
 * addresses) is no CPU address (ePAPR 2.3.8).
 */
static bool memory_mapped(const void *fdt, int node)
{
	int bus;

	for (bus = fdt_parent_offset(fdt, node); bus > 0;
	     bus = fdt_parent_offset(fdt, bus))
		if (!fdt_getprop(fdt, bus, "ranges", NULL))
			return false;
	return true;
}

/* The device's registers, rounded out to whole pages. */
static int get_windows(const void *fdt, int node, const char *path,
		       struct assigned_dev *d, char *msg, size_t len)
{
	int parent = fdt_parent_offset(fdt, node), plen, cells, n, i;

	if (!fdt_getprop(fdt, node, "reg", &plen) || parent < 0) {
		snprintf(msg, len, "%s has no 'reg': nothing to map", path);
		return -1;
	}
	if (!memory_mapped(fdt, node)) {
		snprintf(msg, len, "%s is not memory-mapped (its bus has no 'ranges')",
			 path);
		return -1;
	}
	cells = platform_cells(fdt, parent, "#address-cells", 2) +
		platform_cells(fdt, parent, "#size-cells", 1);
	n = cells ? plen / (cells * 4) : 0;
	if (!n || plen % (cells * 4)) {
		snprintf(msg, len,
			 "%s: 'reg' does not fit its bus's #address-cells/#size-cells",
			 path);
		return -1;
	}
	if (n > ASSIGN_MAX_WIN) {
		snprintf(msg, len, "%s has %d 'reg' entries (at most %d)", path, n,
			 ASSIGN_MAX_WIN);
		return -1;
	}
	for (i = 0; i < n; i++) {
		uint64_t pa, size;

		if (platform_node_reg(fdt, node, i, &pa, &size) || !range_valid(pa, size) ||
		    range_last(pa, size) > UINT64_MAX - ASSIGN_PAGE) {
			snprintf(msg, len, "%s: 'reg' entry %d is no address range", path,
				 i);
			return -1;
		}
		d->win[i].pa = pa & ~(ASSIGN_PAGE - 1);
		d->win[i].size =
		    ((pa + size + ASSIGN_PAGE - 1) & ~(ASSIGN_PAGE - 1)) - d->win[i].pa;
	}
	d->nwin = (unsigned int)n;
	return 0;
}

/* Devices the hypervisor owns or emulates, and RAM, are never given away. */
static int check_owned(const void *fdt, int node, const char *path,
		       const struct assign_env *env, const struct assigned_dev *d,
		       char *msg, size_t len)
{
	unsigned int i, k;
	uint64_t pa;

	for (i = 0; !platform_node_reg(fdt, node, (int)i, &pa, NULL); i++)
		for (k = 0; k < env->nowned; k++)
			if (pa == env->owned[k].pa) {
				snprintf(msg, len, "%s is %s: it cannot be assigned",
					 path, env->owned[k].what);
				return -1;
			}
	for (k = 0; k < env->nram; k++)
		if (assign_overlaps(d, env->ram[k].base, env->ram[k].size)) {
			snprintf(msg, len,
				 "%s lies in RAM (memory is given with /phys-mem areas)", path);
			return -1;
		}
	return 0;
}

/* The node conflicts with d: a register in its pages, or (sources) an MPIC source of it.
 */
static bool conflicts(const void *fdt, int node, const struct assign_env *env,
		      const struct assigned_dev *d, bool sources, unsigned int *shared)
{
	uint32_t src[8];
	char dummy[8];
	uint64_t pa, size;
	unsigned int k;
	int i, n;

	if (!sources) {
		for (i = 0; !platform_node_reg(fdt, node, i, &pa, &size); i++)
			if (assign_overlaps(d, pa, size))
				return true;
		return false;
	}
	if (!is_mpic(fdt, irq_parent(fdt, node), env))
		return false;
	n = mpic_sources(fdt, node, env, src, NULL, 8, dummy, sizeof(dummy));
	for (i = 0; i < n && i < 8; i++)
		for (k = 0; k < d->nirq; k++)
			if (src[i] == d->irq[k].src) {
				*shared = src[i];
				return true;
			}
	return false;
}

/*
 * Every other node (the device's own children excepted: an I2C bus's
 * devices have bus addresses, not CPU ones) must have no register in the
 * device's pages, or (sources) no MPIC source of the device.
 */
static int check_others(const void *fdt, int self, const char *path,
			const struct assign_env *env, const struct assigned_dev *d,
			bool sources, char *msg, size_t len)
{
	int node, depth = 0, self_depth = -1;
	unsigned int shared = 0;
	char other[PATH_LEN];

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (node == self) {
			self_depth = depth;
			continue;
		}
		if (self_depth >= 0 && depth > self_depth)
			continue; /* below the device */
		self_depth = -1;
		if (conflicts(fdt, node, env, d, sources, &shared))
			break;
	}
	if (node < 0)
		return 0;
	path_of(fdt, node, other);
	if (sources)
		snprintf(
		    msg, len,
		    "%s shares MPIC source %u with %s: cannot be routed to one partition",
		    path, shared, other);
	else
		snprintf(msg, len,
			 "%s shares its 4 KiB page with %s: cannot be mapped directly",
			 path, other);
	return -1;
}

int assign_check(const void *fdt, const char *name, const struct assign_env *env,
		 struct assigned_dev *d, char *msg, size_t len)
{
	int node = platform_path_offset(fdt, name, strlen(name)), n, i;
	uint32_t src[ASSIGN_MAX_IRQ + 1], sense[ASSIGN_MAX_IRQ + 1];
	char path[PATH_LEN], why[96];

	memset(d, 0, sizeof(*d));
	if (node < 0) {
		snprintf(msg, len, "%s: no such device in the hardware tree", name);
		return -1;
	}
	d->node = node;
	path_of(fdt, node, path);
	if (fdt_getprop(fdt, node, "ranges", NULL)) {
		snprintf(msg, len,
			 "%s is a bus ('ranges'): assign the devices on it instead",
			 path);
		return -1;
	}
	if (get_windows(fdt, node, path, d, msg, len) ||
	    check_owned(fdt, node, path, env, d, msg, len) ||
	    check_others(fdt, node, path, env, d, false, msg, len))
		return -1;
	n = mpic_sources(fdt, node, env, src, sense, ASSIGN_MAX_IRQ + 1, why,
			 sizeof(why));
	if (n < 0) {
		snprintf(msg, len, "%s: %s", path, why);
		return -1;
	}
	if (n > ASSIGN_MAX_IRQ) {
		snprintf(msg, len, "%s has %d interrupts (at most %d)", path, n,
			 ASSIGN_MAX_IRQ);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (src[i] >= env->nr_srcs) {
			snprintf(msg, len, "%s: MPIC source %u is out of range (< %u)",
				 path, src[i], env->nr_srcs);
			return -1;
		}
		d->irq[i].src = (uint16_t)src[i];
		/* MPIC binding: 0 rising edge, 1 level low, 2 level high, 3 falling edge
		 */
		d->irq[i].level = (sense[i] & 3) == 1 || (sense[i] & 3) == 2;
		d->irq[i].positive = (sense[i] & 3) == 0 || (sense[i] & 3) == 2;
	}
	d->nirq = (unsigned int)n;
	return check_others(fdt, node, path, env, d, true, msg, len);
}
