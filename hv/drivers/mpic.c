// SPDX-License-Identifier: GPL-2.0-only
#include <arch.h>
#include <hvmem.h>

#include "mpic.h"

#define MPIC_IPIDR(n) (0x40 + (n) * 0x10) /* dispatch, as seen by the writing CPU */
#define MPIC_GCR 0x1020
#define MPIC_GCR_RESET 0x80000000u
#define MPIC_GCR_MIXED 0x20000000u
#define MPIC_FRR 0x1000
#define MPIC_IPIVPR(n) (0x10A0 + (n) * 0x10)
#define MPIC_SVR 0x10E0
#define MPIC_SRC(n) (0x10000 + (n) * 0x20)
#define MPIC_VPR_MASK 0x80000000u
#define MPIC_VPR_PRIO(p) ((uint32_t)(p) << 16)
#define MPIC_VPR_POSITIVE 0x00800000u /* polarity: active high / rising edge */
#define MPIC_VPR_LEVEL 0x00400000u /* sense: level */
#define MPIC_IDR 0x10
#define MPIC_CPU(c) (0x20000 + (c) * 0x1000)
#define MPIC_CTPR 0x80
#define MPIC_IACK 0xA0
#define MPIC_EOI 0xB0

static uintptr_t mpic_base;
static unsigned int mpic_nsrc;

static uint32_t mpic_rd(uint32_t off)
{
	return arch_mmio_read32(mpic_base + off);
}

static void mpic_wr(uint32_t off, uint32_t val)
{
	arch_mmio_write32(mpic_base + off, val);
}

bool mpic_init(uint64_t pa)
{
	unsigned int i, nsrc;

	mpic_base = pa ? hvmem_phys_to_virt(pa) : 0;
	if (!mpic_base)
		return false;
	mpic_wr(MPIC_GCR, MPIC_GCR_RESET);
	for (i = 0; i < 100000 && (mpic_rd(MPIC_GCR) & MPIC_GCR_RESET); i++)
		;
	mpic_wr(MPIC_GCR, MPIC_GCR_MIXED);
	nsrc = ((mpic_rd(MPIC_FRR) >> 16) & 0x7FF) + 1;
	mpic_nsrc = nsrc;
	for (i = 0; i < nsrc; i++)
		mpic_wr(MPIC_SRC(i), MPIC_VPR_MASK | MPIC_VPR_LEVEL | i);
	mpic_wr(MPIC_SVR, MPIC_SPURIOUS);
	mpic_wr(MPIC_CPU(0) + MPIC_CTPR, 0);
	return true;
}

void mpic_enable(unsigned int src, unsigned int cpu)
{
	if (!mpic_base)
		return;
	mpic_wr(MPIC_SRC(src) + MPIC_IDR, 1u << cpu);
	mpic_wr(MPIC_SRC(src), MPIC_VPR_PRIO(8) | MPIC_VPR_LEVEL | src);
}

unsigned int mpic_sources(void)
{
	return mpic_nsrc;
}

void mpic_route(unsigned int src, unsigned int cpu, bool level, bool positive)
{
	if (!mpic_base || src >= mpic_nsrc)
		return;
	mpic_wr(MPIC_SRC(src), MPIC_VPR_MASK | MPIC_VPR_PRIO(8) | (level ? MPIC_VPR_LEVEL : 0) |
				       (positive ? MPIC_VPR_POSITIVE : 0) | src);
	mpic_wr(MPIC_SRC(src) + MPIC_IDR, 1u << cpu);
}

void mpic_set_masked(unsigned int src, bool masked)
{
	uint32_t vpr;

	if (!mpic_base || src >= mpic_nsrc)
		return;
	vpr = mpic_rd(MPIC_SRC(src));
	mpic_wr(MPIC_SRC(src), masked ? vpr | MPIC_VPR_MASK : vpr & ~MPIC_VPR_MASK);
}

void mpic_cpu_init(unsigned int cpu)
{
	if (mpic_base)
		mpic_wr(MPIC_CPU(cpu) + MPIC_CTPR, 0);
}

void mpic_ipi_init(unsigned int vector)
{
	if (mpic_base)
		mpic_wr(MPIC_IPIVPR(0), MPIC_VPR_PRIO(10) | vector);
}

void mpic_ipi_send(unsigned int cpu)
{
	if (mpic_base)
		mpic_wr(MPIC_IPIDR(0), 1u << cpu);
}

unsigned int mpic_ack(unsigned int cpu)
{
	return mpic_base ? mpic_rd(MPIC_CPU(cpu) + MPIC_IACK) & 0xFFFF : MPIC_SPURIOUS;
}

void mpic_eoi(unsigned int cpu)
{
	if (mpic_base)
		mpic_wr(MPIC_CPU(cpu) + MPIC_EOI, 0);
}
