/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partitions that cooperate (docs/config.md, "Byte channels" and
 * "Doorbells"): what each partition was given, the handles its hypercalls
 * name them by, and how an event on one CPU reaches a partition on another.
 *
 * A partition's objects are listed in p->ipc[] (configuration time): each
 * byte channel end it owns (bytechan.c), each doorbell it may ring or
 * receive (doorbell.c), and, for a manager, the notification doorbells of
 * each partition it manages, with the interrupt sources of its own
 * interrupt controller they raise. Those a guest names in hypercalls (byte
 * channels, doorbells it may ring) have a handle: IPC_HANDLE_BASE + their
 * position; handles below that are partition handles (hcall.h). A handle
 * another partition was given is just a number this one has no entry for.
 *
 * Events: the state lives in the objects (a channel's queues, posted
 * pulses); a partition's interrupt lines are only changed on its own CPUs
 * under its lock, in ipc_poll() (or by its own hypercalls). Another CPU
 * that changed something a partition must see calls ipc_wake() (or, for
 * posted pulses alone, ipc_wake_posted()), which marks the partition and
 * kicks the CPU of its vCPU 0; the kick's
 * external interrupt, or the idle wait, leads to partition_poll().
 */
#ifndef IPC_H
#define IPC_H

#include <stdbool.h>
#include <stdint.h>

struct partition;

enum ipc_kind {
	IPC_NONE = 0,
	IPC_BYTECHAN, /* obj: channel, end: which end (0, 1); src: rx, tx */
	IPC_DOORBELL, /* obj: doorbell, end: IPC_DB_SEND | IPC_DB_RECV; src[0]: receive */
	IPC_NOTIFY,   /* obj: managed partition, end: event (doorbell.h); src[0] */
	IPC_DEVICE,   /* obj: a claimable device, index in its assigned[] (claim.c) */
};
#define IPC_DB_SEND 1
#define IPC_DB_RECV 2

#define IPC_MAX 24         /* objects of one partition */
#define IPC_HANDLE_BASE 16 /* above every partition handle (PART_MAX) */

struct ipc_ref {
	uint8_t kind;
	uint8_t obj;
	uint8_t end;
	bool handle;     /* the guest names it in hypercalls: IPC_HANDLE_BASE + position */
	uint16_t src[2]; /* interrupt sources in the partition's controller */
	bool level[2];   /* byte channel: its lines as last set */
};

/*
 * The object handle h of p names, if it is of this kind; else NULL.
 * Constant time: the handle is an index.
 */
struct ipc_ref *ipc_lookup(struct partition *p, uint32_t h, enum ipc_kind kind);
/* Its handle (ref is one of p's objects). */
uint32_t ipc_handle(const struct partition *p, const struct ipc_ref *ref);

/*
 * Configuration time: give p an object. Its sources (nsrc of them) come
 * from the partition's pool of virtual interrupt sources (virq.h). NULL if
 * p has no room for another object or no source left.
 */
struct ipc_ref *ipc_add(struct partition *p, enum ipc_kind kind, unsigned int obj,
			unsigned int end, unsigned int nsrc, bool handle);

/* Something changed for p (any CPU): its CPU applies it (ipc_poll()). */
void ipc_wake(struct partition *p);
/*
 * The same when only pulses were posted to p (virq_post_pulse()): its CPU
 * applies them without looking at its byte channels (a doorbell's path).
 */
void ipc_wake_posted(struct partition *p);
/* On a CPU of p, p->lock not held: apply what changed (partition_poll()). */
void ipc_poll(struct partition *p);
/*
 * On a CPU of p, under p->lock, or while p does not run: bring p's lines
 * in line with its objects (byte channel levels, posted pulses).
 */
void ipc_sync(struct partition *p);

/* p is loaded (partition_boot(), its devices reset): its lines from scratch. */
void ipc_partition_start(struct partition *p);
/* p runs again after a start or restart at run time (sched.c): its managers are told. */
void ipc_partition_running(struct partition *p);
/* p stopped (partition_stop()): its managers are told (and why: crash, reset request). */
void ipc_partition_stop(struct partition *p);
/* p stopped and settled (sched.c): a manager may start it; its managers are told. */
void ipc_partition_halted(struct partition *p);

/* Its objects' nodes in its device tree (guest_fdt.c): 0 or a libfdt error. */
int ipc_fdt(const struct partition *p, void *fdt, int hypervisor_node);
/* Under a partition handle node of manager p: the notifications about partition idx. */
int ipc_fdt_notify(const struct partition *p, void *fdt, int handle_node, unsigned int idx);

#endif /* IPC_H */
