/* SPDX-License-Identifier: GPL-2.0-only */
/* A partition: memory map, emulated devices, vCPUs, console, lifecycle. */
#ifndef PARTITION_H
#define PARTITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <assign.h>
#include <console.h>
#include <ipc.h>
#include <ratelimit.h>
#include <spinlock.h>
#include <stats.h>
#include <vcpu.h>
#include <vdev.h>

#define PART_MAX 4
#define PART_MAX_MEM 4
#define PART_MAX_DEV 16 /* emulated devices (vdev.h) */
#define PART_MAX_ASSIGNED 4 /* devices of the hardware tree it is given (assign.h) */
#define PART_MAX_VCPUS 4
#define PART_NAME_MAX 32
#define VIRQ_POST_MAX 256 /* sources a pulse can be posted for (virq.h) */

/* A guest-physical range backed by host RAM. */
struct mem_region {
	uint64_t gpa, hpa, size;
	bool shared; /* an area other partitions may map too (not cleared on restart) */
};

enum part_state { PART_STOPPED = 0, PART_RUNNING };
/* debug = "on" (mux mode: a stub on its debug channel), "wait" (held for gdb at each start), "off" */
enum part_debug { PART_DEBUG_ON = 0, PART_DEBUG_WAIT, PART_DEBUG_OFF };

/* What its watchdog's expiry does (watchdog.c; config "watchdog"). */
enum wdt_policy { WDT_RESET = 0, WDT_STOP, WDT_NOTIFY, WDT_INTERRUPT, WDT_POLICIES };
extern const char *const partition_wdt_policy_names[WDT_POLICIES];

struct partition {
	char name[PART_NAME_MAX];
	enum part_state state;
	struct mem_region mem[PART_MAX_MEM];
	unsigned int nmem;
	struct vdev dev[PART_MAX_DEV]; /* emulated devices (vdev.h) */
	unsigned int ndev;
	/* generic slots: the devices serving as its interrupt controller and console */
	struct vdev *irqchip, *console;
	struct assigned_dev assigned[PART_MAX_ASSIGNED]; /* mapped directly (config "devices") */
	unsigned int nassigned;
	struct vcpu *vcpu[PART_MAX_VCPUS];
	unsigned int nvcpus;
	unsigned int cpus_mask;		   /* physical CPUs it uses */
	uint8_t vcpu_cpu[PART_MAX_VCPUS]; /* vCPU n runs on CPU vcpu_cpu[n] (config order) */
	uint8_t sched_prio;    /* its vCPUs' priority on priority-scheduled cores */
	uint32_t sched_weight; /* ... and their weight (sched.h) */
	/*
	 * Taken around everything several vCPUs share: emulated device
	 * registers, console input, the lifecycle state. Never held while the
	 * guest runs.
	 */
	spinlock_t lock;
	spinlock_t stop_lock; /* partition_stop(), which device handlers call under lock */
	const void *image;      /* guest ELF (inside the configuration blob) */
	uint32_t image_size;
	const char *bootargs;
	const void *initrd; /* initial ramdisk (inside the configuration blob) */
	uint32_t initrd_size;
	uint64_t initrd_gpa;
	const char *stop_reason;
	bool reset_requested;
	bool restart_on_reset; /* on-reset = "restart" (default) or "stop" */
	bool crashed;          /* stopped by a fatal error (partition_crash()) */
	bool restart_on_crash; /* on-crash = "restart" or "stop" (default) */
	bool start_wait;       /* start = "wait": loaded at boot, started by a manager */
	bool managed;          /* some partition manages it (hcall.c) */
	bool paravirt;         /* the core's paravirtual interface offered (paravirt = "on") */
	bool virtio_console;   /* console = "virtio": a virtio-console device is its console */
	bool restart_forced;   /* its manager (or the shell) asked for a restart */
	bool claim_running;    /* claim = "running": FH_CLAIM_DEVICE takes from a running owner */
	uint8_t wdt_policy;    /* enum wdt_policy */
	bool wdt_expired;      /* stopped by its watchdog (watchdog.c) */
	unsigned int manages;  /* bit i: may start/stop/restart partitions[i] */
	/*
	 * Stopped and settled: every vCPU parked, vCPU 0 waiting for a start.
	 * Only then may a manager (or the shell) start it.
	 */
	volatile bool halted;
	unsigned int boots; /* how many times it was started */
	uint64_t started_tb; /* timebase at its last start */
	enum part_debug debug; /* its debug stub (configuration "debug", gdbstub.h) */
	bool pause_said;     /* "paused" was said since the last pause (sched.c) */
	/* cooperation with other partitions (ipc.h) */
	struct ipc_ref ipc[IPC_MAX];
	unsigned int nipc;
	unsigned int virq_next;           /* its services' next source (virq_alloc()) */
	volatile bool ipc_wake;           /* another CPU changed something it must see */
	volatile bool ipc_posted;         /* ... only pulses posted to it (virq_posted) */
	volatile uint32_t virq_posted[VIRQ_POST_MAX / 32]; /* pulses from other CPUs (virq.h) */
	volatile uint32_t virq_posted_words; /* bit w: virq_posted[w] may be non-zero */
	int stdout_bc;                    /* the byte channel that is its console, or -1 */
	uint8_t stdout_end;               /* ... and its end of it (0 or 1) */
	struct console_line cline;   /* its console's output (pconsole.c) */
	volatile bool console_wake;  /* room again: its console device may go on */
	volatile bool vdev_wake;     /* its devices have work on its CPU (vdev_wake()) */
	uint32_t out_dropped;        /* bytes written while its transmitter was busy */
	struct ratelimit warn_limit; /* messages it causes (partition_warn()) */
};

