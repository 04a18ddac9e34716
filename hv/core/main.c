// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot: hardware tree, own mappings, console, configuration, partitions;
 * then the secondary CPUs the partitions use.
 */
#include <libfdt.h>

#include <arch.h>
#include <config.h>
#include <console.h>
#include <hvmem.h>
#include <hvirq.h>
#include <integrity.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <sched.h>
#include <smp.h>

void hv_main(const void *fdt);
void hv_secondary_main(unsigned int cpu);

/*
 * Release every secondary CPU a running partition uses. A partition one of
 * whose CPUs does not come up is stopped before any guest runs.
 */
static void start_secondaries(void)
{
	unsigned int i, n;

	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];

		for (n = 0; n < p->nvcpus && (p->state == PART_RUNNING || p->halted); n++) {
			unsigned int cpu = p->vcpu[n]->cpu;

			if (cpu == 0 || !smp_start_cpu(cpu))
				continue;
			pr_err("CPU %u did not start\n", cpu);
			if (p->halted) {
				p->halted = false; /* never startable */
				break;
			}
			partition_stop(p, "a CPU did not start");
			if (sched_partition_finished())
				hv_shutdown();
		}
	}
}

void hv_main(const void *fdt)
{
	unsigned int i;
	int err;

	arch_cpu_init(0);
	integrity_init();
	err = platform_init(fdt);
	if (err)
		for (;;) /* no tree, no console: nothing sensible to do */
			;
	hvmem_init(platform_ram_at(0) ? platform_ram_at(0)->size : 0, platform.ccsr_pa,
		   platform.ccsr_size);
	platform_keep_tree();
	console_init();
	hvirq_init();

	printf("\nberyl: e500 hypervisor\n");
	pr_info("%u CPU(s), %llu MiB RAM, timebase %u Hz, CCSR at 0x%llx\n", platform.ncpus,
		(unsigned long long)(platform.ram_total >> 20), platform.tb_freq,
		(unsigned long long)platform.ccsr_pa);

	if (!platform.initrd_start || platform.initrd_end <= platform.initrd_start ||
	    !hvmem_phys_to_virt(platform.initrd_end - 1)) {
		pr_err("no configuration: pass the compiled configuration as the initrd\n");
		hv_shutdown();
	}
	err = config_load((const void *)hvmem_phys_to_virt(platform.initrd_start),
			  platform.initrd_end - platform.initrd_start);
	if (err)
		pr_err("configuration: %d error(s)\n", err);
	console_announce(); /* mux mode: for tools/beryl-mux, which names its terminals */
	/* Every partition is loaded before any guest runs (one device tree buffer). */
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];

		if (partition_boot(p) || !p->start_wait)
			continue;
		p->state = PART_STOPPED; /* loaded; its manager starts it */
		p->halted = true;
		p->boots = 0; /* the start loads it again: that is boot 1 */
		pr_info("partition %s: waiting to be started\n", p->name);
	}
	if (!sched_init()) {
		pr_err("no partition to run\n");
		hv_shutdown();
	}
	start_secondaries();
	sched_start();
	sched_cpu_run();
}

/* A secondary CPU, from secondary_start (entry.S). */
void hv_secondary_main(unsigned int cpu)
{
	arch_mem_init_cpu();
	arch_cpu_init(cpu);
	hvirq_init_cpu();
	pr_info("CPU %u started\n", cpu);
	smp_cpu_online(cpu);
	sched_cpu_run();
}
