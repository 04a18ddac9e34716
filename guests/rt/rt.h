/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tiny bare-metal runtime for beryl's differential test guests.
 *
 * Every guest runs twice: directly on QEMU (the oracle) and as a guest of
 * beryl; the console outputs must match line for line. Print only values that
 * the architecture defines (never timebase/DEC values, never addresses that
 * depend on the loader).
 *
 * Constants are copied from hv/arch/booke/include/arch/spr.h on purpose:
 * guests include nothing from hv/.
 */
#ifndef GUEST_RT_H
#define GUEST_RT_H

#include <stdarg.h>

typedef unsigned int u32;
typedef unsigned long long u64;
typedef int s32;

/* ------------------------------------------------------------------ SPRs */
#define SPR_XER 1
#define SPR_LR 8
#define SPR_CTR 9
#define SPR_DEC 22
#define SPR_SRR0 26
#define SPR_SRR1 27
#define SPR_PID0 48
#define SPR_DECAR 54
#define SPR_CSRR0 58
#define SPR_CSRR1 59
#define SPR_DEAR 61
#define SPR_ESR 62
#define SPR_IVPR 63
#define SPR_USPRG0 256
#define SPR_SPRG3R 259
#define SPR_SPRG4R 260
#define SPR_SPRG5R 261
#define SPR_SPRG6R 262
#define SPR_SPRG7R 263
#define SPR_TBRL 268
#define SPR_TBRU 269
#define SPR_SPRG0 272
#define SPR_SPRG1 273
#define SPR_SPRG2 274
#define SPR_SPRG3 275
#define SPR_SPRG4 276
#define SPR_SPRG5 277
#define SPR_SPRG6 278
#define SPR_SPRG7 279
#define SPR_TBWL 284
#define SPR_TBWU 285
#define SPR_PIR 286
#define SPR_PVR 287
#define SPR_TSR 336
#define SPR_TCR 340
#define SPR_IVOR0 400
#define SPR_IVOR32 528
#define SPR_MCSRR0 570
#define SPR_MCSRR1 571
#define SPR_DSRR0 574
#define SPR_MCSR 572
#define SPR_MAS0 624
#define SPR_MAS1 625
#define SPR_MAS2 626
#define SPR_MAS3 627
#define SPR_MAS4 628
#define SPR_MAS6 630
#define SPR_PID1 633
#define SPR_PID2 634
#define SPR_TLB0CFG 688
#define SPR_TLB1CFG 689
#define SPR_MAS7 944
#define SPR_HID0 1008
#define SPR_HID1 1009
#define SPR_L1CSR0 1010
#define SPR_L1CSR1 1011
#define SPR_MMUCSR0 1012
#define SPR_BUCSR 1013
#define SPR_MMUCFG 1015
#define SPR_SVR 1023

#define RT_STR2(x) #x
#define RT_STR(x) RT_STR2(x)

#define mfspr(n)                                                               \
	({                                                                     \
		u32 _v;                                                        \
		__asm__ __volatile__("mfspr %0," RT_STR(n) : "=r"(_v)::"memory"); \
		_v;                                                            \
	})
#define mtspr(n, v)                                                            \
	__asm__ __volatile__("mtspr " RT_STR(n) ",%0" ::"r"((u32)(v)) : "memory")

static inline u32 mfmsr(void)
{
	u32 v;
	__asm__ __volatile__("mfmsr %0" : "=r"(v)::"memory");
	return v;
}
static inline void mtmsr(u32 v)
{
	__asm__ __volatile__("mtmsr %0; isync" ::"r"(v) : "memory");
}
static inline void isync(void) { __asm__ __volatile__("isync" ::: "memory"); }

/* QEMU's ppce500 timebase: 400 MHz (the tree's timebase-frequency). */
#define RT_TB_PER_MS 400000u

/* The 64-bit timebase (TBU read twice around TBL). */
static inline u64 rt_timebase(void)
{
	u32 hi, lo, hi2;

	do {
		__asm__ __volatile__("mfspr %0,269" : "=r"(hi));
		__asm__ __volatile__("mfspr %0,268" : "=r"(lo));
		__asm__ __volatile__("mfspr %0,269" : "=r"(hi2));
	} while (hi != hi2);
	return ((u64)hi << 32) | lo;
}
static inline void msync(void) { __asm__ __volatile__("msync" ::: "memory"); }

