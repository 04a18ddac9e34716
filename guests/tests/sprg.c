/* SPDX-License-Identifier: GPL-2.0-only */
/* SPRG0-7 and USPRG0: supervisor round trips; user-mode reads of SPRG4-7
 * (SPR 260-263) and USPRG0; user-mode writes of SPRG4-7 are privileged. */
#include "rt.h"

static u32 prog_esr, prog_count;

static void on_program(struct rt_frame *f)
{
	prog_esr = mfspr(SPR_ESR);
	prog_count++;
	f->srr0 += 4;
}

static u32 user_read(u32 which)
{
	switch (which) {
	case 4: return mfspr(SPR_SPRG4R);
	case 5: return mfspr(SPR_SPRG5R);
	case 6: return mfspr(SPR_SPRG6R);
	case 7: return mfspr(SPR_SPRG7R);
	case 8: return mfspr(SPR_USPRG0);
	case 9: return mfspr(SPR_SPRG3R);
	}
	return 0;
}

static u32 user_write_sprg4(u32 v)
{
	mtspr(SPR_SPRG4, v);
	return 0;
}

static u32 user_write_usprg0(u32 v)
{
	mtspr(SPR_USPRG0, v);
	return mfspr(SPR_USPRG0);
}

static u32 user_read_sprg0(u32 v)
{
	return mfspr(SPR_SPRG0);
}

int main(void)
{
	static const u32 pat[8] = { 0x01234567, 0x89abcdef, 0xdeadbeef, 0xcafef00d,
				    0x13579bdf, 0x2468ace0, 0xffffffff, 0x00000000 };

	test_begin("sprg");
	rt_set_handler(IVOR_PROGRAM, on_program);

	/* SPRG0 is clobbered by the runtime's vectors: test it with no interrupt in between. */
	mtspr(SPR_SPRG0, pat[0]);
	check("sprg0", mfspr(SPR_SPRG0), pat[0]);
	mtspr(SPR_SPRG1, pat[1]);
	check("sprg1", mfspr(SPR_SPRG1), pat[1]);
	mtspr(SPR_SPRG2, pat[2]);
	check("sprg2", mfspr(SPR_SPRG2), pat[2]);
	mtspr(SPR_SPRG3, pat[3]);
	check("sprg3", mfspr(SPR_SPRG3), pat[3]);
	check("sprg3 via 259", mfspr(SPR_SPRG3R), pat[3]);
	mtspr(SPR_SPRG4, pat[4]);
	check("sprg4", mfspr(SPR_SPRG4), pat[4]);
	mtspr(SPR_SPRG5, pat[5]);
	check("sprg5", mfspr(SPR_SPRG5), pat[5]);
	mtspr(SPR_SPRG6, pat[6]);
	check("sprg6", mfspr(SPR_SPRG6), pat[6]);
	mtspr(SPR_SPRG7, pat[7]);
	check("sprg7", mfspr(SPR_SPRG7), pat[7]);
	check("sprg4 via 260", mfspr(SPR_SPRG4R), pat[4]);
	check("sprg5 via 261", mfspr(SPR_SPRG5R), pat[5]);
	check("sprg6 via 262", mfspr(SPR_SPRG6R), pat[6]);
	check("sprg7 via 263", mfspr(SPR_SPRG7R), pat[7]);
	mtspr(SPR_USPRG0, 0x5a5a1234);
	check("usprg0", mfspr(SPR_USPRG0), 0x5a5a1234);

	/* second pattern, to be sure the registers are independent */
	mtspr(SPR_SPRG4, 0x44444444);
	mtspr(SPR_SPRG5, 0x55555555);
	mtspr(SPR_SPRG6, 0x66666666);
	mtspr(SPR_SPRG7, 0x77777777);
	mtspr(SPR_SPRG3, 0x33333333);

	/* save/restore registers the fast path now serves as well */
	mtspr(SPR_CSRR0, 0xc5c5c5c4);
	check("csrr0 round trip", mfspr(SPR_CSRR0), 0xc5c5c5c4);
	mtspr(SPR_MCSRR0, 0x3c3c3c3c);
	check("mcsrr0 round trip", mfspr(SPR_MCSRR0), 0x3c3c3c3c);

	/* From user mode. */
	check("user sprg4", rt_user_call(user_read, 4, MSR_ME), 0x44444444);
	check("user sprg5", rt_user_call(user_read, 5, MSR_ME), 0x55555555);
	check("user sprg6", rt_user_call(user_read, 6, MSR_ME), 0x66666666);
	check("user sprg7", rt_user_call(user_read, 7, MSR_ME), 0x77777777);
	check("user usprg0", rt_user_call(user_read, 8, MSR_ME), 0x5a5a1234);
	check("user sprg3 via 259", rt_user_call(user_read, 9, MSR_ME), 0x33333333);
	check("no program interrupts", prog_count, 0);

	check("user usprg0 write", rt_user_call(user_write_usprg0, 0x600dcafe, MSR_ME), 0x600dcafe);
	check("usprg0 after user write", mfspr(SPR_USPRG0), 0x600dcafe);
	check("still no program interrupts", prog_count, 0);

	prog_esr = 0;
	rt_user_call(user_write_sprg4, 0xbad0bad0, MSR_ME);
	check("user mtspr sprg4 traps", prog_count, 1);
	check("user mtspr sprg4 esr", prog_esr, ESR_PPR);
	check("sprg4 unchanged", mfspr(SPR_SPRG4), 0x44444444);

	prog_esr = 0;
	rt_user_call(user_read_sprg0, 0, MSR_ME);
	check("user mfspr sprg0 traps", prog_count, 2);
	check("user mfspr sprg0 esr", prog_esr, ESR_PPR);

	return test_end();
}
