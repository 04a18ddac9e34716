/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A virtual Freescale MPIC (OpenPIC) register model: pure logic, no hardware
 * access, no pointers to hypervisor objects. The hypervisor traps a guest's
 * accesses to its MPIC window (0x40000 bytes, big-endian 32-bit registers)
 * and hands them to vmpic_read()/vmpic_write(); it feeds the real interrupt
 * lines it routes to the partition through vmpic_set_irq(), and asks
 * vmpic_int_pending()/vmpic_ack() what to inject into each vcpu.
 *
 * The model matches what Linux 6.1 (arch/powerpc/sysdev/mpic.c, platform
 * qemu_e500, flags MPIC_BIG_ENDIAN | MPIC_SINGLE_DEST_CPU |
 * MPIC_ENABLE_COREINT, DT compatible "fsl,mpic") sees on QEMU's ppce500
 * machine natively. That machine instantiates QEMU's "FSL MPIC 4.2" model
 * (hw/ppc/e500plat.c, OPENPIC_MODEL_FSL_MPIC_42), not MPIC 2.0; read back from
 * QEMU 7.2 with -smp 2: BRR1 = 0x00400402, FRR = 0x00c30102, GCR = 0,
 * SVR = 0xffff, VPR = 0x80000000 (internal sources 0x80800000), IDR = 1,
 * CTPR = 15.
 *
 * Register map (offsets into the 0x40000-byte block):
 *
 *   0x00000        BRR1 block revision 1 (RO) = 0x00400402 -> version 4.2.
 *                  Linux's fsl_mpic_get_version() reads it; >= 0x400 keeps
 *                  coreint (EPR) on, >= 0x401 sets up the error interrupt
 *                  (EIMR), >= 0x301 makes mpic_init() program 8 timers.
 *   0x00040..0x70  IPI dispatch 0..3   \  aliases of the accessing vcpu's
 *   0x00080        CTPR                 | per-CPU registers (FSL "this CPU"
 *   0x00090        WHOAMI               | area; QEMU openpic_gbl_read/write)
 *   0x000a0        IACK                 |
 *   0x000b0        EOI                 /
 *   0x01000        FRR (RO): NIRQ-1 = 195 (QEMU nb_irqs 196 for MPIC 4.2),
 *                  NCPU-1, VID = 2 (OpenPIC 1.2)
 *   0x01020        GCR: bit 31 RESET (self-clearing), bits 30:29 mode
 *                  (0b11 = external proxy / coreint)
 *   0x01080        VIR vendor id (RO) = 0 (QEMU VIR_GENERIC)
 *   0x01090        PIR processor init (storage only; see vmpic.pir)
 *   0x010a0..0xd0  IPI 0..3 vector/priority (VPR format, edge, no sense)
 *   0x010e0        SVR spurious vector (16-bit, reset 0xffff)
 *   0x010f0        TFRRA timer frequency; 0x01100 + n*0x40 (n < 4) timer n
 *                  TCCR +0x00, TBCR +0x10, TVPR +0x20, TDR +0x30;
 *                  0x01300 TCRA
 *   0x020f0        TFRRB; 0x02100 + n*0x40 timers 4..7; 0x02300 TCRB
 *   0x03900        EISR0 error interrupt summary (RO, 0)
 *   0x03910        EIMR0 error interrupt mask (storage)
 *   0x10000 + s*0x20  source s (s < 256): VPR +0x00, IDR +0x10, ILR +0x18
 *   0x20000 + c*0x1000  vcpu c: IPI dispatch 0x40 + n*0x10, CTPR 0x80,
 *                  WHOAMI 0x90, IACK 0xa0, EOI 0xb0
 *
 * Anything else inside the block reads as 0, ignores writes and counts in
 * vmpic.unhandled (the offset in vmpic.unhandled_off). Notably not modelled:
 * the MSI block at 0x1600 (MSIR0-7, MSISR, MSIIR; only used by Linux's
 * fsl_msi with PCI MSI), message registers, MCACK (0xc0), BRR2.
 *
 * The timers are register storage only: they never count and never
 * interrupt. Linux's mpic_init() writes their TDR/TVPR (masked) and nothing
 * more; the MPIC global timer driver (mpic_timer.c) needs a
 * "fsl,mpic-global-timer" node, which the ppce500 device tree doesn't have.
 */
#ifndef VDEV_VMPIC_H
#define VDEV_VMPIC_H

#include <stdint.h>
#include <stdbool.h>

#define VMPIC_MAX_VCPUS 4
#define VMPIC_NR_SRC 256 /* external/internal sources, per QEMU's ppce500 */
#define VMPIC_NR_IPI 4
#define VMPIC_NR_TIMERS 8 /* groups A and B */
#define VMPIC_SIZE 0x40000

/* Sources 0..VMPIC_NR_EXT_SRC-1 have a programmable sense (edge/level);
 * the FSL internal sources above are always level (QEMU IRQ_TYPE_FSLINT). */
