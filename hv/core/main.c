// SPDX-License-Identifier: GPL-2.0-only
/* Boot: hardware tree, own mappings, console, configuration, partitions. */
#include <libfdt.h>

#include <arch/percpu.h>
#include <arch/traps.h>
#include <arch/vcpu_ops.h>
#include <config.h>
#include <console.h>
#include <hvmem.h>
#include <hvirq.h>
#include <integrity.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>

struct percpu percpu_data[HV_MAX_CPUS];
uint8_t hv_stacks[HV_MAX_CPUS][HV_STACK_SIZE] __attribute__((aligned(16)));

void hv_main(const void *fdt);

void hv_main(const void *fdt)
{
	unsigned int i, started = 0;
	int err;

	percpu_arch_init(0, hv_stacks[0] + HV_STACK_SIZE);
	integrity_init();
	err = platform_init(fdt);
	if (err)
		for (;;) /* no tree, no console: nothing sensible to do */
			;
	hvmem_arch_init(platform.ram_size, platform.ccsr_pa, platform.ccsr_size);
	platform_keep_tree();
	console_init();
	traps_arch_init();
	hvirq_init();

	printf("\nberyl: e500 hypervisor\n");
	pr_info("%u CPU(s), %llu MiB RAM, timebase %u Hz, CCSR at 0x%llx\n", platform.ncpus,
		(unsigned long long)(platform.ram_size >> 20), platform.tb_freq,
		(unsigned long long)platform.ccsr_pa);

	if (!platform.initrd_start || platform.initrd_end <= platform.initrd_start ||
	    !hvmem_phys_to_virt(platform.initrd_end - 1)) {
		pr_err("no configuration: pass the compiled configuration as the initrd\n");
		hv_shutdown();
	}
	err = config_load((const void *)hvmem_phys_to_virt(platform.initrd_start));
	if (err)
		pr_err("configuration: %d error(s)\n", err);
	for (i = 0; i < npartitions; i++)
		if (!partition_boot(&partitions[i]))
			started++;
	if (!started) {
		pr_err("no partition to run\n");
		hv_shutdown();
	}
	for (i = 0; i < npartitions; i++)
		if (partitions[i].state == PART_RUNNING)
			vcpu_arch_run(partitions[i].vcpu[0]);
	hv_shutdown();
}
