// SPDX-License-Identifier: GPL-2.0-only
/*
 * Invariants of a loaded configuration and of the guest device trees built
 * from it (see check_config.h). The oracle is written from docs/config.md
 * and the ePAPR rules for reg/ranges, with its own address translation: it
 * does not reuse the hypervisor's helpers (platform_node_reg, range.h).
 *
 * What the checks step around, marked KNOWN below: a hardware tree of more
 * than half the guest tree's buffer may give a guest tree that does not fit
 * (FDT_ERR_NOSPACE at boot, not at validation).
 */
#include <string.h>

#include <libfdt.h>

#include <bytechan.h>
#include <config.h>
#include <doorbell.h>
#include <guest_fdt.h>
#include <hcall.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>

#include "check_config.h"
#include "fuzz.h"
#include "stubs/hv_env.h"

/* The hypervisor's own memory (hvmem_reserved() of stubs/hv_env.c). */
#define HV_RESERVED_END (0x63000ull + (8u << 20))
#define PAGE 0x1000ull

static const uint8_t *cfg_lo, *cfg_hi; /* the configuration blob */

static bool prop_is(const void *fdt, int node, const char *name, const char *val);

/* ------------------------------------------------------------------------ */
/* Addresses: the harness's own reading of reg and ranges (ePAPR 2.3) */

/* A #address-cells or #size-cells the harness understands (0-2); -1 if absent or odd. */
static int cells(const void *fdt, int node, const char *name)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
	uint32_t v;

	if (!p || len != 4)
		return -1;
	v = fdt32_to_cpu(*p);
	return v <= 2 ? (int)v : -1;
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

/*
 * reg entry idx of node as a CPU address, when every cell count and range on
 * the way to the root is explicit and simple; false otherwise (then the
 * harness does not judge the node).
 */
static bool cpu_addr(const void *fdt, int node, int idx, uint64_t *pa, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node), len, ac, sc;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (parent < 0 || !reg)
		return false;
	ac = cells(fdt, parent, "#address-cells");
	sc = cells(fdt, parent, "#size-cells");
	if (ac < 1 || sc < 0 || len < (idx + 1) * (ac + sc) * 4)
		return false;
	*pa = read_cells(reg + idx * (ac + sc), ac);
	*size = read_cells(reg + idx * (ac + sc) + ac, sc);
	while (parent > 0) { /* up through each bus's ranges */
		int up = fdt_parent_offset(fdt, parent), pac, i, n;
		const fdt32_t *r = fdt_getprop(fdt, parent, "ranges", &len);

		if (up < 0 || !r)
			return false;
		pac = cells(fdt, up, "#address-cells");
		if (pac < 1 || len % ((ac + pac + sc) * 4))
			return false;
		n = len / ((ac + pac + sc) * 4);
		for (i = 0; i < n; i++) {
			const fdt32_t *e = r + i * (ac + pac + sc);
			uint64_t cb = read_cells(e, ac);
			uint64_t rs = read_cells(e + ac + pac, sc);

			if (*pa >= cb && *pa - cb < rs)
				break;
		}
		if (n && i == n)
			return false;
		if (n)
			*pa = *pa - read_cells(r + i * (ac + pac + sc), ac) +
			      read_cells(r + i * (ac + pac + sc) + ac, pac);
		ac = pac;
		sc = cells(fdt, up, "#size-cells");
		if (sc < 0)
			return false;
		parent = up;
	}
	return true;
}

static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	/* sizes here never wrap (checked first by the callers) */
	return a < b + bs && b < a + as;
}

static bool inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a >= b && as <= bs && a - b <= bs - as;
}

static bool in_blob(const void *p, uint64_t len)
{
	const uint8_t *b = p;

	return b >= cfg_lo && b <= cfg_hi && len <= (uint64_t)(cfg_hi - b);
}

/* ------------------------------------------------------------------------ */
/* The configuration */

int check_platform(const void *hw)
{
	memset(&platform, 0, sizeof(platform));
	memset(partitions, 0, sizeof(partitions));
	npartitions = 0;
	fuzz_env_reset();
	return platform_init(hw);
}

static bool is_ram(uint64_t base, uint64_t size)
{
	unsigned int k;

	for (k = 0; k < platform.nram; k++)
		if (inside(base, size, platform.ram[k].base, platform.ram[k].size))
			return true;
	return false;
}

