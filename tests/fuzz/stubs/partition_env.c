// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stubs of what partition_boot() and partition_stop() call around the
 * configuration and the guest tree (the emulated devices are the real ones,
 * hv/vdev): vCPU reset, device-interrupt routing, the number of MPIC sources
 * (QEMU's ppce500: 196), the console; what only a guest's device accesses or
 * a power-off reach stops the fuzzer.
 */
#include <stdlib.h>
#include <string.h>

#include <arch.h>
#include <assign.h>
#include <console.h>
#include <drivers/fsl_soc.h>
#include <drivers/mpic.h>
#include <partition.h>
#include <sched.h>
#include <vcpu.h>
#include <virq.h>

#include "fuzz.h"

void arch_vcpu_reset(struct vcpu *v, const struct vcpu_start *s)
{
	memset(&v->arch, 0, sizeof(v->arch));
	v->arch.regs.pc = s->pc;
	v->arch.regs.gpr[3] = s->r3;
	v->arch.regs.gpr[7] = s->map_size;
}

void assign_partition_start(struct partition *p)
{
}

unsigned int mpic_sources(void)
{
	return 196;
}

/* Consoles: a partition stopped flushes its console output (counted). */
unsigned int fuzz_console_flushes;
enum console_mode fuzz_console_mode;

void partition_console_flush(struct partition *p)
{
	fuzz_console_flushes++;
}

void console_set_mode(enum console_mode m)
{
	fuzz_console_mode = m;
}

/* The core's own (KVM) hypercalls are not the generic dispatcher's: none here. */
bool arch_hcall(struct vcpu *v, uint32_t token, uint32_t r[8])
{
	return false;
}

/*
 * Reached only by a guest's device accesses, or by powering the machine
 * off: nothing the fuzzers drive may get there.
 */
#define FUZZ_UNREACHED(what) FUZZ_CHECK(0, "the code under test reached %s", what)

bool partition_console_putc(struct partition *p, char c)
{
	FUZZ_UNREACHED("the console");
	return false;
}

bool partition_console_writable(struct partition *p)
{
	FUZZ_UNREACHED("the console");
	return false;
}

void partition_console_push(struct partition *p)
{
	FUZZ_UNREACHED("the console");
}

void console_flush_sync(void)
{
	FUZZ_UNREACHED("the console");
}

void fsl_gpio_set_output(uintptr_t gpio, unsigned int pin)
{
	FUZZ_UNREACHED("the real GPIO");
}

void fsl_guts_reset(uintptr_t guts)
{
	FUZZ_UNREACHED("the real GUTS");
}

void arch_cpu_halt(void)
{
	FUZZ_UNREACHED("a CPU halt");
	abort();
}

void sched_release_vcpu(struct vcpu *v, const struct vcpu_start *start)
{
	FUZZ_UNREACHED("a vCPU release");
}

void virq_set(struct partition *p, unsigned int src, bool level)
{
	FUZZ_UNREACHED("an interrupt line");
}
