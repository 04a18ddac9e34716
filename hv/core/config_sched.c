// SPDX-License-Identifier: GPL-2.0-only
/*
 * /cores: how each physical CPU is used (docs/config.md, "/cores"). A CPU
 * no node names is dedicated: one vCPU owns it. A shared one runs every
 * vCPU whose partition lists it in `cpus`, under its policy:
 *
 *   cores {
 *       NAME { cpu = <N>; policy = "dedicated" | "cyclic" | "priority";
 *              slice-us = <N>;                       (priority, optional)
 *              frame-us = <N>;                       (cyclic)
 *              WINDOW { partition = "NAME"; vcpu = <N>;   (vcpu optional: 0)
 *                       offset-us = <N>; length-us = <N>; };  (cyclic, any number)
 *       };
 *   };
 *
 * Partitions add priority = <N> and weight = <N> for priority cores.
 * Windows are checked against the /partitions nodes they name (the
 * partition, its vCPU, the CPU that vCPU runs on) before any partition is
 * read, so a broken schedule refuses the partitions on its core, not more.
 */
#include <libfdt.h>

#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>
#include <string.h>

#include "config_priv.h"

#define SLICE_US_MIN 100
#define SLICE_US_MAX 1000000
#define FRAME_US_MIN 100
#define FRAME_US_MAX 10000000
#define WINDOW_US_MIN 10

static bool core_bad[PLATFORM_MAX_CPUS];   /* its /cores node was refused */
static int core_node[PLATFORM_MAX_CPUS];   /* its /cores node (when core_seen) */
static bool core_seen[PLATFORM_MAX_CPUS];
/* the partition each window names (resolved once the partitions are read) */
static const char *win_part[PLATFORM_MAX_CPUS][SCHED_MAX_WINDOWS];
static int win_node[PLATFORM_MAX_CPUS][SCHED_MAX_WINDOWS];

/* A property of one cell; false (and an error) if present but malformed. */
static bool get_cell(int node, const char *prop, uint32_t *val, bool *present)
{
	int len;
	const fdt32_t *p = fdt_getprop(cfg, node, prop, &len);

	*present = p != NULL;
	if (!p)
		return true;
	if (len != 4) {
		cfg_error(node, prop, "must be one cell");
		return false;
	}
	*val = fdt32_to_cpu(*p);
	return true;
}

/* A string property equal to s. */
static bool prop_is(const char *v, int len, const char *s)
{
	return v && len == (int)strlen(s) + 1 && !memcmp(v, s, len);
}

/* The CPU vCPU n of partition node pnode lists, or -1 (its cpus is checked later). */
static int vcpu_cpu_of(int pnode, uint32_t n, int *nvcpus)
{
	int len;
	const fdt32_t *cpus = fdt_getprop(cfg, pnode, "cpus", &len);

	*nvcpus = cpus && len % 4 == 0 ? len / 4 : 0;
	if (!cpus || len % 4 || n >= (uint32_t)(len / 4))
		return -1;
	return (int)fdt32_to_cpu(cpus[n]);
}