#define VMPIC_NR_EXT_SRC 16

/* Values a guest sees, as QEMU's ppce500 (FSL MPIC 4.2) reports them. */
#define VMPIC_BRR1 0x00400402u
#define VMPIC_FRR_NIRQ 196 /* FRR[NIRQ] + 1; Linux overrides it with 256 */
#define VMPIC_FRR_VID 2
#define VMPIC_VIR 0

/* Register offsets. */
#define VMPIC_BRR1_OFF 0x00000
#define VMPIC_FRR 0x01000
#define VMPIC_GCR 0x01020
#define VMPIC_VIR_OFF 0x01080
#define VMPIC_PIR 0x01090
#define VMPIC_IPI_VPR(n) (0x010a0 + (n)*0x10)
#define VMPIC_SVR 0x010e0
#define VMPIC_TFRRA 0x010f0
#define VMPIC_TCRA 0x01300
#define VMPIC_TFRRB 0x020f0
#define VMPIC_TCRB 0x02300
#define VMPIC_TIMER(n) ((n) < 4 ? 0x01100 + (n)*0x40 : 0x02100 + ((n)-4) * 0x40)
#define VMPIC_TCCR 0x00
#define VMPIC_TBCR 0x10
#define VMPIC_TVPR 0x20
#define VMPIC_TDR 0x30
#define VMPIC_EISR0 0x03900
#define VMPIC_EIMR0 0x03910
#define VMPIC_SRC_BASE 0x10000
#define VMPIC_SRC_STRIDE 0x20
#define VMPIC_SRC_VPR(s) (VMPIC_SRC_BASE + (s)*VMPIC_SRC_STRIDE)
#define VMPIC_SRC_IDR(s) (VMPIC_SRC_VPR(s) + 0x10)
#define VMPIC_SRC_ILR(s) (VMPIC_SRC_VPR(s) + 0x18)
#define VMPIC_CPU_BASE 0x20000
#define VMPIC_CPU_STRIDE 0x1000
#define VMPIC_CPU(c) (VMPIC_CPU_BASE + (c)*VMPIC_CPU_STRIDE)
#define VMPIC_IPIDR(n) (0x40 + (n)*0x10) /* in a per-CPU block or the alias */
#define VMPIC_CTPR 0x80
#define VMPIC_WHOAMI 0x90
#define VMPIC_IACK 0xa0
#define VMPIC_EOI 0xb0

/* VPR bits (sources, IPIs, timers). */
#define VMPIC_VPR_MSK 0x80000000u
#define VMPIC_VPR_A 0x40000000u /* activity, read-only */
#define VMPIC_VPR_POLARITY 0x00800000u
#define VMPIC_VPR_SENSE 0x00400000u /* 1 = level */
#define VMPIC_VPR_PRIO_SHIFT 16
#define VMPIC_VPR_PRIO_MASK 0x000f0000u
#define VMPIC_VPR_VECTOR_MASK 0x0000ffffu

/* GCR bits. */
#define VMPIC_GCR_RESET 0x80000000u
#define VMPIC_GCR_MODE_MASK 0x60000000u
#define VMPIC_GCR_MODE_MIXED 0x20000000u
#define VMPIC_GCR_MODE_PROXY 0x60000000u /* coreint: vector to EPR */

#define VMPIC_TBCR_CI 0x80000000u /* timer count inhibit */

struct vmpic_src {
	uint32_t vpr; /* without A, which is computed on read */
	uint32_t idr;
	uint32_t ilr; /* INTTGT, storage only: everything goes to INT */
};

struct vmpic_timer {
	uint32_t tccr, tbcr, tvpr, tdr;
};

struct vmpic_cpu {
	uint32_t ctpr;
	uint8_t ipi_pending; /* bit n: IPI n dispatched to this vcpu */
	uint8_t ipi_isr;     /* bit n: IPI n in service on this vcpu */
	/*
	 * In-service interrupts. A new one is only accepted above the
	 * priority of all those in service, so they form a stack of strictly
	 * increasing priorities (at most 15 deep) and EOI pops the top.
	 * id: source number, or VMPIC_NR_SRC + n for IPI n.
	 */
	uint8_t isr_depth;
	uint8_t isr_prio[15];
	uint16_t isr_id[15];
};

#define VMPIC_WORDS (VMPIC_NR_SRC / 32)

