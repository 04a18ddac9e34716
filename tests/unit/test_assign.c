// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the device assignment checks (hv/core/assign_check.c) on a
 * small hardware tree shaped like QEMU's ppce500 one (the SoC at
 * 0xF_E000_0000, the MPIC, two UARTs sharing a page and a source, the I2C
 * controller with an RTC on its bus), plus devices made up to hit each rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <libfdt.h>

#include <assign.h>

#define SOC 0xFE0000000ull
#define MPIC_PHANDLE 1
#define OTHER_IC_PHANDLE 2

static char tree[8192];

static void prop_cells(void *fdt, const char *name, int n, ...)
{
	fdt32_t v[16];
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(va_arg(ap, uint32_t));
	va_end(ap);
	assert_int_equal(fdt_property(fdt, name, v, n * 4), 0);
}

/* A node on the SoC bus: reg <off size>, interrupts <src 2> unless src < 0. */
static void soc_device(void *fdt, const char *name, uint32_t off, uint32_t size, int src)
{
	assert_int_equal(fdt_begin_node(fdt, name), 0);
	if (size)
		prop_cells(fdt, "reg", 2, off, size);
	if (src >= 0)
		prop_cells(fdt, "interrupts", 2, (uint32_t)src, 2u);
}

static void build_tree(void)
{
	void *fdt = tree;

	assert_int_equal(fdt_create(fdt, sizeof(tree)), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	prop_cells(fdt, "#address-cells", 1, 2u);
	prop_cells(fdt, "#size-cells", 1, 2u);
	prop_cells(fdt, "interrupt-parent", 1, (uint32_t)MPIC_PHANDLE);

	assert_int_equal(fdt_begin_node(fdt, "memory"), 0);
	prop_cells(fdt, "reg", 4, 0u, 0u, 0u, 0x20000000u);
	assert_int_equal(fdt_end_node(fdt), 0);
	/* a device with its own page, but in RAM */
	assert_int_equal(fdt_begin_node(fdt, "sram@100000"), 0);
	prop_cells(fdt, "reg", 4, 0u, 0x100000u, 0u, 0x1000u);
	assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_begin_node(fdt, "soc@fe0000000"), 0);
	prop_cells(fdt, "#address-cells", 1, 1u);
	prop_cells(fdt, "#size-cells", 1, 1u);
	prop_cells(fdt, "ranges", 4, 0u, 0xFu, 0xE0000000u, 0x100000u);

	soc_device(fdt, "pic@40000", 0x40000, 0x40000, -1);
	assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
	prop_cells(fdt, "#interrupt-cells", 1, 2u);
	prop_cells(fdt, "phandle", 1, (uint32_t)MPIC_PHANDLE);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "msi@41600", 0x41600, 0x200, 224);
	assert_int_equal(fdt_end_node(fdt), 0);

	/* as QEMU's: without #address-cells/#size-cells for its bus */
	soc_device(fdt, "i2c@3000", 0x3000, 0x14, 43);
	soc_device(fdt, "rtc@68", 0x68, 0, -1);
	prop_cells(fdt, "reg", 1, 0x68u);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);

	soc_device(fdt, "serial@4500", 0x4500, 0x100, 42);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "serial@4600", 0x4600, 0x100, 42);
	assert_int_equal(fdt_end_node(fdt), 0);

	/* one device over two pages, then neighbours on each side */
	soc_device(fdt, "wide@7f00", 0x7f00, 0x200, 50);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "below@6ff0", 0x6ff0, 0x10, 51);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "above@9000", 0x9000, 0x10, 52);
	assert_int_equal(fdt_end_node(fdt), 0);

	/* own pages, one MPIC source between them */
	soc_device(fdt, "twin-a@a000", 0xa000, 0x100, 60);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "twin-b@b000", 0xb000, 0x100, 60);
	assert_int_equal(fdt_end_node(fdt), 0);

	/* interrupts that are not the MPIC's, or too many, or out of range */
	soc_device(fdt, "ic@c000", 0xc000, 0x100, -1);
	assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
	prop_cells(fdt, "#interrupt-cells", 1, 2u);
	prop_cells(fdt, "phandle", 1, (uint32_t)OTHER_IC_PHANDLE);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "cascaded@d000", 0xd000, 0x100, 3);
	prop_cells(fdt, "interrupt-parent", 1, (uint32_t)OTHER_IC_PHANDLE);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "busy@e000", 0xe000, 0x100, -1);
	prop_cells(fdt, "interrupts", 10, 70u, 2u, 71u, 2u, 72u, 2u, 73u, 2u, 74u, 2u);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "far@f000", 0xf000, 0x100, 300);
	assert_int_equal(fdt_end_node(fdt), 0);
	/* reg entries that do not fit the SoC's cells, and an empty one */
	soc_device(fdt, "odd@11000", 0x11000, 0, -1);
	prop_cells(fdt, "reg", 3, 0x11000u, 0x100u, 0x12000u);
	assert_int_equal(fdt_end_node(fdt), 0);
	soc_device(fdt, "empty@13000", 0x13000, 0, -1);
	prop_cells(fdt, "reg", 2, 0x13000u, 0u);
	assert_int_equal(fdt_end_node(fdt), 0);
	/* a sense cell of 0: rising edge */
	soc_device(fdt, "edge@10000", 0x10000, 0x100, -1);
	prop_cells(fdt, "interrupts", 2, 80u, 0u);
	assert_int_equal(fdt_end_node(fdt), 0);

	soc_device(fdt, "power-off", 0, 0, -1);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0); /* soc */

	assert_int_equal(fdt_begin_node(fdt, "aliases"), 0);
	assert_int_equal(fdt_property_string(fdt, "i2c", "/soc@fe0000000/i2c@3000"), 0);
	assert_int_equal(
	    fdt_property_string(fdt, "serial0", "/soc@fe0000000/serial@4500"), 0);
	assert_int_equal(
	    fdt_property_string(fdt, "serial1", "/soc@fe0000000/serial@4600"), 0);
	assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_end_node(fdt), 0); /* root */
	assert_int_equal(fdt_finish(fdt), 0);
}