static void parse_window(int core, int node, int parts, unsigned int cpu, struct sched_core_cfg *c)
{
	static const char *const props[] = { "partition", "vcpu", "offset-us", "length-us", NULL };
	struct sched_window_cfg *w;
	uint32_t vcpu = 0, off = 0, len = 0;
	bool has_vcpu, has_off, has_len;
	const char *name;
	int pnode, nvcpus, on, slen, before = cfg_errors;
	unsigned int i;

	check_names(node, props, (const char *const[]){ NULL });
	name = fdt_getprop(cfg, node, "partition", &slen);
	if (!name || !slen || name[slen - 1]) {
		cfg_error(node, "partition", name ? "must be a string" : "missing");
		return;
	}
	pnode = parts >= 0 ? fdt_subnode_offset(cfg, parts, name) : -1;
	if (pnode < 0) {
		cfg_error(node, "partition", "no partition named %s", name);
		return;
	}
	if (!get_cell(node, "vcpu", &vcpu, &has_vcpu) ||
	    !get_cell(node, "offset-us", &off, &has_off) ||
	    !get_cell(node, "length-us", &len, &has_len))
		return;
	on = vcpu_cpu_of(pnode, vcpu, &nvcpus);
	if (vcpu >= (uint32_t)nvcpus && nvcpus) {
		cfg_error(node, "vcpu", "partition %s has %d vCPU(s): no vCPU %u", name, nvcpus,
			  vcpu);
	} else if (on >= 0 && (unsigned int)on != cpu) {
		cfg_error(node, has_vcpu ? "vcpu" : "partition",
			  "vCPU %u of %s runs on CPU %d (its 'cpus'), not on CPU %u", vcpu, name, on,
			  cpu);
	}
	if (!has_off || !has_len) {
		cfg_error(node, has_off ? "length-us" : "offset-us", "missing");
		return;
	}
	if (len < WINDOW_US_MIN) {
		cfg_error(node, "length-us", "%u us: a window lasts at least %u us", len,
			  WINDOW_US_MIN);
		return;
	}
	if ((uint64_t)off + len > c->frame_us) {
		cfg_error(node, "length-us",
			  "the window ends at %llu us, after the frame of %u us ('frame-us')",
			  (unsigned long long)off + len, c->frame_us);
		return;
	}
	if (cfg_errors != before)
		return;
	for (i = 0; i < c->nwin; i++) {
		const struct sched_window_cfg *o = &c->win[i];

		if (off < o->offset_us + o->length_us && o->offset_us < off + len) {
			char path[96];

			node_path(win_node[cpu][i], path, sizeof(path));
			cfg_error(node, "offset-us", "[%u, %u) us overlaps %s [%u, %u) us", off,
				  off + len, path, o->offset_us, o->offset_us + o->length_us);
			return;
		}
	}
	if (c->nwin == SCHED_MAX_WINDOWS) {
		cfg_error(core, NULL, "too many windows (at most %d)", SCHED_MAX_WINDOWS);
		return;
	}
	w = &c->win[c->nwin];
	w->vcpu = (uint8_t)vcpu;
	w->offset_us = off;
	w->length_us = len;
	win_part[cpu][c->nwin] = name;
	win_node[cpu][c->nwin++] = node;
}

/* Windows in frame order (a few: insertion sort). */
static void sort_windows(unsigned int cpu)
{
	struct sched_core_cfg *c = &sched_cfg[cpu];
	unsigned int i, j;

	for (i = 1; i < c->nwin; i++)
		for (j = i; j > 0 && c->win[j].offset_us < c->win[j - 1].offset_us; j--) {
			struct sched_window_cfg w = c->win[j];
			const char *n = win_part[cpu][j];
			int node = win_node[cpu][j];

			c->win[j] = c->win[j - 1];
			win_part[cpu][j] = win_part[cpu][j - 1];
			win_node[cpu][j] = win_node[cpu][j - 1];
			c->win[j - 1] = w;
			win_part[cpu][j - 1] = n;
			win_node[cpu][j - 1] = node;
		}
}

