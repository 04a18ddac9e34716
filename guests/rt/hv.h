/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What beryl's bare-metal guests of byte channels and doorbells share
 * (guests/ipc, guests/hostile/hcall_fuzz.c): the ePAPR hypercall (numbers
 * and status codes as Linux's epapr_hcalls.h defines them, repeated here:
 * guests include nothing from hv/), the objects of their device tree
 * (byte channels, doorbells) and their interrupts, taken only through
 * the ePAPR interrupt hypercalls (IACK, EOI, SET_CONFIG, SET_MASK).
 */
#ifndef GUEST_IPC_HV_H
#define GUEST_IPC_HV_H

#include "rt.h"

#define EV_SUCCESS 0
#define EV_EAGAIN 4
#define EV_EINVAL 8
#define EV_INVALID_STATE 11
#define EV_UNIMPLEMENTED 12

#define EPAPR(n) ((1u << 16) | (n))
#define FSL(n) ((2u << 16) | (n))
#define EV_BYTE_CHANNEL_SEND EPAPR(1)
#define EV_BYTE_CHANNEL_RECEIVE EPAPR(2)
#define EV_BYTE_CHANNEL_POLL EPAPR(3)
#define EV_INT_SET_CONFIG EPAPR(4)
#define EV_INT_GET_CONFIG EPAPR(5)
#define EV_INT_SET_MASK EPAPR(6)
#define EV_INT_GET_MASK EPAPR(7)
#define EV_INT_IACK EPAPR(9)
#define EV_INT_EOI EPAPR(10)
#define EV_DOORBELL_SEND EPAPR(14)

#define HV_SPURIOUS 0xFFFFu

/* A hypercall: r[0..7] are r3..r10 in and out; returns the status (r3). */
static inline u32 hv_call(u32 token, u32 *r)
{
	register u32 r0 __asm__("r0") = 0x4b564d21u; /* "KVM!" */
	register u32 r11 __asm__("r11") = token;
	register u32 r3 __asm__("r3") = r[0];
	register u32 r4 __asm__("r4") = r[1];
	register u32 r5 __asm__("r5") = r[2];
	register u32 r6 __asm__("r6") = r[3];
	register u32 r7 __asm__("r7") = r[4];
	register u32 r8 __asm__("r8") = r[5];
	register u32 r9 __asm__("r9") = r[6];
	register u32 r10 __asm__("r10") = r[7];

	__asm__ __volatile__("sc"
			     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8),
			       "+r"(r9), "+r"(r10), "+r"(r0), "+r"(r11)
			     :
			     : "memory", "cr0", "r12", "ctr", "xer");
	r[0] = r3;
	r[1] = r4;
	r[2] = r5;
	r[3] = r6;
	r[4] = r7;
	r[5] = r8;
	r[6] = r9;
	r[7] = r10;
	return r3;
}

static inline u32 hv_call1(u32 token, u32 a0)
{
	u32 r[8] = { a0, 0, 0, 0, 0, 0, 0, 0 };

	return hv_call(token, r);
}

static inline u32 hv_call2(u32 token, u32 a0, u32 a1)
{
	u32 r[8] = { a0, a1, 0, 0, 0, 0, 0, 0 };

	return hv_call(token, r);
}

/* ------------------------------------------------------------- its tree */

#define HV_MAX_OBJS 16
#define HV_NAME_MAX 32

enum hv_obj_kind { HV_BYTECHAN = 1, HV_DB_SEND = 2, HV_DB_RECV = 4, HV_DISABLED = 8 };

struct hv_obj {
	char name[HV_NAME_MAX];
	u32 kinds;  /* HV_* bits */
	u32 handle; /* hv-handle */
	u32 irq[2]; /* first cell of each interrupt specifier: byte channel rx, tx; doorbell */
};

