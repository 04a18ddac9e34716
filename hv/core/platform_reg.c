// SPDX-License-Identifier: GPL-2.0-only
/*
 * Addresses in the hardware tree: a node's reg translated to a CPU physical
 * address through its parents' ranges. Pure libfdt, also built for the host
 * unit tests.
 */
#include <libfdt.h>

#include <platform.h>
#include <string.h>

uint64_t platform_read_cells(const uint32_t *p, int cells)
{
	uint64_t v = 0;

	while (cells--)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/*
 * A count above FDT_MAX_NCELLS (4) is no count: like a malformed property,
 * it gives the default (the sums and products of counts stay small).
 */
int platform_cells(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != 4 || fdt32_to_cpu(*p) > FDT_MAX_NCELLS)
		return dflt;
	return (int)fdt32_to_cpu(*p);
}

int platform_path_offset(const void *fdt, const char *path, int len)
{
	static char buf[2][256]; /* the boot CPU only (platform_init, configuration) */
	const char *slash, *alias;
	int alen, rest, step;

	/* an alias may lead through others (QEMU: rtc = "i2c/rtc@68"), a few steps at most */
	for (step = 0; step < 4; step++) {
		if (len <= 0) /* libfdt takes "" for an alias named "" */
			return -FDT_ERR_BADPATH;
		if (path[0] == '/')
			return fdt_path_offset_namelen(fdt, path, len);
		slash = memchr(path, '/', len);
		alias = fdt_getprop_namelen(fdt, fdt_path_offset(fdt, "/aliases"), path,
					    slash ? slash - path : len, &alen);
		rest = slash ? len - (int)(slash - path) : 0;
		if (!alias || alen < 2 || alias[alen - 1] ||
		    alen - 1 + rest > (int)sizeof(buf[0]))
			return -FDT_ERR_BADPATH;
		if (rest)
			memcpy(buf[step & 1] + alen - 1, slash, rest);
		memcpy(buf[step & 1], alias, alen - 1);
		path = buf[step & 1];
		len = alen - 1 + rest;
	}
	return -FDT_ERR_BADPATH;
}

/*
 * Map a child-bus address through one bus's ranges. An empty ranges is the
 * identity; a bus without ranges is not memory-mapped at all (an I2C bus:
 * its children's reg are bus addresses, ePAPR 2.3.8).
 */
static int translate_up(const void *fdt, int bus, uint64_t *addr)
{
	int parent = fdt_parent_offset(fdt, bus);
	int len, ac, pac, sc, n, i;
	const fdt32_t *r;

	if (parent < 0)
		return 0;
	r = fdt_getprop(fdt, bus, "ranges", &len);
	if (!r)
		return -FDT_ERR_NOTFOUND;
	if (len == 0)
		return 0;
	ac = platform_cells(fdt, bus, "#address-cells", 2);
	sc = platform_cells(fdt, bus, "#size-cells", 1);
	pac = platform_cells(fdt, parent, "#address-cells", 2);
	if (ac + pac + sc == 0)
		return -FDT_ERR_BADNCELLS;
	n = len / 4 / (ac + pac + sc);
	for (i = 0; i < n; i++) {
		const fdt32_t *e = r + i * (ac + pac + sc);
		uint64_t cba = platform_read_cells(e, ac),
			 pba = platform_read_cells(e + ac, pac);
		uint64_t size = platform_read_cells(e + ac + pac, sc);

		if (*addr >= cba && *addr - cba < size) {
			*addr = *addr - cba + pba;
			return 0;
		}
	}
	return -FDT_ERR_NOTFOUND;
}

int platform_node_reg(const void *fdt, int node, int index, uint64_t *pa, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac, sc, len, bus, err;
	const fdt32_t *reg;

	if (parent < 0)
		return parent;
	ac = platform_cells(fdt, parent, "#address-cells", 2);
	sc = platform_cells(fdt, parent, "#size-cells", 1);
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return len;
	if (ac + sc == 0 || len < (index + 1) * (ac + sc) * 4)
		return -FDT_ERR_BADVALUE;
	reg += index * (ac + sc);
	*pa = platform_read_cells(reg, ac);
	if (size)
		*size = platform_read_cells(reg + ac, sc);
	for (bus = parent; bus > 0; bus = fdt_parent_offset(fdt, bus)) {
		err = translate_up(fdt, bus, pa);
		if (err)
			return err;
	}
	return 0;
}
