/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts in supervisor mode do not depend on what r1 holds: a
 * decrementer interrupt is taken while r1 = 0 as with any other value.
 * (r1 is the stack pointer only by software convention; the core does not
 * look at it. KVM's paravirtual "critical == r1" rule belongs to guests
 * that mapped its magic page.)
 */
#include "rt.h"

static volatile u32 n_dec;

static void on_dec(struct rt_frame *f)
{
	n_dec++;
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, 0);
}

/*
 * Spin with MSR[EE] set and r1 = value until *flag is non-zero or the
 * budget runs out (the handlers never use the interrupted r1); r1 is
 * restored before returning.
 */
static void spin_with_r1(u32 value, volatile u32 *flag, u32 budget)
{
	__asm__ __volatile__("mr 12,1\n"
			     "mr 1,%3\n"
			     "mtmsr %1\n"
			     "isync\n"
			     "1:	lwz 0,0(%2)\n"
			     "cmpwi 0,0\n"
			     "bne 2f\n"
			     "addic. %0,%0,-1\n"
			     "bne 1b\n"
			     "2:	mtmsr %4\n"
			     "isync\n"
			     "mr 1,12\n"
			     : "+r"(budget)
			     : "r"(MSR_ME | MSR_EE), "b"(flag), "r"(value), "r"(MSR_ME)
			     : "r0", "r12", "cr0", "memory");
}

static void one(const char *what, u32 r1)
{
	n_dec = 0;
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, TCR_DIE);
	mtspr(SPR_DEC, 2000);
	spin_with_r1(r1, &n_dec, 1u << 24);
	mtspr(SPR_TCR, 0);
	check(what, n_dec, 1);
}

int main(void)
{
	test_begin("r1zero");
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	one("decrementer with r1 = stack", 0x007fff00u);
	one("decrementer with r1 = 0", 0);
	one("decrementer with r1 = -1", 0xffffffffu);
	return test_end();
}
