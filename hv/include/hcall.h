/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls (ePAPR 1.1 §6 convention, as Linux issues them): r11 =
 * (vendor << 16) | number, arguments in r3..r10, status in r3, results in
 * r4... The instruction sequence is the one KVM gives trap-and-emulate
 * guests (`lis r0,0x4b56; ori r0,r0,0x4d21; sc; nop`): an sc executed in
 * guest supervisor mode with r0 = "KVM!" is a hypercall; any other sc is
 * the guest's own system call. Guest trees advertise it in
 * /hypervisor/hcall-instructions (guest_fdt.c).
 *
 * Implemented: the Freescale partition-management calls (vendor 2) that
 * Linux's fsl_hypervisor driver (/dev/fsl-hv) makes — GET_STATUS, START,
 * STOP, RESTART — for the partitions a partition `manages` (and GET_STATUS
 * of itself, handle -1). Everything else returns EV_UNIMPLEMENTED.
 */
#ifndef HCALL_H
#define HCALL_H

#include <stdint.h>

#include <vcpu.h>

#define HCALL_MAGIC_R0 0x4b564d21u /* "KVM!" */
#define HCALL_INSNS { 0x3c004b56u, 0x60004d21u, 0x44000002u, 0x60000000u }

#define EV_SUCCESS 0
#define EV_EPERM 1
#define EV_EINVAL 8
#define EV_INVALID_STATE 11
#define EV_UNIMPLEMENTED 12

#define EV_EPAPR_VENDOR_ID 1
#define EV_IDLE 16

#define EV_FSL_VENDOR_ID 2
#define FH_PARTITION_RESTART 4
#define FH_PARTITION_GET_STATUS 5
#define FH_PARTITION_START 6
#define FH_PARTITION_STOP 7

/* Values of GET_STATUS (fsl_hcalls.h). */
#define FH_PARTITION_STOPPED 0
#define FH_PARTITION_RUNNING 1
#define FH_PARTITION_STOPPING 3

/* A partition's handle for its managers: its index + 1 (0 is none). */
#define HCALL_HANDLE(idx) ((idx) + 1u)

/*
 * v made hypercall `token` with arguments r[0..7] (r3..r10); results go
 * back into r[] (r[0] = status).
 */
void hcall_dispatch(struct vcpu *v, uint32_t token, uint32_t r[8]);

#endif /* HCALL_H */