static void check_memory(const struct partition *p, unsigned int i)
{
	unsigned int j, q, r;

	FUZZ_CHECK(p->nmem >= 1 && p->nmem <= PART_MAX_MEM, "%s: %u memory ranges",
		   p->name, p->nmem);
	for (j = 0; j < p->nmem; j++) {
		const struct mem_region *m = &p->mem[j];

		FUZZ_CHECK(m->size && !((m->gpa | m->hpa | m->size) & (PAGE - 1)) &&
			       m->hpa + m->size > m->hpa &&
			       m->gpa + m->size <= 1ull << 32,
			   "%s: range %u: gpa %llx hpa %llx size %llx", p->name, j,
			   (unsigned long long)m->gpa, (unsigned long long)m->hpa,
			   (unsigned long long)m->size);
		FUZZ_CHECK(is_ram(m->hpa, m->size), "%s: %llx+%llx is not RAM", p->name,
			   (unsigned long long)m->hpa, (unsigned long long)m->size);
		FUZZ_CHECK(!overlaps(m->hpa, m->size, 0, HV_RESERVED_END),
			   "%s: %llx+%llx overlaps the hypervisor", p->name,
			   (unsigned long long)m->hpa, (unsigned long long)m->size);
		FUZZ_CHECK(platform.initrd_end <= platform.initrd_start ||
			       !overlaps(m->hpa, m->size, platform.initrd_start,
					 platform.initrd_end - platform.initrd_start),
			   "%s: %llx+%llx overlaps the configuration blob", p->name,
			   (unsigned long long)m->hpa, (unsigned long long)m->size);
		for (q = 0; q < j; q++)
			FUZZ_CHECK(
			    !overlaps(m->gpa, m->size, p->mem[q].gpa, p->mem[q].size),
			    "%s: guest ranges %u and %u overlap", p->name, q, j);
		/* another partition's memory: only an area both map as shared */
		for (q = 0; q < i; q++)
			for (r = 0; r < partitions[q].nmem; r++) {
				const struct mem_region *o = &partitions[q].mem[r];

				if (!overlaps(m->hpa, m->size, o->hpa, o->size))
					continue;
				FUZZ_CHECK(m->shared && o->shared && m->hpa == o->hpa &&
					       m->size == o->size,
					   "%s and %s share host memory %llx", p->name,
					   partitions[q].name,
					   (unsigned long long)m->hpa);
			}
	}
}

/*
 * CPUs that /cores of the configuration makes shared (docs/config.md,
 * "/cores"): a node whose cpu is c and whose policy is "cyclic" or
 * "priority". Only those may carry several vCPUs.
 */
static unsigned int shared_cpus(void)
{
	const void *cfg = cfg_lo;
	int cores = fdt_subnode_offset(cfg, 0, "cores"), node, len;
	unsigned int mask = 0;

	if (cores < 0)
		return 0;
	fdt_for_each_subnode(node, cfg, cores) {
		const fdt32_t *cpu = fdt_getprop(cfg, node, "cpu", &len);

		if (!cpu || len != 4 || fdt32_to_cpu(*cpu) >= 32)
			continue;
		if (prop_is(cfg, node, "policy", "cyclic") ||
		    prop_is(cfg, node, "policy", "priority"))
			mask |= 1u << fdt32_to_cpu(*cpu);
	}
	return mask;
}

#define VCPUS_PER_CPU_MAX 8 /* docs/config.md, "cpus" */

static void check_cpus(const struct partition *p, unsigned int i)
{
	unsigned int n, q, mask = 0, shared = shared_cpus(), c, count;

	FUZZ_CHECK(p->nvcpus >= 1 && p->nvcpus <= PART_MAX_VCPUS, "%s: %u vCPUs", p->name,
		   p->nvcpus);
	for (n = 0; n < p->nvcpus; n++) {
		c = p->vcpu_cpu[n];
		FUZZ_CHECK(c < platform.ncpus && c < PLATFORM_MAX_CPUS &&
			       (!(mask & 1u << c) || (shared & 1u << c)) &&
			       (c == 0 || platform.spin_table_pa[c]),
			   "%s: vCPU %u on CPU %u (the machine has %u, shared %x)", p->name, n, c,
			   platform.ncpus, shared);
		mask |= 1u << c;
	}
	FUZZ_CHECK(mask == p->cpus_mask, "%s: CPU mask %x, vCPUs on %x", p->name,
		   p->cpus_mask, mask);
	for (q = 0; q < i; q++)
		FUZZ_CHECK(!(partitions[q].cpus_mask & mask & ~shared),
			   "%s and %s share a CPU that is not shared (%x)", p->name,
			   partitions[q].name, shared);
	for (c = 0; c < PLATFORM_MAX_CPUS; c++) {
		for (q = 0, count = 0; q <= i; q++)
			for (n = 0; n < partitions[q].nvcpus && n < PART_MAX_VCPUS; n++)
				count += partitions[q].vcpu_cpu[n] == c;
		FUZZ_CHECK(count <= VCPUS_PER_CPU_MAX, "%u vCPUs on CPU %u", count, c);
	}
}

