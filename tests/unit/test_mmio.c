// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of a partition's guest-physical address space: what an address
 * is (partition_classify(), hv/core/mmio.c), the registry of emulated
 * devices (hv/core/vdev.c), the one MMIO call (mmio_access()) and the one
 * way RAM regions are made (partition_add_mem(), hv/core/partition.c).
 * Device types made up here register themselves like real ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <mmio.h>
#include <partition.h>
#include <sched.h>
#include <smp.h>
#include <vdev.h>
#include <virq.h>

/* ------------------------------------------------------------ stubs */

#define ASSIGNED_PA 0xFE0003000ull
#define RAM_BASE 0x08000000ull
#define RAM_SIZE 0x10000000ull

static int irq_syncs;
static unsigned int kicks, kicked_cpu;

const struct assigned_dev *assign_find(const struct partition *p, uint64_t gpa)
{
	static const struct assigned_dev dev;

	return gpa >= ASSIGNED_PA && gpa - ASSIGNED_PA < 0x1000 ? &dev : NULL;
}

void assign_irq_sync(struct partition *p)
{
	irq_syncs++;
}

bool platform_is_ram(uint64_t pa, uint64_t size)
{
	return size && pa >= RAM_BASE && size <= RAM_SIZE && pa - RAM_BASE <= RAM_SIZE - size;
}

void hvirq_kick(unsigned int cpu)
{
	kicks++;
	kicked_cpu = cpu;
}

/* sched_core.c's for vCPUs on dedicated cores: another CPU's is kicked */
void sched_kick_vcpu(struct vcpu *v)
{
	if (v->cpu != smp_cpu())
		hvirq_kick(v->cpu);
}

void hvmem_zero_phys(uint64_t pa, uint64_t len)
{
}

void partition_console_flush(struct partition *p)
{
}

void ipc_wake(struct partition *p)
{
}

void ipc_wake_posted(struct partition *p)
{
}

void ipc_partition_stop(struct partition *p)
{
}

/* ------------------------------------------------------- device types */

#define FAKE_GPA 0xF00000000ull
#define FAKE_SIZE 16
#define CHIP_GPA 0xF00010000ull

struct fake {
	uint32_t reg[FAKE_SIZE / 4];
	unsigned int reads, writes, resets;
	uint32_t last_off, last_size, last_val;
};

static struct fake fake_state[PART_MAX];

static bool fake_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = FAKE_GPA;
	d->size = FAKE_SIZE;
	return true;
}

static void fake_reset(struct vdev *d, uint32_t entry)
{
	struct fake *f = d->state;

	f->resets++;
	f->reg[0] = entry;
}

static bool fake_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		      uint32_t *val)
{
	struct fake *f = d->state;

	f->reads++;
	f->last_off = off;
	f->last_size = size;
	*val = f->reg[off / 4];
	return off != 12; /* the last register refuses reads */
}

static bool fake_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t val)
{
	struct fake *f = d->state;

	f->writes++;
	f->last_off = off;
	f->last_size = size;
	f->last_val = val;
	f->reg[off / 4] = val;
	return true;
}

static int fake_fdt(const struct vdev *d, void *fdt)
{
	(*(int *)fdt)++;
	return 0;
}

static const struct vdev_type fake_type = {
	.name = "fake",
	.states = fake_state,
	.state_size = sizeof(fake_state[0]),
	.attach = fake_attach,
	.reset = fake_reset,
	.read = fake_read,
	.write = fake_write,
	.fdt_fixup = fake_fdt,
};
VDEV_REGISTER(fake_type);

/* An interrupt controller whose output the test drives. */
static uint32_t chip_out; /* bit n: vCPU n's input asserted */
static unsigned int chip_set_calls;

static bool chip_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = CHIP_GPA;
	d->size = 0x1000;
	return true;
}

static bool chip_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		      uint32_t *val)
{
	*val = chip_out;
	return true;
}

static bool chip_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		       uint32_t val)
{
	chip_out = val; /* the guest's store decides who is interrupted */
	return true;
}

static void chip_set(struct vdev *d, unsigned int src, bool level)
{
	chip_set_calls++;
}

static bool chip_pending(const struct vdev *d, unsigned int vcpu)
{
	return chip_out & (1u << vcpu);
}

static const struct vdev_irqchip_ops chip_ops = {
	.set_irq = chip_set,
	.pending = chip_pending,
	.nr_sources = 8,
};

static const struct vdev_type chip_type = {
	.name = "chip",
	.attach = chip_attach,
	.read = chip_read,
	.write = chip_write,
	.irqchip = &chip_ops,
};
VDEV_REGISTER(chip_type);

/* Only partitions with several vCPUs have one (like the spin table). */
static bool smp_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = 0xF00020000ull;
	d->size = 0x20 * p->nvcpus;
	return p->nvcpus > 1;
}

static const struct vdev_type smp_type = {
	.name = "smp-only",
	.attach = smp_attach,
	.read = chip_read,
	.write = chip_write,
};
VDEV_REGISTER(smp_type);

/* ---------------------------------------------------------------- set-up */

static struct vcpu vcpus[2];

