/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A careless or hostile manager (tests/system/test_ipc.py): "mgr" manages
 * "tgt" and hands FH_PARTITION_MEMCPY and FH_PARTITION_START every kind
 * of bad argument, then copies for real and reads back. Both share an
 * area at 64 MiB that neither may copy into or out of (others may use it).
 * Each check prints "mcp: NAME: got G" and counts as bad when G is not the
 * code the ABI gives; tgt, started with its image, says so in the shared
 * area and dozes until stopped.
 */
#include "hv.h"

#define FH_PARTITION_START FSL(6)
#define FH_PARTITION_STOP FSL(7)
#define FH_PARTITION_MEMCPY FSL(8)
#define EV_EFAULT 6
#define SELF 0xFFFFFFFFu
#define RAM_END 0x04000000u   /* each has 64 MiB at 0 */
#define SHARED 0x04000000u    /* then the shared MiB */
#define SCRATCH 0x00200000u   /* in tgt: where the copies go */
#define TGT_RUNNING 0x52554e21u /* "RUN!", tgt's word at the start of the shared area */

struct sg {
	u32 src_hi, src, dst_hi, dst, size_hi, size, res_hi, res;
} __attribute__((aligned(32)));

static struct sg list[9];
static unsigned char out[512], back[512];
static u32 bad;

static void expect(const char *name, u32 got, u32 want)
{
	rt_printf("mcp: %s: got %u%s\n", name, got, got == want ? "" : " (WRONG)");
	bad += got != want;
}

static void entry(int i, u32 src, u32 dst, u32 size_hi, u32 size)
{
	list[i] = (struct sg){ 0, src, 0, dst, size_hi, size, 0, 0 };
}

static u32 memcpy_call(u32 source, u32 target, u32 list_lo, u32 list_hi, u32 count)
{
	u32 r[8] = { source, target, list_lo, list_hi, count, 0, 0, 0 };

	return hv_call(FH_PARTITION_MEMCPY, r);
}

static u32 start(u32 h, u32 entry_pc, u32 load)
{
	u32 r[8] = { h, entry_pc, load, 0, 0, 0, 0, 0 };

	return hv_call(FH_PARTITION_START, r);
}

static u32 status(u32 h, u32 *st)
{
	u32 r[8] = { h, 0, 0, 0, 0, 0, 0, 0 };
	u32 ret = hv_call(FH_PARTITION_GET_STATUS, r);

	*st = r[1];
	return ret;
}

static void wait_stopped(u32 h)
{
	u32 st = 1;
	u64 t0 = rt_timebase();

	while (!status(h, &st) && st != 0 && rt_timebase() - t0 < 30000ull * RT_TB_PER_MS)
		;
}

