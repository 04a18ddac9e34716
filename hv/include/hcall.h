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
 * Each service owns its calls in its own file and registers them with
 * HCALL_REGISTER(); hcall_dispatch() offers a call to the core first
 * (arch_hcall(): KVM's paravirtual calls on e500v2), then finds the
 * handler by token. A token nobody registered gets EV_UNIMPLEMENTED.
 * Served (docs/architecture.md):
 *
 *   ePAPR (vendor 1)   BYTE_CHANNEL_SEND/RECEIVE/POLL (bytechan.c),
 *                      INT_SET/GET_CONFIG, INT_SET/GET_MASK, INT_IACK,
 *                      INT_EOI (hcall_irq.c), DOORBELL_SEND (doorbell.c),
 *                      IDLE (hcall.c)
 *   Freescale (2)      PARTITION_GET_STATUS/START/STOP/RESTART
 *                      (hcall_partition.c)
 *
 * Every argument is hostile: handles are looked up in the caller's own
 * handle table (ipc.h) or manager rights, numbers are range-checked, guest
 * addresses go through partition_gpa_to_hpa() (range.h for every sum).
 */
#ifndef HCALL_H
#define HCALL_H

#include <stdint.h>

#include <vcpu.h>

#define HCALL_MAGIC_R0 0x4b564d21u /* "KVM!" */
#define HCALL_INSNS { 0x3c004b56u, 0x60004d21u, 0x44000002u, 0x60000000u }

/* Status codes (epapr_hcalls.h). */
#define EV_SUCCESS 0
#define EV_EPERM 1
#define EV_ENOENT 2
#define EV_EIO 3
#define EV_EAGAIN 4
#define EV_ENOMEM 5
#define EV_EFAULT 6
#define EV_ENODEV 7
#define EV_EINVAL 8
#define EV_INTERNAL 9
#define EV_CONFIG 10
#define EV_INVALID_STATE 11
#define EV_UNIMPLEMENTED 12
#define EV_BUFFER_OVERFLOW 13

/* Vendors and tokens. */
#define EV_EPAPR_VENDOR_ID 1
#define EV_FSL_VENDOR_ID 2
#define HCALL_TOKEN(vendor, num) (((uint32_t)(vendor) << 16) | (num))
#define HCALL_VENDOR(token) ((token) >> 16)
#define HCALL_NUMBER(token) ((token) & 0xFFFFu)

/* ePAPR calls (vendor 1). */
#define EV_BYTE_CHANNEL_SEND 1
#define EV_BYTE_CHANNEL_RECEIVE 2
#define EV_BYTE_CHANNEL_POLL 3
#define EV_INT_SET_CONFIG 4
#define EV_INT_GET_CONFIG 5
#define EV_INT_SET_MASK 6
#define EV_INT_GET_MASK 7
#define EV_INT_IACK 9
#define EV_INT_EOI 10
#define EV_INT_SEND_IPI 11
#define EV_INT_SET_TASK_PRIORITY 12
#define EV_INT_GET_TASK_PRIORITY 13
#define EV_DOORBELL_SEND 14
#define EV_MSGSND 15
#define EV_IDLE 16

/* Bytes a byte channel call carries in r5..r8 (big-endian, first byte in r5's top). */
#define EV_BYTE_CHANNEL_MAX_BYTES 16

/* Freescale calls (vendor 2, fsl_hcalls.h). */
#define FH_PARTITION_RESTART 4
#define FH_PARTITION_GET_STATUS 5
#define FH_PARTITION_START 6
#define FH_PARTITION_STOP 7
#define FH_PARTITION_MEMCPY 8
#define FH_CLAIM_DEVICE 17

/* Values of GET_STATUS (fsl_hcalls.h). */
#define FH_PARTITION_STOPPED 0
#define FH_PARTITION_RUNNING 1
#define FH_PARTITION_STOPPING 3

/* A partition's handle for its managers: its index + 1 (0 is none). */
#define HCALL_HANDLE(idx) ((idx) + 1u)

/*
 * A hypercall's handler: v made it with arguments r[0..7] (r3..r10); it
 * returns the status (r3) and writes its results into r[1..] (r4...). It
 * must not touch the result registers its call does not define.
 */
typedef uint32_t (*hcall_fn)(struct vcpu *v, uint32_t r[8]);

struct hcall {
	uint32_t token;
	hcall_fn fn;
	const char *name;
};

/* Register the handler of one token (collected at link time, like device types). */
#define HCALL_REGISTER(id, tok, handler)                                                  \
	static const struct hcall hcall_def_##id = { .token = (tok), .fn = (handler),      \
						     .name = #id };                        \
	static const struct hcall *const hcall_reg_##id                                    \
		__attribute__((used, section("hcalls"), aligned(sizeof(void *)))) = &hcall_def_##id

/* Every registered call, in link order. */
extern const struct hcall *const __start_hcalls[], *const __stop_hcalls[];

/*
 * v made hypercall `token` with arguments r[0..7] (r3..r10); results go
 * back into r[] (r[0] = status).
 */
void hcall_dispatch(struct vcpu *v, uint32_t token, uint32_t r[8]);

#endif /* HCALL_H */
