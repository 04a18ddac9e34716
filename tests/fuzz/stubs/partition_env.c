// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stubs of what partition_boot() sets up around the configuration and
 * the guest tree: the emulated devices (only their place in the memory
 * map matters here), vCPU reset, device-interrupt routing, the number of
 * MPIC sources (QEMU's ppce500: 196).
 */
#include <string.h>

#include <arch/vcpu_ops.h>
#include <assign.h>
#include <drivers/mpic.h>
#include <drivers/vgpio.h>
#include <drivers/vguts.h>
#include <drivers/vmpic.h>
#include <drivers/vspin.h>
#include <drivers/vuart.h>
#include <partition.h>

const struct vdev_ops vuart_ops, vgpio_ops, vguts_ops, vspin_ops, virq_mpic_ops;

void vuart_init(struct vuart *u, struct partition *p, int irq)
{
	memset(u, 0, sizeof(*u));
	u->part = p;
	u->irq = irq;
}

void vmpic_init(struct vmpic *m, unsigned int nr_vcpus)
{
}

void vspin_reset(struct vspin *s, uint32_t entry)
{
}

void vcpu_arch_reset(struct vcpu *v, uint32_t entry, uint32_t gpr3, uint64_t map_pa,
		     uint32_t map_size)
{
	memset(&v->arch, 0, sizeof(v->arch));
	v->arch.regs.pc = entry;
	v->arch.regs.gpr[3] = gpr3;
	v->arch.regs.gpr[7] = map_size;
}

void assign_partition_start(struct partition *p)
{
}

unsigned int mpic_sources(void)
{
	return 196;
}
