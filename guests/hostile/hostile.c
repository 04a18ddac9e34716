/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hostile guest (runs under beryl; not compared natively). Every vector logs
 * "<attempt>: exc=<ivor> ..." and recovers by skipping the instruction or
 * returning to a recovery point. Expected under beryl: accesses outside the
 * guest's 64 MiB or to non-emulated CCSR devices -> machine check (IVOR1)
 * with an MCSR bus-error bit; privileged instructions from user mode ->
 * program (PPR); wild jumps -> ITLB miss / ISI. Natively QEMU behaves
 * differently (it lets the guest reach CCSR) — it only must finish.
 */
#include <stdbool.h>

#include "rt.h"

static const char *attempt = "init";
static u32 attempts, recover_pc, recover_user, quiet, n_exc;
extern u32 recover_sp_tmp;

static void on_any(struct rt_frame *f)
{
	u32 extra = 0;

	if (f->vec == IVOR_MACHINE_CHECK)
		extra = mfspr(SPR_MCSR);
	else if (f->vec == IVOR_PROGRAM || f->vec == IVOR_DSI)
		extra = mfspr(SPR_ESR);
	n_exc++;
	if (!quiet)
		rt_printf("%s: exc=%u info=%08x\n", attempt, f->vec, extra);
	if (f->vec == IVOR_MACHINE_CHECK)
		mtspr(SPR_MCSR, extra);
	if (recover_user) {
		/* leave user mode through the runtime's magic sc */
		extern char rt_user_exit[];
		f->srr0 = (u32)rt_user_exit;
		f->srr1 = MSR_ME | MSR_PR;
		recover_user = 0;
	} else if (recover_pc) {
		f->srr0 = recover_pc;
		f->gpr[1] = recover_sp_tmp;
		f->srr1 = MSR_ME;
		recover_pc = 0;
	} else {
		f->srr0 += 4;
		f->srr1 &= MSR_PR | MSR_ME;
	}
	if (f->vec == IVOR_DECREMENTER || f->vec == IVOR_FIT || f->vec == IVOR_WATCHDOG) {
		mtspr(SPR_TCR, 0);
		mtspr(SPR_TSR, 0xFFFFFFFF);
	}
}

static void mem_attempt(const char *name, u32 ea, u32 pa_hi, u32 pa)
{
	u32 v;

	attempt = name;
	attempts++;
	rt_tlb1_map(2, ea, pa_hi, pa, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW, 0, 0, 0);
	v = rd32(ea);
	(void)v;
	wr32(ea, 0x5a5a5a5a);
	rt_printf("%s: survived\n", name);
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(2), 0, 0, 0, 0);
}

#define USER_PRIV(fname, insn)                                                 \
	static u32 fname(u32 x)                                                \
	{                                                                      \
		__asm__ __volatile__(insn ::: "memory");                       \
		return 0;                                                      \
	}
USER_PRIV(u_mtmsr, "li 3,0; mtmsr 3")
USER_PRIV(u_tlbwe, "tlbwe")
USER_PRIV(u_mtivpr, "li 3,0; mtspr 63,3")
USER_PRIV(u_rfi, "rfi")
USER_PRIV(u_mtdec, "li 3,1; mtspr 22,3")
/* the hypercall sequence from user mode: the guest's own system call */
USER_PRIV(u_hcall, "lis 0,0x4b56; ori 0,0,0x4d21; lis 11,2; ori 11,11,6; li 3,1; sc; nop")

/*
 * A hypercall from supervisor mode (hcall-instructions of beryl's guest
 * trees): r0 = "KVM!", r11 = token, r3.. arguments; status in r3, r4 out.
 */
static u32 hcall(u32 token, u32 arg, u32 *out)
{
	register u32 r0 __asm__("r0") = 0x4b564d21u;
	register u32 r11 __asm__("r11") = token;
	register u32 r3 __asm__("r3") = arg;
	register u32 r4 __asm__("r4") = 0;
	register u32 r5 __asm__("r5") = 0;

	__asm__ __volatile__("sc" : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r0), "+r"(r11) : : "memory",
			     "cr0");
	*out = r4;
	return r3;
}

/*
 * Hypercalls it has no right to: it manages no partition, so starting,
 * stopping or restarting any handle (its own, another's, none) is refused;
 * calls beryl does not implement say so. Only its own status is its own.
 */
