// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running one fuzz operation: the stub page, the call into it with random
 * registers, and the exception handlers that step over what faults and
 * bring the fuzzer back whatever the operation did.
 *
 * Every interrupt goes through the runtime's vectors (IVPR = 0, reached
 * through TLB1[0], which no operation may replace) into gf_on_exception().
 * An interrupt taken in the stub is stepped over (synchronous) or returned
 * from (asynchronous, its cause cleared); one taken anywhere else the
 * operation went (an rfi to a random address), or the 33rd in one
 * operation, ends the operation at gf_resume, back in supervisor mode with
 * the fuzzer's own registers and MSR = ME.
 */
#include "gfuzz.h"

/* ---------------------------------------------------------------- RNG */
/* xoshiro128** seeded through splitmix32: the op sequence depends on the seed only. */
static u32 rng_s[4];

static u32 rotl(u32 x, int k)
{
	return (x << k) | (x >> (32 - k));
}

u32 gf_rnd(void)
{
	u32 r = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 9;

	rng_s[2] ^= rng_s[0];
	rng_s[3] ^= rng_s[1];
	rng_s[1] ^= rng_s[2];
	rng_s[0] ^= rng_s[3];
	rng_s[2] ^= t;
	rng_s[3] = rotl(rng_s[3], 11);
	return r;
}

void gf_seed(u32 seed)
{
	int i;

	for (i = 0; i < 4; i++) {
		u32 z = (seed += 0x9e3779b9u);

		z = (z ^ (z >> 16)) * 0x85ebca6bu;
		z = (z ^ (z >> 13)) * 0xc2b2ae35u;
		rng_s[i] = z ^ (z >> 16);
	}
}

/* --------------------------------------------------------------- stub */
u32 gf_stub[GF_STUB_WORDS] __attribute__((aligned(4096)));
unsigned int gf_len;
static unsigned int stub_hwm = GF_STUB_WORDS; /* words that may differ from the filler */
u32 gf_regs[35];

#define EXIT_WORDS 3

void gf_begin(void)
{
	gf_len = 0;
}

bool gf_room(unsigned int n)
{
	return gf_len + n + EXIT_WORDS <= GF_STUB_WORDS;
}

void gf_emit(u32 word)
{
	if (gf_room(1))
		gf_stub[gf_len++] = word;
}

static void emit_exit(unsigned int at)
{
	gf_stub[at] = (15u << 26) | GF_RT(0) | (GF_EXIT_MAGIC >> 16); /* lis r0 */
	gf_stub[at + 1] =
	    (24u << 26) | GF_RT(0) | GF_RA(0) | (GF_EXIT_MAGIC & 0xffff); /* ori */
	gf_stub[at + 2] = GF_INSN_SC;
}

/*
 * The exit sequence, then exit sequences over whatever earlier operations
 * wrote: wherever a jump lands after the operation's words, the next sc
 * ends it (an sc reached with another r0 is a system call the handler
 * steps over, to the next exit). Written code is made visible to
 * instruction fetch (dcbst, msync, icbi, isync).
 */
void gf_end(void)
{
	unsigned int i, end = gf_len + EXIT_WORDS, top = stub_hwm > end ? stub_hwm : end;
	u32 a;

	for (i = gf_len; i + EXIT_WORDS <= top; i += EXIT_WORDS)
		emit_exit(i);
	for (; i < top; i++)
		gf_stub[i] = GF_INSN_SC;
	for (a = (u32)gf_stub; a < (u32)&gf_stub[top]; a += 32)
		__asm__ __volatile__("dcbst 0,%0" ::"r"(a) : "memory");
	__asm__ __volatile__("msync" ::: "memory");
	for (a = (u32)gf_stub; a < (u32)&gf_stub[top]; a += 32)
		__asm__ __volatile__("icbi 0,%0" ::"r"(a) : "memory");
	__asm__ __volatile__("isync" ::: "memory");
	stub_hwm = end;
}

void gf_li32(unsigned int r, u32 v)
{
	gf_emit((15u << 26) | GF_RT(r) | (v >> 16));		   /* lis r,hi */
	gf_emit((24u << 26) | GF_RT(r) | GF_RA(r) | (v & 0xffff)); /* ori r,r,lo */
}

void gf_mtspr(unsigned int spr, unsigned int r)
{
	gf_emit(GF_OP31(467) | GF_RT(r) | GF_SPRF(spr));
}

void gf_mfspr(unsigned int r, unsigned int spr)
{
	gf_emit(GF_OP31(339) | GF_RT(r) | GF_SPRF(spr));
}

/* ------------------------------------------------ calling the stub */
/*
 * void gf_call(u32 *stub): save the fuzzer's registers, load gf_regs
 * (CR, XER, LR, r0, r2-r31, r1 last) and jump to the stub. gf_resume is
 * where every operation ends (the handler sends it there, MSR = ME).
 */