static void parse_core(int node, int parts)
{
	static const char *const props[] = { "cpu", "policy", "slice-us", "frame-us", NULL };
	struct sched_core_cfg tmp = { 0 }, *c;
	uint32_t cpu = 0, slice = 0, frame = 0;
	bool has_cpu, has_slice, has_frame;
	const char *policy;
	int before = cfg_errors, len, w;

	check_names(node, props, NULL);
	if (!get_cell(node, "cpu", &cpu, &has_cpu))
		return;
	if (!has_cpu) {
		cfg_error(node, "cpu", "missing");
		return;
	}
	if (cpu >= platform.ncpus || cpu >= PLATFORM_MAX_CPUS) {
		cfg_error(node, "cpu", "CPU %u does not exist (the machine has %u)", cpu,
			  platform.ncpus);
		return;
	}
	if (core_seen[cpu]) {
		char other[96];

		node_path(core_node[cpu], other, sizeof(other));
		cfg_error(node, "cpu", "CPU %u is described by %s already", cpu, other);
		return;
	}
	core_seen[cpu] = true;
	core_node[cpu] = node;
	c = &sched_cfg[cpu];
	policy = fdt_getprop(cfg, node, "policy", &len);
	if (!policy)
		cfg_error(node, "policy", "missing");
	else if (prop_is(policy, len, "cyclic"))
		tmp.policy = SCHED_CYCLIC;
	else if (prop_is(policy, len, "priority"))
		tmp.policy = SCHED_PRIORITY;
	else if (!prop_is(policy, len, "dedicated"))
		cfg_error(node, "policy", "must be \"dedicated\", \"cyclic\" or \"priority\"");
	if (!get_cell(node, "slice-us", &slice, &has_slice) ||
	    !get_cell(node, "frame-us", &frame, &has_frame)) {
		core_bad[cpu] = true;
		return;
	}
	if (has_slice && tmp.policy != SCHED_PRIORITY)
		cfg_error(node, "slice-us", "only for policy \"priority\"");
	else if (has_slice && (slice < SLICE_US_MIN || slice > SLICE_US_MAX))
		cfg_error(node, "slice-us", "%u us: must lie between %u and %u", slice,
			  SLICE_US_MIN, SLICE_US_MAX);
	tmp.slice_us = has_slice ? slice : SCHED_DEFAULT_SLICE_US;
	if (has_frame && tmp.policy != SCHED_CYCLIC)
		cfg_error(node, "frame-us", "only for policy \"cyclic\"");
	else if (tmp.policy == SCHED_CYCLIC && !has_frame)
		cfg_error(node, "frame-us", "missing (a cyclic schedule needs its major frame)");
	else if (has_frame && (frame < FRAME_US_MIN || frame > FRAME_US_MAX))
		cfg_error(node, "frame-us", "%u us: must lie between %u and %u", frame,
			  FRAME_US_MIN, FRAME_US_MAX);
	tmp.frame_us = has_frame ? frame : 0;
	if (tmp.policy != SCHED_CYCLIC) {
		fdt_for_each_subnode(w, cfg, node)
			cfg_error(w, NULL, "unknown node (windows are for policy \"cyclic\")");
	} else if (cfg_errors == before) {
		fdt_for_each_subnode(w, cfg, node)
			parse_window(node, w, parts, cpu, &tmp);
		if (!tmp.nwin && cfg_errors == before)
			cfg_error(node, NULL, "a cyclic schedule without windows: nothing would run");
	}
	*c = tmp;
	sort_windows(cpu);
	if (cfg_errors != before) {
		core_bad[cpu] = true;
		pr_err("config: CPU %u: its schedule is refused, and the partitions using it\n",
		       cpu);
	}
}

void config_sched_parse(int parts)
{
	int cores = fdt_subnode_offset(cfg, 0, "cores"), node;

	memset(sched_cfg, 0, sizeof(sched_cfg));
	memset(core_bad, 0, sizeof(core_bad));
	memset(core_seen, 0, sizeof(core_seen));
	if (cores < 0)
		return;
	check_names(cores, (const char *const[]){ NULL }, NULL);
	fdt_for_each_subnode(node, cfg, cores)
		parse_core(node, parts);
}

bool config_sched_shared(unsigned int cpu)
{
	return cpu < PLATFORM_MAX_CPUS && (sched_cfg[cpu].policy != SCHED_DEDICATED || core_bad[cpu]);
}

/* vCPUs running on cpu: of the partitions accepted so far, and p's first n. */
static unsigned int vcpus_on(unsigned int cpu, const struct partition *p, unsigned int n)
{
	unsigned int i, k, count = 0;

	for (i = 0; i < npartitions; i++)
		for (k = 0; k < partitions[i].nvcpus; k++)
			count += partitions[i].vcpu_cpu[k] == cpu;
	for (k = 0; k < n; k++)
		count += p->vcpu_cpu[k] == cpu;
	return count;
}

