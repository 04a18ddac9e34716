// SPDX-License-Identifier: GPL-2.0-only
/* Reading the hardware device tree with libfdt. */
#include <libfdt.h>

#include <arch.h>
#include <console.h>
#include <drivers/fsl_soc.h>
#include <hvmem.h>
#include <platform.h>
#include <printf.h>
#include <range.h>

struct platform platform;

static int parse_cpus(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, len;

	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *p;

		if (!type || strcmp(type, "cpu"))
			continue;
		if (platform.ncpus == 0) {
			p = fdt_getprop(fdt, node, "timebase-frequency", &len);
			if (p && len == 4)
				platform.tb_freq = fdt32_to_cpu(*p);
		}
		if (platform.ncpus < PLATFORM_MAX_CPUS) {
			p = fdt_getprop(fdt, node, "cpu-release-addr", &len);
			platform.spin_table_pa[platform.ncpus] =
				p && len == 8 ? platform_read_cells(p, 2) : 0;
		}
		platform.ncpus++;
	}
	return platform.tb_freq ? 0 : -FDT_ERR_NOTFOUND;
}

int platform_next_memory(const void *fdt, int prev)
{
	static const char *const others[] = { "cpus", "chosen", "aliases", NULL };
	int node = prev < 0 ? fdt_first_subnode(fdt, 0) : fdt_next_subnode(fdt, prev);

	for (; node >= 0; node = fdt_next_subnode(fdt, node)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *name = fdt_get_name(fdt, node, NULL);
		const char *const *o;
		size_t len;

		if (!type || strcmp(type, "memory") || !name)
			continue;
		for (o = others; *o; o++) {
			len = strlen(*o);
			if (!strncmp(name, *o, len) && (!name[len] || name[len] == '@'))
				break;
		}
		if (!*o)
			return node;
	}
	return node;
}

/*
 * Every reg entry of every memory node: boards describe RAM in several
 * ranges, above 4 GiB too. Ranges that wrap or overlap are refused.
 */
static int parse_memory(const void *fdt)
{
	int node = -1, i;

	while ((node = platform_next_memory(fdt, node)) >= 0) {
		for (i = 0;; i++) {
			struct platform_ram r;
			unsigned int k;

			if (platform_node_reg(fdt, node, i, &r.base, &r.size))
				break;
			if (!r.size)
				continue;
			if (!range_valid(r.base, r.size) || platform.nram == PLATFORM_MAX_RAM)
				return -FDT_ERR_BADVALUE;
			for (k = 0; k < platform.nram; k++)
				if (range_overlaps(r.base, r.size, platform.ram[k].base,
						   platform.ram[k].size))
					return -FDT_ERR_BADVALUE;
			platform.ram[platform.nram++] = r;
			platform.ram_total += r.size;
		}
	}
	return platform.nram ? 0 : -FDT_ERR_NOTFOUND;
}

const struct platform_ram *platform_ram_at(uint64_t pa)
{
	unsigned int k;

	for (k = 0; k < platform.nram; k++)
		if (range_contains(platform.ram[k].base, platform.ram[k].size, pa))
			return &platform.ram[k];
	return NULL;
}

bool platform_is_ram(uint64_t pa, uint64_t size)
{
	const struct platform_ram *r = platform_ram_at(pa);

	return r && range_inside(pa, size, r->base, r->size);
}

static void parse_poweroff(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "gpio-poweroff");
	const fdt32_t *p;
	int len, ctrl;

	platform.poweroff_pin = -1;
	if (node < 0)
		return;
	p = fdt_getprop(fdt, node, "gpios", &len);
	if (!p || len < 8)
		return;
	ctrl = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[0]));
	/* a line of the controller's 32-bit GPDAT (pin 0 its top bit), or none */
	if (ctrl < 0 || fdt32_to_cpu(p[1]) >= 32 ||
	    platform_node_reg(fdt, ctrl, 0, &platform.gpio_pa, NULL))
		return;
	platform.poweroff_pin = fdt32_to_cpu(p[1]);
}

static void parse_chosen(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len, node;
	const char *path;
	const fdt32_t *p;

	if (chosen < 0)
		return;
	p = fdt_getprop(fdt, chosen, "linux,initrd-start", &len);
	if (p && (len == 4 || len == 8))
		platform.initrd_start = platform_read_cells(p, len / 4);
	p = fdt_getprop(fdt, chosen, "linux,initrd-end", &len);
	if (p && (len == 4 || len == 8))
		platform.initrd_end = platform_read_cells(p, len / 4);

	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path || !len || path[len - 1])
		return;
	/* "path:options" or an alias */
	len = strchr(path, ':') ? strchr(path, ':') - path : (int)strlen(path);
	node = platform_path_offset(fdt, path, len);
	if (node < 0 || platform_node_reg(fdt, node, 0, &platform.uart_pa, NULL))
		return;
	p = fdt_getprop(fdt, node, "clock-frequency", &len);
	platform.uart_clock = p && len == 4 ? fdt32_to_cpu(*p) : 0;
	p = fdt_getprop(fdt, node, "interrupts", &len);
	platform.uart_irq = p && len >= 4 ? (int)fdt32_to_cpu(*p) : -1;
}