static void hcall_attempts(void)
{
	static const struct { u32 token, arg; } calls[] = {
		{ 0x00010001, 0 },	    /* ePAPR byte-channel send, a handle it was not given */
		{ 0x00010008, 0 },	    /* ePAPR 8: a number nobody serves */
		{ 0x002a0004, 0 },	    /* KVM map magic page: unimplemented */
		{ 0x00020006, 0 },	    /* FSL partition start, handle 0 */
		{ 0x00020006, 1 },	    /* ... its own handle */
		{ 0x00020006, 2 },	    /* ... another partition's */
		{ 0x00020006, 0xFFFFFFFF }, /* ... "itself" */
		{ 0x00020007, 2 },	    /* FSL partition stop, another's */
		{ 0x00020004, 2 },	    /* FSL partition restart, another's */
		{ 0x00020005, 2 },	    /* FSL status of another's */
		{ 0x00020005, 0xFFFFFFFF }, /* FSL status of itself */
	};
	u32 i, out;

	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		attempt = "hcall";
		attempts++;
		out = 0xDEAD;
		rt_printf("hcall %08x %08x: ret %u out %u\n", calls[i].token, calls[i].arg,
			  hcall(calls[i].token, calls[i].arg, &out), out);
	}
	attempt = "user hcall";
	attempts++;
	recover_user = 1;
	rt_user_call(u_hcall, 0, MSR_ME);
	recover_user = 0;
}

extern void hostile_jump(u32 target);
extern char hostile_resume[];
u32 recover_sp_tmp;
/* r3 = target. Saves r1 in recover_sp_tmp and jumps; the exception handler
 * comes back to hostile_resume with that r1 in supervisor mode. */
__asm__(".text\n.globl hostile_jump\nhostile_jump:\n"
	" stwu 1,-16(1)\n mflr 0\n stw 0,20(1)\n"
	" lis 4,recover_sp_tmp@ha\n stw 1,recover_sp_tmp@l(4)\n"
	" mtctr 3\n bctrl\n"
	".globl hostile_resume\nhostile_resume:\n"
	" lwz 0,20(1)\n mtlr 0\n addi 1,1,16\n blr\n");

static u32 garbage[1024] __attribute__((aligned(4096)));

static void jump_attempt(const char *name, u32 target)
{
	attempt = name;
	attempts++;
	recover_pc = (u32)hostile_resume;
	hostile_jump(target);
	recover_pc = 0;
	rt_printf("%s: back\n", name);
}

static u32 user_jump(u32 target)
{
	((void (*)(void))target)();
	return 0;
}

/*
 * Every SPR number read, then written with a pseudo-random value, from
 * supervisor mode: beryl's emulator sees all 1024 encodings. SPRs the
 * runtime itself depends on (vectors, SPRGs, TCR, debug, MMUCSR0) are not
 * written. Each access either completes or traps; the count is printed.
 */
static u32 spr_stub[2] __attribute__((aligned(8)));

static bool spr_keep(u32 spr)
{
	return spr == SPR_IVPR || (spr >= SPR_IVOR0 && spr <= SPR_IVOR0 + 15) ||
	       (spr >= SPR_IVOR32 && spr <= SPR_IVOR32 + 7) || (spr >= 256 && spr <= 263) ||
	       (spr >= SPR_SPRG0 && spr <= SPR_SPRG7) || (spr >= 308 && spr <= 319) ||
	       spr == SPR_TCR || spr == SPR_MMUCSR0 || spr == SPR_SRR0 || spr == SPR_SRR1 ||
	       spr == SPR_CSRR0 || spr == SPR_CSRR1 || spr == SPR_MCSRR0 || spr == SPR_MCSRR1 ||
	       spr == SPR_LR || spr == SPR_CTR;
}

static u32 spr_access(u32 spr, bool write, u32 val)
{
	u32 field = ((spr & 0x1f) << 5) | (spr >> 5);

	spr_stub[0] = (31u << 26) | (3u << 21) | (field << 11) | ((write ? 467u : 339u) << 1);
	spr_stub[1] = 0x4e800020; /* blr */
	__asm__ __volatile__("dcbst 0,%0; sync; icbi 0,%0; isync" ::"r"(spr_stub) : "memory");
	return ((u32(*)(u32))spr_stub)(val);
}

static void spr_sweep(void)
{
	u32 spr, x = 0x2545F491, rd, wr;

	attempt = "spr sweep";
	attempts++;
	quiet = 1;
	n_exc = 0;
	for (spr = 0; spr < 1024; spr++)
		spr_access(spr, false, 0);
	rd = n_exc;
	n_exc = 0;
	for (spr = 0; spr < 1024; spr++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		if (!spr_keep(spr))
			spr_access(spr, true, x);
	}
	wr = n_exc;
	quiet = 0;
	mtspr(SPR_TSR, 0xFFFFFFFF);
	mtspr(SPR_DEC, 0);
	rt_printf("spr sweep: %u reads and %u writes trapped\n", rd, wr);
}

