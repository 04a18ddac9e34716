/* SPDX-License-Identifier: GPL-2.0-only */
/* Register and SPR names for the assembly files. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define r0 0
#define r1 1
#define r2 2
#define r3 3
#define r4 4
#define r5 5
#define r6 6
#define r7 7
#define r8 8
#define r9 9
#define r10 10
#define r11 11
#define r12 12
#define r13 13
#define r14 14
#define r31 31

#define SPRN_SRR0 26
#define SPRN_SRR1 27
#define SPRN_CSRR0 58
#define SPRN_CSRR1 59
#define SPRN_DEAR 61
#define SPRN_ESR 62
#define SPRN_PID0 48
#define SPRN_TBRL 268
#define SPRN_SPRG0 272
#define SPRN_SPRG1 273
#define SPRN_SPRG2 274
#define SPRN_SPRG3 275
#define SPRN_SPRG4 276
#define SPRN_SPRG5 277
#define SPRN_SPRG6 278
#define SPRN_SPRG7 279
#define SPRN_DBSR 304
#define SPRN_MCSRR0 570
#define SPRN_MCSRR1 571
#define SPRN_BUCSR 1013
#define BUCSR_BBFI_BIT 0x200

#define MSR_PR_BIT 0x4000
#define DBSR_ICMP_HI 0x0800 /* DBSR[ICMP] >> 16 */
#define HV_STACK_SIZE 16384
#define HV_PANIC_STACK_SIZE 4096

#endif /* ARCH_ASM_H */