static void mgr(void)
{
	u32 h, st, i, l = (u32)list;
	u64 t0;

	for (h = 1; h < 8 && status(h, &st) != EV_SUCCESS; h++)
		;
	rt_printf("mcp: manages handle %u, state %u\n", h, st);
	for (i = 0; i < sizeof(out); i++)
		out[i] = (unsigned char)(i * 7 + 3);
	entry(0, (u32)out, SCRATCH, 0, sizeof(out));

	expect("self to self", memcpy_call(SELF, SELF, l, 0, 1), EV_EINVAL);
	expect("not managed", memcpy_call(SELF, h + 1, l, 0, 1), EV_EINVAL);
	expect("handle 0", memcpy_call(SELF, 0, l, 0, 1), EV_EINVAL);
	expect("list beyond its RAM", memcpy_call(SELF, h, RAM_END - 16, 0, 1), EV_EFAULT);
	expect("list above 4 GiB", memcpy_call(SELF, h, l, 1, 1), EV_EFAULT);
	expect("list in the shared area", memcpy_call(SELF, h, SHARED, 0, 1), EV_EFAULT);
	entry(0, (u32)out, RAM_END - 16, 0, 32);
	expect("target across its RAM's end", memcpy_call(SELF, h, l, 0, 1), EV_EFAULT);
	entry(0, (u32)out, 0xFFFFFFF0u, 0, 32);
	expect("target wrapping", memcpy_call(SELF, h, l, 0, 1), EV_EFAULT);
	entry(0, (u32)out, SCRATCH, 0xFFFFFFFFu, 0xFFFFFFFFu);
	expect("size 2^64-1", memcpy_call(SELF, h, l, 0, 1), EV_EINVAL);
	entry(0, (u32)out, SCRATCH, 0, RAM_END);
	expect("size beyond its RAM", memcpy_call(SELF, h, l, 0, 1), EV_EFAULT);
	entry(0, (u32)out, SHARED, 0, 16);
	expect("target in the shared area", memcpy_call(SELF, h, l, 0, 1), EV_EFAULT);
	entry(0, SHARED, SCRATCH, 0, 16);
	expect("source in the shared area", memcpy_call(SELF, h, l, 0, 1), EV_EFAULT);
	entry(0, 0x7F000000u, SCRATCH, 0, 16);
	expect("source outside its RAM", memcpy_call(SELF, h, l, 0, 1), EV_EFAULT);
	for (i = 0; i < 9; i++)
		entry((int)i, (u32)out, SCRATCH, 0, 0x02000000u); /* each fits */
	expect("more than 256 MiB in all", memcpy_call(SELF, h, l, 0, 9), EV_EINVAL);
	entry(0, (u32)out, SCRATCH, 0, 16);
	entry(1, (u32)out, RAM_END, 0, 16);
	expect("second entry outside", memcpy_call(SELF, h, l, 0, 2), EV_EFAULT);
	expect("entry outside its RAM", start(h, 0x7FFFFFF0u, 0), EV_EINVAL);

	/* running, it cannot be copied into */
	wr32(SHARED, 0);
	expect("start with its image", start(h, 0, 1), EV_SUCCESS);
	t0 = rt_timebase(); /* a bound in time, not in rounds: the host may be loaded */
	while (rd32(SHARED) != TGT_RUNNING && rt_timebase() - t0 < 30000ull * RT_TB_PER_MS)
		;
	expect("tgt says it runs", rd32(SHARED) == TGT_RUNNING, 1);
	entry(0, (u32)out, SCRATCH, 0, sizeof(out));
	expect("into a running partition", memcpy_call(SELF, h, l, 0, 1), EV_INVALID_STATE);
	expect("out of a running partition", memcpy_call(h, SELF, l, 0, 1), EV_INVALID_STATE);
	{
		u32 r[8] = { h, 0, 0, 0, 0, 0, 0, 0 };

		expect("stop", hv_call(FH_PARTITION_STOP, r), EV_SUCCESS);
	}
	wait_stopped(h);

	/* for real: there and back, two entries */
	entry(0, (u32)out, SCRATCH, 0, 200);
	entry(1, (u32)out + 200, SCRATCH + 200, 0, sizeof(out) - 200);
	expect("copy there", memcpy_call(SELF, h, l, 0, 2), EV_SUCCESS);
	entry(0, SCRATCH, (u32)back, 0, sizeof(back));
	expect("copy back", memcpy_call(h, SELF, l, 0, 1), EV_SUCCESS);
	for (i = 0; i < sizeof(out) && out[i] == back[i]; i++)
		;
	expect("bytes that came back wrong", sizeof(out) - i, 0);
	rt_printf("MCP DONE %s\n", bad ? "FAIL" : "ok");
}

static void on_dec(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	f->srr1 &= ~MSR_WE;
}

int main(void)
{
	/* the shared area, uncached: the other side's word is seen at once */
	rt_tlb1_map(2, SHARED, 0, SHARED, TSIZE_4K, MAS2_I | MAS2_G, MAS3_SR | MAS3_SW, 0, 0, 0);
	if (!hv_streq(hv_bootargs(), "tgt")) {
		mgr();
		return 0;
	}
	rt_printf("mcp: tgt running\n");
	wr32(SHARED, TGT_RUNNING);
	rt_set_handler(IVOR_DECREMENTER, on_dec);
	mtspr(SPR_HID0, mfspr(SPR_HID0) | HID0_DOZE);
	mtspr(SPR_DECAR, 10 * RT_TB_PER_MS);
	mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
	mtspr(SPR_DEC, 10 * RT_TB_PER_MS);
	for (;;)
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
}