#ifndef HOSTILE_ROUNDS
#define HOSTILE_ROUNDS 1 /* hostile_rounds.c: more, to outlast a canary */
#endif

static void hostile_round(void);

int main(void)
{
	u32 r;

	rt_printf("HOSTILE START\n");
	for (r = 0; r < RT_NVEC; r++)
		rt_set_handler(r, on_any);
	for (r = 0; r < HOSTILE_ROUNDS; r++)
		hostile_round();
	rt_printf("HOSTILE DONE attempts=%u\n", attempts);
	return 0;
}

static void hostile_round(void)
{
	static const struct { const char *n; u32 (*fn)(u32); } priv[] = {
		{ "user mtmsr", u_mtmsr }, { "user tlbwe", u_tlbwe },
		{ "user mtspr ivpr", u_mtivpr }, { "user rfi", u_rfi },
		{ "user mtspr dec", u_mtdec },
	};
	u32 i, x = 0x12345678;

	/* guest-physical addresses outside the 64 MiB */
	mem_attempt("ram 0x04000000", 0x30000000, 0, 0x04000000);
	/* where another partition's RAM is, host-physically (configs/isolation.dts) */
	mem_attempt("ram 0x08000000", 0x30000000, 0, 0x08000000);
	mem_attempt("ram 0x10000000", 0x30000000, 0, 0x10000000);
	mem_attempt("ram 0x1F000000", 0x30000000, 0, 0x1F000000);
	mem_attempt("phys 0x8_0000_0000", 0x30000000, 0x8, 0x00000000);
	/* CCSR: the MPIC and GUTS reach the partition's emulated ones; other
	 * devices, and the rest of the console UART's page, do not exist */
	mem_attempt("ccsr mpic", 0x30000000, 0xF, 0xE0040000);
	mem_attempt("ccsr guts", 0x30000000, 0xF, 0xE00E0000);
	mem_attempt("ccsr ddr", 0x30000000, 0xF, 0xE0002000);
	mem_attempt("ccsr pci", 0x30000000, 0xF, 0xE0008000);
	mem_attempt("ccsr i2c", 0x30000000, 0xF, 0xE0003000); /* assignable, not assigned */
	mem_attempt("ccsr uart page", 0x30000000, 0xF, 0xE0004000);

	/* privileged instructions from user mode */
	for (i = 0; i < ARRAY_SIZE(priv); i++) {
		attempt = priv[i].n;
		attempts++;
		rt_user_call(priv[i].fn, 0, MSR_ME);
	}

	/* wild jumps (supervisor and user) */
	jump_attempt("jump unmapped 0x40000000", 0x40000000);
	jump_attempt("jump unmapped 0xC0000000", 0xC0000000);
	/* CCSR is mapped without SX: the core refuses the fetch (ISI) */
	jump_attempt("jump ccsr", RT_CCSR_EA + 0x4500);
	/* an executable mapping of device space outside the partition: bus error */
	rt_tlb1_map(2, 0x30000000, 0xF, 0xE0002000, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SX,
		    0, 0, 0);
	jump_attempt("jump ccsr ddr executable", 0x30000000);
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(2), 0, 0, 0, 0);
	jump_attempt("jump zeroed ram", 0x03F00000); /* 0x00000000: illegal */

	/* a page of garbage words, bracketed so that anything that falls out
	 * lands in a trap */
	for (i = 0; i < ARRAY_SIZE(garbage); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		garbage[i] = x;
	}
	garbage[ARRAY_SIZE(garbage) - 1] = 0x7fe00008; /* trap */
	__asm__ __volatile__("dcbst 0,%0; sync; icbi 0,%0; isync" ::"r"(garbage) : "memory");
	/* Executed in user mode (privileged words trap). Words that could
	 * branch, sc, or store (and so escape or corrupt the runtime, since
	 * user mode may write all RAM) are replaced by a trap. */
	for (i = 0; i < ARRAY_SIZE(garbage); i++) {
		u32 op = garbage[i] >> 26;
		if ((op >= 16 && op <= 19) || op == 31 || (op >= 36 && op <= 47) ||
		    (op >= 52 && op <= 55) || op == 62 || op == 4)
			garbage[i] = 0x7fe00008;
	}
	__asm__ __volatile__("dcbst 0,%0; sync; icbi 0,%0; isync" ::"r"(garbage) : "memory");
	for (i = 0; i < 16; i++) {
		attempt = "garbage";
		attempts++;
		recover_user = 1;
		rt_user_call(user_jump, (u32)&garbage[i * 61], MSR_ME);
		recover_user = 0;
	}

	spr_sweep();
	hcall_attempts();

	rt_tlb_reset();
	mtspr(SPR_TCR, 0);
}