/*
 * Keep a compact private copy of the tree: boot loaders hand over trees with
 * a lot of free space (QEMU's is 1 MiB) in RAM a partition may later use.
 */
static const void *copy_tree(const void *fdt)
{
	uint32_t used = fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt);
	void *copy;

	if (fdt_off_mem_rsvmap(fdt) > fdt_off_dt_struct(fdt) ||
	    fdt_off_dt_struct(fdt) > fdt_off_dt_strings(fdt) || used > fdt_totalsize(fdt))
		return fdt; /* unusual block order: keep the original */
	copy = hvmem_alloc(used, 8);
	if (!copy)
		return fdt;
	memcpy(copy, fdt, used);
	fdt_set_totalsize(copy, used);
	return copy;
}

/*
 * Every tag of the structure block lies after the one before: libfdt
 * takes a property whose length wraps the offset round to itself
 * (0xfffffff4) for one of no length at the same place, and walks it
 * forever (found by the guest tree fuzzer: beryl hung at boot).
 */
static int check_structure(const void *fdt)
{
	int offset = 0, next;

	for (;;) {
		if (fdt_next_tag(fdt, offset, &next) == FDT_END)
			return next < 0 ? next : 0;
		if (next <= offset)
			return -FDT_ERR_BADSTRUCTURE;
		offset = next;
	}
}

int platform_init(const void *fdt)
{
	int err, soc, node;

	err = fdt_check_header(fdt);
	if (!err)
		err = check_structure(fdt);
	if (err)
		return err;
	/*
	 * A reserve map without its end entry: fdt_open_into() (every guest
	 * tree starts with it) would take the error for a size and move
	 * memory by a negative length.
	 */
	if (fdt_num_mem_rsv(fdt) < 0)
		return fdt_num_mem_rsv(fdt);
	platform.fdt = fdt;
	err = parse_memory(fdt);
	if (err)
		return err;
	err = parse_cpus(fdt);
	if (err)
		return err;
	soc = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "soc", 4);
	if (soc >= 0) {
		int len, pac = platform_cells(fdt, fdt_parent_offset(fdt, soc), "#address-cells", 2);
		int ac = platform_cells(fdt, soc, "#address-cells", 1);
		int sc = platform_cells(fdt, soc, "#size-cells", 1);
		const fdt32_t *r = fdt_getprop(fdt, soc, "ranges", &len);

		if (r && len >= (ac + pac + sc) * 4) {
			platform.ccsr_pa = platform_read_cells(r + ac, pac);
			platform.ccsr_size = platform_read_cells(r + ac + pac, sc);
		}
	}
	if (!platform.ccsr_size)
		return -FDT_ERR_NOTFOUND;
	platform.uart_irq = -1;
	parse_chosen(fdt);
	parse_poweroff(fdt);
	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "open-pic", 9);
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "fsl,mpic");
	if (node >= 0)
		platform_node_reg(fdt, node, 0, &platform.mpic_pa, &platform.mpic_size);
	node = fdt_node_offset_by_compatible(fdt, -1, "fsl,mpc8544-guts");
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "fsl,mpc8548-guts");
	if (node >= 0)
		platform_node_reg(fdt, node, 0, &platform.guts_pa, NULL);
	return 0;
}

/* Once the hypervisor's memory is mapped: move to a private copy of the tree. */
void platform_keep_tree(void)
{
	const void *copy = copy_tree(platform.fdt);

	platform.fdt = copy;
}

void platform_poweroff(void)
{
	uintptr_t gpio = hvmem_phys_to_virt(platform.gpio_pa);

	console_flush_sync(); /* what is queued, before the machine stops */
	if (platform.poweroff_pin >= 0 && gpio)
		fsl_gpio_set_output(gpio, (unsigned int)platform.poweroff_pin);
	arch_cpu_halt();
}

void platform_reset(void)
{
	uintptr_t guts = platform.guts_pa ? hvmem_phys_to_virt(platform.guts_pa) : 0;

	console_flush_sync();
	if (guts)
		fsl_guts_reset(guts);
	platform_poweroff();
}