extern void gf_call(u32 *stub);
extern char gf_resume[];
u32 gf_saved_sp;
__asm__(".text\n"
	".globl gf_call\n"
	"gf_call:\n"
	"	stwu 1,-96(1)\n"
	"	mflr 0\n"
	"	stw 0,100(1)\n"
	"	stmw 13,8(1)\n"
	"	mfcr 0\n"
	"	stw 0,84(1)\n"
	"	stw 2,88(1)\n"
	"	lis 4,gf_saved_sp@ha\n"
	"	stw 1,gf_saved_sp@l(4)\n"
	"	mtctr 3\n"
	"	lis 1,gf_regs@ha\n"
	"	addi 1,1,gf_regs@l\n"
	"	lwz 0,128(1)\n"
	"	mtcr 0\n"
	"	lwz 0,132(1)\n"
	"	mtxer 0\n"
	"	lwz 0,136(1)\n"
	"	mtlr 0\n"
	"	lwz 0,0(1)\n"
	"	lmw 2,8(1)\n"
	"	lwz 1,4(1)\n"
	"	bctr\n"
	".globl gf_resume\n"
	"gf_resume:\n"
	"	lis 1,gf_saved_sp@ha\n"
	"	lwz 1,gf_saved_sp@l(1)\n"
	"	lwz 0,84(1)\n"
	"	mtcr 0\n"
	"	lwz 2,88(1)\n"
	"	lmw 13,8(1)\n"
	"	lwz 0,100(1)\n"
	"	mtlr 0\n"
	"	addi 1,1,96\n"
	"	blr\n");

/* ------------------------------------------------------- exceptions */
#define GF_EXC_MAX 32
#define SPR_DBSR 304

u32 gf_exc_count[RT_NVEC];
u32 gf_anomalies;
static volatile u32 in_op;
static u32 op_exc;
static bool op_aborted, op_escaped;
static u32 runtime_faults; /* consecutive, outside any operation */

/* The last anomalies, printed by the main loop (never from a handler). */
#define ANOM_RING 8
struct anomaly {
	const char *what;
	u32 a, b, c;
};
static struct anomaly anom_ring[ANOM_RING];
static u32 anom_put, anom_get;

void gf_anomaly(const char *what, u32 a, u32 b, u32 c)
{
	gf_anomalies++;
	if (anom_put - anom_get < ANOM_RING)
		anom_ring[anom_put++ % ANOM_RING] = (struct anomaly){what, a, b, c};
}

bool gf_anomaly_next(const char **what, u32 *a, u32 *b, u32 *c)
{
	struct anomaly *x;

	if (anom_get == anom_put)
		return false;
	x = &anom_ring[anom_get++ % ANOM_RING];
	*what = x->what;
	*a = x->a;
	*b = x->b;
	*c = x->c;
	return true;
}

void gf_map_restore(void)
{
	rt_tlb1_map(RT_TLB1_RAM_ESEL, 0, 0, 0, TSIZE_64M, 0, MAS3_ALL, 0, 0, 1);
	rt_tlb1_map(RT_TLB1_CCSR_ESEL, RT_CCSR_EA, 0xF, GF_CCSR_PA, TSIZE_1M,
		    MAS2_I | MAS2_G, MAS3_SR | MAS3_SW, 0, 0, 1);
}

static bool in_stub(u32 pc)
{
	return pc - (u32)gf_stub < sizeof(gf_stub);
}

/* The interrupted instruction is the hcall operation's EV_IDLE. */
static bool at_ev_idle(const struct rt_frame *f)
{
	return in_stub(f->srr0) && !(f->srr0 & 3) && *(const u32 *)f->srr0 == GF_INSN_SC &&
	       f->gpr[0] == GF_HCALL_MAGIC && f->gpr[11] == GF_EV_IDLE_TOKEN;
}

/* Causes that would interrupt again at once are cleared. */
static u32 clear_cause(u32 vec)
{
	u32 mcsr = 0;

	switch (vec) {
	case IVOR_DECREMENTER:
		mtspr(SPR_TSR, TSR_DIS);
		break;
	case IVOR_FIT:
		mtspr(SPR_TSR, TSR_FIS);
		break;
	case IVOR_WATCHDOG:
		mtspr(SPR_TSR, TSR_WIS | TSR_ENW);
		break;
	case IVOR_MACHINE_CHECK:
		mcsr = mfspr(SPR_MCSR);
		mtspr(SPR_MCSR, mcsr);
		break;
	case IVOR_DEBUG:
		mtspr(SPR_DBSR, 0xffffffffu);
		break;
	}
	return mcsr;
}