/* What the hypervisor owns or emulates, by page (a device there is never given away). */
static bool owned_page(uint64_t pa)
{
	const uint64_t owned[] = {platform.uart_pa, platform.mpic_pa, platform.guts_pa,
				  platform.poweroff_pin >= 0 ? platform.gpio_pa : 0};
	unsigned int k;

	for (k = 0; k < 4; k++)
		if (owned[k] && (owned[k] & ~(PAGE - 1)) == pa)
			return true;
	return platform.mpic_pa && pa >= platform.mpic_pa &&
	       pa - platform.mpic_pa < platform.mpic_size;
}

static void check_devices(const struct partition *p, unsigned int i)
{
	unsigned int k, w, q, j;

	FUZZ_CHECK(p->nassigned <= PART_MAX_ASSIGNED, "%s: %u devices", p->name,
		   p->nassigned);
	for (k = 0; k < p->nassigned; k++) {
		const struct assigned_dev *d = &p->assigned[k];

		FUZZ_CHECK(d->nwin >= 1 && d->nwin <= ASSIGN_MAX_WIN &&
			       d->nirq <= ASSIGN_MAX_IRQ,
			   "%s: device %u: %u windows, %u sources", p->name, k, d->nwin,
			   d->nirq);
		for (w = 0; w < d->nwin; w++) {
			uint64_t pa = d->win[w].pa, size = d->win[w].size, a;

			FUZZ_CHECK(size && !((pa | size) & (PAGE - 1)) && pa + size > pa,
				   "%s: device window %llx+%llx", p->name,
				   (unsigned long long)pa, (unsigned long long)size);
			for (a = pa; a < pa + size; a += PAGE) {
				FUZZ_CHECK(
				    !is_ram(a, PAGE) && !owned_page(a),
				    "%s: device page %llx is RAM or the hypervisor's",
				    p->name, (unsigned long long)a);
			}
			for (j = 0; j < p->nmem; j++)
				FUZZ_CHECK(
				    !overlaps(pa, size, p->mem[j].gpa, p->mem[j].size),
				    "%s: device page %llx inside its guest memory",
				    p->name, (unsigned long long)pa);
			for (q = 0; q <= i; q++) {
				unsigned int k2, w2;

				for (k2 = 0; k2 < partitions[q].nassigned; k2++)
					for (w2 = 0; w2 < partitions[q].assigned[k2].nwin;
					     w2++) {
						const struct assign_window *o =
						    &partitions[q].assigned[k2].win[w2];

						if (q == i && k2 == k)
							continue;
						FUZZ_CHECK(
						    !overlaps(pa, size, o->pa, o->size),
						    "%s: device page %llx given twice "
						    "(%s)",
						    p->name, (unsigned long long)pa,
						    partitions[q].name);
					}
			}
		}
	}
}

unsigned int check_config(const void *cfg, size_t size)
{
	int errors, parts, node, n = 0;
	unsigned int i, j;

	cfg_lo = cfg;
	cfg_hi = cfg_lo + size;
	errors = config_load(cfg, size);
	FUZZ_CHECK(errors >= 0 && npartitions <= PART_MAX,
		   "config_load: %d errors, %u partitions", errors, npartitions);
	FUZZ_CHECK(fuzz_log_errors >= (unsigned int)errors,
		   "%d errors, %u error messages", errors, fuzz_log_errors);
	if (!errors) {
		/* no error: every partition node was taken */
		parts = fdt_subnode_offset(cfg, 0, "partitions");
		FUZZ_CHECK(parts >= 0, "no /partitions, no error");
		fdt_for_each_subnode(node, cfg, parts) n++;
		FUZZ_CHECK((unsigned int)n == npartitions,
			   "%d partition nodes, %u partitions, "
			   "no error",
			   n, npartitions);
	}

	for (i = 0; i < npartitions; i++) {
		const struct partition *p = &partitions[i];

		FUZZ_CHECK(memchr(p->name, 0, sizeof(p->name)) && p->name[0],
			   "partition %u: name not terminated or empty", i);
		check_cpus(p, i);
		check_memory(p, i);
		check_devices(p, i);
		FUZZ_CHECK(p->image && in_blob(p->image, p->image_size),
			   "%s: image outside the configuration", p->name);
		FUZZ_CHECK(!p->initrd ||
			       (p->initrd_size && in_blob(p->initrd, p->initrd_size)),
			   "%s: initrd outside the configuration", p->name);
		if (p->bootargs) {
			const char *b = p->bootargs;

			FUZZ_CHECK(
			    in_blob(b, 1) &&
				memchr(b, 0, (size_t)(cfg_hi - (const uint8_t *)b)),
			    "%s: bootargs not a string in the configuration", p->name);
		}
		FUZZ_CHECK(!(p->manages >> npartitions) && !(p->manages & (1u << i)),
			   "%s manages %x of %u partitions", p->name, p->manages,
			   npartitions);
		for (j = 0; j < npartitions; j++)
			if (p->manages & (1u << j))
				FUZZ_CHECK(partitions[j].managed,
					   "%s: managed, not marked", partitions[j].name);
	}
	return npartitions;
}

