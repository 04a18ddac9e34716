// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration's virtual I/O resources (docs/config.md, "Disks"):
 *
 *   disks {
 *       NAME { image = /incbin/("disk.img");  | phys-mem = <&area>;
 *              writers = "PART", ...;             (read and write it)
 *              readers = "PART", ...;             (only read it)
 *              shared;                            (several writers allowed)
 *              serial = "...";                    (its id, default NAME)
 *       };
 *   };
 *
 * Read before the partitions (the devices serving them are attached as each
 * partition is read); what they conflict with is checked per partition.
 */
#include <libfdt.h>

#include <platform.h>
#include <printf.h>
#include <range.h>
#include <string.h>
#include <vio.h>

#include "config_priv.h"

static struct disk disks[VIO_MAX_DISKS];
static unsigned int ndisks;

static bool name_in(const char *name, const char *const *list, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(name, list[i]))
			return true;
	return false;
}

/*
 * prop of node: partition names, each an existing partition, none twice
 * (nor in `other`). 0 (absent, or read into names), -1 (reported).
 */
static int read_names(int node, const char *prop, int parts, const char **names, unsigned int *n,
		      const char *const *other, unsigned int nother)
{
	int count = fdt_stringlist_count(cfg, node, prop), i;

	*n = 0;
	if (count == -FDT_ERR_NOTFOUND)
		return 0;
	if (count <= 0) {
		cfg_error(node, prop, "must list partition names");
		return -1;
	}
	if (count > PART_MAX) {
		cfg_error(node, prop, "at most %d partitions", PART_MAX);
		return -1;
	}
	for (i = 0; i < count; i++) {
		const char *s = fdt_stringlist_get(cfg, node, prop, i, NULL);

		if (!s || fdt_subnode_offset(cfg, parts, s) < 0) {
			cfg_error(node, prop, "no partition named %s", s ? s : "?");
			return -1;
		}
		if (name_in(s, names, *n) || name_in(s, other, nother)) {
			cfg_error(node, prop, "partition %s is listed twice", s);
			return -1;
		}
		names[(*n)++] = s;
	}
	return 0;
}

static bool flag(int node, const char *prop)
{
	int len;

	if (!fdt_getprop(cfg, node, prop, &len))
		return false;
	if (len)
		cfg_error(node, prop, "takes no value");
	return true;
}

/* Its store: an image in the configuration, or a /phys-mem area. */
static bool disk_store(int node, struct disk *d)
{
	int len, ilen;
	const void *img = fdt_getprop(cfg, node, "image", &ilen);
	const fdt32_t *ph = fdt_getprop(cfg, node, "phys-mem", &len);
	bool shared;
	unsigned int i;

	if (!img == !ph) {
		cfg_error(node, NULL, "needs either 'image' or 'phys-mem'");
		return false;
	}
	if (img) {
		d->pa = platform.initrd_start + (uint64_t)((const char *)img - (const char *)cfg);
		d->size = (uint64_t)ilen;
		if (!ilen || ilen % DISK_SECTOR) {
			cfg_error(node, "image", "%d bytes: not a nonzero multiple of %u", ilen,
				  DISK_SECTOR);
			return false;
		}
		return true;
	}
	if (len != 4 || !cfg_area(fdt32_to_cpu(*ph), &d->pa, &d->size, &shared)) {
		cfg_error(node, "phys-mem", "does not name a valid /phys-mem area");
		return false;
	}
	if (shared) {
		cfg_error(node, "phys-mem", "the area is marked 'shared' (for partitions to map)");
		return false;
	}
	for (i = 0; i < ndisks; i++)
		if (disks[i].valid && disks[i].pa == d->pa) {
			cfg_error(node, "phys-mem", "area already the store of disk %s",
				  disks[i].name);
			return false;
		}
	return true;
}

