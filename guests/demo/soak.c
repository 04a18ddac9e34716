// SPDX-License-Identifier: GPL-2.0-only
/*
 * Restart soak (tests/system/test_soak.py): a partition restarted again
 * and again, three ways in turn. Boot N (beryl,boot-count) first checks
 * that nothing of boot N-1 is left: its memory reads zero (8 MiB word by
 * word, the rest of its RAM one word per 256 bytes), and the vCPU and
 * device state it changed read their reset values (SPRG4-7, DEC, TCR,
 * HID0, DBCR0, the virtual MPIC's spurious vector, task priority and
 * source 0, the UART's line control and scratch registers). Then it
 * writes all of that again and has itself restarted:
 *
 *   N % 3 == 1: a reset request (GUTS RSTCR; on-reset = "restart"),
 *   N % 3 == 2: a crash (machine check with MSR[ME] clear: checkstop;
 *               on-crash = "restart"),
 *   N % 3 == 0: by its manager (soak_mgr.c: FH_PARTITION_RESTART), asked
 *               through the shared mailbox (soak.h); meanwhile it dozes
 *               (MSR[WE]) or spins, every other time.
 *
 * Boot restarts+1 reports and powers off. bootargs: restarts=N.
 */
#include "soak.h"

#define RAM 0x02000000u	     /* the partition's 32 MiB */
#define DENSE_LO 0x01000000u /* checked word by word */
#define DENSE_HI 0x01800000u /* the device tree follows */
#define SPARSE_STEP 256u
#define UART (RT_CCSR_EA + 0x4500u)
#define MPIC (RT_CCSR_EA + 0x40000u)
#define MPIC_SVR (MPIC + 0x10e0u)
#define MPIC_SRC0_VPR (MPIC + 0x10000u)
#define MPIC_CPU0_CTPR (MPIC + 0x20080u)
#define GUTS_RSTCR (RT_CCSR_EA + 0xe00b0u)
#define SPR_DBCR0 308

/* What the restart must not keep: [lo, hi) at step bytes (image, stack, frames and tree
 * excepted). */
static const struct {
	u32 lo, hi, step;
} areas[] = {
	{ 0x00100000u, 0x00600000u, SPARSE_STEP }, /* past the image, below the frames */
	{ 0x00800000u, DENSE_LO, SPARSE_STEP },	   /* past the stack */
	{ DENSE_LO, DENSE_HI, 4 },
	{ DENSE_HI + 0x10000u, RAM, SPARSE_STEP }, /* past the device tree */
};

static u32 failures;

static void expect(const char *what, u32 got, u32 want)
{
	if (got == want)
		return;
	failures++;
	rt_printf("soak: %s reads %08x, not %08x\n", what, got, want);
}

static u32 leftover_words(void)
{
	u32 i, a, n = 0;

	for (i = 0; i < ARRAY_SIZE(areas); i++)
		for (a = areas[i].lo; a < areas[i].hi; a += areas[i].step)
			if (*(volatile u32 *)a)
				n++;
	return n;
}

static void dirty_memory(u32 boot)
{
	u32 i, a;

	for (i = 0; i < ARRAY_SIZE(areas); i++)
		for (a = areas[i].lo; a < areas[i].hi; a += areas[i].step)
			*(volatile u32 *)a = a ^ boot ^ 0x50a450a4u;
}

/* Everything dirty_state() changes, at its reset value. */
static void check_state(void)
{
	expect("SPRG4", mfspr(SPR_SPRG4), 0);
	expect("SPRG5", mfspr(SPR_SPRG5), 0);
	expect("SPRG6", mfspr(SPR_SPRG6), 0);
	expect("SPRG7", mfspr(SPR_SPRG7), 0);
	expect("DEC", mfspr(SPR_DEC), 0);
	expect("TCR", mfspr(SPR_TCR), 0);
	expect("HID0", mfspr(SPR_HID0), 0);
	expect("DBCR0", mfspr(SPR_DBCR0), 0);
	/* the virtual MPIC's reset values: QEMU's openpic_reset() */
	expect("MPIC SVR", rd32(MPIC_SVR), 0xffff);
	expect("MPIC source 0 VPR", rd32(MPIC_SRC0_VPR), 0x80000000u);
	expect("MPIC CPU 0 CTPR", rd32(MPIC_CPU0_CTPR), 15);
	expect("UART SCR", rd8(UART + 7), 0);
}

