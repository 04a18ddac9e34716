/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Book E / e500v2 architected constants: SPR numbers, MSR, ESR, TCR/TSR and
 * MMU assist register fields. Values follow the e500 core reference manual
 * (MAV 1.0 MMU); where QEMU's model differs it is said at the use site.
 */
#ifndef ARCH_SPR_H
#define ARCH_SPR_H

/* SPR numbers */
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
#define SPR_DBSR 304
#define SPR_DBCR0 308
#define SPR_DBCR1 309
#define SPR_DBCR2 310
#define SPR_IAC1 312
#define SPR_IAC2 313
#define SPR_DAC1 316
#define SPR_DAC2 317
#define SPR_TSR 336
#define SPR_TCR 340
#define SPR_IVOR0 400 /* IVOR0..IVOR15 are 400..415 */
#define SPR_IVOR15 415
#define SPR_SPEFSCR 512
#define SPR_IVOR32 528 /* IVOR32..IVOR35 are 528..531 */
#define SPR_IVOR35 531
#define SPR_MCSRR0 570
#define SPR_MCSRR1 571
#define SPR_MCSR 572
#define SPR_MCAR 573
#define SPR_DSRR0 574
#define SPR_DSRR1 575
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
#define SPR_EPR 702
#define SPR_MAS7 944
#define SPR_HID0 1008
#define SPR_HID1 1009
#define SPR_L1CSR0 1010
#define SPR_L1CSR1 1011
#define SPR_MMUCSR0 1012
#define SPR_BUCSR 1013
#define BUCSR_BBFI 0x00000200u /* branch buffer flash invalidate (self-clearing) */
#define SPR_MMUCFG 1015
#define SPR_SVR 1023

/* An SPR is privileged when bit 0x10 of its number is set (split field). */
#define SPR_IS_PRIVILEGED(n) (((n) & 0x10) != 0)

/* MSR */
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
/* Bits an e500v2 MSR can hold; everything else reads as zero. */
#define MSR_E500_MASK                                                              \
	(MSR_UCLE | MSR_SPV | MSR_WE | MSR_CE | MSR_EE | MSR_PR | MSR_FP | MSR_ME |     \
	 MSR_FE0 | MSR_DE | MSR_FE1 | MSR_IS | MSR_DS | MSR_PMM)

/* ESR */
#define ESR_PIL 0x08000000u
#define ESR_PPR 0x04000000u
#define ESR_PTR 0x02000000u
#define ESR_FP 0x01000000u
#define ESR_ST 0x00800000u
#define ESR_DLK 0x00200000u
#define ESR_ILK 0x00100000u
#define ESR_BO 0x00020000u
#define ESR_SPV 0x00000080u

/* MCSR (e500v2 bus error bits) */
#define MCSR_MCP 0x80000000u
#define MCSR_BUS_IAERR 0x00000080u
#define MCSR_BUS_RAERR 0x00000040u
#define MCSR_BUS_WAERR 0x00000020u

/* TCR */
#define TCR_WP_MASK 0xC0000000u
#define TCR_WP_SHIFT 30
#define TCR_WRC_MASK 0x30000000u
#define TCR_WRC_SHIFT 28
#define TCR_WIE 0x08000000u
#define TCR_DIE 0x04000000u
#define TCR_FP_MASK 0x03000000u
#define TCR_FP_SHIFT 24
#define TCR_FIE 0x00800000u
#define TCR_ARE 0x00400000u
#define TCR_WPEXT_MASK 0x001E0000u /* e500: extends WP */
#define TCR_WPEXT_SHIFT 17
#define TCR_FPEXT_MASK 0x0001E000u /* e500: extends FP */
#define TCR_FPEXT_SHIFT 13

/* TSR (write-one-to-clear) */
#define TSR_ENW 0x80000000u
#define TSR_WIS 0x40000000u
#define TSR_WRS_MASK 0x30000000u
#define TSR_DIS 0x08000000u
#define TSR_FIS 0x04000000u