static struct partition *make_partition(unsigned int idx, unsigned int nvcpus)
{
	struct partition *p = &partitions[idx];
	unsigned int n;

	memset(p, 0, sizeof(*p));
	p->nvcpus = nvcpus;
	for (n = 0; n < nvcpus; n++) {
		memset(&vcpus[n], 0, sizeof(vcpus[n]));
		vcpus[n].part = p;
		vcpus[n].id = n;
		vcpus[n].cpu = n;
		p->vcpu[n] = &vcpus[n];
	}
	assert_int_equal(vdev_attach_all(p), 0);
	return p;
}

static int setup(void **state)
{
	irq_syncs = 0;
	kicks = 0;
	chip_out = 0;
	chip_set_calls = 0;
	memset(fake_state, 0, sizeof(fake_state));
	return 0;
}

/* ------------------------------------------------------------------ tests */

static void test_classify(void **state)
{
	struct partition *p = make_partition(0, 1);
	struct gpa_target t;

	assert_int_equal(partition_add_mem(p, 0, RAM_BASE, 0x04000000, false), 0);
	assert_int_equal(partition_add_mem(p, 0x10000000, RAM_BASE + 0x04000000, 0x01000000,
					   false),
			 0);
	assert_int_equal(partition_classify(p, 0, &t), GPA_RAM);
	assert_ptr_equal(t.ram, &p->mem[0]);
	assert_int_equal(partition_classify(p, 0x03FFFFFF, &t), GPA_RAM);
	assert_int_equal(partition_classify(p, 0x04000000, &t), GPA_OUTSIDE);
	assert_int_equal(partition_classify(p, 0x10000000, &t), GPA_RAM);
	assert_ptr_equal(t.ram, &p->mem[1]);
	assert_int_equal(partition_classify(p, 0x10FFFFFF, &t), GPA_RAM);
	assert_int_equal(partition_classify(p, 0x11000000, &t), GPA_OUTSIDE);
	assert_int_equal(partition_classify(p, ASSIGNED_PA + 0xFFF, &t), GPA_ASSIGNED);
	assert_int_equal(partition_classify(p, FAKE_GPA, &t), GPA_EMULATED);
	assert_string_equal(t.dev->type->name, "fake");
	assert_int_equal(partition_classify(p, FAKE_GPA + FAKE_SIZE - 1, &t), GPA_EMULATED);
	assert_int_equal(partition_classify(p, FAKE_GPA + FAKE_SIZE, &t), GPA_OUTSIDE);
	assert_int_equal(partition_classify(p, FAKE_GPA - 1, &t), GPA_OUTSIDE);
	assert_int_equal(partition_classify(p, UINT64_MAX, &t), GPA_OUTSIDE);
	/* RAM comes first: what lies in a region is never a device */
	assert_int_equal(partition_classify(p, 0x03FFF000, &t), GPA_RAM);
}

static void test_add_mem_refuses_what_is_not_ram(void **state)
{
	struct partition *p = make_partition(0, 1);
	unsigned int i;

	/* wraps around 2^64 */
	assert_int_equal(partition_add_mem(p, 0, RAM_BASE, UINT64_MAX - RAM_BASE + 2, false), -1);
	/* guest range past 4 GiB, and wrapping */
	assert_int_equal(partition_add_mem(p, 0xFFFFF000, RAM_BASE, 0x2000, false), -1);
	assert_int_equal(partition_add_mem(p, 0xFFFFFFFFFFFFF000ull, RAM_BASE, 0x2000, false), -1);
	/* host range not (all) RAM: below it, across its end, device space */
	assert_int_equal(partition_add_mem(p, 0, RAM_BASE - 0x1000, 0x2000, false), -1);
	assert_int_equal(partition_add_mem(p, 0, RAM_BASE + RAM_SIZE - 0x1000, 0x2000, false), -1);
	assert_int_equal(partition_add_mem(p, 0, 0xFE0000000ull, 0x1000, false), -1);
	assert_int_equal(p->nmem, 0);
	for (i = 0; i < PART_MAX_MEM; i++)
		assert_int_equal(partition_add_mem(p, i * 0x1000, RAM_BASE + i * 0x1000, 0x1000,
						   false),
				 0);
	assert_int_equal(partition_add_mem(p, 0x100000, RAM_BASE + 0x100000, 0x1000, false), -1);
}

static void test_registry(void **state)
{
	struct partition *a = make_partition(0, 1), *b;
	struct vdev *d;
	int count = 0;

	/* one vCPU: fake and chip, not the SMP-only type */
	assert_int_equal(a->ndev, 2);
	assert_non_null(a->irqchip);
	assert_string_equal(a->irqchip->type->name, "chip");
	assert_null(a->console);
	d = vdev_find(a, FAKE_GPA + 3);
	assert_non_null(d);
	assert_ptr_equal(d->state, &fake_state[0]);
	assert_ptr_equal(d->part, a);
	assert_null(vdev_find(a, 0xF00020000ull));

	/* another partition, two vCPUs: its own state, and the third device */
	b = make_partition(2, 2);
	assert_int_equal(b->ndev, 3);
	assert_ptr_equal(vdev_find(b, FAKE_GPA)->state, &fake_state[2]);
	assert_non_null(vdev_find(b, 0xF00020000ull + 0x3F));
	assert_null(vdev_find(b, 0xF00020000ull + 0x40));

	/* reset reaches every device with the entry point; fdt fixups chain */
	vdev_reset_all(b, 0x1234);
	assert_int_equal(fake_state[2].resets, 1);
	assert_int_equal(fake_state[2].reg[0], 0x1234);
	assert_int_equal(fake_state[0].resets, 0);
	assert_int_equal(vdev_fdt_fixup_all(b, &count), 0);
	assert_int_equal(count, 1);
}