void config_sched_vcpu(int node, const struct partition *p, unsigned int n, unsigned int cpu)
{
	const struct sched_core_cfg *c = &sched_cfg[cpu];
	unsigned int w;

	if (core_bad[cpu]) {
		cfg_error(node, "cpus", "CPU %u: its /cores node is refused", cpu);
		return;
	}
	if (vcpus_on(cpu, p, n) >= SCHED_CORE_MAX_VCPUS) {
		cfg_error(node, "cpus", "CPU %u: at most %d vCPUs share a core", cpu,
			  SCHED_CORE_MAX_VCPUS);
		return;
	}
	if (c->policy != SCHED_CYCLIC)
		return;
	for (w = 0; w < c->nwin; w++)
		if (c->win[w].vcpu == n && !strcmp(win_part[cpu][w], p->name))
			return;
	{
		char path[96];

		node_path(core_node[cpu], path, sizeof(path));
		cfg_error(node, "cpus", "vCPU %u on CPU %u: no window of %s names it, it would "
					"never run", n, cpu, path);
	}
}

void config_sched_partition(int node, struct partition *p)
{
	uint32_t prio = SCHED_DEFAULT_PRIO, weight = SCHED_DEFAULT_WEIGHT;
	bool has_prio, has_weight, on_prio = false;
	unsigned int n;

	for (n = 0; n < p->nvcpus; n++)
		on_prio |= sched_cfg[p->vcpu_cpu[n]].policy == SCHED_PRIORITY;
	if (get_cell(node, "priority", &prio, &has_prio) && has_prio) {
		if (!on_prio)
			cfg_error(node, "priority", "none of its vCPUs is on a core with policy "
						    "\"priority\"");
		else if (prio > SCHED_MAX_PRIO)
			cfg_error(node, "priority", "%u: at most %d", prio, SCHED_MAX_PRIO);
	}
	if (get_cell(node, "weight", &weight, &has_weight) && has_weight) {
		if (!on_prio)
			cfg_error(node, "weight", "none of its vCPUs is on a core with policy "
						  "\"priority\"");
		else if (weight < 1 || weight > SCHED_MAX_WEIGHT)
			cfg_error(node, "weight", "%u: must lie between 1 and %d", weight,
				  SCHED_MAX_WEIGHT);
	}
	p->sched_prio = (uint8_t)(prio > SCHED_MAX_PRIO ? SCHED_MAX_PRIO : prio);
	p->sched_weight = weight < 1 || weight > SCHED_MAX_WEIGHT ? SCHED_DEFAULT_WEIGHT : weight;
}

unsigned int config_console_cpu;

/* Some accepted partition has a vCPU on cpu (so the CPU is started). */
static bool cpu_used(unsigned int cpu)
{
	unsigned int i, n;

	for (i = 0; i < npartitions; i++)
		for (n = 0; n < partitions[i].nvcpus; n++)
			if (partitions[i].vcpu_cpu[n] == cpu)
				return true;
	return false;
}

/*
 * console-cpu (root), else the first shared core with a vCPU, else CPU 0:
 * where the hypervisor console's interrupts (and the shell and debug stubs
 * behind it) run, away from the dedicated cores if there is a shared one.
 */
static void resolve_console_cpu(void)
{
	uint32_t cpu;
	bool present;
	unsigned int c;

	config_console_cpu = 0;
	for (c = 0; c < PLATFORM_MAX_CPUS; c++)
		if (config_sched_shared(c) && !core_bad[c] && cpu_used(c)) {
			config_console_cpu = c;
			break;
		}
	if (!get_cell(0, "console-cpu", &cpu, &present) || !present)
		return;
	if (!cpu_used(cpu)) {
		cfg_error(0, "console-cpu",
			  "CPU %u runs no partition's vCPU: nobody would take the console's "
			  "interrupts", cpu);
		return;
	}
	config_console_cpu = cpu;
}

void config_sched_resolve(void)
{
	unsigned int cpu, w, i;

	resolve_console_cpu();
	for (cpu = 0; cpu < PLATFORM_MAX_CPUS; cpu++) {
		struct sched_core_cfg *c = &sched_cfg[cpu];

		if (core_bad[cpu]) { /* its partitions were refused: nothing runs there */
			memset(c, 0, sizeof(*c));
			continue;
		}
		for (w = 0; w < c->nwin; w++) {
			c->win[w].part = SCHED_CFG_NO_PART; /* refused: its window stays idle */
			for (i = 0; i < npartitions; i++)
				if (!strcmp(partitions[i].name, win_part[cpu][w]))
					c->win[w].part = (uint8_t)i;
		}
	}
}