static const struct platform_ram ram[] = {{0, 0x20000000}};

static const struct assign_env env = {
    .ram = ram,
    .nram = 1,
    .mpic_pa = SOC + 0x40000,
    .nr_srcs = 256,
    .owned = {{SOC + 0x4500, "the hypervisor's console UART"},
	      {SOC + 0x40000, "the interrupt controller"}},
    .nowned = 2,
};

static char msg[256];

static int check(const char *name, struct assigned_dev *d)
{
	msg[0] = '\0';
	return assign_check(tree, name, &env, d, msg, sizeof(msg));
}

static void refused(const char *name, const char *want)
{
	struct assigned_dev d;

	assert_int_equal(check(name, &d), -1);
	assert_string_equal(msg, want);
}

static int setup(void **state)
{
	build_tree();
	return 0;
}

static void test_i2c_by_path_and_alias(void **state)
{
	struct assigned_dev d, a;

	assert_int_equal(check("/soc@fe0000000/i2c@3000", &d), 0);
	assert_int_equal(d.node, fdt_path_offset(tree, "/soc@fe0000000/i2c@3000"));
	assert_int_equal(d.nwin, 1);
	assert_true(d.win[0].pa == SOC + 0x3000);
	assert_true(d.win[0].size == 0x1000);
	assert_int_equal(d.nirq, 1);
	assert_int_equal(d.irq[0].src, 43);
	assert_true(d.irq[0].level && d.irq[0].positive); /* sense 2: level high */
	assert_false(d.irq[0].in_flight);

	assert_int_equal(check("i2c", &a), 0);
	assert_int_equal(a.node, d.node);
}

static void test_uart1_shares_the_console_page(void **state)
{
	refused("serial1", "/soc@fe0000000/serial@4600 shares its 4 KiB page with "
			   "/soc@fe0000000/serial@4500: cannot be mapped directly");
}