static void dirty_state(u32 boot)
{
	mtspr(SPR_SPRG4, boot);
	mtspr(SPR_SPRG5, ~boot);
	mtspr(SPR_SPRG6, 0x50a4);
	mtspr(SPR_SPRG7, 0xffffffffu);
	mtspr(SPR_DEC, 0x7fffffffu);
	mtspr(SPR_TCR, TCR_FIE | (3u << TCR_FP_SHIFT)); /* MSR[EE] stays clear */
	mtspr(SPR_HID0, HID0_TBEN);
	mtspr(SPR_DBCR0, 0x40000000u);
	wr32(MPIC_SVR, 0x1234);
	wr32(MPIC_SRC0_VPR, 0x00050000u);
	wr32(MPIC_CPU0_CTPR, 3);
	wr8(UART + 7, 0x5a);
	/* last: with DLAB set, what it would print goes nowhere */
	wr8(UART + 3, 0x83);
}

static void crash(void)
{
	/* a load where it has no memory, machine checks disabled: checkstop */
	rt_tlb1_map(3, 0x40000000u, 0, 0x7f000000u, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR, 0,
		    0, 0);
	mtmsr(0);
	(void)rd32(0x40000000u);
}

static void wait_for_manager(struct soak_mbox *mb, u32 boot)
{
	mb->ask = boot;
	msync();
	if ((boot / 3) % 2) {
		for (;;)
			;
	}
	mtspr(SPR_HID0, HID0_DOZE);
	for (;;)
		mtmsr(MSR_ME |
		      MSR_WE); /* no interrupt enabled: only the restart ends it */
}

int main(void)
{
	u32 lcr = rd8(UART + 3); /* before anything is printed */
	u32 restarts = rt_bootarg("restarts", 30),
	    boot = rt_fdt_u32("beryl,boot-count", 0);
	struct soak_mbox *mb = soak_mbox_map();
	u32 left = boot > 1 ? leftover_words() : 0;
	u64 t;

	if (lcr) {
		wr8(UART + 3, 0x03);
		expect("UART LCR", lcr, 0);
	}
	if (boot == 1) {
		t = rt_timebase();
		mb->t0_hi = (u32)(t >> 32);
		mb->t0_lo = (u32)t;
		rt_printf("soak: %u restarts: reset, crash, manager in turn\n", restarts);
	}
	if (boot != mb->boots + 1)
		expect("boot count", boot, mb->boots + 1);
	if (left)
		expect("words left from the last boot", left, 0);
	if (boot > 1)
		check_state();
	mb->failures += failures;
	mb->boots = boot;
	if (boot > restarts) {
		t = rt_timebase() - (((u64)mb->t0_hi << 32) | mb->t0_lo);
		rt_printf("soak: boot %u: %u restarts in %u ms, %u failed checks\n", boot,
			  boot - 1, (u32)(t / RT_TB_PER_MS), mb->failures);
		rt_printf("SOAK DONE %s\n",
			  mb->failures || boot != restarts + 1 ? "FAIL" : "ok");
		return 0;
	}
	rt_printf("soak: boot %u: %s; next: %s\n", boot, failures ? "FAILED" : "clean",
		  boot % 3 == 1	  ? "reset"
		  : boot % 3 == 2 ? "crash"
				  : "manager");
	dirty_memory(boot);
	dirty_state(boot);
	msync();
	switch (boot % 3) {
	case 1:
		wr32(GUTS_RSTCR, 2);
		break;
	case 2:
		crash();
		break;
	default:
		wait_for_manager(mb, boot);
		break;
	}
	for (;;)
		;
}
