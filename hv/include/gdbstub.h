/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A GDB remote-protocol stub per partition (gdbstub.c, docs/debugging.md),
 * on the partition's debug channel of the multiplexed console
 * (CONSOLE_CHAN_GDB(i), console.h): gdb-multiarch attaches with
 * `target remote` to the TCP port tools/beryl-mux serves it on. Every vCPU
 * is a thread; a stopped partition is held in place (sched.h) while the
 * rest of the system runs on.
 *
 * What the stub is told by the rest of the hypervisor:
 */
#ifndef GDBSTUB_H
#define GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct partition;
struct vcpu;

/* Why a vCPU stopped for its debugger (the core's debug events). */
enum gdbstub_stop {
	GDBSTUB_STEP = 1, /* it completed the instruction it was stepping */
	GDBSTUB_SWBREAK,  /* it trapped on one of the stub's breakpoint instructions */
	GDBSTUB_HWBREAK,  /* it reached a hardware breakpoint (gdb's Z1) */
	GDBSTUB_WATCH,    /* its access at addr hit a watchpoint (write, read, access) */
	GDBSTUB_RWATCH,
	GDBSTUB_AWATCH,
};

/* Bytes typed on partition idx's debug channel (the console CPU). */
void gdbstub_input(unsigned int idx, const uint8_t *data, size_t len);
/*
 * On v's CPU, in the trap path: a debug event (addr: the data address of
 * a watchpoint hit). The partition is held and gdb told; false if no gdb
 * listens (the event is nobody's: the core lets the guest go on).
 */
bool gdbstub_event(struct vcpu *v, enum gdbstub_stop why, uint32_t addr);
/* On v's CPU: the trap instruction at v's pc is one of the stub's breakpoints. */
bool gdbstub_breakpoint(struct vcpu *v);
/* Every vCPU of p is held now (sched.c): a stop gdb waits for can be told. */
void gdbstub_held(struct partition *p);
/* p was loaded for a (re)start: its breakpoints go back into the fresh image. */
void gdbstub_loaded(struct partition *p);
/* p stopped for good (not restarting): gdb, if it waits, is told it exited. */
void gdbstub_stopped(struct partition *p);

#endif /* GDBSTUB_H */
