// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the reading of the hardware tree (hv/core/platform.c,
 * platform_reg.c) and of the guest trees made from it (guest_fdt.c), with
 * the trees the guest device-tree fuzzer found beryl mishandling (see
 * docs/fuzzing.md): each builds a small ppce500-like tree with one fault.
 * Built with the fuzzers' host stand-ins (tests/fuzz/include, stubs/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <libfdt.h>

#include <guest_fdt.h>
#include <partition.h>
#include <platform.h>
#include <vdev.h>

#include "stubs/hv_env.h"

#define SOC 0xFE0000000ull

static struct partition *one_partition(void);

/* What to get wrong in the tree. */
struct faults {
	uint32_t soc_address_cells; /* 0: the usual 1 */
	bool zero_cells_bus;	    /* a bus with ranges, 0 address and size cells */
	const char *stdout_path;    /* NULL: "/soc@fe0000000/serial@4500" */
	bool stdout_path_no_nul;    /* stdout_path's bytes without the terminating NUL */
	uint32_t poweroff_pin;
	bool nameless_alias;	 /* an alias whose name is outside the strings */
	const char *rtc_alias;	 /* NULL: "i2c/rtc@68", as QEMU's */
	bool rsvmap_without_end; /* the reserve map runs into the structure */
	bool second_memory;	 /* RAM in two memory nodes, 512 MiB at 2 GiB too */
	bool fake_memory;	 /* a top-level "memory@f00000000" that is a bus */
	bool memory_extras;	 /* the memory node with a subnode and linux,usable-memory */
	bool empty_alias;	 /* an alias named "" whose value is "" */
	bool root_size_cells_1;	 /* the root's #size-cells = <1> (memory reg in 2 + 1 cells) */
	bool cpus_typed_soc;	 /* /cpus says device_type = "soc" (and comes after the SoC) */
	bool cpus_typed_memory;	 /* /cpus says device_type = "memory" (before /memory) */
	bool soc_memory;	 /* a node of device_type "memory" on the SoC bus */
	bool prop_len_wraps;	 /* a property of length 0xfffffff4 (offset + 12 + len wraps) */
};

static char tree[8192];

static void cells(void *fdt, const char *name, int n, ...)
{
	fdt32_t v[8];
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(va_arg(ap, uint32_t));
	va_end(ap);
	assert_int_equal(fdt_property(fdt, name, v, n * 4), 0);
}