static void parse_disk(int node, int parts)
{
	static const char *const props[] = { "image", "phys-mem", "writers", "readers", "shared",
					      "serial", NULL };
	struct disk *d = &disks[ndisks];
	int before = cfg_errors, len;
	const char *serial;

	memset(d, 0, sizeof(*d));
	d->node = node;
	d->name = fdt_get_name(cfg, node, NULL);
	if (check_names(node, props, (const char *const[]){ NULL }))
		return;
	if (!disk_store(node, d))
		return;
	if (read_names(node, "writers", parts, d->writers, &d->nwriters, NULL, 0) ||
	    read_names(node, "readers", parts, d->readers, &d->nreaders, d->writers,
		       d->nwriters))
		return;
	if (!d->nwriters && !d->nreaders)
		cfg_error(node, NULL, "no partition uses it ('writers', 'readers')");
	if (d->nwriters > 1 && !flag(node, "shared"))
		cfg_error(node, "writers", "%u partitions would write it: say 'shared' to allow it",
			  d->nwriters);
	else if (d->nwriters < 2)
		flag(node, "shared");
	serial = fdt_getprop(cfg, node, "serial", &len);
	if (serial && (len < 2 || serial[len - 1] || len - 1 > DISK_ID_MAX))
		cfg_error(node, "serial", "must be a string of 1 to %d characters", DISK_ID_MAX);
	strncpy(d->id, serial ? serial : d->name, DISK_ID_MAX);
	if (cfg_errors != before)
		return;
	d->valid = true;
	ndisks++;
}

void config_io_parse(int parts)
{
	int top, node;

	ndisks = 0;
	top = fdt_subnode_offset(cfg, 0, "disks");
	if (top >= 0) {
		check_names(top, (const char *const[]){ NULL }, NULL);
		fdt_for_each_subnode(node, cfg, top) {
			if (ndisks == VIO_MAX_DISKS) {
				cfg_error(node, NULL, "too many disks (at most %d)", VIO_MAX_DISKS);
				break;
			}
			parse_disk(node, parts);
		}
	}
}

/* Nodes under /top listing p in one of props that were refused: refuse p too. */
static unsigned int refused_users(int node, const struct partition *p, const char *top_name,
				  const char *const *props, bool (*accepted)(int node))
{
	int top = fdt_subnode_offset(cfg, 0, top_name), sub;
	unsigned int n = 0;
	const char *const *prop;

	if (top < 0)
		return 0;
	fdt_for_each_subnode(sub, cfg, top) {
		for (prop = props; *prop; prop++) {
			if (fdt_stringlist_search(cfg, sub, *prop, p->name) < 0)
				continue;
			n++;
			if (!accepted(sub)) {
				char path[96];

				node_path(sub, path, sizeof(path));
				cfg_error(node, NULL, "%s, which it uses, is not valid", path);
			}
		}
	}
	return n;
}

static bool disk_accepted(int node)
{
	unsigned int i;

	for (i = 0; i < ndisks; i++)
		if (disks[i].node == node)
			return true;
	return false;
}

void config_io_partition(int node, struct partition *p)
{
	static const char *const disk_props[] = { "writers", "readers", NULL };
	unsigned int n, i, k, w;

	n = refused_users(node, p, "disks", disk_props, disk_accepted);
	if (n > VIO_PER_PARTITION)
		cfg_error(node, NULL, "%u disks: at most %d", n, VIO_PER_PARTITION);
	/* a disk's area is the disk's alone */
	for (i = 0; i < ndisks; i++)
		for (k = 0; k < p->nmem; k++)
			if (range_overlaps(disks[i].pa, disks[i].size, p->mem[k].hpa,
					   p->mem[k].size))
				cfg_error(disks[i].node, "phys-mem",
					  "the area is also memory of partition %s", p->name);
	/* an emulated device never hides an assigned one */
	for (i = 0; i < p->ndev; i++)
		for (k = 0; k < p->nassigned; k++)
			for (w = 0; w < p->assigned[k].nwin; w++)
				if (range_overlaps(p->dev[i].gpa, p->dev[i].size,
						   p->assigned[k].win[w].pa,
						   p->assigned[k].win[w].size))
					cfg_error(node, "devices",
						  "a device assigned to it overlaps its emulated "
						  "%s at 0x%llx",
						  p->dev[i].type->name,
						  (unsigned long long)p->dev[i].gpa);
}

struct disk *vio_disk(const struct partition *p, unsigned int n, bool *writable)
{
	unsigned int i;

	for (i = 0; i < ndisks; i++) {
		struct disk *d = &disks[i];
		bool w = name_in(p->name, d->writers, d->nwriters);

		if (!w && !name_in(p->name, d->readers, d->nreaders))
			continue;
		if (n-- == 0) {
			*writable = w;
			return d;
		}
	}
	return NULL;
}

unsigned int vio_disk_count(const struct partition *p)
{
	unsigned int n = 0;
	bool w;

	while (vio_disk(p, n, &w))
		n++;
	return n;
}