static void end_op(struct rt_frame *f)
{
	f->srr0 = (u32)gf_resume;
	f->srr1 = MSR_ME;
}

static void abort_op(struct rt_frame *f)
{
	op_aborted = true;
	end_op(f);
}

/*
 * In the fuzzer's own code. Only a critical interrupt an operation
 * enabled (MSR[CE] stays set in a base-class handler) is expected: return
 * to the handler it interrupted, with MSR[CE] clear.
 * Anything else is an anomaly: the console and RAM mappings are written
 * again and the access retried; if that does not help, stop.
 */
static void own_code(struct rt_frame *f, bool critical)
{
	if (critical) {
		/* a watchdog period of two ticks would leave that handler no time */
		f->srr1 &= ~MSR_CE;
		return;
	}
	if (in_op) {
		/* an operation's jump reached the fuzzer's code */
		op_escaped = true;
		gf_anomaly("exception in the fuzzer's code during an operation", f->vec,
			   f->srr0, f->srr1);
		abort_op(f);
		return;
	}
	gf_anomaly("exception in the fuzzer's code", f->vec, f->srr0, mfspr(SPR_DEAR));
	gf_map_restore();
	if (++runtime_faults > 16) {
		rt_printf("\nGFUZZ STUCK exc=%u pc=%08x srr1=%08x dear=%08x esr=%08x\n",
			  f->vec, f->srr0, f->srr1, mfspr(SPR_DEAR), mfspr(SPR_ESR));
		rt_printf("GFUZZ RESULT FAIL\n");
		rt_poweroff();
	}
}

static void gf_on_exception(struct rt_frame *f)
{
	u32 vec = f->vec, mcsr;
	bool critical = vec == IVOR_CRITICAL || vec == IVOR_WATCHDOG || vec == IVOR_DEBUG;
	/* where it happened: SRR0 of sc is the next instruction */
	u32 pc = vec == IVOR_SYSCALL ? f->srr0 - 4 : f->srr0;

	gf_exc_count[vec]++;
	mcsr = clear_cause(vec);
	/* the fuzzer's own code: its RAM, fetched in address space 0 */
	if (!in_op || (!in_stub(pc) && pc < GF_RAM && !(f->srr1 & MSR_IS))) {
		own_code(f, critical);
		return;
	}
	runtime_faults = 0;
	if (vec == IVOR_SYSCALL && f->gpr[0] == GF_EXIT_MAGIC) {
		end_op(f);
		return;
	}
	op_exc++;
	if (op_exc > GF_EXC_MAX || !in_stub(pc)) {
		abort_op(f);
		return;
	}
	switch (vec) {
	case IVOR_ITLB_MISS:
	case IVOR_ISI:
		abort_op(f); /* the fetch at pc failed: nothing to step over */
		return;
	case IVOR_MACHINE_CHECK:
		if (mcsr & MCSR_BUS_IAERR) {
			abort_op(f);
			return;
		}
		f->srr0 += 4;
		break;
	case IVOR_SYSCALL:
	case IVOR_SPE_FP_ROUND:
		break; /* SRR0 is already the next instruction */
	case IVOR_EXTERNAL:
		f->srr1 &= ~MSR_EE; /* a level the operation left asserted */
		if (at_ev_idle(f)) {
			/*
			 * Taken just before an EV_IDLE: with MSR[EE] now
			 * clear the idle would wait for ever (nothing could
			 * end it). It ends as if this interrupt had come
			 * during it: the call returns 0.
			 */
			f->srr0 += 4;
			f->gpr[3] = 0;
		}
		break;
	case IVOR_CRITICAL:
	case IVOR_WATCHDOG:
	case IVOR_DEBUG:
	case IVOR_DECREMENTER:
	case IVOR_FIT:
	case IVOR_PERFMON:
		break; /* asynchronous: the instruction at SRR0 has not run */
	default:
		f->srr0 += 4;
		break;
	}
	/* MSR[WE] would doze again at once; ME stays set (checkstop otherwise). */
	f->srr1 = (f->srr1 & ~MSR_WE) | MSR_ME;
	if (!in_stub(f->srr0))
		abort_op(f);
}

void gf_handlers_init(void)
{
	int v;

	for (v = 0; v < RT_NVEC; v++)
		rt_set_handler(v, gf_on_exception);
	/* the filler: exit sequences over the whole page */
	gf_len = 0;
	gf_end();
}

void gf_run(struct gf_outcome *out)
{
	op_exc = 0;
	op_aborted = false;
	op_escaped = false;
	runtime_faults = 0;
	in_op = 1;
	gf_call(gf_stub);
	in_op = 0;
	out->exceptions = op_exc;
	out->aborted = op_aborted;
	out->escaped = op_escaped;
}
