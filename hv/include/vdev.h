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
	unsigned int nr_sources;
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
	/* per-partition state: PART_MAX of state_size bytes, by partition index */
	void *states;
	size_t state_size;
	/*
	 * Does partition p get one? Set d->gpa and d->size (and anything else
	 * of d that never changes) and return true; false: p has none.
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
	/* Optional: the slot the device fills (at most one of each per partition). */
	const struct vdev_irqchip_ops *irqchip;
	const struct vdev_console_ops *console;
};

/* A device of one partition. */
struct vdev {
	const struct vdev_type *type;
	struct partition *part;
	uint64_t gpa, size; /* its guest-physical range (trapped, never mapped) */
	void *state;        /* type->state_size bytes */
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
/* Let every device of p edit its device tree; 0 or a negative libfdt error. */
int vdev_fdt_fixup_all(const struct partition *p, void *fdt);

#endif /* VDEV_H */
