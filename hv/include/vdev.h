/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated devices: what a partition sees at a guest-physical range that is
 * neither its RAM nor a device assigned to it, emulated by trapping every
 * access (docs/architecture.md, "Adding an emulated device").
 *
 * A device type lives in one file under hv/vdev/ and registers itself with
 * VDEV_REGISTER(). At configuration time every partition gets an instance
 * of each type whose attach() accepts it (its state: the type's array
 * entry for that partition, nothing allocated); reset() runs at every start
 * of the partition; read()/write() serve
 * the guest's loads and stores (through mmio_access(), under the
 * partition's lock when it has several vCPUs). Nothing else in the
 * hypervisor names a device type: the partition's console and interrupt
 * controller are reached through the generic slots below.
 */
#ifndef VDEV_H
#define VDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct partition;
struct vcpu;
struct vdev;

/* A source's configuration, as the ePAPR interrupt hypercalls see it (hcall_irq.c). */
struct virq_config {
	bool level;            /* level-sensitive, else edge */
	bool positive;         /* active high or rising edge */
	bool masked;
	unsigned int priority; /* 0..max_priority */
	unsigned int dest;     /* the vCPU it is routed to */
};

/* What a partition's interrupt controller offers the rest of the hypervisor. */
struct vdev_irqchip_ops {
	/* Drive input line src (a device's interrupt); caller holds the partition's lock. */
	void (*set_irq)(struct vdev *d, unsigned int src, bool level);
	/* The external interrupt output to vCPU n is asserted. */
	bool (*pending)(const struct vdev *d, unsigned int vcpu);
	/*
	 * Taking the external interrupt on vCPU n: in coreint mode acknowledge
	 * it and give the vector for EPR (true); otherwise false (the guest
	 * acknowledges it itself).
	 */
	bool (*coreint_ack)(struct vdev *d, unsigned int vcpu, uint32_t *vector);
	/* Source src is unmasked (an assigned device's real source follows it). */
	bool (*src_enabled)(const struct vdev *d, unsigned int src);
	/*
	 * Sources the guest ended (EOI) since the last call, one per call, and
	 * sources whose mask or routing it changed: -1 when there are none.
	 */
	int (*next_eoied)(struct vdev *d);
	int (*next_changed)(struct vdev *d);
	/*
	 * An event on source src (a doorbell, a state notification): requested
	 * once, as an edge is, whatever the source's sense; several before the
	 * guest takes it are one. Caller holds the partition's lock.
	 */
	void (*pulse)(struct vdev *d, unsigned int src);
	/*
	 * The ePAPR interrupt hypercalls, under the partition's lock: a source's
	 * configuration (set_config: the caller checked src, priority and dest);
	 * acknowledge on vCPU n (the vector, or the spurious vector 0xFFFF when
	 * nothing is deliverable); end the interrupt in service on vCPU n if it
	 * is src (0), else -1 (nothing in service) or -2 (another one is).
	 */
	void (*get_config)(const struct vdev *d, unsigned int src, struct virq_config *c);
	void (*set_config)(struct vdev *d, unsigned int src, const struct virq_config *c);
	uint32_t (*iack)(struct vdev *d, unsigned int vcpu);
	int (*eoi)(struct vdev *d, unsigned int vcpu, unsigned int src);
	unsigned int nr_sources;
	unsigned int max_priority;
	/* Sources the hypervisor's services may give the guest (virq_alloc()). */
	unsigned int service_src_min, service_src_max;
};

/* What a partition's console device offers (the console of the partition). */
struct vdev_console_ops {
	/*
	 * A byte typed for the partition, on the CPU that takes console input
	 * (not the partition's): queue it; false if there is no room.
	 */
	bool (*input)(struct vdev *d, uint8_t c);
	/* On a CPU of the partition: move queued input into the device. */
	void (*poll)(struct vdev *d);
	/* Queued input waiting for poll() (a quick look, no lock). */
	bool (*input_pending)(const struct vdev *d);
};

/* A device type. */
struct vdev_type {
	const char *name;
	/*
	 * per-partition state: PART_MAX (times instances) of state_size bytes,
	 * by partition index (then instance)
	 */
	void *states;
	size_t state_size;
	/*
	 * Does partition p get one (d->instance of them)? Set d->gpa and
	 * d->size (and anything else of d or its state d->state that never
	 * changes) and return true; false: p has none.
	 */
	bool (*attach)(struct vdev *d, const struct partition *p);
	/* At every start of the partition (entry: vCPU 0's first instruction). */
	void (*reset)(struct vdev *d, uint32_t entry);
	/*
	 * A guest load or store at offset off (size 1, 2 or 4 bytes, inside
	 * the device) by vCPU v; false is a bus error (machine check).
	 */
	bool (*read)(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		     uint32_t *val);
	bool (*write)(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
		      uint32_t val);
	/* Optional: edit the partition's device tree (after the generic edits). */
	int (*fdt_fixup)(const struct vdev *d, void *fdt);
	/*
	 * Optional: on a CPU of the partition, work another CPU (or a bound on
	 * the work done at once) left for it: called after vdev_wake(), under
	 * the partition's lock.
	 */
	void (*poll)(struct vdev *d);
	/*
	 * Optional: the partition stopped (on the CPU of its vCPU 0, every vCPU
	 * out of the guest, before its memory is cleared or reloaded): let go of
	 * its memory, tell others.
	 */
	void (*stop)(struct vdev *d);
	/* Instances a partition may have (0: one); attach() sees d->instance. */
	unsigned int instances;
	/* Optional: the slot the device fills (at most one of each per partition). */
	const struct vdev_irqchip_ops *irqchip;
	const struct vdev_console_ops *console;
};

/* A device of one partition. */
struct vdev {
	const struct vdev_type *type;
	struct partition *part;
	uint64_t gpa, size;    /* its guest-physical range (trapped, never mapped) */
	void *state;           /* type->state_size bytes */
	unsigned int instance; /* which of the type's instances in the partition */
};

/* Register a device type (collected at link time). */
#define VDEV_REGISTER(type)                                                                \
	static const struct vdev_type *const vdev_reg_##type                               \
		__attribute__((used, section("vdev_types"), aligned(sizeof(void *)))) = &type

/* Every registered type, in link order. */
extern const struct vdev_type *const __start_vdev_types[], *const __stop_vdev_types[];

/*
 * Give p an instance of every type that wants it (configuration time). 0,
 * or -1 when p has no room for them all (logged).
 */
int vdev_attach_all(struct partition *p);
/* At each start: reset every device of p. */
void vdev_reset_all(struct partition *p, uint32_t entry);
/* The device of p whose range holds gpa, or NULL. */
struct vdev *vdev_find(struct partition *p, uint64_t gpa);
/*
 * Ask p's CPU to poll its devices (from any CPU): the poll() of every device
 * runs there soon, outside the guest (partition_poll()).
 */
void vdev_wake(struct partition *p);
/* On a CPU of p, after vdev_wake(): every device's poll(). */
void vdev_poll_all(struct partition *p);
/* p stopped: every device's stop() (sched.c, before its memory is cleared). */
void vdev_stop_all(struct partition *p);
/* Let every device of p edit its device tree; 0 or a negative libfdt error. */
int vdev_fdt_fixup_all(const struct partition *p, void *fdt);

#endif /* VDEV_H */
