/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest fuzzer (gfuzz): from guest supervisor mode, random privileged
 * instructions with random operands, TLB operations, rfi/rfci/rfmci with
 * random save registers, hypercalls, accesses to the emulated devices and
 * to random physical pages. Runs under beryl only (see gfuzz.c).
 *
 * Each operation is assembled as instruction words into a stub page and
 * run by gf_call() with random registers; it ends with an exit sc, or is
 * cut short by an exception the handlers cannot step over. Whatever it
 * does, the fuzzer keeps the few things it needs to go on (see "Memory
 * layout" and gf_tlb_sanitize()).
 */
#ifndef GFUZZ_H
#define GFUZZ_H

#include <stdbool.h>

#include "rt.h"

/* ---------------------------------------------------------- memory layout */
/*
 * The partition has 64 MiB of RAM at guest physical 0, mapped by the
 * runtime's TLB1[0] (EA = PA, TS 0, IPROT). [0, GF_PROT_TOP) holds the
 * image, the stub page, stacks, exception frames and the device tree:
 * operations never write it and no other TLB entry may write or execute
 * it. [GF_PROT_TOP, GF_RAM) is scratch memory any operation may write.
 */
#define GF_RAM 0x04000000u
#define GF_PROT_TOP 0x01000000u
#define GF_SCRATCH GF_PROT_TOP
/* Scratch pointers for the address registers of random instruction words:
 * one alone, or the sum of two, plus a 16-bit displacement, stays inside
 * scratch memory. */
#define GF_PTR_LO (GF_SCRATCH + 0x10000u)
#define GF_PTR_SPAN 0x00700000u
/* Effective addresses operations map their pages at. */
#define GF_WIN_LO 0x10000000u
#define GF_WIN_HI 0xD0000000u
/* Guest physical addresses of the emulated devices (ppce500's CCSR). */
#define GF_CCSR_PA 0xE0000000u /* MAS7 0xF */
#define GF_UART_OFF 0x4500u
#define GF_MPIC_OFF 0x40000u
#define GF_GUTS_OFF 0xE0000u
#define GF_GPIO_OFF 0xFF000u
#define GF_GUTS_RSTCR 0xB0u

#define GF_STUB_WORDS 1024 /* one 4 KiB page */

/* ------------------------------------------------------------ the RNG */
u32 gf_rnd(void);
void gf_seed(u32 seed);
static inline u32 gf_below(u32 n)
{
	return n ? gf_rnd() % n : 0;
}
static inline bool gf_chance(u32 percent)
{
	return gf_below(100) < percent;
}

/* ------------------------------------------------------- running a stub */
/* r0..r31, then CR, XER, LR: the registers a stub starts with. */
extern u32 gf_regs[35];
#define GF_REG_CR 32
#define GF_REG_XER 33
#define GF_REG_LR 34

extern u32 gf_stub[GF_STUB_WORDS];
extern unsigned int gf_len; /* words emitted for the current operation */

/* Start a new stub; emit words; end it with the exit sequence. */
void gf_begin(void);
void gf_emit(u32 word);
void gf_end(void);
/* Room left for n more words (the exit sequence is accounted for). */
bool gf_room(unsigned int n);

/* How an operation ended. */
struct gf_outcome {
	u32 exceptions; /* taken and stepped over, or returned from */
	bool aborted; /* cut short (exception at an address not to step over, or too many)
		       */
	bool escaped; /* an exception in the fuzzer's own code while running it */
};

/* Run the stub built since gf_begin() with the registers in gf_regs. */
void gf_run(struct gf_outcome *out);

/* Exceptions taken, by vector, since boot. */
extern u32 gf_exc_count[RT_NVEC];
/* Things that must not happen (reported in the summary). */
extern u32 gf_anomalies;
void gf_anomaly(const char *what, u32 a, u32 b, u32 c);
/* The next anomaly recorded and not yet printed, if any (main loop). */
bool gf_anomaly_next(const char **what, u32 *a, u32 *b, u32 *c);
/* Install the handlers (once). */
void gf_handlers_init(void);

/* The runtime's own mappings: TLB1[0] (RAM) and TLB1[1] (CCSR, console). */
void gf_map_restore(void);

/* ------------------------------------------------------- instruction words */
#define GF_OP31(xo) ((31u << 26) | ((u32)(xo) << 1))
#define GF_RT(r) ((u32)(r) << 21)
#define GF_RA(r) ((u32)(r) << 16)
#define GF_RB(r) ((u32)(r) << 11)
#define GF_SPRF(spr) (((((u32)(spr)) & 0x1f) << 16) | ((((u32)(spr)) >> 5) << 11))

#define GF_INSN_ISYNC 0x4c00012cu
#define GF_INSN_MSYNC 0x7c0004acu
#define GF_INSN_TLBWE 0x7c0007a4u
#define GF_INSN_TLBRE 0x7c000764u
#define GF_INSN_TLBSYNC 0x7c00046cu
#define GF_INSN_RFI 0x4c000064u
#define GF_INSN_RFCI 0x4c000066u
#define GF_INSN_RFMCI 0x4c00004cu
#define GF_INSN_SC 0x44000002u
#define GF_INSN_NOP 0x60000000u

#define GF_EXIT_MAGIC 0x47465a58u  /* "GFZX" in r0 at the exit sc */
#define GF_HCALL_MAGIC 0x4b564d21u /* "KVM!" */
#define GF_EV_IDLE_TOKEN 0x00010010u /* ePAPR vendor 1, EV_IDLE */
/*
 * KVM's magic page (hv/arch/e500v2/paravirt.c), mapped by the pv and
 * hcall operations at GF_MAGIC_EA or in [GF_MAGIC_LO, GF_MAGIC_HI): never
 * over the fuzzer's RAM, its console mapping or the pages the dev and
 * phys operations map. critical is kept at GF_CRITICAL, a value r1 is
 * never given (beryl delivers nothing while critical == r1).
 */
#define GF_MAGIC_EA 0xfffff000u
#define GF_MAGIC_LO 0xd0000000u
#define GF_MAGIC_HI 0xe0000000u
#define GF_CRITICAL 0x0badc0deu
#define GF_PV_CRITICAL 28 /* offsets in the page (struct kvm_vcpu_arch_shared) */
#define GF_PV_MSR 92
#define GF_PV_PIR 204
#define GF_PV_SPRG4 212
#define GF_PV_SPRG5 220
extern u32 gf_magic_ea; /* where the page is (0: not mapped yet) */

void gf_li32(unsigned int r, u32 v);
void gf_mtspr(unsigned int spr, unsigned int r);
void gf_mfspr(unsigned int r, unsigned int spr);

/* --------------------------------------------------------------- TLB */
struct gf_mas {
	u32 mas0, mas1, mas2, mas3, mas7;
};
/*
 * Make an entry safe for the fuzzer to keep running: no translation in
 * address space 0 over its RAM or its console mapping other than its
 * own, no other way to write or execute [0, GF_PROT_TOP) or to execute
 * any of its RAM, no way to write the GUTS (reset) or GPIO (power-off)
 * pages except the operations that mean to (gfuzz_ops.c). ESEL 0 of
 * TLB1 is never chosen. Returns true if the entry touches TLB1[1].
 */
bool gf_tlb_sanitize(struct gf_mas *m);
/* Set while the entry of an operation that means to write GUTS or GPIO is sanitized. */
extern bool gf_tlb_dev_write;
/* Emit the words writing m into the TLB (MAS0-3, MAS7, tlbwe, isync); r is clobbered. */
void gf_emit_tlbwe(const struct gf_mas *m, unsigned int r);

/* ------------------------------------------------------------ operations */
enum gf_op {
	GF_OP_WORDS, /* random (mostly privileged) instruction words */
	GF_OP_USER,  /* random words entered in user mode */
	GF_OP_TLBWE, /* a random (sanitized) TLB entry written */
	GF_OP_RFI,   /* rfi / rfci / rfmci with random save registers */
	GF_OP_HCALL, /* hypercalls with random tokens and arguments */
	GF_OP_DEV,   /* loads and stores to the emulated devices */
	GF_OP_PHYS,  /* loads and stores to random physical pages */
	GF_OP_IVOR,  /* IVPR / IVORn written with a random value, read, restored */
	GF_OP_TIMER, /* DEC/DECAR/TCR/TSR, then interrupts enabled */
	GF_OP_IDLE,  /* MSR[WE] with HID0[DOZE], woken by the decrementer */
	GF_OP_PV,    /* KVM's magic page: mapped, written, read through SPRs */
	GF_OP_COUNT,
};
extern const char *const gf_op_names[GF_OP_COUNT];
/* The operations to choose from: bit n for enum gf_op n (default: all). */
extern u32 gf_op_mask;

/* What an operation left behind that the fuzzer must put right. */
struct gf_op_state {
	enum gf_op op;
	bool ccsr_map; /* TLB1[1] may have changed */
	bool idle;     /* HID0's power-management bits were set */
	bool unmap;    /* the entry below must be invalidated */
	bool pv;       /* the magic page's critical and PIR are put back */
	struct gf_mas unmap_mas;
	/* checked after the run (hypercalls, IVOR read-back) */
	bool check;
	u32 want[8], mask[8];
	u32 status_set; /* if not 0: the statuses r3 may hold (bit n: status n), want[0] unused */
	unsigned int nwant;
};

/* Build one random operation into the stub. */
void gf_op_build(struct gf_op_state *st);
/* After it ran: put right what it left, check what it returned. */
void gf_op_finish(const struct gf_op_state *st, const struct gf_outcome *out);
/* Where operations store what is checked afterwards. */
extern volatile u32 gf_result[8];

#endif /* GFUZZ_H */
