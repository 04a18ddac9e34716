// SPDX-License-Identifier: GPL-2.0-only
/*
 * Starting a partition the way a boot loader starts an OS (ePAPR): image
 * loaded, device tree placed after it as QEMU's ppce500 places it, r3 = tree,
 * one initial TLB1 mapping covering both.
 */
#include <libfdt.h>

#include <arch.h>
#include <assign.h>
#include <elf_loader.h>
#include <gdbstub.h>
#include <guest_fdt.h>
#include <hvmem.h>
#include <ipc.h>
#include <partition.h>
#include <printf.h>
#include <spinlock.h>
#include <string.h>
#include <vdev.h>

/* Where QEMU puts a device tree after a -kernel image; guests expect it. */
#define DTC_LOAD_PAD 0x1800000ull
#define DTC_PAD_MASK 0xFFFFFull

static struct vcpu vcpus[PART_MAX][PART_MAX_VCPUS];
/* One device tree buffer: restarts on different CPUs take turns. */
static spinlock_t fdt_lock = SPINLOCK_INIT;

uint64_t partition_fdt_gpa(uint64_t image_end)
{
	return (image_end + DTC_LOAD_PAD) & ~DTC_PAD_MASK;
}

/* The initial map: smallest even power-of-2 KiB page past the tree's end. */
static uint32_t initial_map_size(uint64_t dt_end)
{
	unsigned int ps = 0;

	while ((2048ull << ps) <= dt_end)
		ps++;
	ps++;
	if (ps & 1)
		ps++;
	return 1024u << ps;
}

/* vCPU 0 starts at the entry; the others wait, parked, for the guest to release them. */
static void reset_vcpus(struct partition *p, unsigned int idx, uint32_t entry, uint64_t dt_base,
			uint32_t map_size)
{
	struct vcpu_start start = {
		.pc = entry,
		.r3 = (uint32_t)dt_base,
		.pir = 0,
		.map_pa = 0,
		.map_size = map_size,
	};
	unsigned int n;

	for (n = 0; n < p->nvcpus; n++) {
		struct vcpu *v = &vcpus[idx][n];

		p->vcpu[n] = v;
		v->part = p;
		v->id = n;
		v->cpu = p->vcpu_cpu[n];
		v->released = false;
		v->parked = n != 0;
		v->hold = 0; /* a restart ends a pause (a debugger holds it again) */
		v->held = false;
	}
	arch_vcpu_reset(p->vcpu[0], &start);
}

static int boot(struct partition *p, bool load, uint32_t entry_at)
{
	static void *fdt_buf;
	unsigned int idx = p - partitions;
	uint64_t end, dt_base, hpa;
	uint32_t entry;
	const char *msg;
	int size;

	msg = elf_check(p, p->image, p->image_size, &entry, &end);
	if (msg) {
		pr_err("%s: image: %s\n", p->name, msg);
		return -1;
	}
	if (!load || entry_at)
		entry = entry_at;
	p->boots++;
	console_line_reset(&p->cline);
	vdev_reset_all(p, entry);
	ipc_partition_start(p); /* its byte channel lines as the queues say */
	dt_base = partition_fdt_gpa(end);
	p->initrd_gpa = dt_base + PART_FDT_MAX;
	if (load)
		elf_load(p, p->image);
	spin_lock(&fdt_lock);
	if (!fdt_buf)
		fdt_buf = hvmem_alloc(PART_FDT_MAX, 8);
	size = fdt_buf ? guest_fdt_build(p, fdt_buf, PART_FDT_MAX) : -FDT_ERR_NOSPACE;
	if (size >= 0 && partition_gpa_to_hpa(p, dt_base, size, &hpa))
		hvmem_copy_to_phys(hpa, fdt_buf, size);
	spin_unlock(&fdt_lock);
	if (size < 0) {
		pr_err("%s: cannot build the device tree: %s\n", p->name, fdt_strerror(size));
		return -1;
	}
	if (!partition_gpa_to_hpa(p, dt_base, size, &hpa)) {
		pr_err("%s: no room for the device tree at 0x%llx after the image\n", p->name,
		       (unsigned long long)dt_base);
		return -1;
	}
	if (p->initrd && load) {
		if (!partition_gpa_to_hpa(p, p->initrd_gpa, p->initrd_size, &hpa)) {
			pr_err("%s: no room for the initrd at 0x%llx\n", p->name,
			       (unsigned long long)p->initrd_gpa);
			return -1;
		}
		hvmem_copy_to_phys(hpa, p->initrd, p->initrd_size);
	}
	p->reset_requested = false;
	p->crashed = false;
	p->wdt_expired = false;
	reset_vcpus(p, idx, entry, dt_base, initial_map_size(dt_base + size));
	gdbstub_loaded(p);
	p->started_tb = arch_timebase();
	arch_smp_mb(); /* everything above before the state other CPUs look at */
	assign_partition_start(p);
	p->state = PART_RUNNING;
	pr_info("partition %s: entry 0x%08x, device tree at 0x%llx, %u KiB mapped\n",
		p->name, entry, (unsigned long long)dt_base,
		initial_map_size(dt_base + size) >> 10);
	return 0;
}

int partition_boot(struct partition *p)
{
	return boot(p, true, 0);
}

int partition_boot_at(struct partition *p, bool load, uint32_t entry)
{
	return boot(p, load, entry);
}