static void build_cpus(void *fdt, const struct faults *f)
{
	assert_int_equal(fdt_begin_node(fdt, "cpus"), 0);
	if (f->cpus_typed_soc)
		assert_int_equal(fdt_property_string(fdt, "device_type", "soc"), 0);
	if (f->cpus_typed_memory)
		assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	cells(fdt, "#address-cells", 1, 1u);
	cells(fdt, "#size-cells", 1, 0u);
	assert_int_equal(fdt_begin_node(fdt, "cpu@0"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "cpu"), 0);
	cells(fdt, "reg", 1, 0u);
	cells(fdt, "timebase-frequency", 1, 400000000u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
}

static void build(const struct faults *f)
{
	void *fdt = tree;
	int node, prop;

	assert_int_equal(fdt_create(fdt, sizeof(tree)), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	cells(fdt, "#address-cells", 1, 2u);
	cells(fdt, "#size-cells", 1, f->root_size_cells_1 ? 1u : 2u);

	if (!f->cpus_typed_soc)
		build_cpus(fdt, f);

	assert_int_equal(fdt_begin_node(fdt, "memory"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	if (f->root_size_cells_1)
		cells(fdt, "reg", 3, 0u, 0u, 0x20000000u);
	else
		cells(fdt, "reg", 4, 0u, 0u, 0u, 0x20000000u);
	if (f->memory_extras) {
		cells(fdt, "linux,usable-memory", 4, 0u, 0u, 0u, 0x20000000u);
		assert_int_equal(fdt_begin_node(fdt, "bank"), 0);
		cells(fdt, "reg", 4, 0u, 0u, 0u, 0x20000000u);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);

	if (f->second_memory) {
		assert_int_equal(fdt_begin_node(fdt, "memory@80000000"), 0);
		assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
		cells(fdt, "reg", 4, 0u, 0x80000000u, 0u, 0x20000000u);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	if (f->fake_memory) {
		assert_int_equal(fdt_begin_node(fdt, "memory@f00000000"), 0);
		assert_int_equal(fdt_property_string(fdt, "device_type", "pci"), 0);
		cells(fdt, "reg", 4, 0xfu, 0u, 0u, 0x1000u);
		assert_int_equal(fdt_end_node(fdt), 0);
	}

	assert_int_equal(fdt_begin_node(fdt, "soc@fe0000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "soc"), 0);
	cells(fdt, "#address-cells", 1, f->soc_address_cells ? f->soc_address_cells : 1u);
	cells(fdt, "#size-cells", 1, 1u);
	cells(fdt, "ranges", 4, 0u, 0xFu, 0xE0000000u, 0x100000u);
	if (f->soc_memory) {
		assert_int_equal(fdt_begin_node(fdt, "sram@10000"), 0);
		assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
		cells(fdt, "reg", 2, 0x10000u, 0x1000u);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_begin_node(fdt, "serial@4500"), 0);
	cells(fdt, "reg", 2, 0x4500u, 0x100u);
	cells(fdt, "interrupts", 2, 42u, 2u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "gpio@ff000"), 0);
	cells(fdt, "reg", 2, 0xff000u, 0x1000u);
	cells(fdt, "phandle", 1, 5u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "power-off"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "gpio-poweroff"), 0);
	cells(fdt, "gpios", 3, 5u, f->poweroff_pin, 0u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "i2c@3000"), 0);
	cells(fdt, "reg", 2, 0x3000u, 0x14u);
	assert_int_equal(fdt_begin_node(fdt, "rtc@68"), 0);
	cells(fdt, "reg", 1, 0x68u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	if (f->zero_cells_bus) {
		/* zb1's ranges: 0 child, 0 parent (zb0's) and 0 size cells */
		assert_int_equal(fdt_begin_node(fdt, "zb0"), 0);
		cells(fdt, "#address-cells", 1, 0u);
		cells(fdt, "#size-cells", 1, 0u);
		cells(fdt, "ranges", 1, 0x8000u);
		assert_int_equal(fdt_begin_node(fdt, "zb1"), 0);
		cells(fdt, "#address-cells", 1, 0u);
		cells(fdt, "#size-cells", 1, 0u);
		cells(fdt, "ranges", 1, 1u);
		assert_int_equal(fdt_begin_node(fdt, "bus"), 0);
		cells(fdt, "#address-cells", 1, 1u);
		cells(fdt, "#size-cells", 1, 1u);
		assert_int_equal(fdt_property(fdt, "ranges", NULL, 0), 0);
		assert_int_equal(fdt_begin_node(fdt, "dev"), 0);
		cells(fdt, "reg", 2, 0u, 0x10u);
		assert_int_equal(fdt_end_node(fdt), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0); /* soc */

	if (f->cpus_typed_soc) /* after the SoC: the first "soc" is still the SoC */
		build_cpus(fdt, f);

	assert_int_equal(fdt_begin_node(fdt, "aliases"), 0);
	assert_int_equal(fdt_property_string(fdt, "i2c", "/soc@fe0000000/i2c@3000"), 0);
	assert_int_equal(
	    fdt_property_string(fdt, "rtc", f->rtc_alias ? f->rtc_alias : "i2c/rtc@68"),
	    0);
	assert_int_equal(
	    fdt_property_string(fdt, "serial0", "/soc@fe0000000/serial@4500"), 0);
	if (f->empty_alias)
		assert_int_equal(fdt_property_string(fdt, "", ""), 0);
	assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_begin_node(fdt, "chosen"), 0);
	if (f->stdout_path_no_nul)
		assert_int_equal(fdt_property(fdt, "stdout-path", f->stdout_path,
					      (int)strlen(f->stdout_path)),
				 0);
	else
		assert_int_equal(fdt_property_string(fdt, "stdout-path",
						     f->stdout_path
							 ? f->stdout_path
							 : "/soc@fe0000000/serial@4500"),
				 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0); /* root */
	assert_int_equal(fdt_finish(fdt), 0);

	if (f->nameless_alias) {
		node = fdt_path_offset(fdt, "/aliases");
		prop = fdt_first_property_offset(fdt, node);
		((struct fdt_property *)fdt_get_property_by_offset(fdt, prop, NULL))
		    ->nameoff = cpu_to_fdt32(0x7fffff00);
	}
	if (f->prop_len_wraps) {
		node = fdt_path_offset(fdt, "/chosen");
		prop = fdt_first_property_offset(fdt, node);
		((struct fdt_property *)fdt_get_property_by_offset(fdt, prop, NULL))->len =
		    cpu_to_fdt32(0xfffffff4u);
	}
	if (f->rsvmap_without_end) /* the reserve map starts on the last 16 bytes of the
				      structure */
		fdt_set_off_mem_rsvmap(fdt, fdt_off_dt_strings(fdt) - 8);
}

static void load(const struct faults *f)
{
	memset(&platform, 0, sizeof(platform));
	fuzz_env_reset();
	build(f);
	assert_int_equal(platform_init(tree), 0);
}

static void test_sound_tree(void **state)
{
	const struct faults f = {.poweroff_pin = 0};

	load(&f);
	assert_true(platform.uart_pa == SOC + 0x4500);
	assert_true(platform.gpio_pa == SOC + 0xff000);
	assert_int_equal(platform.poweroff_pin, 0);
	/* one alias step, to a full path */
	assert_int_equal(platform_path_offset(tree, "i2c/rtc@68", 10),
			 fdt_path_offset(tree, "/soc@fe0000000/i2c@3000/rtc@68"));
	/* and a few more (QEMU's rtc = "i2c/rtc@68" names the node through another alias) */
	assert_int_equal(platform_path_offset(tree, "rtc", 3),
			 fdt_path_offset(tree, "/soc@fe0000000/i2c@3000/rtc@68"));
}

/*
 * #address-cells = 0x40000001 (the fuzzer's): the reg length check of
 * platform_node_reg() overflowed an int (UBSan stops the test), and a count
 * read as negative made platform_read_cells() loop through memory.
 */
static void test_absurd_address_cells(void **state)
{
	const struct faults f = {.soc_address_cells = 0x40000001u};
	uint64_t pa;

	load(&f);
	/* such a count is no count: with the default (2), this reg is too short */
	assert_int_equal(
	    platform_node_reg(tree, fdt_path_offset(tree, "/soc@fe0000000/serial@4500"),
			      0, &pa, NULL),
	    -FDT_ERR_BADVALUE);
	assert_int_equal(platform_cells(tree, fdt_path_offset(tree, "/soc@fe0000000"),
					"#address-cells", 7),
			 7);
}

/* A bus with ranges and no address or size cells at all: a division by zero. */
static void test_bus_of_zero_cells(void **state)
{
	const struct faults f = {.zero_cells_bus = true};
	uint64_t pa;

	load(&f);
	assert_int_equal(
	    platform_node_reg(tree,
			      fdt_path_offset(tree, "/soc@fe0000000/zb0/zb1/bus/dev"), 0,
			      &pa, NULL),
	    -FDT_ERR_BADNCELLS);
}

/* stdout-path naming an alias the tree does not have: strlen(NULL). */
static void test_stdout_path_unknown_alias(void **state)
{
	const struct faults f = {.stdout_path = "serial9:115200n8"};

	load(&f);
	assert_true(platform.uart_pa == 0);
	assert_int_equal(platform.uart_irq, -1);
}

/* The same through an alias that exists. */
static void test_stdout_path_alias(void **state)
{
	const struct faults f = {.stdout_path = "serial0:115200n8"};

	load(&f);
	assert_true(platform.uart_pa == SOC + 0x4500);
	assert_int_equal(platform.uart_irq, 42);
}

/*
 * A stdout-path without its NUL: read as a string, past the property (here
 * only into the structure block's padding, which ends it where a NUL would:
 * the UART was found). Such a property is no path.
 */
static void test_stdout_path_without_nul(void **state)
{
	const struct faults f = {.stdout_path = "/soc@fe0000000/serial@4500",
				 .stdout_path_no_nul = true};

	load(&f);
	assert_true(platform.uart_pa == 0);
	assert_int_equal(platform.uart_irq, -1);
}

/*
 * gpio-poweroff on line 34818 of a 32-line controller: 0x80000000 >> 34818
 * (undefined; on the e500, srw uses 6 bits: line 2) in partition_boot() and
 * platform_poweroff().
 */
static void test_poweroff_pin_beyond_31(void **state)
{
	const struct faults f = {.poweroff_pin = 34818};

	load(&f);
	assert_int_equal(platform.poweroff_pin, -1);
}

/*
 * A reserve map with no end entry before the tree's end: fdt_open_into()
 * (the start of every guest tree) took fdt_num_mem_rsv()'s error for a
 * count and moved memory by a negative length. The tree is refused.
 */
static void test_reserve_map_without_end(void **state)
{
	const struct faults f = {.rsvmap_without_end = true};

	memset(&platform, 0, sizeof(platform));
	build(&f);
	assert_true(platform_init(tree) < 0);
}

/*
 * The reserve map after the strings (a block order libfdt accepts): the
 * private copy of the tree (platform_keep_tree) ended with the strings and
 * lost it, and fdt_open_into() moved memory by a negative length. Such a
 * tree is kept where it is.
 */
static void test_reserve_map_after_strings(void **state)
{
	const struct faults f = {0};
	static char buf[PART_FDT_MAX];
	uint32_t end;

	load(&f);
	end = (fdt_totalsize(tree) + 7) & ~7u;
	memset(tree + end, 0, 16); /* the end entry */
	fdt_set_off_mem_rsvmap(tree, end);
	fdt_set_totalsize(tree, end + 16);
	memset(&platform, 0, sizeof(platform));
	assert_int_equal(platform_init(tree), 0);
	platform_keep_tree();
	assert_int_equal(fdt_num_mem_rsv(platform.fdt), 0);
	assert_true(guest_fdt_build(one_partition(), buf, sizeof(buf)) > 0);
}

static struct partition *one_partition(void)
{
	struct partition *p = &partitions[0];

	memset(p, 0, sizeof(*p));
	strcpy(p->name, "p");
	p->nmem = 1;
	p->mem[0] = (struct mem_region){0, 0x08000000, 0x04000000, false};
	p->nvcpus = 1;
	npartitions = 1;
	assert_int_equal(vdev_attach_all(p), 0); /* the emulated UART, MPIC, ... */
	return p;
}

/*
 * An alias whose value starts with itself: libfdt resolves it again and
 * again (rtc = "rtc/rtc@68"), until the stack overflows. Resolved one step
 * only, it leads nowhere and is left out of the guest tree.
 */
static void test_alias_loop(void **state)
{
	const struct faults f = {.rtc_alias = "rtc/rtc@68"};
	static char buf[PART_FDT_MAX];

	load(&f);
	assert_true(platform_path_offset(tree, "rtc", 3) < 0);
	assert_true(platform_path_offset(tree, "rtc/x", 5) < 0);
	assert_true(guest_fdt_build(one_partition(), buf, sizeof(buf)) > 0);
	assert_null(fdt_getprop(buf, fdt_path_offset(buf, "/aliases"), "rtc", NULL));
	assert_non_null(
	    fdt_getprop(buf, fdt_path_offset(buf, "/aliases"), "serial0", NULL));
}

/*
 * An alias property whose name is outside the strings block: guest_fdt.c
 * passed an uninitialised pointer to fdt_delprop(). Now the tree is not
 * built (a damaged hardware tree).
 */
static void test_nameless_alias(void **state)
{
	const struct faults f = {.nameless_alias = true};
	static char buf[PART_FDT_MAX];

	load(&f);
	assert_int_equal(guest_fdt_build(one_partition(), buf, sizeof(buf)),
			 -FDT_ERR_BADSTRUCTURE);
}

/*
 * RAM described by two memory nodes (platform.c reads them all): the guest
 * tree rewrote the first one and kept the second, so the guest saw the
 * host's RAM at 2 GiB as its own. Only the partition's memory is shown.
 */
static void test_second_memory_node(void **state)
{
	const struct faults f = { .second_memory = true };
	static char buf[PART_FDT_MAX];
	int node;

	load(&f);
	assert_int_equal(platform.nram, 2);
	assert_true(guest_fdt_build(one_partition(), buf, sizeof(buf)) > 0);
	node = fdt_node_offset_by_prop_value(buf, -1, "device_type", "memory", 7);
	assert_true(node >= 0);
	assert_int_equal(fdt_node_offset_by_prop_value(buf, node, "device_type", "memory", 7),
			 -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(buf, "/memory@80000000"), -FDT_ERR_NOTFOUND);
}

/*
 * The host's memory node with more than its type and ranges (found by the
 * guest tree fuzzer: a subnode of type memory): the guest's memory node
 * kept the host's subnodes and properties, which describe the host's RAM
 * (Linux takes linux,usable-memory over reg). Only type and reg remain.
 */
static void test_memory_node_extras(void **state)
{
	const struct faults f = { .memory_extras = true };
	static char buf[PART_FDT_MAX];
	const fdt32_t *reg;
	struct partition *p;
	int node, len;

	load(&f);
	p = one_partition();
	assert_true(guest_fdt_build(p, buf, sizeof(buf)) > 0);
	node = fdt_path_offset(buf, "/memory");
	assert_true(node >= 0);
	assert_int_equal(fdt_first_subnode(buf, node), -FDT_ERR_NOTFOUND);
	assert_null(fdt_getprop(buf, node, "linux,usable-memory", NULL));
	reg = fdt_getprop(buf, node, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[1]), p->mem[0].gpa); /* the partition's range */
	assert_int_equal(fdt32_to_cpu(reg[3]), p->mem[0].size);
}

/*
 * /cpus of device_type "soc" (found by the guest tree fuzzer): the guest
 * tree's device pruning took it for the SoC bus and deleted the cpu nodes
 * as devices the partition does not have: a guest tree without CPUs.
 */
static void test_cpus_typed_soc(void **state)
{
	const struct faults f = { .cpus_typed_soc = true };
	static char buf[PART_FDT_MAX];
	int cpus;

	load(&f);
	assert_true(guest_fdt_build(one_partition(), buf, sizeof(buf)) > 0);
	cpus = fdt_path_offset(buf, "/cpus");
	assert_true(cpus >= 0);
	assert_true(fdt_subnode_offset(buf, cpus, "cpu@0") >= 0);
}

/*
 * An alias named "" whose value is "" (found by the guest tree fuzzer): the
 * empty path went to libfdt, which takes it for the alias "", whose value is
 * the empty path again, until the stack overflows. An empty path is none.
 */
static void test_empty_alias(void **state)
{
	const struct faults f = { .empty_alias = true };
	static char buf[PART_FDT_MAX];
	int aliases;

	load(&f);
	assert_true(platform_path_offset(tree, "", 0) < 0);
	assert_true(guest_fdt_build(one_partition(), buf, sizeof(buf)) > 0);
	aliases = fdt_path_offset(buf, "/aliases");
	assert_null(fdt_getprop(buf, aliases, "", NULL));
	assert_non_null(fdt_getprop(buf, aliases, "serial0", NULL));
}

/*
 * A root with #size-cells = <1> (found by the guest tree fuzzer, with both
 * cells 1): the guest's memory reg was written in 2 + 2 cells whatever the
 * root said, so the guest read other ranges than its own. It follows the
 * root's cells now.
 */
static void test_root_size_cells_1(void **state)
{
	const struct faults f = { .root_size_cells_1 = true };
	static char buf[PART_FDT_MAX];
	const fdt32_t *reg;
	struct partition *p;
	int len;

	load(&f);
	p = one_partition();
	assert_true(guest_fdt_build(p, buf, sizeof(buf)) > 0);
	reg = fdt_getprop(buf, fdt_path_offset(buf, "/memory"), "reg", &len);
	assert_int_equal(len, 12);
	assert_int_equal(fdt32_to_cpu(reg[0]), p->mem[0].gpa >> 32);
	assert_int_equal(fdt32_to_cpu(reg[1]), (uint32_t)p->mem[0].gpa);
	assert_int_equal(fdt32_to_cpu(reg[2]), p->mem[0].size);
}

/* A top-level node named like memory but of another type is no memory. */
static void test_node_named_memory(void **state)
{
	const struct faults f = { .fake_memory = true };
	static char buf[PART_FDT_MAX];

	load(&f);
	assert_true(guest_fdt_build(one_partition(), buf, sizeof(buf)) > 0);
	assert_int_equal(fdt_path_offset(buf, "/memory@f00000000"), -FDT_ERR_NOTFOUND);
	assert_true(fdt_path_offset(buf, "/memory") >= 0);
}

/*
 * /cpus of device_type "memory", before the memory node (found by the
 * guest tree fuzzer): the guest tree's memory node was the first node of
 * that type, /cpus, stripped of its cpu nodes: a guest tree without CPUs.
 * The memory nodes are those Linux reads (platform_next_memory()).
 */
static void test_cpus_typed_memory(void **state)
{
	const struct faults f = { .cpus_typed_memory = true };
	static char buf[PART_FDT_MAX];
	const fdt32_t *reg;
	struct partition *p;
	int cpus, len;

	load(&f);
	assert_int_equal(platform.nram, 1);
	assert_int_equal(platform_next_memory(tree, -1), fdt_path_offset(tree, "/memory"));
	p = one_partition();
	assert_true(guest_fdt_build(p, buf, sizeof(buf)) > 0);
	cpus = fdt_path_offset(buf, "/cpus");
	assert_true(cpus >= 0);
	assert_true(fdt_subnode_offset(buf, cpus, "cpu@0") >= 0);
	assert_null(fdt_getprop(buf, cpus, "reg", NULL));
	reg = fdt_getprop(buf, fdt_path_offset(buf, "/memory"), "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[1]), p->mem[0].gpa);
	assert_int_equal(fdt32_to_cpu(reg[3]), p->mem[0].size);
}

/*
 * A node of device_type "memory" inside the SoC bus (what the guest tree
 * fuzzer's /cpus case led to): it was RAM to beryl (device space a
 * partition's memory could be placed on), and it was the guest's memory
 * node if it came first. Linux reads RAM from top-level nodes only; so
 * does beryl now, and the node is a device like any other.
 */
static void test_nested_memory_node(void **state)
{
	const struct faults f = { .soc_memory = true };
	static char buf[PART_FDT_MAX];

	load(&f);
	assert_int_equal(platform.nram, 1);
	assert_null(platform_ram_at(SOC + 0x10000));
	assert_true(guest_fdt_build(one_partition(), buf, sizeof(buf)) > 0);
	assert_true(fdt_path_offset(buf, "/memory") >= 0);
	assert_int_equal(fdt_path_offset(buf, "/soc@fe0000000/sram@10000"), -FDT_ERR_NOTFOUND);
}

/*
 * A property whose length is 0xfffffff4 (found by the guest tree fuzzer):
 * libfdt's next tag after it is the same property again, and every walk
 * of the tree (the memory nodes first) went round forever: beryl hung at
 * boot. The tree is refused. (Without the fix this test never ends.)
 */
static void test_property_length_wraps(void **state)
{
	const struct faults f = { .prop_len_wraps = true };

	memset(&platform, 0, sizeof(platform));
	fuzz_env_reset();
	build(&f);
	assert_int_equal(platform_init(tree), -FDT_ERR_BADSTRUCTURE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sound_tree),
	    cmocka_unit_test(test_absurd_address_cells),
	    cmocka_unit_test(test_bus_of_zero_cells),
	    cmocka_unit_test(test_stdout_path_unknown_alias),
	    cmocka_unit_test(test_stdout_path_alias),
	    cmocka_unit_test(test_stdout_path_without_nul),
	    cmocka_unit_test(test_poweroff_pin_beyond_31),
	    cmocka_unit_test(test_reserve_map_without_end),
	    cmocka_unit_test(test_reserve_map_after_strings),
	    cmocka_unit_test(test_alias_loop),
	    cmocka_unit_test(test_nameless_alias),
	    cmocka_unit_test(test_second_memory_node),
	    cmocka_unit_test(test_node_named_memory),
	    cmocka_unit_test(test_memory_node_extras),
	    cmocka_unit_test(test_cpus_typed_soc),
	    cmocka_unit_test(test_empty_alias),
	    cmocka_unit_test(test_root_size_cells_1),
	    cmocka_unit_test(test_cpus_typed_memory),
	    cmocka_unit_test(test_nested_memory_node),
	    cmocka_unit_test(test_property_length_wraps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
