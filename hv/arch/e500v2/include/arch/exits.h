/* SPDX-License-Identifier: GPL-2.0-only */
/* The kinds of guest exit the statistics count (Book E). */
#ifndef ARCH_EXITS_H
#define ARCH_EXITS_H

/* Emulated instructions (emulate.c), the first exit kinds. */
enum emul_kind {
	EK_MFMSR,
	EK_MTMSR,
	EK_WRTEE, /* wrtee and wrteei */
	EK_RFI,
	EK_RFCI,
	EK_RFMCI,
	EK_MFSPR,
	EK_MTSPR,
	EK_TLBWE,
	EK_TLBRE,
	EK_TLBSX,
	EK_TLBIVAX,
	EK_TLBSYNC,
	EK_CACHE, /* dcbi, cache locking: no-ops for a guest */
	EK_OTHER, /* not a privileged instruction we know: illegal */
	EK_COUNT
};

enum arch_exit {
	/* 0 .. EK_COUNT-1: emulated instructions, numbered as enum emul_kind */
	EXIT_DTLB_FILL = EK_COUNT, /* real DTLB miss, shadow entry installed */
	EXIT_DTLB_GUEST,           /* DTLB miss reflected to the guest */
	EXIT_ITLB_FILL,
	EXIT_ITLB_GUEST,
	EXIT_MMIO,    /* load/store to an emulated device */
	EXIT_DSI,     /* storage interrupt reflected */
	EXIT_ISI,
	EXIT_SYSCALL, /* sc reflected */
	EXIT_HCALL,   /* sc from the guest kernel with the hypercall magic */
	EXIT_PROGRAM, /* program interrupt reflected (illegal, trap, PPR from guest user) */
	EXIT_DEC,     /* real decrementer: virtual timers */
	EXIT_EXTERNAL,
	EXIT_MCHECK,  /* guest touched memory outside its partition */
	EXIT_OTHER,   /* alignment, SPE, debug, ... reflected */
	EXIT_COUNT
};

extern const char *const arch_exit_names[EXIT_COUNT];

#endif /* ARCH_EXITS_H */