/* ------------------------------------------------------------------------ */
/* Guest device trees */

/*
 * The structure block is well formed: tags, nesting, names, property
 * strings. NULL, or what is wrong.
 */
static const char *tree_form(const void *fdt, uint32_t size)
{
	uint32_t off = fdt_off_dt_struct(fdt), end = off + fdt_size_dt_struct(fdt);
	uint32_t soff = fdt_off_dt_strings(fdt), ssize = fdt_size_dt_strings(fdt);
	int depth = 0;

	if (fdt_magic(fdt) != FDT_MAGIC || fdt_totalsize(fdt) != size || end > size ||
	    end < off || soff + ssize > size || soff + ssize < soff || (off & 3))
		return "header";
	while (off < end) {
		const uint8_t *p = (const uint8_t *)fdt + off;
		uint32_t tag, len, name;
		const void *z;

		if (end - off < 4)
			return "truncated tag";
		tag = fdt32_to_cpu(*(const fdt32_t *)p);
		off += 4;
		switch (tag) {
		case FDT_BEGIN_NODE:
			z = memchr(p + 4, 0, end - off);
			if (!z)
				return "node name runs off the structure";
			if (memchr(p + 4, '/', (size_t)((const uint8_t *)z - (p + 4))))
				return "node name with a '/'";
			if (!depth && z != p + 4)
				return "root node with a name";
			off = (uint32_t)(((const uint8_t *)z - (const uint8_t *)fdt + 1 +
					  3) &
					 ~3u);
			depth++;
			break;
		case FDT_END_NODE:
			if (depth-- <= 0)
				return "unbalanced END_NODE";
			break;
		case FDT_PROP:
			if (end - off < 8)
				return "property header";
			len = fdt32_to_cpu(*(const fdt32_t *)(p + 4));
			name = fdt32_to_cpu(*(const fdt32_t *)(p + 8));
			if (len > end - off - 8 || name >= ssize ||
			    !memchr((const char *)fdt + soff + name, 0, ssize - name))
				return "property length or name";
			off += 8 + ((len + 3) & ~3u);
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return depth == 0 && off == end ? NULL : "END inside a node";
		default:
			return "unknown tag";
		}
	}
	return "no END tag";
}

/*
 * Sibling nodes, and the properties of a node, have different names (for
 * nodes, also before the unit address). NULL, or which.
 */
static const char *tree_names(const void *fdt)
{
	int node, depth = 0, a, b, la, lb;
	const char *na, *nb;

	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, &depth)) {
		fdt_for_each_subnode(a, fdt, node)
		{
			na = fdt_get_name(fdt, a, &la);
			fdt_for_each_subnode(b, fdt, node)
			{
				if (b == a)
					break;
				nb = fdt_get_name(fdt, b, &lb);
				/* "a" and "a@1" too: libfdt's path "/a" finds either */
				if (na && nb && !memcmp(na, nb, la < lb ? la : lb) &&
				    (la == lb || (la < lb ? nb[la] : na[lb]) == '@'))
					return "two sibling nodes of one name";
			}
		}
		fdt_for_each_property_offset(a, fdt, node)
		{
			if (!fdt_getprop_by_offset(fdt, a, &na, NULL))
				return "a property libfdt finds no name for";
			fdt_for_each_property_offset(b, fdt, node)
			{
				if (b == a)
					break;
				if (fdt_getprop_by_offset(fdt, b, &nb, NULL) &&
				    !strcmp(na, nb))
					return "two properties of one name";
			}
		}
	}
	return NULL;
}

bool check_tree_sound(const void *fdt)
{
	return !tree_form(fdt, fdt_totalsize(fdt)) && !tree_names(fdt);
}

static bool prop_is(const void *fdt, int node, const char *name, const char *val)
{
	int len;
	const char *s = fdt_getprop(fdt, node, name, &len);

	return s && len == (int)strlen(val) + 1 && !memcmp(s, val, len);
}

static uint64_t prop_u64(const void *fdt, int node, const char *name)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len == 8 ? read_cells(p, 2) : ~0ull;
}

