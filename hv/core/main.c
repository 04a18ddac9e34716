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
#include <shell.h>
#include <smp.h>
#include <string.h>
#include <version.h>

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

	printf("\nberyl: e500 hypervisor, version %s\n", BERYL_VERSION);
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
	hvirq_route_console(config_console_cpu);
	if (config_console_cpu)
		pr_info("console interrupts on CPU %u\n", config_console_cpu);
	console_announce(); /* mux mode: for tools/beryl-mux, which names its terminals */
	if (console_mode() == CONSOLE_MUX)
		for (i = 0; i < npartitions; i++)
			if (partitions[i].debug != PART_DEBUG_OFF)
				pr_info("console channel %u: gdb stub of partition %s\n",
					CONSOLE_CHAN_GDB(i), partitions[i].name);
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

/* ------------------------------------------------------ the shell's info */

static const char *const info_debug[] = { "on", "wait", "off" };

static void info_partition(const struct partition *p)
{
	char path[96];
	unsigned int n, k;
	int len = 0;
	char cpus[32] = "";

	for (n = 0; n < p->nvcpus; n++)
		len += snprintf(cpus + len, sizeof(cpus) - len, "%s%u", n ? "," : "", p->vcpu_cpu[n]);
	shell_printf("partition %s: CPUs %s, image %u bytes, initrd %u bytes%s%s%s\n", p->name,
		     cpus, p->image_size, p->initrd_size, p->bootargs ? ", bootargs \"" : "",
		     p->bootargs ? p->bootargs : "", p->bootargs ? "\"" : "");
	for (n = 0; n < p->nmem; n++)
		shell_printf("  ram      guest 0x%09llx-0x%09llx  host 0x%09llx%s\n",
			     (unsigned long long)p->mem[n].gpa,
			     (unsigned long long)(p->mem[n].gpa + p->mem[n].size - 1),
			     (unsigned long long)p->mem[n].hpa, p->mem[n].shared ? "  shared" : "");
	for (n = 0; n < p->ndev; n++)
		shell_printf("  emulated guest 0x%09llx-0x%09llx  %s\n",
			     (unsigned long long)p->dev[n].gpa,
			     (unsigned long long)(p->dev[n].gpa + p->dev[n].size - 1),
			     p->dev[n].type->name);
	for (n = 0; n < p->nassigned; n++) {
		if (fdt_get_path(platform.fdt, p->assigned[n].node, path, sizeof(path)))
			strncpy(path, "?", sizeof(path));
		for (k = 0; k < p->assigned[n].nwin; k++)
			shell_printf("  assigned guest 0x%09llx-0x%09llx  %s\n",
				     (unsigned long long)p->assigned[n].win[k].pa,
				     (unsigned long long)(p->assigned[n].win[k].pa +
							  p->assigned[n].win[k].size - 1),
				     path);
	}
	len = 0;
	path[0] = '\0';
	for (k = 0; k < npartitions; k++)
		if (p->manages & (1u << k))
			len += snprintf(path + len, sizeof(path) - len, " %s", partitions[k].name);
	shell_printf("  on-reset %s, on-crash %s, start %s, debug %s%s%s\n",
		     p->restart_on_reset ? "restart" : "stop",
		     p->restart_on_crash ? "restart" : "stop", p->start_wait ? "wait" : "boot",
		     info_debug[p->debug], len ? ", manages" : "", path);
}

static int info_cmd(int argc, char *argv[])
{
	uint64_t start, end;
	unsigned int i;

	if (argc != 1)
		return SHELL_USAGE;
	hvmem_reserved(&start, &end);
	shell_printf("beryl e500 hypervisor, version %s\n", BERYL_VERSION);
	shell_printf("machine: %u CPU(s), timebase %u Hz, CCSR at 0x%llx, console %s\n",
		     platform.ncpus, platform.tb_freq, (unsigned long long)platform.ccsr_pa,
		     console_mode() == CONSOLE_MUX ? "mux" : "prefixed");
	for (i = 0; i < platform.nram; i++)
		shell_printf("RAM 0x%09llx-0x%09llx (%llu MiB)\n",
			     (unsigned long long)platform.ram[i].base,
			     (unsigned long long)(platform.ram[i].base + platform.ram[i].size - 1),
			     (unsigned long long)(platform.ram[i].size >> 20));
	shell_printf("hypervisor 0x%09llx-0x%09llx, configuration 0x%09llx-0x%09llx\n",
		     (unsigned long long)start, (unsigned long long)(end - 1),
		     (unsigned long long)platform.initrd_start,
		     (unsigned long long)(platform.initrd_end - 1));
	for (i = 0; i < npartitions; i++)
		info_partition(&partitions[i]);
	return 0;
}

static const struct shell_cmd info_shell_cmd = {
	.name = "info",
	.args = "",
	.help = "version, CPUs, memory map, the configuration of each partition",
	.run = info_cmd,
};
SHELL_COMMAND(info_shell_cmd);