/* ------------------------------------------------------------------ bits */
#define MSR_UCLE 0x04000000u
#define MSR_SPV 0x02000000u
#define MSR_WE 0x00040000u
#define MSR_CE 0x00020000u
#define MSR_EE 0x00008000u
#define MSR_PR 0x00004000u
#define MSR_FP 0x00002000u
#define MSR_ME 0x00001000u
#define MSR_FE0 0x00000800u
#define MSR_DE 0x00000200u
#define MSR_FE1 0x00000100u
#define MSR_IS 0x00000020u
#define MSR_DS 0x00000010u
#define MSR_PMM 0x00000004u

/*
 * QEMU 7.2 deviation: a Book E program interrupt ORs Book3S-style reason
 * bits (0x00080000 illegal, 0x00040000 privileged, 0x00020000 trap) into
 * SRR1; e500 silicon leaves SRR1 = MSR and reports the reason in ESR only.
 * The runtime strips these bits from the saved SRR1 before any handler sees
 * it (so we never rfi with them either).
 */
#define QEMU_SRR1_PROGRAM_REASON_BITS 0x000E0000u

/*
 * QEMU 7.2 deviation (observed with this runtime): the e500v2 model drops
 * MSR[ME] and MSR[PMM] on mtmsr/rfi (they always read 0); on silicon they are
 * writable. Every printed MSR/SRR1 value is compared with these bits masked
 * (check_msr); the runtime still sets ME.
 */
#define MSR_CMP_MASK (~(MSR_ME | MSR_PMM))

#define ESR_PIL 0x08000000u
#define ESR_PPR 0x04000000u
#define ESR_PTR 0x02000000u
#define ESR_FP 0x01000000u
#define ESR_ST 0x00800000u
#define ESR_AP 0x00080000u
#define ESR_PUO 0x00040000u
#define ESR_BO 0x00020000u
#define ESR_SPV 0x00000080u

#define MCSR_MCP 0x80000000u
#define MCSR_BUS_IAERR 0x00000080u
#define MCSR_BUS_RAERR 0x00000040u
#define MCSR_BUS_WAERR 0x00000020u

#define TCR_WP_SHIFT 30
#define TCR_WRC_SHIFT 28
#define TCR_WIE 0x08000000u
#define TCR_DIE 0x04000000u
#define TCR_FP_SHIFT 24
#define TCR_FIE 0x00800000u
#define TCR_ARE 0x00400000u
#define TCR_WPEXT_SHIFT 17
#define TCR_FPEXT_SHIFT 13

#define TSR_ENW 0x80000000u
#define TSR_WIS 0x40000000u
#define TSR_WRS_MASK 0x30000000u
#define TSR_DIS 0x08000000u
#define TSR_FIS 0x04000000u

#define HID0_DOZE 0x00800000u
#define HID0_NAP 0x00400000u
#define HID0_SLEEP 0x00200000u
#define HID0_TBEN 0x00004000u

#define MAS0_TLBSEL(n) ((u32)(n) << 28)
#define MAS0_ESEL(n) ((u32)(n) << 16)
#define MAS0_TLBSEL_MASK 0x30000000u
#define MAS0_ESEL_MASK 0x0FFF0000u
#define MAS0_NV_MASK 0x00000FFFu

#define MAS1_VALID 0x80000000u
#define MAS1_IPROT 0x40000000u
#define MAS1_TID(n) ((u32)(n) << 16)
#define MAS1_TID_MASK 0x00FF0000u
#define MAS1_TS 0x00001000u
#define MAS1_TSIZE(n) ((u32)(n) << 8)
#define MAS1_TSIZE_MASK 0x00000F00u

#define MAS2_W 0x00000010u
#define MAS2_I 0x00000008u
#define MAS2_M 0x00000004u
#define MAS2_G 0x00000002u
#define MAS2_E 0x00000001u

#define MAS3_UX 0x00000020u
#define MAS3_SX 0x00000010u
#define MAS3_UW 0x00000008u
#define MAS3_SW 0x00000004u
#define MAS3_UR 0x00000002u
#define MAS3_SR 0x00000001u
#define MAS3_ALL 0x0000003Fu

#define MAS4_TLBSELD(n) ((u32)(n) << 28)
#define MAS4_TSIZED(n) ((u32)(n) << 8)

#define MAS6_SPID(n) ((u32)(n) << 16)
#define MAS6_SAS 0x00000001u

#define MMUCSR0_TLB1_FI 0x00000002u
#define MMUCSR0_TLB0_FI 0x00000004u

#define TLBIVAX_TLB1 0x00000008u
#define TLBIVAX_ALL 0x00000004u

