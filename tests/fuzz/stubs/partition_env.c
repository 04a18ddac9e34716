// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stubs of what partition_boot() and partition_stop() call around the
 * configuration and the guest tree (the emulated devices are the real ones,
 * hv/vdev): vCPU reset, device-interrupt routing, the number of MPIC sources
 * (QEMU's ppce500: 196), the console; what only a guest's device accesses or
 * a power-off reach stops the fuzzer. Byte channels, doorbells and the
 * interrupt sources they take are the real ones (ipc.c, bytechan.c,
 * doorbell.c, virq.c); the console under them is modelled here.
 */
#include <stdlib.h>
#include <string.h>

#include <arch.h>
#include <assign.h>
#include <console.h>
#include <drivers/fsl_soc.h>
#include <drivers/mpic.h>
#include <gdbstub.h>
#include <partition.h>
#include <sched.h>
#include <vcpu.h>
#include <virq.h>

#include "fuzz.h"
#include "hv_env.h"

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

/* gdbstub.c's: a partition was loaded (its debugger's breakpoints go again). */
void gdbstub_loaded(struct partition *p)
{
}

unsigned int mpic_sources(void)
{
	return 196;
}

/* sched_core.c's: what the configuration makes of /cores. */
struct sched_core_cfg sched_cfg[PLATFORM_MAX_CPUS];

/* sched_core.c's: a vCPU out of its guest or awake (counted, per CPU). */
void sched_kick_vcpu(struct vcpu *v)
{
	FUZZ_CHECK(v->cpu < 32, "kick of a vCPU on CPU %u", v->cpu);
	fuzz_vcpu_kicked |= 1u << v->cpu;
}

/* sched_core.c's: no shared core here, so never "looked at on this CPU" (ipc_wake() kicks). */
bool sched_kick_here(struct vcpu *v)
{
	return false;
}

/* Consoles: a partition stopped flushes its console output (counted). */
unsigned int fuzz_console_flushes, fuzz_vcpu_kicked;
unsigned long fuzz_console_bytes;
enum console_mode fuzz_console_mode;
const struct console_client *fuzz_console_client[CONSOLE_CHANNELS];

void partition_console_flush(struct partition *p)
{
	fuzz_console_flushes++;
}

void partition_console_init(struct partition *p)
{
}

void console_set_mode(enum console_mode m)
{
	fuzz_console_mode = m;
}

enum console_mode console_mode(void)
{
	return fuzz_console_mode;
}

void console_set_client(unsigned int chan, const struct console_client *client)
{
	FUZZ_CHECK(chan > CONSOLE_CHAN_HV && chan < CONSOLE_CHANNELS,
		   "console channel %u given to a client", chan);
	fuzz_console_client[chan] = client;
}

/* The console always has room: every line a byte channel ends goes out (counted). */
bool console_write(unsigned int chan, const void *buf, size_t len)
{
	FUZZ_CHECK(chan > CONSOLE_CHAN_HV && chan < CONSOLE_CHANNELS,
		   "a guest's output on console channel %u", chan);
	fuzz_console_bytes += len;
	return true;
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

void partition_warn(struct partition *p, const char *fmt, ...)
{
	FUZZ_UNREACHED("a warning about a guest's access");
}

void assign_route(struct partition *p, struct assigned_dev *d)
{
	FUZZ_UNREACHED("a claimed device's routing");
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
