/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine as the hardware device tree describes it. Nothing here is
 * hard-coded: platform_init() reads it all from the tree the boot loader
 * (QEMU or U-Boot) passed in r3.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#define PLATFORM_MAX_CPUS 4
#define PLATFORM_MAX_RAM 8 /* RAM ranges (reg entries of the memory nodes) */

/* A range of RAM as the hardware tree describes it (36-bit addresses included). */
struct platform_ram {
	uint64_t base, size;
};

struct platform {
	const void *fdt;       /* the hardware tree as passed at boot */
	struct platform_ram ram[PLATFORM_MAX_RAM];
	unsigned int nram;
	uint64_t ram_total; /* bytes in all of ram[] */
	uint64_t ccsr_pa, ccsr_size; /* SoC register block (the /soc node's ranges) */
	uint64_t uart_pa;            /* hypervisor console (from /chosen/stdout-path) */
	uint32_t uart_clock;
	int uart_irq;                /* its interrupt (MPIC source), -1 if none */
	uint64_t mpic_pa, mpic_size; /* interrupt controller ("open-pic"), 0 if absent */
	uint32_t tb_freq;   /* timebase-frequency, Hz */
	unsigned int ncpus; /* cpu nodes */
	uint64_t spin_table_pa[PLATFORM_MAX_CPUS]; /* cpu-release-addr, 0 for the boot CPU */
	uint64_t gpio_pa;                          /* controller driving gpio-poweroff */
	int poweroff_pin;                          /* -1 if the tree has none */
	uint64_t guts_pa;                          /* global utilities (RSTCR), 0 if absent */
	uint64_t initrd_start, initrd_end;         /* /chosen linux,initrd-* (the configuration) */
};

extern struct platform platform;

/* Parse the hardware tree; returns 0 or a negative libfdt error. */
int platform_init(const void *fdt);

/* [pa, pa + size) lies inside one RAM range of the tree (overflow-checked). */
bool platform_is_ram(uint64_t pa, uint64_t size);
/* The RAM range holding pa, or NULL. */
const struct platform_ram *platform_ram_at(uint64_t pa);

/* Switch platform.fdt to a compact private copy (needs hvmem_alloc). */
void platform_keep_tree(void);

/*
 * Translate a node's reg entry to a CPU physical address through its
 * parents' ranges (platform_reg.c): 0, or a negative libfdt error (no such
 * entry, or not memory-mapped: a parent bus without ranges).
 */
int platform_node_reg(const void *fdt, int node, int index, uint64_t *pa, uint64_t *size);
/*
 * The node at path (len bytes), which may start with an alias ("i2c/rtc@68").
 * One alias step only, to a full path: libfdt would follow an alias whose
 * value starts with an alias again, without end (rtc = "rtc/x").
 */
int platform_path_offset(const void *fdt, const char *path, int len);
/* A number of big-endian cells (fdt32_t, 1 or 2) as one value. */
uint64_t platform_read_cells(const uint32_t *p, int cells);
/* A one-cell property (#address-cells, ...) of node, or dflt. */
int platform_cells(const void *fdt, int node, const char *name, int dflt);
/*
 * The next memory node after prev (-1: the first): a node of device_type
 * "memory" at the top of the tree, where Linux reads RAM from, and none of
 * the top-level nodes that say something else (/cpus, /chosen, /aliases)
 * whatever their type. A negative libfdt error when there is no more.
 */
int platform_next_memory(const void *fdt, int prev);

/* Stop the machine (gpio-poweroff), or reset it (RSTCR); never return. */
void platform_poweroff(void) __attribute__((noreturn));
void platform_reset(void) __attribute__((noreturn));

#endif /* PLATFORM_H */