static void test_hypervisor_devices_refused(void **state)
{
	refused("serial0",
		"/soc@fe0000000/serial@4500 is the hypervisor's console UART: it "
		"cannot be assigned");
	refused("/soc@fe0000000/pic@40000", "/soc@fe0000000/pic@40000 is the interrupt "
					    "controller: it cannot be assigned");
	/* inside the MPIC's block */
	refused("/soc@fe0000000/msi@41600",
		"/soc@fe0000000/msi@41600 shares its 4 KiB page "
		"with /soc@fe0000000/pic@40000: cannot be mapped "
		"directly");
}

static void test_absent_and_unmappable(void **state)
{
	refused("/soc@fe0000000/i2c@4000",
		"/soc@fe0000000/i2c@4000: no such device in the hardware tree");
	refused("spi", "spi: no such device in the hardware tree");
	refused("/soc@fe0000000/power-off",
		"/soc@fe0000000/power-off has no 'reg': nothing to map");
	/* an I2C bus has no ranges: its devices have bus addresses */
	refused("/soc@fe0000000/i2c@3000/rtc@68",
		"/soc@fe0000000/i2c@3000/rtc@68 is not memory-mapped (its bus has no "
		"'ranges')");
	refused("/soc@fe0000000",
		"/soc@fe0000000 is a bus ('ranges'): assign the devices on it instead");
	refused("/soc@fe0000000/odd@11000",
		"/soc@fe0000000/odd@11000: 'reg' does not fit "
		"its bus's #address-cells/#size-cells");
	refused("/soc@fe0000000/empty@13000",
		"/soc@fe0000000/empty@13000: 'reg' entry 0 is no address range");
	refused("/sram@100000",
		"/sram@100000 lies in RAM (memory is given with /phys-mem areas)");
}

static void test_pages_rounded_out(void **state)
{
	struct assigned_dev d;

	assert_int_equal(check("/soc@fe0000000/wide@7f00", &d), 0);
	assert_int_equal(d.nwin, 1);
	assert_true(d.win[0].pa == SOC + 0x7000);
	assert_true(d.win[0].size == 0x2000);
	assert_true(assign_overlaps(&d, SOC + 0x8fff, 1));
	assert_false(assign_overlaps(&d, SOC + 0x9000, 0x10));
	assert_false(assign_overlaps(&d, SOC + 0x6ff0, 0x10));
	assert_true(assign_overlaps(&d, SOC + 0x6ff0, 0x11));
	assert_true(assign_overlaps(&d, SOC + 0x6000, 0x10000));
}

static void test_interrupts(void **state)
{
	struct assigned_dev d;

	refused("/soc@fe0000000/twin-a@a000",
		"/soc@fe0000000/twin-a@a000 shares MPIC source 60 with "
		"/soc@fe0000000/twin-b@b000: cannot be routed to one partition");
	refused("/soc@fe0000000/cascaded@d000",
		"/soc@fe0000000/cascaded@d000: its interrupt controller is not the MPIC");
	refused("/soc@fe0000000/busy@e000",
		"/soc@fe0000000/busy@e000 has 5 interrupts (at most 4)");
	refused("/soc@fe0000000/far@f000",
		"/soc@fe0000000/far@f000: MPIC source 300 is out of range (< 256)");
	assert_int_equal(check("/soc@fe0000000/edge@10000", &d), 0);
	assert_int_equal(d.irq[0].src, 80);
	assert_false(d.irq[0].level);
	assert_true(d.irq[0].positive);
	/* no interrupts at all is fine: nothing to route */
	assert_int_equal(check("/soc@fe0000000/ic@c000", &d), 0);
	assert_int_equal(d.nirq, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_i2c_by_path_and_alias),
	    cmocka_unit_test(test_uart1_shares_the_console_page),
	    cmocka_unit_test(test_hypervisor_devices_refused),
	    cmocka_unit_test(test_absent_and_unmappable),
	    cmocka_unit_test(test_pages_rounded_out),
	    cmocka_unit_test(test_interrupts),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
