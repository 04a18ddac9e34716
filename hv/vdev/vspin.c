// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's ePAPR spin table: how an SMP guest starts its secondary
 * vCPUs. The guest tree's cpu nodes point their cpu-release-addr here; the
 * page is trapped and emulated, so the hypervisor sees the release (the
 * store of an entry's addr_lo with bit 0 clear) the moment it happens and
 * wakes the vCPU's CPU, instead of polling guest memory.
 *
 * Each entry (32 bytes, big-endian 32-bit words, ePAPR 1.1 §5.5.2):
 * addr_hi, addr_lo (reads 1 while the vCPU spins), r3_hi, r3_lo, reserved,
 * pir, reserved, reserved. The released vCPU starts at addr, with r3 from
 * the table, its PIR from the table, and the boot loader's initial mapping:
 * 64 MiB, effective = physical, around the entry address (as U-Boot and
 * QEMU's spin table set it up).
 *
 * The address is QEMU ppce500's own spin table page (above 4 GiB, outside
 * any partition's RAM and outside CCSR), so a guest sees what it sees
 * natively; Linux ioremap()s it (smp_85xx_start_cpu: above high_memory).
 * Only partitions with several vCPUs have one.
 */
#include <libfdt.h>

#include <partition.h>
#include <sched.h>
#include <string.h>
#include <vdev.h>

#define VSPIN_GPA 0xFEF000000ull
#define VSPIN_ENTRY_SIZE 0x20u
#define VSPIN_MAP_SIZE (64u << 20)

enum { ADDR_HI, ADDR_LO, R3_HI, R3_LO, RSVD, PIR };

struct vspin {
	uint32_t w[PART_MAX_VCPUS][VSPIN_ENTRY_SIZE / 4];
};

static struct vspin vspin_state[PART_MAX];

/* All secondary vCPUs spinning (vCPU 0 runs from entry). */
static void vspin_reset(struct vdev *d, uint32_t entry)
{
	struct vspin *s = d->state;
	unsigned int n, i;

	for (n = 0; n < PART_MAX_VCPUS; n++) {
		uint32_t *e = s->w[n];

		for (i = 0; i < VSPIN_ENTRY_SIZE / 4; i++)
			e[i] = 0;
		e[ADDR_LO] = n ? 1 : entry;
		e[PIR] = n;
	}
}

static bool vspin_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t *val)
{
	struct vspin *s = d->state;

	if (size != 4 || (off & 3))
		return false;
	*val = s->w[off / VSPIN_ENTRY_SIZE][(off % VSPIN_ENTRY_SIZE) / 4];
	return true;
}

static bool vspin_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			uint32_t val)
{
	struct vspin *s = d->state;
	unsigned int n = off / VSPIN_ENTRY_SIZE, w = (off % VSPIN_ENTRY_SIZE) / 4;
	uint32_t *e = s->w[n];
	bool spinning = e[ADDR_LO] & 1;

	if (size != 4 || (off & 3))
		return false;
	e[w] = val;
	/*
	 * The release: addr_lo written with bit 0 clear while the entry spins.
	 * addr_hi must be 0: the entry mapping and every partition's RAM are
	 * below 4 GiB (docs/config.md).
	 */
	if (w == ADDR_LO && spinning && !(val & 1) && n != 0 && n < d->part->nvcpus &&
	    !e[ADDR_HI]) {
		struct vcpu_start start = {
			.pc = e[ADDR_LO],
			.r3 = e[R3_LO],
			.pir = e[PIR],
			.map_pa = e[ADDR_LO] & ~(VSPIN_MAP_SIZE - 1),
			.map_size = VSPIN_MAP_SIZE,
		};

		sched_release_vcpu(d->part->vcpu[n], &start);
	}
	return true;
}

/* The secondary cpu nodes (vCPU 1..) point at their entries. */
static int vspin_fdt_fixup(const struct vdev *d, void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, err;
	unsigned int n = 0;

	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (!type || strcmp(type, "cpu") || n++ == 0)
			continue;
		err = fdt_setprop_u64(fdt, node, "cpu-release-addr",
				      VSPIN_GPA + (n - 1) * VSPIN_ENTRY_SIZE);
		if (!err)
			err = fdt_setprop_string(fdt, node, "enable-method", "spin-table");
		if (!err)
			err = fdt_setprop_string(fdt, node, "status", "disabled");
		if (err)
			return err;
	}
	return 0;
}

static bool vspin_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = VSPIN_GPA;
	d->size = p->nvcpus * VSPIN_ENTRY_SIZE;
	return p->nvcpus > 1;
}

static const struct vdev_type vspin_type = {
	.name = "spin-table",
	.states = vspin_state,
	.state_size = sizeof(vspin_state[0]),
	.attach = vspin_attach,
	.reset = vspin_reset,
	.read = vspin_read,
	.write = vspin_write,
	.fdt_fixup = vspin_fdt_fixup,
};
VDEV_REGISTER(vspin_type);
