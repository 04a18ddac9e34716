/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A virtio device of a partition, as its transport (virtio_mmio.c) and its
 * device type (virtio_blk.c, virtio_net.c, ...) share it.
 *
 * The transport owns the registers: feature negotiation, status, queue
 * set-up, interrupt status and the interrupt line, the configuration
 * generation. A device type (struct virtio_backend, registered with
 * VIRTIO_BACKEND) says how many devices of its kind each partition has,
 * fills in their features and configuration space, and serves their
 * queues when notified.
 *
 * Locking: the registers and everything a notification does run on a CPU
 * of the partition (under the partition's lock if it has several vCPUs).
 * A device other CPUs reach (a future network port receiving from another
 * partition) takes vd->lock around what they share with it: its receive
 * queue and whether it is live. vd->lock is a leaf: nothing else is taken
 * under it. Interrupts raised from another CPU are posted
 * (virtio_post_interrupt()) and applied by the partition's CPU.
 */
#ifndef VDEV_VIRTIO_DEV_H
#define VDEV_VIRTIO_DEV_H

#include <stdbool.h>
#include <stdint.h>

#include <spinlock.h>
#include <virtq.h>

struct partition;
struct vdev;

#define VIRTIO_MAX_QUEUES 2
#define VIRTIO_CONFIG_MAX 64 /* bytes of device-specific configuration */
#define VIRTIO_INT_USED 1u   /* InterruptStatus: a used buffer */
#define VIRTIO_INT_CONFIG 2u /* InterruptStatus: the configuration changed */

struct virtio_dev;

struct virtio_backend {
	const char *name;
	uint32_t device_id;
	unsigned int nqueues;
	/* How many devices of this kind partition p has (configuration time). */
	unsigned int (*count)(const struct partition *p);
	/*
	 * Bind vd to p's idx-th device of this kind (configuration time): set
	 * vd->features, vd->config_len and vd->be (its state).
	 */
	void (*attach)(struct virtio_dev *vd, const struct partition *p, unsigned int idx);
	/* Device reset (by the driver, at each start of the partition); vd->lock held. */
	void (*reset)(struct virtio_dev *vd);
	/* Optional: the driver set DRIVER_OK (the device is live). */
	void (*driver_ok)(struct virtio_dev *vd);
	/* The driver notified queue q (ready; a bad ring is the transport's to report). */
	void (*notify)(struct virtio_dev *vd, unsigned int q);
	/* Optional: work left by virtio_more_work(), on the partition's CPU. */
	void (*poll)(struct virtio_dev *vd);
	/* Optional: the partition stopped (before its memory is cleared). */
	void (*stop)(struct virtio_dev *vd);
	/* Optional: the driver wrote configuration bytes [off, off + len). */
	void (*config_write)(struct virtio_dev *vd, uint32_t off, unsigned int len);
	/* Optional: refresh vd->config before the driver reads it. */
	void (*config_read)(struct virtio_dev *vd);
};

#define VIRTIO_BACKEND(b)                                                                  \
	static const struct virtio_backend *const virtio_be_##b                            \
		__attribute__((used, section("virtio_backends"), aligned(sizeof(void *)))) = &b

extern const struct virtio_backend *const __start_virtio_backends[],
	*const __stop_virtio_backends[];

struct virtio_dev {
	const struct virtio_backend *type;
	struct partition *part;
	unsigned int idx;      /* which of the partition's devices of its kind */
	unsigned int src;      /* its interrupt: a source of the partition's MPIC */
	void *be;              /* the device type's state */
	uint64_t features;     /* offered */
	uint64_t driver_features;
	uint32_t dev_features_sel, drv_features_sel, queue_sel;
	uint32_t status;          /* changed atomically: other CPUs set NEEDS_RESET */
	const char *fail_why;     /* why it needs a reset (virtio_fail()) */
	bool fail_told;           /* ... and the partition's console was told */
	uint32_t isr;             /* InterruptStatus */
	volatile uint32_t posted; /* interrupt bits raised by other CPUs, not applied yet */
	bool line;                /* the interrupt line's level */
	uint32_t config_gen;
	uint32_t notifies, interrupts; /* queue notifications taken, interrupts raised */
	volatile bool work;       /* virtio_more_work() asked for a poll */
	uint8_t config[VIRTIO_CONFIG_MAX];
	unsigned int config_len;
	struct virtq vq[VIRTIO_MAX_QUEUES];
	spinlock_t lock;
};

/* The driver negotiated feature bit `bit` (after FEATURES_OK). */
static inline bool virtio_has(const struct virtio_dev *vd, unsigned int bit)
{
	return (vd->driver_features >> bit) & 1;
}

/* The driver set DRIVER_OK and the device did not fail. */
bool virtio_live(const struct virtio_dev *vd);
/*
 * Queue q's driver should hear of the used buffers given back since the
 * last call (on the partition's CPU): the used-buffer interrupt if its
 * event index or flags ask for it.
 */
void virtio_used(struct virtio_dev *vd, unsigned int q);
/* The same from another CPU (vd->lock held): posted to the partition's CPU. */
void virtio_used_remote(struct virtio_dev *vd, unsigned int q);
/* Raise interrupt bits from any CPU: applied by the partition's CPU. */
void virtio_post_interrupt(struct virtio_dev *vd, uint32_t bits);
/* The configuration space changed (any CPU): new generation, configuration interrupt. */
void virtio_config_changed(struct virtio_dev *vd);
/*
 * A queue of the device broke a rule (q->error) or the device found the
 * driver's request impossible: DEVICE_NEEDS_RESET, a configuration
 * interrupt, a (rate-limited) warning, and nothing more is served until
 * the driver resets it.
 */
void virtio_fail(struct virtio_dev *vd, const char *why);
/* Work was left undone (a bound was reached): poll the device again soon. */
void virtio_more_work(struct virtio_dev *vd);

#endif /* VDEV_VIRTIO_DEV_H */
