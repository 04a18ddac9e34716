/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The debug stub's bare-metal guest (tests/system/test_gdbstub.py, built
 * with -g): gdb breaks in compute() and reads its argument and the result
 * it stores, single-steps through guest writes to the debug registers the
 * guest believes it has (they are virtual: the stub's step goes on), and
 * watches `watched`, which lives on the same page as `neighbour`, written
 * a hundred times first (accesses a watch by page protection must let
 * through); and steps over a system call its user mode makes (the step ends
 * at the sc vector, as the core's own step would).
 */
#include "rt.h"

#define SPR_DBSR 304
#define SPR_DBCR0 308
#define SPR_IAC1 312
#define SPR_DAC1 316

volatile u32 counter;
struct {
	volatile u32 neighbour;
	volatile u32 watched;
} shared_page __attribute__((aligned(64)));

static u32 __attribute__((noipa)) compute(u32 n)
{
	u32 i, sum = 0;

	for (i = 1; i <= n; i++)
		sum += i * i;
	counter = sum;
	return sum;
}

/* A system call from user mode, debugee_sc the sc itself (gdb steps over it). */
extern u32 debugee_user_sc(u32 a);
__asm__(".text\n"
	".globl debugee_user_sc\n"
	"debugee_user_sc:\n"
	"	li %r0, 3\n"
	".globl debugee_sc\n"
	"debugee_sc:\n"
	"	sc\n"
	"	blr\n");

static void on_sc(struct rt_frame *f)
{
	f->gpr[3]++;
}

/* What a guest debugger would do: its own step, compare registers, MSR[DE]. */
static void __attribute__((noipa)) fiddle_debug_regs(void)
{
	mtspr(SPR_DBCR0, 0x48000000); /* IDM | ICMP */
	mtspr(SPR_IAC1, (u32)compute);
	mtspr(SPR_DAC1, (u32)&counter);
	mtmsr(mfmsr() | MSR_DE);
	mtspr(SPR_DBCR0, 0);
	mtspr(SPR_DBSR, 0xFFFFFFFFu);
	mtmsr(mfmsr() & ~MSR_DE);
}

int main(void)
{
	u32 i, r;

	rt_printf("debugee: start, msr %08x\n", mfmsr());
	r = compute(10);
	rt_printf("debugee: compute %u\n", r);
	fiddle_debug_regs();
	for (i = 0; i < 100; i++)
		shared_page.neighbour = i;
	shared_page.watched = 42;
	rt_printf("debugee: watched %u neighbour %u\n", shared_page.watched,
		  shared_page.neighbour);
	rt_set_handler(IVOR_SYSCALL, on_sc);
	r = rt_user_call(debugee_user_sc, 41, MSR_ME);
	rt_printf("debugee: user sc %u\n", r);
	rt_printf("DEBUGEE DONE ok\n");
	return 0;
}