/*
 * The memory nodes of a tree, as Linux reads them (early_init_dt_scan_memory):
 * top-level nodes of device_type "memory"; but /cpus, /chosen and /aliases
 * say something else whatever their type. The next one after prev (-1: the
 * first), or a negative number.
 */
static int top_memory(const void *fdt, int prev)
{
	int node;

	for (node = prev < 0 ? fdt_first_subnode(fdt, 0) : fdt_next_subnode(fdt, prev);
	     node >= 0; node = fdt_next_subnode(fdt, node)) {
		const char *name = fdt_get_name(fdt, node, NULL);

		if (!prop_is(fdt, node, "device_type", "memory") || !name)
			continue;
		if (strcmp(name, "cpus") && strncmp(name, "cpus@", 5) && strcmp(name, "chosen") &&
		    strncmp(name, "chosen@", 7) && strcmp(name, "aliases") &&
		    strncmp(name, "aliases@", 8))
			return node;
	}
	return -1;
}

static bool is_top_memory(const void *fdt, int node)
{
	int m;

	for (m = top_memory(fdt, -1); m >= 0; m = top_memory(fdt, m))
		if (m == node)
			return true;
	return false;
}

/* How many objects of this kind p was given. */
static unsigned int ipc_count(const struct partition *p, enum ipc_kind kind)
{
	unsigned int k, n = 0;

	for (k = 0; k < p->nipc && k < IPC_MAX; k++)
		n += p->ipc[k].kind == kind;
	return n;
}

/* The object a guest tree's hv-handle names: one of p's, of this kind, with a handle. */
static const struct ipc_ref *handle_ref(const struct partition *p, const void *fdt, int node,
					enum ipc_kind kind)
{
	int len;
	const fdt32_t *h = fdt_getprop(fdt, node, "hv-handle", &len);
	uint32_t k;

	if (!h || len != 4)
		return NULL;
	k = fdt32_to_cpu(*h) - IPC_HANDLE_BASE;
	if (fdt32_to_cpu(*h) < IPC_HANDLE_BASE || k >= p->nipc || p->ipc[k].kind != kind ||
	    !p->ipc[k].handle)
		return NULL;
	return &p->ipc[k];
}

/*
 * /byte-channels (docs/config.md, "Byte channels"): one node per end the
 * partition has, named as the channel, whose hv-handle names that end; a
 * disabled console-placeholder when its console is elsewhere.
 */
static void check_bytechan_nodes(const struct partition *p, const void *fdt)
{
	int bus = fdt_path_offset(fdt, "/byte-channels"), node;
	unsigned int n = 0, want = ipc_count(p, IPC_BYTECHAN), k;
	bool placeholder = false, epapr_console = p->stdout_bc >= 0 && !p->virtio_console;

	for (k = 0; k < p->nipc && k < IPC_MAX; k++) /* a virtio console's end: no node */
		want -= p->ipc[k].kind == IPC_BYTECHAN && !p->ipc[k].handle;

	if (fdt_path_offset(platform.fdt, "/byte-channels") >= 0)
		return; /* the hardware tree had one: judged as its nodes are */
	FUZZ_CHECK((bus >= 0) == (want != 0), "%s: /byte-channels %d for %u channels",
		   p->name, bus, want);
	if (bus < 0)
		return;
	fdt_for_each_subnode(node, fdt, bus) {
		const char *name = fdt_get_name(fdt, node, NULL);
		const struct ipc_ref *ref = handle_ref(p, fdt, node, IPC_BYTECHAN);

		if (name && !strcmp(name, "console-placeholder") && !ref) {
			FUZZ_CHECK(!placeholder && !epapr_console &&
				       prop_is(fdt, node, "status", "disabled"),
				   "%s: console-placeholder", p->name);
			placeholder = true;
			continue;
		}
		FUZZ_CHECK(ref && ref->obj < nbytechans && name &&
			       !strcmp(name, bytechans[ref->obj].name) &&
			       prop_is(fdt, node, "compatible", "epapr,hv-byte-channel"),
			   "%s: /byte-channels/%s is none of its channels", p->name,
			   name ? name : "?");
		n++;
	}
	FUZZ_CHECK(n == want && placeholder == !epapr_console,
		   "%s: %u channel nodes for %u channels, placeholder %d", p->name, n, want,
		   placeholder);
}

