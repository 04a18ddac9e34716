/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Permissions of mappings over device registers: the UART, the MPIC, the
 * global utilities (GUTS) and the GPIO controller, each mapped through a
 * 4 KiB TLB1 entry (I|G) with chosen MAS3 permission bits, then loaded and
 * stored from supervisor and from user mode. A denied access is a DSI
 * before it reaches the device (ESR[ST] for stores, DEAR = the address),
 * exactly as for RAM (perms.c); a permitted one reaches the device.
 *
 * Natively these are QEMU's real device models; under beryl they are
 * emulated (a beryl partition's UART, virtual MPIC, GUTS and GPIO), which
 * trap on every access: before issue 8's fix beryl emulated them whatever
 * the guest's permissions said, so a user process could reach them through
 * a supervisor-only mapping (and power the partition off through the GPIO).
 *
 * Only values that are the same on both sides are printed: the outcome of
 * each access, and the UART's scratch register written from user mode and
 * read back. Denied stores write values that would be harmless if they got
 * through (read-only registers, a write-one-to-clear register with 0).
 */
#include "rt.h"

#define EA 0x30000000u
#define FAULT_MARK 0xFA017u
#define DEAR_MARK 0x0BAD0000u
#define ESR_MARK ESR_PIL

static volatile u32 n_exc, e_vec, e_srr0, e_esr, e_dear;

static void on_fault(struct rt_frame *f)
{
	n_exc++;
	e_vec = f->vec;
	e_srr0 = f->srr0;
	e_esr = mfspr(SPR_ESR);
	e_dear = mfspr(SPR_DEAR);
	f->gpr[3] = FAULT_MARK;
	f->srr0 += 4;
}

/* Leaf accessors (no stack), usable from user mode through rt_user_call. */
extern char x_ld32[], x_st32[], x_ld8[], x_st8[];
extern u32 ld32(u32 a), st32(u32 a), ld8(u32 a), st8(u32 a);
__asm__(".text\n"
	".globl ld32\nld32:\n.globl x_ld32\nx_ld32: lwz 3,0(3)\n blr\n"
	".globl st32\nst32:\n li 6,0\n.globl x_st32\nx_st32: stw 6,0(3)\n blr\n"
	".globl ld8\nld8:\n.globl x_ld8\nx_ld8: lbz 3,0(3)\n blr\n"
	".globl st8\nst8:\n li 6,0x5a\n.globl x_st8\nx_st8: stb 6,0(3)\n blr\n");

struct dev {
	const char *name;
	u32 page;       /* low 32 bits of the page's physical address (high: 0xF) */
	u32 off;        /* a register to load (and, byte devices, to store) */
	u32 store_off;  /* where a denied word store would land */
	int byte;       /* byte-wide registers (the 16550) */
};

static const struct dev devs[] = {
	{ "uart", 0xE0004000u, 0x507, 0x507, 1 }, /* SCR */
	{ "mpic", 0xE0041000u, 0x000, 0x000, 0 }, /* FRR (read-only) */
	{ "guts", 0xE00E0000u, 0x000, 0x000, 0 }, /* PORPLLSR (read-only) */
	{ "gpio", 0xE00FF000u, 0x000, 0x00C, 0 }, /* GPDIR; GPIER takes 0: no-op */
};

static char nbuf[80];

static const char *nm(const struct dev *d, const char *what)
{
	int n = 0;
	const char *s;

	for (s = d->name; *s; s++)
		nbuf[n++] = *s;
	nbuf[n++] = ' ';
	for (s = what; *s && n < (int)sizeof(nbuf) - 1; s++)
		nbuf[n++] = *s;
	nbuf[n] = 0;
	return nbuf;
}

static void map(const struct dev *d, u32 perms)
{
	rt_tlb1_map(2, EA, 0xF, d->page, TSIZE_4K, MAS2_I | MAS2_G, perms, 0, 0, 0);
}

/*
 * One access; ok: the permissions allow it. A denied one must be a DSI at
 * the load/store instruction, ESR = ST for stores and 0 for loads, DEAR =
 * the address.
 */
static u32 access(const struct dev *d, const char *what, int store, int user, int ok)
{
	u32 a = EA + (store ? d->store_off : d->off), before = n_exc, r;
	u32 (*fn)(u32) = d->byte ? (store ? st8 : ld8) : (store ? st32 : ld32);
	char *insn = d->byte ? (store ? x_st8 : x_ld8) : (store ? x_st32 : x_ld32);

	mtspr(SPR_ESR, ESR_MARK);
	mtspr(SPR_DEAR, DEAR_MARK);
	isync();
	r = user ? rt_user_call(fn, a, MSR_ME) : fn(a);
	if (!check(nm(d, what), n_exc - before, !ok) || ok)
		return r;
	check(nm(d, "vec"), e_vec, IVOR_DSI);
	check(nm(d, "srr0-insn"), e_srr0 - (u32)insn, 0);
	check(nm(d, "esr"), e_esr, store ? ESR_ST : 0);
	check(nm(d, "dear"), e_dear, a);
	return r;
}

int main(void)
{
	unsigned int i;

	test_begin("devperms");
	rt_set_handler(IVOR_DSI, on_fault);
	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		const struct dev *d = &devs[i];

		map(d, MAS3_SW);
		access(d, "sup load, SW only: faults", 0, 0, 0);
		map(d, MAS3_SR);
		access(d, "sup store, SR only: faults", 1, 0, 0);
		access(d, "sup load, SR: faults", 0, 0, 1);
		map(d, MAS3_SR | MAS3_SW);
		access(d, "user load, supervisor-only: faults", 0, 1, 0);
		access(d, "user store, supervisor-only: faults", 1, 1, 0);
		map(d, MAS3_SR | MAS3_UR);
		access(d, "user load, UR: faults", 0, 1, 1);
		access(d, "user store, UR: faults", 1, 1, 0);
		if (d->byte) {
			/* permitted from user mode: the store reaches the device */
			map(d, MAS3_SR | MAS3_UR | MAS3_UW);
			access(d, "user store, UW: faults", 1, 1, 1);
			check(nm(d, "scratch after user store"), access(d, "sup read back: faults",
									 0, 0, 1), 0x5a);
		}
	}
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(2), 0, 0, 0, 0);
	return test_end();
}