struct vmpic {
	unsigned int nr_vcpus;
	uint32_t gcr; /* mode bits only; RESET reads 0 */
	uint32_t pir; /* guest's processor-init (core reset) request bits */
	uint32_t svr;
	uint32_t eimr;
	uint32_t tfrr[2], tcr[2];
	uint32_t ipi_vpr[VMPIC_NR_IPI];
	struct vmpic_src src[VMPIC_NR_SRC];
	struct vmpic_timer timer[VMPIC_NR_TIMERS];
	struct vmpic_cpu cpu[VMPIC_MAX_VCPUS];
	uint32_t line[VMPIC_WORDS];	  /* input asserted (vmpic_set_irq) */
	uint32_t pending[VMPIC_WORDS];	  /* IPR: requested, not yet taken */
	uint32_t in_service[VMPIC_WORDS]; /* on some vcpu's ISR stack */
	uint32_t live[VMPIC_WORDS];	  /* VPR unmasked, priority > 0: deliverable at all */
	uint32_t live_words;		  /* bit w: live[w] != 0 */
	uint32_t changed[VMPIC_WORDS];	  /* VPR/IDR rewritten, see below */
	uint32_t eoied[VMPIC_WORDS];	  /* EOI'd, see below */
	uint32_t pulsed[VMPIC_WORDS];	  /* requested by a pulse (vmpic_pulse) */
	bool int_out[VMPIC_MAX_VCPUS]; /* each vcpu's INT output (cached) */
	uint32_t unhandled;		  /* accesses to unknown offsets */
	uint32_t unhandled_off;		  /* the last such offset */
};

/* Reset everything (as at power-on; the input lines read as deasserted). */
void vmpic_init(struct vmpic *m, unsigned int nr_vcpus);

/*
 * A guest access by vcpu to offset off of the block: 4-byte aligned 32-bit
 * accesses only. false = bus error (unaligned or outside the block); the
 * caller handles other access sizes.
 */
bool vmpic_read(struct vmpic *m, unsigned int vcpu, uint32_t off, uint32_t *val);
bool vmpic_write(struct vmpic *m, unsigned int vcpu, uint32_t off, uint32_t val);

/*
 * Input line of source src, asserted or not (the real MPIC already applied
 * the pin's polarity; the VPR polarity bit is storage). Edge-sensitive
 * sources latch a request on a 0 -> 1 transition; level-sensitive ones are
 * requested while the line is asserted.
 */
void vmpic_set_irq(struct vmpic *m, unsigned int src, bool level);

/*
 * An event on source src (a doorbell): requested once, as an edge latches
 * a request, whatever the source's sense; taken by the next acknowledge.
 * Several pulses before it is taken are one request.
 */
void vmpic_pulse(struct vmpic *m, unsigned int src);

/* A source's configuration as the ePAPR interrupt hypercalls see it. */
struct vmpic_config {
	bool level;    /* level-sensitive (internal sources always are) */
	bool positive; /* VPR polarity: active high or rising edge */
	bool masked;
	unsigned int priority; /* 0..15 */
	unsigned int dest;     /* vcpu it is routed to (the lowest IDR bit) */
};
/* src < VMPIC_NR_SRC. */
void vmpic_get_config(const struct vmpic *m, unsigned int src, struct vmpic_config *c);
/*
 * Set it all at once (ignored unless src, dest and priority are in range);
 * the vector becomes src. The sense of an internal source stays level.
 */
void vmpic_set_config(struct vmpic *m, unsigned int src, const struct vmpic_config *c);
/*
 * End the interrupt in service on vcpu if it is source src: 0; -1 if
 * nothing is in service there, -2 if the one in service is another.
 */
int vmpic_eoi_src(struct vmpic *m, unsigned int vcpu, unsigned int src);

/* The vcpu's INT output is asserted: inject an external interrupt. */
bool vmpic_int_pending(const struct vmpic *m, unsigned int vcpu);

/*
 * Acknowledge on vcpu: the highest-priority deliverable interrupt goes in
 * service and its vector is returned; the spurious vector if there is
 * none. This is what IACK reads; with coreint (vmpic_coreint()) the
 * hypervisor calls it when it delivers the external interrupt and puts the
 * result in the guest's EPR, as QEMU's CPU does in proxy mode.
 */
uint32_t vmpic_ack(struct vmpic *m, unsigned int vcpu);

/* GCR mode is external proxy: the guest reads vectors from EPR. */
bool vmpic_coreint(const struct vmpic *m);

/* Source src is unmasked in its VPR (the real source may be unmasked). */
bool vmpic_src_enabled(const struct vmpic *m, unsigned int src);

/* The vcpu source src is routed to (lowest IDR bit), or -1 if none. */
int vmpic_src_dest(const struct vmpic *m, unsigned int src);

/* Source src is level-sensitive. */
bool vmpic_src_level(const struct vmpic *m, unsigned int src);

/*
 * Sources whose VPR or IDR the guest changed (or all, after a reset), so
 * the hypervisor can mirror masking/routing on the real MPIC: each call
 * returns one and forgets it; -1 when there are none left.
 */
int vmpic_next_changed_src(struct vmpic *m);

/*
 * Sources the guest has EOI'd, for the hypervisor to re-enable a real
 * level-sensitive source it masked while the guest serviced it: each call
 * returns one and forgets it; -1 when there are none left.
 */
int vmpic_next_eoied_src(struct vmpic *m);

#endif /* VDEV_VMPIC_H */