/* Every node: from the hardware tree (or made for the guest), and no foreign device. */
static void check_nodes(const struct partition *p, const void *fdt)
{
	char path[512];
	int node, depth = 0;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		uint64_t pa, size;
		unsigned int i, k;
		bool ok = false;

		if (fdt_get_path(fdt, node, path, sizeof(path)))
			continue;
		if (!strncmp(path, "/hypervisor", 11) || !strcmp(path, "/chosen"))
			continue;
		/* its byte channels, made for it (check_ipc_nodes()) */
		if (!strncmp(path, "/byte-channels", 14) && ipc_count(p, IPC_BYTECHAN) &&
		    fdt_path_offset(platform.fdt, "/byte-channels") < 0)
			continue;
		/* its virtio devices' bus (made for it): each node one of its devices */
		FUZZ_CHECK(fdt_path_offset(platform.fdt, path) >= 0 ||
			       (!strncmp(path, "/virtio-mmio", 12) &&
				fdt_path_offset(platform.fdt, "/virtio-mmio") < 0),
			   "%s: guest tree node %s is not in the hardware tree", p->name,
			   path);
		if (!strcmp(path, "/virtio-mmio"))
			continue;
		/*
		 * Not devices: the memory node (checked apart), a SoC bus (kept for its
		 * children; older Freescale trees give it a reg, the first page
		 * of CCSR), CPUs and the top-level nodes kept for what they say.
		 */
		if (is_top_memory(fdt, node) ||
		    (type && (!strcmp(type, "soc") || !strcmp(type, "cpu"))) ||
		    !strcmp(path, "/cpus") || !strcmp(path, "/aliases") ||
		    !cpu_addr(fdt, node, 0, &pa, &size))
			continue;
		/*
		 * guest_fdt.c keeps every node compatible with "gpio-poweroff",
		 * whatever else it is: with a reg (never so in real trees) it
		 * would name an address the partition cannot reach. Harmless
		 * (nothing is mapped there), left alone; see docs/fuzzing.md.
		 */
		if (!fdt_node_check_compatible(fdt, node, "gpio-poweroff"))
			continue;
		for (i = 0; i < p->ndev && !ok; i++)
			ok = pa == p->dev[i].gpa || /* the device, even of size 0 */
			     (pa > p->dev[i].gpa && pa - p->dev[i].gpa < p->dev[i].size);
		for (i = 0; i < p->nassigned && !ok; i++)
			for (k = 0; k < p->assigned[i].nwin && !ok; k++)
				ok = pa >= p->assigned[i].win[k].pa &&
				     pa - p->assigned[i].win[k].pa <
					 p->assigned[i].win[k].size;
		FUZZ_CHECK(ok, "%s: guest tree shows %s at %llx, not the partition's",
			   p->name, path, (unsigned long long)pa);
	}
}

/* The memory node shows the partition's RAM and nothing else. */
static void check_memory_node(const struct partition *p, const void *fdt)
{
	int node = top_memory(fdt, -1);
	int ac = cells(fdt, 0, "#address-cells"), sc = cells(fdt, 0, "#size-cells"), len;
	const fdt32_t *reg;
	unsigned int i;

	/* The hardware tree's first memory node becomes the guest's. */
	if (top_memory(platform.fdt, -1) < 0)
		return;
	FUZZ_CHECK(node >= 0, "%s: guest tree without memory node", p->name);
	FUZZ_CHECK(top_memory(fdt, node) < 0, "%s: guest tree with a second memory node",
		   p->name);
	if (ac < 1 || sc < 1)
		return; /* cells the harness does not judge */
	reg = fdt_getprop(fdt, node, "reg", &len);
	FUZZ_CHECK(reg && len == (int)p->nmem * (ac + sc) * 4,
		   "%s: memory reg of %d bytes for %u ranges (#address-cells %d, "
		   "#size-cells %d)",
		   p->name, reg ? len : -1, p->nmem, ac, sc);
	for (i = 0; i < p->nmem; i++)
		FUZZ_CHECK(read_cells(reg + i * (ac + sc), ac) == p->mem[i].gpa &&
			       read_cells(reg + i * (ac + sc) + ac, sc) == p->mem[i].size,
			   "%s: memory reg entry %u is not its range %llx+%llx", p->name,
			   i, (unsigned long long)p->mem[i].gpa,
			   (unsigned long long)p->mem[i].size);
}

/*
 * A secondary CPU's release address: a whole ePAPR spin-table entry (24
 * bytes, 8-aligned) inside the partition's emulated spin-table device, past
 * the previous CPU's (each has its own).
 */
static bool in_spin_table(const struct partition *p, uint64_t a, uint64_t *last)
{
	unsigned int i;

	for (i = 0; i < p->ndev; i++) {
		const struct vdev *d = &p->dev[i];

		if (strcmp(d->type->name, "spin-table"))
			continue;
		if (a % 8 || a < d->gpa || a - d->gpa > d->size || d->size - (a - d->gpa) < 24 ||
		    (*last && a < *last + 24))
			return false;
		*last = a;
		return true;
	}
	return false;
}