static inline u32 hv_be32(const unsigned char *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline int hv_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* A string list (compatible) holds s. */
static inline int hv_list_has(const char *list, u32 len, const char *s)
{
	u32 i = 0;

	while (i < len) {
		if (hv_streq(list + i, s))
			return 1;
		while (i < len && list[i])
			i++;
		i++;
	}
	return 0;
}

/*
 * Its byte channels and doorbells, from the tree it was started with (a
 * walk of the flattened tree: properties come before subnodes, so a node
 * is complete at its first subnode or its end).
 */
static inline int hv_objs(struct hv_obj *objs, int max)
{
	const unsigned char *fdt = (const unsigned char *)rt_fdt, *p;
	struct hv_obj cur;
	u32 strings, kinds = 0;
	int n = 0;

	if (!fdt || hv_be32(fdt) != 0xd00dfeedu)
		return 0;
	p = fdt + hv_be32(fdt + 8);
	strings = hv_be32(fdt + 12);
	for (;;) {
		u32 tok = hv_be32(p), len, i;
		const char *name;

		p += 4;
		if (tok == 1 || tok == 2) { /* a node begins or ends: the one before is complete */
			if (kinds && !(kinds & HV_DISABLED) && n < max) { /* field by field: no memcpy */
				struct hv_obj *o = &objs[n++];

				for (i = 0; i < HV_NAME_MAX; i++)
					o->name[i] = cur.name[i];
				o->kinds = kinds;
				o->handle = cur.handle;
				o->irq[0] = cur.irq[0];
				o->irq[1] = cur.irq[1];
			}
			kinds = 0;
		}
		switch (tok) {
		case 1: /* FDT_BEGIN_NODE */
			for (i = 0; p[i] && i < HV_NAME_MAX - 1; i++)
				cur.name[i] = (char)p[i];
			cur.name[i] = '\0';
			cur.handle = cur.irq[0] = cur.irq[1] = 0;
			while (*p++)
				;
			p = (const unsigned char *)(((u32)p + 3) & ~3u);
			break;
		case 3: /* FDT_PROP */
			len = hv_be32(p);
			name = (const char *)fdt + strings + hv_be32(p + 4);
			if (hv_streq(name, "compatible")) {
				const char *c = (const char *)p + 8;

				if (hv_list_has(c, len, "epapr,hv-byte-channel"))
					kinds |= HV_BYTECHAN;
				if (hv_list_has(c, len, "fsl,hv-doorbell-send-handle"))
					kinds |= HV_DB_SEND;
				if (hv_list_has(c, len, "epapr,hv-receive-doorbell"))
					kinds |= HV_DB_RECV;
			} else if (hv_streq(name, "status") &&
				   hv_streq((const char *)p + 8, "disabled")) {
				kinds |= HV_DISABLED; /* not a channel: left out */
			} else if (hv_streq(name, "hv-handle") && len == 4) {
				cur.handle = hv_be32(p + 8);
			} else if (hv_streq(name, "interrupts") && len >= 4) {
				cur.irq[0] = hv_be32(p + 8);
				if (len >= 8) /* two specifiers of len / 8 bytes each */
					cur.irq[1] = hv_be32(p + 8 + len / 2);
			}
			p += 8 + ((len + 3) & ~3u);
			break;
		case 2: /* FDT_END_NODE */
		case 4: /* FDT_NOP */
			break;
		default:
			return n;
		}
	}
}

/* The first one with this name and kind, or NULL. */
static inline const struct hv_obj *hv_find(const struct hv_obj *objs, int n, const char *name,
					   u32 kind)
{
	int i;

	for (i = 0; i < n; i++)
		if ((objs[i].kinds & kind) && (!name || hv_streq(objs[i].name, name)))
			return &objs[i];
	return 0;
}

/* ------------------------------------------------------------- interrupts */

/* Route source src to vCPU 0 at priority 8 (level, active high), masked or not. */
static inline void hv_irq_setup(u32 src, int masked)
{
	u32 r[8] = { src, 3, 8, 0, 0, 0, 0, 0 };

	hv_call(EV_INT_SET_CONFIG, r);
	hv_call2(EV_INT_SET_MASK, src, masked ? 1 : 0);
}

static inline void hv_irq_mask(u32 src, int masked)
{
	hv_call2(EV_INT_SET_MASK, src, masked ? 1 : 0);
}

/*
 * The MPIC's task priority of this vCPU to 0 (it resets to 15, where
 * nothing is delivered): its CTPR register, in the CCSR block the runtime
 * maps; there is no hypercall for it.
 */
#define HV_MPIC_CTPR (RT_CCSR_EA + 0x40000u + 0x80u)
static inline void hv_irq_accept_all(void)
{
	wr32(HV_MPIC_CTPR, 0);
}

/* Take the interrupt (IACK): its vector (its source number), or HV_SPURIOUS. */
static inline u32 hv_irq_ack(void)
{
	u32 r[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };

	hv_call(EV_INT_IACK, r);
	return r[1];
}

static inline void hv_irq_eoi(u32 src)
{
	hv_call1(EV_INT_EOI, src);
}
/* Doze until an interrupt handler clears MSR[WE] in its SRR1. */
static inline void hv_doze(void)
{
	mtmsr(MSR_ME | MSR_EE | MSR_WE);
	mtmsr(MSR_ME);
}

/* ------------------------------------------------------------- byte channels */

/* Send up to 16 bytes (in r5..r8, big-endian): EV_SUCCESS or EV_EAGAIN (nothing sent). */
static inline u32 hv_bc_send(u32 handle, const unsigned char *buf, u32 n)
{
	u32 r[8] = { handle, n, 0, 0, 0, 0, 0, 0 }, i;

	for (i = 0; i < n && i < 16; i++)
		r[2 + i / 4] |= (u32)buf[i] << (24 - 8 * (i % 4));
	return hv_call(EV_BYTE_CHANNEL_SEND, r);
}

/* Receive up to max (16) bytes; *n = how many. */
static inline u32 hv_bc_receive(u32 handle, unsigned char *buf, u32 max, u32 *n)
{
	u32 r[8] = { handle, max, 0, 0, 0, 0, 0, 0 }, i, st = hv_call(EV_BYTE_CHANNEL_RECEIVE, r);

	*n = st == EV_SUCCESS ? r[1] : 0;
	for (i = 0; i < *n && i < 16; i++)
		buf[i] = (unsigned char)(r[2 + i / 4] >> (24 - 8 * (i % 4)));
	return st;
}

/* The tree's /chosen/bootargs, or "". */
static inline const char *hv_bootargs(void)
{
	const unsigned char *fdt = (const unsigned char *)rt_fdt, *p;
	u32 strings, depth = 0, in_chosen = 0;

	if (!fdt || hv_be32(fdt) != 0xd00dfeedu)
		return "";
	p = fdt + hv_be32(fdt + 8);
	strings = hv_be32(fdt + 12);
	for (;;) {
		u32 tok = hv_be32(p), len;

		p += 4;
		switch (tok) {
		case 1:
			depth++;
			in_chosen = depth == 2 && hv_streq((const char *)p, "chosen");
			while (*p++)
				;
			p = (const unsigned char *)(((u32)p + 3) & ~3u);
			break;
		case 3:
			len = hv_be32(p);
			if (in_chosen &&
			    hv_streq((const char *)fdt + strings + hv_be32(p + 4), "bootargs"))
				return (const char *)p + 8;
			p += 8 + ((len + 3) & ~3u);
			break;
		case 2:
			depth--;
			in_chosen = 0;
			break;
		case 4:
			break;
		default:
			return "";
		}
	}
}

#endif /* GUEST_IPC_HV_H */