#define TSIZE_4K 1
#define TSIZE_16K 2
#define TSIZE_64K 3
#define TSIZE_256K 4
#define TSIZE_1M 5
#define TSIZE_4M 6
#define TSIZE_16M 7
#define TSIZE_64M 8
#define TSIZE_256M 9
#define TSIZE_1G 10

#define E500V2_PVR 0x80210022u
#define E500V2_TLB0CFG 0x04110200u
#define E500V2_TLB1CFG 0x101cc010u

enum {
	IVOR_CRITICAL = 0,
	IVOR_MACHINE_CHECK = 1,
	IVOR_DSI = 2,
	IVOR_ISI = 3,
	IVOR_EXTERNAL = 4,
	IVOR_ALIGNMENT = 5,
	IVOR_PROGRAM = 6,
	IVOR_FP_UNAVAIL = 7,
	IVOR_SYSCALL = 8,
	IVOR_AP_UNAVAIL = 9,
	IVOR_DECREMENTER = 10,
	IVOR_FIT = 11,
	IVOR_WATCHDOG = 12,
	IVOR_DTLB_MISS = 13,
	IVOR_ITLB_MISS = 14,
	IVOR_DEBUG = 15,
	IVOR_SPE_UNAVAIL = 32,
	IVOR_SPE_FP_DATA = 33,
	IVOR_SPE_FP_ROUND = 34,
	IVOR_PERFMON = 35,
	RT_NVEC = 36,
};

/* ------------------------------------------------------- memory layout */
/* The image is linked at 0 and must stay below 1 MiB. */
#define RT_STACK_TOP 0x00800000u   /* main stack (grows down) */
#define RT_SCRATCH 0x00400000u     /* 1 MiB of scratch RAM for tests */
#define RT_CCSR_EA 0xE0000000u     /* TLB1 ESEL 1 -> PA 0xF_E000_0000 */
#define RT_TLB1_RAM_ESEL 0         /* EA 0 -> PA 0, 64 MiB, IPROT */
#define RT_TLB1_CCSR_ESEL 1
/* The TLB1 entries the runtime itself uses (0 and 1); tests use 2..15. */

/* ---------------------------------------------------- exception frames */
struct rt_frame {
	u32 gpr[32];
	u32 lr, ctr, xer, cr;
	u32 srr0, srr1; /* SRR0/1, CSRR0/1 or MCSRR0/1 according to class */
	u32 vec;
};

typedef void (*rt_handler_t)(struct rt_frame *f);

void rt_set_handler(int ivor, rt_handler_t h);
void rt_clear_handlers(void);

/*
 * Dozing on the decrementer: rt_doze_init() takes the decrementer (its
 * handler, TCR[DIE]) and selects HID0[DOZE]; rt_doze_ms() then dozes (MSR[WE])
 * that long, while the others sharing the core run.
 */
void rt_doze_init(void);
void rt_doze_ms(u32 ms);

/*
 * Run fn() in user mode (MSR = msr | PR; IS/DS/EE from msr) and return its
 * result once it returns (the return goes through a magic sc).
 */
u32 rt_user_call(u32 (*fn)(u32), u32 arg, u32 msr);
#define RT_USER_MAGIC 0x55534552u /* "USER" in r0 at sc */

/* ------------------------------------------------------------- console */
void rt_putc(char c);
void rt_puts(const char *s);
void rt_printf(const char *fmt, ...);
void rt_vprintf(const char *fmt, va_list ap);
void __attribute__((noreturn)) rt_poweroff(void);
/* The device tree the guest was started with (r3 at entry, ePAPR). */
extern u32 rt_fdt;
/* The first one-cell property called name anywhere in that tree, or dflt. */
u32 rt_fdt_u32(const char *name, u32 dflt);
/* The first string property called name anywhere in that tree, or 0. */
const char *rt_fdt_str(const char *name);
/* key=N (decimal or 0x hex) among the words of /chosen/bootargs, or dflt. */
u32 rt_bootarg(const char *key, u32 dflt);
/* The value of key in /chosen/bootargs (after its '=', "" without one), or 0. */
const char *rt_bootarg_str(const char *key);

/* ---------------------------------------------------------- hypercalls */
/*
 * A hypercall from guest supervisor mode, the sequence beryl's guest trees
 * give in /hypervisor/hcall-instructions: r0 = "KVM!", r11 = token
 * (vendor << 16 | number), r3 = arg; returns the status (r3), *out = r4.
 */