extern struct partition partitions[PART_MAX];
extern unsigned int npartitions;

/* Host physical address for gpa if [gpa, gpa+len) lies in one RAM region. */
bool partition_gpa_to_hpa(const struct partition *p, uint64_t gpa, uint64_t len,
			  uint64_t *hpa);
/*
 * Give p guest-physical [gpa, gpa + size) backed by host [hpa, hpa + size).
 * The one way a RAM region is made: it must lie below 4 GiB in the guest
 * and inside one RAM range of the hardware tree, so the TLB-miss path,
 * which maps whatever a region covers, can never map device space as RAM.
 * 0, or -1 (refused, or no room).
 */
int partition_add_mem(struct partition *p, uint64_t gpa, uint64_t hpa, uint64_t size,
		      bool shared);
/* The RAM region containing gpa, or NULL. */
const struct mem_region *partition_find_mem(const struct partition *p, uint64_t gpa);
/* Room for a guest's device tree, placed at partition_fdt_gpa(image end). */
#define PART_FDT_MAX 0x10000
uint64_t partition_fdt_gpa(uint64_t image_end);

/* Load the image, build the guest tree, reset the vCPUs. 0 or -1 (logged). */
int partition_boot(struct partition *p);
/*
 * As partition_boot(), vCPU 0 starting at entry (with load, 0: the image's
 * own); without load keeping what its memory holds (no image or initrd
 * loaded: its manager copied a new image in, FH_PARTITION_MEMCPY). The
 * tree is rebuilt where the configured image puts it.
 */
int partition_boot_at(struct partition *p, bool load, uint32_t entry);
/* Zero the partition's RAM (before a restart: nothing of the old run leaks). */
void partition_clear_memory(struct partition *p);
/* The guest asked for a reset: the partition restarts from its image. */
void partition_request_reset(struct partition *p);
/* A fatal error of the guest: stop the partition (restarted if on-crash says so). */
void partition_crash(struct partition *p, const char *reason);
/*
 * vCPU vcpu's watchdog expired at timebase expired_at (noticed at now, on
 * its CPU): apply the partition's policy (watchdog.c).
 */
void partition_watchdog_expired(struct partition *p, unsigned int vcpu, uint64_t expired_at,
				uint64_t now);
/*
 * Stop the partition (power-off or fatal error) and say why; its vCPUs on
 * other CPUs are kicked out of the guest.
 */
void partition_stop(struct partition *p, const char *reason);
/*
 * One byte of guest console output (pconsole.c); false if the console had
 * no room (the byte is dropped and counted: the guest should have waited
 * for partition_console_writable()).
 */
bool partition_console_putc(struct partition *p, char c);
/* Room for a byte of output (a line waiting for room is sent if it fits now). */
bool partition_console_writable(struct partition *p);
/* The guest's driver stopped writing: in mux mode send what it wrote so far. */
void partition_console_push(struct partition *p);
/* The same from outside the console device (a vCPU going idle): takes its lock. */
void partition_console_push_idle(struct partition *p);
/*
 * It stops: send its unfinished output line, if any, and say how many of
 * its messages were suppressed since the last one.
 */
void partition_console_flush(struct partition *p);
/* Configuration time: its console channel's output stream and input (console.h). */
void partition_console_init(struct partition *p);
/*
 * A hypervisor message about something the partition did, rate-limited
 * per partition (10 at once, then 10 a second; the number suppressed is
 * said with the next one), so that a guest cannot flood the console.
 */
void partition_warn(struct partition *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * On a CPU of the partition: let its console device take the input queued
 * for it, and go on writing if it had to wait for room. Called where either
 * can be due, off the hot trap path: after an external interrupt (the
 * kick), in the idle wait.
 */
void partition_console_poll_slow(struct partition *p);
static inline void partition_console_poll(struct partition *p)
{
	const struct vdev *c = p->console;

	if (c && (p->console_wake || c->type->console->input_pending(c)))
		partition_console_poll_slow(p);
}

/*
 * On a CPU of the partition, after an external interrupt (a kick) and in
 * the idle wait: whatever other CPUs queued for it: console input, room
 * to write again, events of the partitions it cooperates with (ipc.h),
 * work of its devices (vdev_wake()).
 */
static inline void partition_poll(struct partition *p)
{
	partition_console_poll(p);
	if (p->ipc_wake || p->ipc_posted)
		ipc_poll(p);
	if (p->vdev_wake)
		vdev_poll_all(p);
}

#endif /* PARTITION_H */
