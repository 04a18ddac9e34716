/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The interrupts of the e500v2 and the kinds of guest exit the statistics
 * count, each written once. Included by C and by the assembly files.
 */
#ifndef ARCH_EXITS_H
#define ARCH_EXITS_H

/*
 * Every interrupt the core has, once:
 *
 *   X(ivor, class, handler, guest_entry)
 *
 * class: the save/restore register pair (base: SRR0/1, crit: CSRR0/1,
 * mc: MCSRR0/1); handler: the C function of trap.c that handles it when a
 * guest took it; guest_entry: the assembly path the vector takes for a
 * guest (vectors.S). From this list come the vectors and their IVOR
 * programming (vectors.S, traps.c) and the dispatch (trap.c). Adding an
 * interrupt: a line here and its handler (docs/architecture.md).
 */
#define E500_INTERRUPTS(X)                                                             \
	X(0, crit, trap_unexpected, guest_exit_crit)     /* critical input */          \
	X(1, mc, trap_machine_check, guest_exit_mc)                                    \
	X(2, base, trap_dsi, guest_exit_base)            /* data storage */            \
	X(3, base, trap_isi, guest_exit_base)            /* instruction storage */     \
	X(4, base, trap_external, guest_exit_base)                                     \
	X(5, base, trap_reflect, guest_exit_base)        /* alignment */               \
	X(6, base, trap_program, guest_program_fast)                                   \
	X(7, base, trap_reflect, guest_exit_base)        /* FP unavailable */          \
	X(8, base, trap_syscall, guest_syscall_fast)                                   \
	X(9, base, trap_reflect, guest_exit_base)        /* AP unavailable */          \
	X(10, base, trap_decrementer, guest_exit_base)                                 \
	X(11, base, trap_unexpected, guest_exit_base)    /* FIT: never enabled */      \
	X(12, crit, trap_unexpected, guest_exit_crit)    /* watchdog: never enabled */ \
	X(13, base, trap_dtlb_miss, guest_tlbmiss_fast)                                \
	X(14, base, trap_itlb_miss, guest_tlbmiss_fast)                                \
	X(15, crit, trap_debug, guest_exit_crit)         /* debug: the stub's events */ \
	X(32, base, trap_reflect, guest_exit_base)       /* SPE unavailable */         \
	X(33, base, trap_reflect, guest_exit_base)       /* SPE FP data */             \
	X(34, base, trap_reflect, guest_exit_base)       /* SPE FP round */            \
	X(35, base, trap_unexpected, guest_exit_base)    /* performance monitor */

#define E500_MAX_IVOR 35

/*
 * Exit kinds, in statistics order: the emulated privileged instructions
 * (emulate.c, enum emul_kind keeps their order), then every other way a
 * trap ends.
 *
 *   X(KIND, "name")
 */
#define E500_EMUL_KINDS(X)                                                             \
	X(MFMSR, "mfmsr")                                                              \
	X(MTMSR, "mtmsr")                                                              \
	X(WRTEE, "wrtee")     /* wrtee and wrteei */                                   \
	X(RFI, "rfi")                                                                  \
	X(RFCI, "rfci")                                                                \
	X(RFMCI, "rfmci")                                                              \
	X(MFSPR, "mfspr")                                                              \
	X(MTSPR, "mtspr")                                                              \
	X(TLBWE, "tlbwe")                                                              \
	X(TLBRE, "tlbre")                                                              \
	X(TLBSX, "tlbsx")                                                              \
	X(TLBIVAX, "tlbivax")                                                          \
	X(TLBSYNC, "tlbsync")                                                          \
	X(CACHE, "cache-op")  /* dcbi, cache locking: no-ops for a guest */            \
	X(OTHER, "illegal")   /* not a privileged instruction we know */

#define E500_EXIT_KINDS(X)                                                             \
	X(DTLB_FILL, "dtlb-fill")     /* real DTLB miss, shadow entry installed */     \
	X(DTLB_GUEST, "dtlb-guest")   /* DTLB miss reflected to the guest */           \
	X(ITLB_FILL, "itlb-fill")                                                      \
	X(ITLB_GUEST, "itlb-guest")                                                    \
	X(MMIO, "mmio")               /* load/store to an emulated device */           \
	X(DSI, "dsi")                 /* storage interrupt reflected */                \
	X(ISI, "isi")                                                                  \
	X(SYSCALL, "syscall")         /* sc reflected */                               \
	X(HCALL, "hcall")             /* sc from the guest kernel with the magic */    \
	X(PROGRAM, "program")         /* program interrupt reflected */                \
	X(DEC, "timer")               /* real decrementer: virtual timers */           \
	X(EXTERNAL, "external")                                                        \
	X(MCHECK, "machine-check")    /* outside the partition, or a real one */       \
	X(DEBUG, "debug")             /* the debug stub's breakpoints, steps, watches */\
	X(OTHER, "other")             /* alignment, SPE, ... reflected */

#ifndef __ASSEMBLY__

#define E500_EK_ENUM(kind, name) EK_##kind,
#define E500_EXIT_ENUM(kind, name) EXIT_##kind,

/* Emulated instructions, the first exit kinds. */
enum emul_kind { E500_EMUL_KINDS(E500_EK_ENUM) EK_COUNT };

enum arch_exit {
	EXIT_EMUL_LAST = EK_COUNT - 1, /* 0 .. EK_COUNT-1: the emulated instructions */
	E500_EXIT_KINDS(E500_EXIT_ENUM)
	EXIT_COUNT
};

#define ARCH_EXIT_COUNT EXIT_COUNT

#endif /* __ASSEMBLY__ */

#endif /* ARCH_EXITS_H */