static inline u32 rt_hcall(u32 token, u32 arg, u32 *out)
{
	register u32 r0 __asm__("r0") = 0x4b564d21u;
	register u32 r11 __asm__("r11") = token;
	register u32 r3 __asm__("r3") = arg;
	register u32 r4 __asm__("r4") = 0;

	__asm__ __volatile__("sc" : "+r"(r3), "+r"(r4), "+r"(r0), "+r"(r11) : : "memory", "cr0",
			     "r5", "r6", "r7", "r8", "r9", "r10", "r12");
	*out = r4;
	return r3;
}

/* Freescale partition management (vendor 2), as beryl implements it (hv.h uses these too). */
#define FH_PARTITION_RESTART 0x00020004u
#define FH_PARTITION_GET_STATUS 0x00020005u
#define FH_PARTITION_STOPPED 0

/* ------------------------------------------------------------- testing */
extern int rt_passed, rt_failed;
extern const char *rt_test_name;
void test_begin(const char *name);
int test_end(void);
int check(const char *what, u32 got, u32 want);
int check_mask(const char *what, u32 got, u32 want, u32 mask);
/* MSR / SRR1 comparison, with MSR_CMP_MASK applied. */
#define check_msr(what, got, want) check_mask(what, got, want, MSR_CMP_MASK)

/* --------------------------------------------------------------- TLB */
struct tlbe {
	u32 mas0, mas1, mas2, mas3, mas7;
};

static inline void tlb_write(u32 mas0, u32 mas1, u32 mas2, u32 mas3, u32 mas7)
{
	mtspr(SPR_MAS0, mas0);
	mtspr(SPR_MAS1, mas1);
	mtspr(SPR_MAS2, mas2);
	mtspr(SPR_MAS3, mas3);
	mtspr(SPR_MAS7, mas7);
	__asm__ __volatile__("isync; tlbwe; isync" ::: "memory");
}

/* tlbre of TLB<tlbsel>[esel] (for TLB0 the set is selected by epn). */
static inline void tlb_read(u32 tlbsel, u32 esel, u32 epn, struct tlbe *e)
{
	mtspr(SPR_MAS0, MAS0_TLBSEL(tlbsel) | MAS0_ESEL(esel));
	mtspr(SPR_MAS2, epn);
	__asm__ __volatile__("isync; tlbre; isync" ::: "memory");
	e->mas0 = mfspr(SPR_MAS0);
	e->mas1 = mfspr(SPR_MAS1);
	e->mas2 = mfspr(SPR_MAS2);
	e->mas3 = mfspr(SPR_MAS3);
	e->mas7 = mfspr(SPR_MAS7);
}

/* tlbsx for ea with MAS6 = mas6; returns the MAS registers. */
static inline void tlb_search(u32 ea, u32 mas6, struct tlbe *e)
{
	mtspr(SPR_MAS6, mas6);
	__asm__ __volatile__("isync; tlbsx 0,%0; isync" ::"r"(ea) : "memory");
	e->mas0 = mfspr(SPR_MAS0);
	e->mas1 = mfspr(SPR_MAS1);
	e->mas2 = mfspr(SPR_MAS2);
	e->mas3 = mfspr(SPR_MAS3);
	e->mas7 = mfspr(SPR_MAS7);
}

static inline void tlb_ivax(u32 ea)
{
	__asm__ __volatile__("tlbivax 0,%0; isync; msync; tlbsync; isync" ::"r"(ea) : "memory");
}

/* Invalidate TLB1 entries 2..15 and all of TLB0 (keeps the runtime's). */
void rt_tlb_reset(void);
/* TLB1 entry for [ea, ea+size) -> pa (36-bit: pa_hi = MAS7). */
void rt_tlb1_map(int esel, u32 ea, u32 pa_hi, u32 pa, int tsize, u32 wimge,
		 u32 perms, u32 tid, int ts, int iprot);
void rt_tlb0_map(int way, u32 ea, u32 pa, u32 wimge, u32 perms, u32 tid, int ts);

/* Uncached volatile accessors. */
static inline u32 rd32(u32 a) { return *(volatile u32 *)a; }
static inline void wr32(u32 a, u32 v) { *(volatile u32 *)a = v; }
static inline u32 rd8(u32 a) { return *(volatile unsigned char *)a; }
static inline void wr8(u32 a, u32 v) { *(volatile unsigned char *)a = (unsigned char)v; }

/* Busy-wait until *flag != 0 or the budget runs out; returns *flag. */
u32 rt_wait_flag(volatile u32 *flag, u32 budget);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int main(void);

#endif