static void check_cpu_nodes(const struct partition *p, const void *fdt)
{
	uint64_t last = 0;
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	unsigned int n = 0;

	FUZZ_CHECK(cpus >= 0, "%s: guest tree without /cpus", p->name);
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		int len;
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		if (!type || strcmp(type, "cpu"))
			continue;
		FUZZ_CHECK(reg && len == 4 && fdt32_to_cpu(*reg) == n,
			   "%s: cpu node %u: reg", p->name, n);
		if (n == 0)
			FUZZ_CHECK(prop_is(fdt, node, "status", "okay") &&
				       !fdt_getprop(fdt, node, "cpu-release-addr", NULL),
				   "%s: boot cpu node", p->name);
		else
			FUZZ_CHECK(
			    prop_is(fdt, node, "status", "disabled") &&
				prop_is(fdt, node, "enable-method", "spin-table") &&
				in_spin_table(p, prop_u64(fdt, node, "cpu-release-addr"), &last),
			    "%s: cpu node %u: not waiting in the partition's spin table",
			    p->name, n);
		n++;
	}
	FUZZ_CHECK(n == p->nvcpus, "%s: %u cpu nodes for %u vCPUs", p->name, n,
		   p->nvcpus);
}

/*
 * The node at path: absolute, or through aliases, as beryl resolves them
 * (platform_path_offset(), since 3b09fee): an alias whose value starts
 * with an alias again leads on, four steps at most (libfdt's own
 * fdt_path_offset() would follow "rtc = \"rtc/x\"" until the stack
 * overflows).
 */
static int path_offset(const void *fdt, const char *path)
{
	char full[2][512];
	const char *slash, *alias;
	int len, step;

	for (step = 0; step < 4; step++) {
		if (path[0] == '/')
			return fdt_path_offset(fdt, path);
		slash = strchr(path, '/');
		len = slash ? (int)(slash - path) : (int)strlen(path);
		alias = fdt_getprop_namelen(fdt, fdt_path_offset(fdt, "/aliases"), path, len,
					    NULL);
		if (!alias || !alias[0] ||
		    snprintf(full[step & 1], sizeof(full[0]), "%s%s", alias, slash ? slash : "") >=
			    (int)sizeof(full[0]))
			return -FDT_ERR_NOTFOUND;
		path = full[step & 1];
	}
	return -FDT_ERR_NOTFOUND;
}

static void check_chosen_hv(const struct partition *p, const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"),
	    hv = fdt_path_offset(fdt, "/hypervisor");
	int handles, node, len, aliases, prop;
	unsigned int n = 0;
	const char *s;

	FUZZ_CHECK(chosen >= 0 &&
		       prop_is(fdt, chosen, "bootargs", p->bootargs ? p->bootargs : ""),
		   "%s: /chosen/bootargs", p->name);
	if (p->initrd)
		FUZZ_CHECK(prop_u64(fdt, chosen, "linux,initrd-start") == p->initrd_gpa &&
			       prop_u64(fdt, chosen, "linux,initrd-end") ==
				   p->initrd_gpa + p->initrd_size,
			   "%s: /chosen initrd", p->name);
	else
		FUZZ_CHECK(!fdt_getprop(fdt, chosen, "linux,initrd-start", NULL) &&
			       !fdt_getprop(fdt, chosen, "linux,initrd-end", NULL),
			   "%s: /chosen names an initrd it has not", p->name);
	FUZZ_CHECK(hv >= 0 && prop_is(fdt, hv, "partition-name", p->name),
		   "%s: /hypervisor/partition-name", p->name);
	s = fdt_getprop(fdt, hv, "hcall-instructions", &len);
	FUZZ_CHECK(s && len == 16, "%s: hcall-instructions", p->name);
	handles = fdt_subnode_offset(fdt, hv, "handles");
	FUZZ_CHECK((handles >= 0) == (p->manages != 0 || ipc_count(p, IPC_DOORBELL) != 0),
		   "%s: handles %d, manages %x, %u doorbells", p->name, handles, p->manages,
		   ipc_count(p, IPC_DOORBELL));
	if (handles >= 0) {
		unsigned int ndb = 0;

		fdt_for_each_subnode(node, fdt, handles)
		{
			const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
			uint32_t h = reg && len == 4 ? fdt32_to_cpu(*reg) : 0;
			const char *name = fdt_get_name(fdt, node, NULL);
			const struct ipc_ref *ref;
			unsigned int k;

			if (!fdt_node_check_compatible(fdt, node, "fsl,hv-partition-handle")) {
				FUZZ_CHECK(h >= 1 && h <= npartitions &&
					       (p->manages & (1u << (h - 1))) &&
					       prop_is(fdt, node, "label",
						       partitions[h - 1].name),
					   "%s: handle %u", p->name, h);
				n++;
				continue;
			}
			/* a doorbell it may ring (its handle) or receives (by name) */
			ref = handle_ref(p, fdt, node, IPC_DOORBELL);
			if (!fdt_node_check_compatible(fdt, node, "fsl,hv-doorbell-send-handle"))
				FUZZ_CHECK(ref && (ref->end & IPC_DB_SEND) &&
					       h == ipc_handle(p, ref),
					   "%s: send handle %s", p->name, name ? name : "?");
			for (k = 0; !ref && k < p->nipc; k++)
				if (p->ipc[k].kind == IPC_DOORBELL &&
				    (p->ipc[k].end & IPC_DB_RECV) && name &&
				    !strcmp(name, doorbells[p->ipc[k].obj].name))
					ref = &p->ipc[k];
			FUZZ_CHECK(ref && ref->obj < ndoorbells && name &&
				       !strcmp(name, doorbells[ref->obj].name) &&
				       (fdt_node_check_compatible(
						fdt, node, "fsl,hv-doorbell-receive-handle") ||
					(ref->end & IPC_DB_RECV)),
				   "%s: /hypervisor/handles/%s is none of its doorbells", p->name,
				   name ? name : "?");
			ndb++;
		}
		FUZZ_CHECK(n == (unsigned int)__builtin_popcount(p->manages) &&
			       ndb == ipc_count(p, IPC_DOORBELL),
			   "%s: %u handles, %u doorbells", p->name, n, ndb);
	}
	check_bytechan_nodes(p, fdt);
	/* every alias leads somewhere in the guest's tree */
	aliases = fdt_path_offset(fdt, "/aliases");
	if (aliases >= 0)
		fdt_for_each_property_offset(prop, fdt, aliases)
		{
			const char *name,
			    *path = fdt_getprop_by_offset(fdt, prop, &name, &len);

			FUZZ_CHECK(path && len > 0 && !path[len - 1] &&
				       path_offset(fdt, path) >= 0,
				   "%s: alias %s leads nowhere", p->name, name);
		}
}