static void test_mmio_access(void **state)
{
	struct partition *p = make_partition(0, 1);
	struct vdev *d = vdev_find(p, FAKE_GPA);
	uint32_t val = 0xCAFEF00D;

	assert_true(mmio_access(&vcpus[0], d, FAKE_GPA + 4, 4, true, &val));
	assert_int_equal(fake_state[0].last_off, 4);
	assert_int_equal(fake_state[0].last_size, 4);
	assert_int_equal(fake_state[0].last_val, 0xCAFEF00D);
	val = 0;
	assert_true(mmio_access(&vcpus[0], d, FAKE_GPA + 4, 4, false, &val));
	assert_int_equal(val, 0xCAFEF00D);
	assert_int_equal(irq_syncs, 0); /* not the interrupt controller */

	/* a device's refusal is a bus error */
	assert_false(mmio_access(&vcpus[0], d, FAKE_GPA + 12, 4, false, &val));
	/* an access running past the device never reaches it */
	fake_state[0].reads = fake_state[0].writes = 0;
	assert_false(mmio_access(&vcpus[0], d, FAKE_GPA + 14, 4, false, &val));
	assert_false(mmio_access(&vcpus[0], d, FAKE_GPA + 16, 1, true, &val));
	assert_false(mmio_access(&vcpus[0], d, FAKE_GPA - 1, 2, false, &val));
	assert_false(mmio_access(&vcpus[0], d, UINT64_MAX - 1, 4, false, &val));
	assert_int_equal(fake_state[0].reads + fake_state[0].writes, 0);
	/* the last byte is inside */
	assert_true(mmio_access(&vcpus[0], d, FAKE_GPA + 15, 1, true, &val));
}

static void test_irqchip_store_syncs_assigned_sources(void **state)
{
	struct partition *p = make_partition(0, 1);
	uint32_t val = 0;

	assert_true(mmio_access(&vcpus[0], p->irqchip, CHIP_GPA, 4, false, &val));
	assert_int_equal(irq_syncs, 0);
	assert_true(mmio_access(&vcpus[0], p->irqchip, CHIP_GPA, 4, true, &val));
	assert_int_equal(irq_syncs, 1);
}

static void test_smp_partition_locks_and_kicks(void **state)
{
	struct partition *p = make_partition(1, 2);
	uint32_t val = 2; /* the store raises vCPU 1's input */

	host_cpu = 0;
	assert_true(mmio_access(&vcpus[0], p->irqchip, CHIP_GPA, 4, true, &val));
	assert_int_equal(p->lock.locked, 0); /* taken and given back */
	assert_int_equal(kicks, 1);
	assert_int_equal(kicked_cpu, 1);
	/* already asserted: no second wake-up */
	assert_true(mmio_access(&vcpus[0], p->irqchip, CHIP_GPA, 4, true, &val));
	assert_int_equal(kicks, 1);
	/* its own input rising wakes nobody */
	val = 3;
	assert_true(mmio_access(&vcpus[0], p->irqchip, CHIP_GPA, 4, true, &val));
	assert_int_equal(kicks, 1);
	/* a single-vCPU partition never kicks */
	p = make_partition(0, 1);
	chip_out = 0;
	val = 1;
	assert_true(mmio_access(&vcpus[0], p->irqchip, CHIP_GPA, 4, true, &val));
	assert_int_equal(kicks, 1);
}

static void test_virq_lines(void **state)
{
	struct partition *p = make_partition(0, 1);

	virq_set(p, 7, true);
	assert_int_equal(chip_set_calls, 1);
	virq_set(p, 8, true); /* beyond the controller's sources: dropped */
	virq_set(p, 0xFFFFFFFFu, true);
	assert_int_equal(chip_set_calls, 1);
	chip_out = 1;
	assert_true(virq_pending(&vcpus[0]));
	p->irqchip = NULL; /* a partition without one */
	virq_set(p, 1, true);
	assert_false(virq_pending(&vcpus[0]));
	assert_int_equal(chip_set_calls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_classify, setup),
		cmocka_unit_test_setup(test_add_mem_refuses_what_is_not_ram, setup),
		cmocka_unit_test_setup(test_registry, setup),
		cmocka_unit_test_setup(test_mmio_access, setup),
		cmocka_unit_test_setup(test_irqchip_store_syncs_assigned_sources, setup),
		cmocka_unit_test_setup(test_smp_partition_locks_and_kicks, setup),
		cmocka_unit_test_setup(test_virq_lines, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
