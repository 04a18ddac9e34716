/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device assignment: a device of the hardware tree given to one partition
 * (its `devices` property, docs/config.md). Its registers' 4 KiB pages are
 * mapped straight into the partition at their physical address (the shadow
 * MMU installs the real page, cache-inhibited and guarded), and its MPIC
 * sources are routed to the CPU of the partition's vCPU 0 and forwarded to
 * its virtual MPIC. No other partition can reach either.
 *
 * assign_check() is the pure part (libfdt only, unit-tested on the host):
 * can this node be mapped directly at all? A device qualifies when its pages
 * hold nothing but its own registers (no other node's reg, nothing the
 * hypervisor owns or emulates, no RAM) and its interrupts are MPIC sources
 * no other node uses. The rest (assign.c) runs in the hypervisor.
 */
#ifndef ASSIGN_H
#define ASSIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <platform.h>
#include <spinlock.h>

#define ASSIGN_MAX_WIN 4   /* reg entries of one device */
#define ASSIGN_MAX_IRQ 4   /* MPIC sources of one device */
#define ASSIGN_MAX_OWNED 6 /* devices the hypervisor keeps for itself */
#define ASSIGN_PAGE 0x1000ull

/* One MPIC source of an assigned device and where its forwarding stands. */
struct assign_irq {
	uint16_t src;
	bool level, positive; /* sense and polarity, from the tree's sense cell */
	bool in_flight;	      /* raised on the virtual MPIC, masked until the EOI */
	bool real_enabled;    /* the real source's VPR is unmasked */
};

struct assigned_dev {
	int node; /* offset in the hardware tree (platform.fdt, never edited) */
	/* its reg entries rounded out to 4 KiB pages (physical = guest physical) */
	struct assign_window {
		uint64_t pa, size;
	} win[ASSIGN_MAX_WIN];
	unsigned int nwin;
	struct assign_irq irq[ASSIGN_MAX_IRQ];
	unsigned int nirq;
	/*
	 * Failover (config "claimable", claim.c): a standby's entry is
	 * claimable and not owned until FH_CLAIM_DEVICE moves the device to it
	 * (the entry it had elsewhere is then no longer owned). Only an owned
	 * entry is mapped or has its sources routed. An owner's entry is
	 * claimable too when another partition may claim the device (to
	 * claim it back).
	 */
	bool claimable, owned;
	bool moving; /* a claim of it to this entry waits for the old owner to let go */
};

/* What assign_check() must know besides the tree. */
struct assign_env {
	const struct platform_ram *ram; /* RAM ranges: never a device */
	unsigned int nram;
	uint64_t mpic_pa;     /* the MPIC's reg: interrupt parents are matched by it */
	unsigned int nr_srcs; /* sources of a partition's virtual MPIC */
	/* devices the hypervisor owns or emulates: reg address and what it is */
	struct {
		uint64_t pa;
		const char *what;
	} owned[ASSIGN_MAX_OWNED];
	unsigned int nowned;
};

/*
 * Can device name (a path or an alias of the hardware tree fdt) be mapped
 * directly into a partition? 0 and *d filled in, or -1 and the reason in
 * msg (a sentence naming the device by its full path).
 */
int assign_check(const void *fdt, const char *name, const struct assign_env *env,
		 struct assigned_dev *d, char *msg, size_t len);

/* [pa, pa+size) touches one of d's pages. */
bool assign_overlaps(const struct assigned_dev *d, uint64_t pa, uint64_t size);

struct partition;

/* The partition's device containing physical page gpa, or NULL. */
const struct assigned_dev *assign_find(const struct partition *p, uint64_t gpa);
/*
 * (Re)starting p: route its devices' sources, masked, to the CPU of its
 * vCPU 0; they forward once the guest unmasks them on its virtual MPIC.
 */
void assign_partition_start(struct partition *p);
/*
 * Taken around every change of who owns an assigned device and the routing
 * that follows it (claim_take.c, assign_partition_start()); never held long.
 */
extern spinlock_t assign_owner_lock;
/*
 * On the CPU of p's vCPU 0 (or while p does not run there), p->lock not
 * held: its devices' lines after a claim moved one: those it lost lowered
 * on its virtual MPIC and forgotten, those it has brought back in line with
 * its guest's masking (claim_take.c).
 */
void assign_settle(struct partition *p);
/* Route d's sources (d one of p's devices), masked, to the CPU of p's vCPU 0. */
void assign_route(struct partition *p, struct assigned_dev *d);
/*
 * On the CPU that took real source src: if it belongs to a partition, mask
 * it and raise the line on that partition's virtual MPIC. false = not an
 * assigned source.
 */
bool assign_irq_fire(unsigned int src);
/*
 * On the vCPU's CPU after its guest wrote the virtual MPIC: lower the lines
 * the guest EOI'd and mirror its masking onto the real sources.
 */
void assign_irq_sync(struct partition *p);

#endif /* ASSIGN_H */