void check_boot(bool hw_sound)
{
	static uint8_t *spare;
	unsigned int i, j;

	if (!spare)
		spare = malloc(PART_FDT_MAX);
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];
		const uint8_t *tree;
		uint64_t hpa;
		int size;

		fuzz_nphys_ok = p->nmem;
		for (j = 0; j < p->nmem; j++) {
			fuzz_phys_ok[j].base = p->mem[j].hpa;
			fuzz_phys_ok[j].size = p->mem[j].size;
		}
		fuzz_last_tree_size = 0;
		if (partition_boot(p)) {
			if (!hw_sound)
				continue; /* a damaged hardware tree: refusing is fine */
			/* KNOWN: a large hardware tree; its guest tree does not fit */
			size = guest_fdt_build(p, spare, PART_FDT_MAX);
			FUZZ_CHECK(size == -FDT_ERR_NOSPACE &&
				       fdt_totalsize(platform.fdt) > PART_FDT_MAX / 2,
				   "%s: accepted, but does not boot: %s", p->name,
				   fuzz_log_last);
			continue;
		}
		FUZZ_CHECK(p->state == PART_RUNNING && p->boots == 1 && p->vcpu[0] &&
			       p->vcpu[0]->part == p,
			   "%s: booted, not running", p->name);
		/* the tree it copied into the partition, where r3 points */
		FUZZ_CHECK(
		    fuzz_last_tree_size && fuzz_last_tree_size <= PART_FDT_MAX &&
			partition_gpa_to_hpa(p, p->vcpu[0]->arch.regs.gpr[3], 1, &hpa) &&
			hpa == fuzz_last_tree_pa,
		    "%s: no device tree at r3 = %x", p->name,
		    p->vcpu[0]->arch.regs.gpr[3]);
		tree = fuzz_last_tree;
		size = (int)fuzz_last_tree_size;
		/* only as sound as the hardware tree it comes from */
		FUZZ_CHECK(!hw_sound || !tree_form(tree, (uint32_t)size),
			   "%s: guest tree: %s", p->name,
			   tree_form(tree, (uint32_t)size));
		if (!hw_sound)
			continue;
		FUZZ_CHECK(!tree_names(tree), "%s: guest tree: %s", p->name,
			   tree_names(tree));
		check_nodes(p, tree);
		check_memory_node(p, tree);
		check_cpu_nodes(p, tree);
		check_chosen_hv(p, tree);
	}
	fuzz_nphys_ok = 0;
}
