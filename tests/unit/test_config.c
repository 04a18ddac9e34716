// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the configuration validator (hv/core/config.c) with the
 * blobs the configuration fuzzer found it mishandling (docs/fuzzing.md), on
 * a small ppce500-like hardware tree (1 CPU, 512 MiB). Built with the
 * fuzzers' host stand-ins (tests/fuzz/include, stubs/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <libfdt.h>

#include <config.h>
#include <partition.h>
#include <platform.h>

#include "stubs/hv_env.h"

static char hw[2048], cfg[4096];

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

static void build_hw(void)
{
	void *fdt = hw;

	assert_int_equal(fdt_create(fdt, sizeof(hw)), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	cells(fdt, "#address-cells", 1, 2u);
	cells(fdt, "#size-cells", 1, 2u);
	assert_int_equal(fdt_begin_node(fdt, "cpus"), 0);
	assert_int_equal(fdt_begin_node(fdt, "cpu@0"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "cpu"), 0);
	cells(fdt, "timebase-frequency", 1, 400000000u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "memory"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	cells(fdt, "reg", 4, 0u, 0u, 0u, 0x20000000u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "soc@fe0000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "soc"), 0);
	cells(fdt, "#address-cells", 1, 1u);
	cells(fdt, "#size-cells", 1, 1u);
	cells(fdt, "ranges", 4, 0u, 0xFu, 0xE0000000u, 0x100000u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
}

/*
 * A 32-bit big-endian PowerPC executable with one segment at guest physical
 * 0, as the host build of elf_loader.c reads it: the header fields in the
 * host's byte order (it reads them natively, which on the e500 is big-endian).
 */
static void image(void *fdt)
{
	struct {
		uint8_t ident[16];
		uint16_t type, machine;
		uint32_t version, entry, phoff, shoff, flags;
		uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
		uint32_t p_type, offset, vaddr, paddr, filesz, memsz, p_flags, align;
	} __attribute__((packed)) elf = {
	    .ident = "\177ELF\1\2\1",
	    .type = 2,
	    .machine = 20,
	    .version = 1,
	    .entry = 0x100,
	    .phoff = 52,
	    .ehsize = 52,
	    .phentsize = 32,
	    .phnum = 1,
	    .p_type = 1,
	    .filesz = 84,
	    .memsz = 0x2000,
	    .p_flags = 5,
	    .align = 0x1000,
	};

	assert_int_equal(fdt_property(fdt, "image", &elf, sizeof(elf)), 0);
}

/* One partition "name" on CPU 0 with 64 MiB at 128 MiB. */
static void build_cfg(const char *name)
{
	void *fdt = cfg;

	assert_int_equal(fdt_create(fdt, sizeof(cfg)), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "beryl,config"), 0);
	assert_int_equal(fdt_begin_node(fdt, "phys-mem"), 0);
	assert_int_equal(fdt_begin_node(fdt, "ram"), 0);
	cells(fdt, "reg", 4, 0u, 0x08000000u, 0u, 0x04000000u);
	cells(fdt, "phandle", 1, 1u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "partitions"), 0);
	assert_int_equal(fdt_begin_node(fdt, name), 0);
	cells(fdt, "cpus", 1, 0u);
	image(fdt);
	assert_int_equal(fdt_begin_node(fdt, "memory"), 0);
	assert_int_equal(fdt_begin_node(fdt, "ram"), 0);
	cells(fdt, "phys-mem", 1, 1u);
	cells(fdt, "guest-addr", 2, 0u, 0u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
}

static int load(void)
{
	memset(&platform, 0, sizeof(platform));
	memset(partitions, 0, sizeof(partitions));
	npartitions = 0;
	fuzz_env_reset();
	build_hw();
	assert_int_equal(platform_init(hw), 0);
	return config_load(cfg, fdt_totalsize(cfg));
}

static void test_sound_config(void **state)
{
	build_cfg("p");
	assert_int_equal(load(), 0);
	assert_int_equal(npartitions, 1);
	assert_string_equal(partitions[0].name, "p");
	/* again: config_load() starts from no areas each time */
	assert_int_equal(load(), 0);
	assert_int_equal(npartitions, 1);
}

/*
 * A property whose name offset lies outside the strings block: check_names()
 * compared an uninitialised pointer (fdt_getprop_by_offset() does not set
 * the name when it fails).
 */
static void test_property_without_name(void **state)
{
	int node, prop;

	build_cfg("p");
	node = fdt_path_offset(cfg, "/partitions/p");
	prop = fdt_first_property_offset(cfg, node);
	((struct fdt_property *)fdt_get_property_by_offset(cfg, prop, NULL))->nameoff =
	    cpu_to_fdt32(0x7fffff00);
	assert_int_equal(load(), 2); /* and then 'cpus' (that property) is missing */
	assert_int_equal(npartitions, 0);
	assert_non_null(
	    strstr(fuzz_log_all, "config: /partitions/p: a property has no valid name"));
}

/* A partition node with an empty name (no dtc writes one): refused. */
static void test_partition_without_name(void **state)
{
	build_cfg("");
	assert_int_equal(load(), 1);
	assert_int_equal(npartitions, 0);
	assert_non_null(strstr(fuzz_log_all, "a partition node without a name"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sound_config),
	    cmocka_unit_test(test_property_without_name),
	    cmocka_unit_test(test_partition_without_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