/* DBCR0: debug events (and DBSR: the same bits say which happened) */
#define DBCR0_IDM 0x40000000u   /* internal debug mode: events take the debug interrupt */
#define DBCR0_ICMP 0x08000000u  /* instruction complete */
#define DBCR0_IAC1 0x00800000u
#define DBCR0_IAC2 0x00400000u
#define DBCR0_DAC1R 0x00080000u
#define DBCR0_DAC1W 0x00040000u
#define DBCR0_DAC2R 0x00020000u
#define DBCR0_DAC2W 0x00010000u
#define DBSR_IDE 0x80000000u    /* an event happened with MSR[DE] = 0 (imprecise) */
#define DBSR_ICMP DBCR0_ICMP
#define DBSR_IAC1 DBCR0_IAC1
#define DBSR_IAC2 DBCR0_IAC2
#define DBSR_DAC1R DBCR0_DAC1R
#define DBSR_DAC1W DBCR0_DAC1W
#define DBSR_DAC2R DBCR0_DAC2R
#define DBSR_DAC2W DBCR0_DAC2W
/* DBCR1/DBCR2: IAC1/IAC2, DAC1/DAC2 events only in user mode (MSR[PR] = 1) */
#define DBCR1_IAC1US_USER 0xC0000000u
#define DBCR1_IAC2US_USER 0x0C000000u
#define DBCR2_DAC1US_USER 0xC0000000u
#define DBCR2_DAC2US_USER 0x0C000000u

/* L1CSR1: instruction cache flash invalidate */
#define L1CSR1_ICFI 0x00000002u

/* HID0 power management (MSR[WE] takes effect only with one of these) */
#define HID0_DOZE 0x00800000u
#define HID0_NAP 0x00400000u
#define HID0_SLEEP 0x00200000u
#define HID0_TBEN 0x00004000u

/* MAS0 */
#define MAS0_TLBSEL_MASK 0x30000000u
#define MAS0_TLBSEL_SHIFT 28
#define MAS0_ESEL_MASK 0x0FFF0000u
#define MAS0_ESEL_SHIFT 16
#define MAS0_NV_MASK 0x00000FFFu

/* MAS1 (e500: 8-bit TID, 4-bit TSIZE at bit 8 = power-of-4 KiB) */
#define MAS1_VALID 0x80000000u
#define MAS1_IPROT 0x40000000u
#define MAS1_TID_MASK 0x00FF0000u
#define MAS1_TID_SHIFT 16
#define MAS1_TS 0x00001000u
#define MAS1_TSIZE_MASK 0x00000F00u
#define MAS1_TSIZE_SHIFT 8
#define MAS1_E500_MASK (MAS1_VALID | MAS1_IPROT | MAS1_TID_MASK | MAS1_TS | MAS1_TSIZE_MASK)

/* MAS2 */
#define MAS2_EPN_MASK 0xFFFFF000u
#define MAS2_X0 0x00000040u
#define MAS2_X1 0x00000020u
#define MAS2_W 0x00000010u
#define MAS2_I 0x00000008u
#define MAS2_M 0x00000004u
#define MAS2_G 0x00000002u
#define MAS2_E 0x00000001u
#define MAS2_ATTR_MASK 0x0000007Fu

/* MAS3 */
#define MAS3_RPN_MASK 0xFFFFF000u
#define MAS3_U0_3_MASK 0x000003C0u
#define MAS3_UX 0x00000020u
#define MAS3_SX 0x00000010u
#define MAS3_UW 0x00000008u
#define MAS3_SW 0x00000004u
#define MAS3_UR 0x00000002u
#define MAS3_SR 0x00000001u
#define MAS3_PERM_MASK 0x0000003Fu

/* MAS4 */
#define MAS4_TLBSELD_MASK 0x30000000u
#define MAS4_TIDSELD_MASK 0x00030000u
#define MAS4_TSIZED_MASK 0x00000F00u
#define MAS4_DEFAULTS_MASK 0x0000007Fu /* X0D X1D WD ID MD GD ED */

/* MAS6 */
#define MAS6_SPID0_MASK 0x00FF0000u
#define MAS6_SPID0_SHIFT 16
#define MAS6_SAS 0x00000001u

/* MAS7: upper four bits of a 36-bit real address */
#define MAS7_RPN_MASK 0x0000000Fu

/* MMUCSR0 */
#define MMUCSR0_TLB1_FI 0x00000002u
#define MMUCSR0_TLB0_FI 0x00000004u

/* tlbivax effective-address flags */
#define TLBIVAX_TLB1 0x00000008u
#define TLBIVAX_ALL 0x00000004u

/* TSIZE (MAS1, power-of-4 KiB encoding) */
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
#define TSIZE_4G 11

/* Values QEMU's e500v2 model reports; guests see the same. */
#define E500V2_PVR 0x80210022u
#define E500V2_TLB0CFG 0x04110200u
#define E500V2_TLB1CFG 0x101cc010u
#define E500V2_MMUCFG 0x00000000u

/* Interrupt vector offsets (IVOR numbers) */
enum booke_ivor {
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
};

#endif /* ARCH_SPR_H */
