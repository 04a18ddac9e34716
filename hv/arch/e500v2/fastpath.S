/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The program interrupt from a guest, fast path (entered from its vector,
 * vectors.S).
 */
#include <arch/asm.h>
#include <asm-offsets.h>

	.text

/*
 * Both fast paths start alike: r8, r9, r12, r13 to their save slots, the
 * timebase (for the exit statistics) and CTR kept; r12 = the vCPU.
 */
.macro FP_ENTER
	stw	r8, PCPU_FP_R8(r10)
	stw	r9, PCPU_FP_R9(r10)
	stw	r12, PCPU_FP_R12(r10)
	stw	r13, PCPU_FP_R13(r10)
	mfspr	r9, SPRN_TBRL
	stw	r9, PCPU_FP_TB(r10)
	mfctr	r9
	stw	r9, PCPU_FP_CTR(r10)
	lwz	r12, PCPU_VCPU(r10)
.endm

/*
 * The program interrupt from a guest, fast path. The privileged instructions
 * a guest kernel runs most are emulated here with six scratch registers,
 * without saving the guest's state or entering C:
 *   mfmsr; wrtee and wrteei (enabling only if no interrupt condition is
 *   asserted: irq_hint); rfi and mtmsr that keep the translation context
 *   and privilege or switch to the one this CPU ran just before (the
 *   guest kernel and its process: MSR_FAST_OK); mfspr/mtspr of the plain
 *   SPRs (emul_plain_spr: SRR0/1, CSRR0/1, MCSRR0/1, DSRR0/1, DEAR, ESR,
 *   SPRG0-7, MAS0-4/6/7, BUCSR)
 *   (SPRG3-7 writes also go to the real SPRGs, as guest_enter would do);
 *   tlbwe of a TLB0 entry, in C (emul_tlbwe_tlb0()) but without the
 *   exit's register save and trap_resume().
 * Same semantics as emulate.c (quiet emulations: nothing that interrupt
 * delivery, timers or the shadow context depend on changes); everything
 * else, and any miss of the instruction-page cache, takes the C path
 * (guest_exit_base) as if this code did not exist. The exit statistics
 * are kept here too.
 * In: r10 = percpu, r11 = 6, SPRG0/SPRG1 = guest r10/r11, CR in PCPU_CR.
 */
	.globl	guest_program_fast
guest_program_fast:
	mfspr	r11, SPRN_ESR
	andis.	r11, r11, 0x0400	/* ESR[PPR] */
	beq-	fp_slow_none
	FP_ENTER
	lwz	r13, SH_MSR+4(r12)
	andi.	r9, r13, MSR_PR_BIT
	bne-	fp_slow			/* guest user mode: its own interrupt */
	/* the instruction, from the fetch cache (vcpu_fetch_insn()) */
	mfspr	r9, SPRN_SRR0
	rlwinm	r11, r9, 20, 29, 31	/* (pc >> 12) & (VCPU_FETCH_CACHE - 1) */
	mulli	r11, r11, FETCH_SIZE
	add	r11, r11, r12
	lwz	r8, FETCH_PAGE(r11)
	xor	r8, r8, r9
	rlwinm.	r8, r8, 0, 0, 19
	bne-	fp_slow
	lwz	r8, FETCH_VA(r11)
	cmpwi	r8, 0
	beq-	fp_slow
	rlwinm	r9, r9, 0, 20, 29	/* pc & 0xffc */
	add	r8, r8, r9
	/*
	 * key: the shadow context the guest runs in (vcpu_fetch_key()), which
	 * shadow_prepare_entry() and CTX_SWITCH keep in the per-CPU data
	 */
	lwz	r13, PCPU_CTX_KEY(r10)
	lwz	r9, FETCH_KEY(r11)
	cmpw	r13, r9
	bne-	fp_slow
	lwz	r11, 0(r8)		/* r11 = the instruction */
	/* decode: primary opcode 31, extended opcode, RT/RS in r13 */
	rlwinm	r9, r11, 6, 26, 31
	cmpwi	r9, 19
	beq	fp_op19
	cmpwi	r9, 31
	bne-	fp_slow
	rlwinm	r9, r11, 31, 22, 31
	rlwinm	r13, r11, 11, 27, 31
	cmpwi	r9, 339
	beq	fp_mfspr
	cmpwi	r9, 467
	beq	fp_mtspr
	cmpwi	r9, 83
	beq	fp_mfmsr
	cmpwi	r9, 131
	beq	fp_wrtee
	cmpwi	r9, 146
	beq	fp_mtmsr
	cmpwi	r9, 978
	beq	fp_tlbwe
	cmpwi	r9, 163
	bne-	fp_slow
	/* wrteei: the E bit is MSR[EE]'s position */
	andi.	r9, r11, 0x8000
fp_wrtee_set:			/* r9 = the new MSR[EE] bit */
	cmpwi	r9, 0
	beq	1f
	/* enabling: an interrupt may become deliverable (C path) */
	lwz	r8, VCPU_IRQ_HINT(r12)
	cmpwi	r8, 0
	bne-	fp_slow
1:	lwz	r8, SH_MSR+4(r12)
	rlwinm	r8, r8, 0, 17, 15	/* clear MSR[EE] */
	or	r8, r8, r9
	stw	r8, SH_MSR+4(r12)
	li	r8, EK_WRTEE_NR
	b	fp_done

/* wrtee rS: MSR[EE] = rS[EE], rS through the GPR table (r11 = -1) */
fp_wrtee:
	li	r11, -1
	b	fp_get_gpr

/*
 * r13 = the shadow context key of the guest MSR in r8 (shadow_ctx_key():
 * IS << 26 | DS << 25 | PR << 24 | PID2 << 16 | PID1 << 8 | PID0).
 * Clobbers r9.
 */
.macro CTX_KEY
	rlwinm	r13, r8, 21, 5, 5	/* MSR[IS] 0x20 -> 1 << 26 */
	rlwimi	r13, r8, 21, 6, 6	/* MSR[DS] 0x10 -> 1 << 25 */
	rlwimi	r13, r8, 10, 7, 7	/* MSR[PR] 0x4000 -> 1 << 24 */
	lwz	r9, VCPU_PID+8(r12)
	rlwimi	r13, r9, 16, 8, 15
	lwz	r9, VCPU_PID+4(r12)
	rlwimi	r13, r9, 8, 16, 23
	lwz	r9, VCPU_PID(r12)
	rlwimi	r13, r9, 0, 24, 31
.endm

/*
 * Switch the shadow context to the one of the guest MSR in r8 if it is the
 * context this CPU ran just before the current one (shadow.c keeps that
 * pair: the guest kernel and the process it runs), else to \miss: PID0 and
 * the pair swap. Clobbers r9, r11, r13.
 */
.macro CTX_SWITCH miss
	CTX_KEY
	lwz	r9, PCPU_PREV_KEY(r10)
	cmpw	r13, r9
	bne-	\miss
	lwz	r9, PCPU_PREV_SID(r10)
	cmpwi	r9, 0
	beq-	\miss
	lwz	r11, PCPU_CTX_KEY(r10)
	stw	r11, PCPU_PREV_KEY(r10)
	lwz	r11, PCPU_CUR_SID(r10)
	stw	r11, PCPU_PREV_SID(r10)
	stw	r13, PCPU_CTX_KEY(r10)
	stw	r9, PCPU_CUR_SID(r10)
	mtspr	SPRN_PID0, r9		/* the rfi to the guest synchronises */
.endm

/*
 * A new MSR (r8, already masked to what an e500v2 MSR holds) the fast path
 * may install: same SPV (the real MSR the guest runs with), no WE
 * (idling), if it enables EE or CE no interrupt condition asserted
 * (irq_hint), and either the same translation context and privilege (PR,
 * IS, DS) or one CTX_SWITCH finds. Otherwise fp_slow. Clobbers r9, r11, r13.
 */
.macro MSR_FAST_OK
	lwz	r9, SH_MSR+4(r12)
	xor	r9, r9, r8
	andis.	r13, r9, 0x0200		/* SPV */
	bne-	fp_slow
	andis.	r13, r8, 0x0004		/* WE */
	bne-	fp_slow
	rlwinm.	r13, r8, 0, 14, 16	/* CE, EE */
	beq	1f
	lwz	r13, VCPU_IRQ_HINT(r12)
	cmpwi	r13, 0
	bne-	fp_slow
1:	andi.	r13, r9, 0x4030		/* PR, IS, DS */
	beq	2f
	CTX_SWITCH fp_slow
2:
.endm

/* rfi: MSR = SRR1, pc = SRR0 (rfci and rfmci: C path) */
fp_op19:
	rlwinm	r9, r11, 31, 22, 31
	cmpwi	r9, 50
	bne-	fp_slow
	lwz	r8, SH_SRR1+4(r12)
	lis	r9, MSR_E500_MASK_V@h
	ori	r9, r9, MSR_E500_MASK_V@l
	and	r8, r8, r9
	MSR_FAST_OK
	stw	r8, SH_MSR+4(r12)
	lwz	r9, SH_SRR0+4(r12)
	rlwinm	r9, r9, 0, 0, 29
	addi	r9, r9, -4		/* fp_done steps over "the instruction" */
	mtspr	SPRN_SRR0, r9
	li	r8, EK_RFI_NR
	b	fp_done

/* mtmsr rS: rS through the GPR table (r11 = -2) */
fp_mtmsr:
	li	r11, -2
	b	fp_get_gpr
fp_mtmsr_got:
	lis	r8, MSR_E500_MASK_V@h
	ori	r8, r8, MSR_E500_MASK_V@l
	and	r8, r8, r9
	MSR_FAST_OK
	stw	r8, SH_MSR+4(r12)
	li	r8, EK_MTMSR_NR
	b	fp_done

fp_mfmsr:
	lwz	r9, SH_MSR+4(r12)
	li	r8, EK_MFMSR_NR
	b	fp_set_gpr

/*
 * r8 = offset in the vcpu of the word holding the SPR the mfspr/mtspr in r11
 * names: the emulator's own table of plain SPRs (emul_plain_spr, emulate.c),
 * 0 for any other SPR: fp_slow.
 */
.macro SPR_OFFSET
	rlwinm	r9, r11, 16, 27, 31
	rlwinm	r8, r11, 26, 22, 26
	or	r9, r9, r8		/* SPR number */
	slwi	r9, r9, 1
	lis	r8, emul_plain_spr@ha
	addi	r8, r8, emul_plain_spr@l
	lhzx	r8, r8, r9
	cmpwi	r8, 0
	beq-	fp_slow
.endm

fp_mfspr:
	SPR_OFFSET
	lwzx	r9, r12, r8
	li	r8, EK_MFSPR_NR
	/* fall through */

/* Write r9 to guest GPR r13, then finish with exit kind r8. */
fp_set_gpr:
	lis	r11, fp_gpr_set@ha
	addi	r11, r11, fp_gpr_set@l
	rlwinm	r13, r13, 3, 24, 28
	add	r11, r11, r13
	mtctr	r11
	bctr

fp_mtspr:
	SPR_OFFSET
	mr	r11, r8
fp_get_gpr:			/* guest GPR r13 -> r9, then fp_got_gpr */
	lis	r8, fp_gpr_get@ha
	addi	r8, r8, fp_gpr_get@l
	rlwinm	r13, r13, 3, 24, 28
	add	r8, r8, r13
	mtctr	r8
	bctr
fp_got_gpr:			/* r9 = guest GPR, r11 = offset, -1 (wrtee), -2 (mtmsr) */
	cmpwi	r11, -2
	beq	fp_mtmsr_got
	cmpwi	r11, -1
	bne	5f
	andi.	r9, r9, 0x8000
	b	fp_wrtee_set
5:	stwx	r9, r12, r11
	li	r8, EK_MTSPR_NR
	cmplwi	r11, VCPU_BUCSR
	beq-	fp_bucsr
	/*
	 * SPRG3-7 are user-readable: the real ones hold the guest's values
	 * (SPRG4-7 are the last words of the shared state, 8 bytes apart).
	 */
	addi	r13, r11, -(SH_SPRG4+4)
	cmplwi	r13, SH_SPRG7 - SH_SPRG4
	ble	6f
	cmplwi	r11, SH_SPRG3+4
	bne	fp_done
	mtspr	SPRN_SPRG3, r9
	b	fp_done
6:	cmplwi	r13, SH_SPRG5 - SH_SPRG4
	bge	1f
	mtspr	SPRN_SPRG4, r9
	b	fp_done
1:	cmplwi	r13, SH_SPRG6 - SH_SPRG4
	bge	2f
	mtspr	SPRN_SPRG5, r9
	b	fp_done
2:	cmplwi	r13, SH_SPRG7 - SH_SPRG4
	bge	3f
	mtspr	SPRN_SPRG6, r9
	b	fp_done
3:	mtspr	SPRN_SPRG7, r9
	b	fp_done

/*
 * BUCSR (kept as written): BBFI flash-invalidates the real branch
 * buffer, as emul_spr_write() does: Linux asks for it at every interrupt
 * from user mode (its Spectre v2 mitigation).
 */
fp_bucsr:
	andi.	r13, r9, BUCSR_BBFI_BIT
	beq	fp_done
	mfspr	r13, SPRN_BUCSR
	ori	r13, r13, BUCSR_BBFI_BIT
	mtspr	SPRN_BUCSR, r13
	isync
	b	fp_done

/*
 * tlbwe of a TLB0 entry: emul_tlbwe_tlb0() (emulate.c), the emulator's own
 * tlbwe, called with the hypervisor's stack and only the guest registers C
 * may change saved (r0, r1, r3-r7, LR, XER into the vCPU's register frame,
 * unused while the guest runs; r8, r9, r12, r13, CTR and CR are in their
 * slots already, r10/r11 in SPRG0/1, which nothing in C touches). It does
 * nothing and returns -1 for anything else: the C exit path then.
 */
fp_tlbwe:
	/* a debug event armed: the step ends in trap_resume() (debug.c) */
	lwz	r9, VCPU_DBG_MSR(r12)
	cmpwi	r9, 0
	bne-	fp_slow
	stw	r0, REGS_GPR+0(r12)
	stw	r1, REGS_GPR+4(r12)
	stw	r3, REGS_GPR+12(r12)
	stw	r4, REGS_GPR+16(r12)
	stw	r5, REGS_GPR+20(r12)
	stw	r6, REGS_GPR+24(r12)
	stw	r7, REGS_GPR+28(r12)
	mflr	r0
	stw	r0, REGS_LR(r12)
	mfxer	r0
	stw	r0, REGS_XER(r12)
	lwz	r1, PCPU_SP(r10)
	mr	r3, r12
	bl	emul_tlbwe_tlb0
	mfspr	r10, SPRN_SPRG2
	lwz	r12, PCPU_VCPU(r10)
	mr	r9, r3
	lwz	r0, REGS_XER(r12)
	mtxer	r0
	lwz	r0, REGS_LR(r12)
	mtlr	r0
	lwz	r0, REGS_GPR+0(r12)
	lwz	r1, REGS_GPR+4(r12)
	lwz	r3, REGS_GPR+12(r12)
	lwz	r4, REGS_GPR+16(r12)
	lwz	r5, REGS_GPR+20(r12)
	lwz	r6, REGS_GPR+24(r12)
	lwz	r7, REGS_GPR+28(r12)
	cmpwi	r9, 0
	bne-	fp_slow
	li	r8, EK_TLBWE_NR
	b	fp_done

/* Guest GPR N, 8 bytes per entry; r8-r13 live in their save slots. */
	.set	fp_off_r8, PCPU_FP_R8
	.set	fp_off_r9, PCPU_FP_R9
	.set	fp_off_r12, PCPU_FP_R12
	.set	fp_off_r13, PCPU_FP_R13
.macro GPR_GET n
	.if \n == 8 || \n == 9 || \n == 12 || \n == 13
	lwz	r9, fp_off_r\n(r10)
	.elseif \n == 10
	mfspr	r9, SPRN_SPRG0
	.elseif \n == 11
	mfspr	r9, SPRN_SPRG1
	.else
	mr	r9, \n
	.endif
	b	fp_got_gpr
.endm
.macro GPR_SET n
	.if \n == 8 || \n == 9 || \n == 12 || \n == 13
	stw	r9, fp_off_r\n(r10)
	.elseif \n == 10
	mtspr	SPRN_SPRG0, r9
	.elseif \n == 11
	mtspr	SPRN_SPRG1, r9
	.else
	mr	\n, r9
	.endif
	b	fp_done
.endm

	.balign	8
fp_gpr_get:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	GPR_GET \n
	.endr
fp_gpr_set:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	GPR_SET \n
	.endr

fp_done:
	/*
	 * statistics of kind r8: count and total time (stats_record() also
	 * keeps min and max; the fast path leaves them to the C path)
	 */
	mulli	r8, r8, STAT_SIZE
	add	r11, r12, r8
	lwz	r8, VCPU_STATS+STAT_COUNT(r11)
	addi	r8, r8, 1
	stw	r8, VCPU_STATS+STAT_COUNT(r11)
	mfspr	r9, SPRN_TBRL
	lwz	r8, PCPU_FP_TB(r10)
	subf	r9, r8, r9		/* ticks */
	lwz	r8, VCPU_STATS+STAT_TOTAL+4(r11)
	add	r9, r8, r9		/* not addc: XER is the guest's */
	stw	r9, VCPU_STATS+STAT_TOTAL+4(r11)
	cmplw	r9, r8
	bge	4f
	lwz	r8, VCPU_STATS+STAT_TOTAL(r11)
	addi	r8, r8, 1
	stw	r8, VCPU_STATS+STAT_TOTAL(r11)
4:	/* resume after the instruction */
	mfspr	r9, SPRN_SRR0
	addi	r9, r9, 4
	mtspr	SPRN_SRR0, r9
	lwz	r9, PCPU_FP_CTR(r10)
	mtctr	r9
	lwz	r8, PCPU_FP_R8(r10)
	lwz	r9, PCPU_FP_R9(r10)
	lwz	r12, PCPU_FP_R12(r10)
	lwz	r13, PCPU_FP_R13(r10)
	lwz	r11, PCPU_CR(r10)
	mtcr	r11
	mfspr	r10, SPRN_SPRG0
	mfspr	r11, SPRN_SPRG1
	rfi

/*
 * A system call from guest user mode, fast path: it is the guest's own
 * (never a hypercall, which only the guest kernel makes), delivered to its
 * vector as booke_deliver() does (SRR0/1, MSR keeps CE, DE, ME), into the
 * guest kernel's shadow context if CTX_SWITCH has it, without saving the
 * guest's state. Anything else (the guest kernel's sc, an interrupt
 * condition asserted, a debug event armed, the kernel's context not at
 * hand) takes the C path.
 * In: r10 = percpu, r11 = 8, SPRG0/SPRG1 = guest r10/r11, CR in PCPU_CR.
 */
	.globl	guest_syscall_fast
guest_syscall_fast:
	FP_ENTER
	lwz	r8, SH_MSR+4(r12)
	andi.	r9, r8, MSR_PR_BIT
	beq-	fp_slow_sc		/* the guest kernel's: maybe a hypercall */
	lwz	r9, VCPU_IRQ_HINT(r12)
	cmpwi	r9, 0
	bne-	fp_slow_sc
	/* a debug event armed: a step over the sc ends in trap_resume() (debug.c) */
	lwz	r9, VCPU_DBG_MSR(r12)
	cmpwi	r9, 0
	bne-	fp_slow_sc
	lis	r9, MSR_DELIVER_KEEP@h
	ori	r9, r9, MSR_DELIVER_KEEP@l
	and	r8, r8, r9		/* the MSR the vector runs with */
	CTX_SWITCH fp_slow_sc
	lwz	r9, SH_MSR+4(r12)
	stw	r9, SH_SRR1+4(r12)
	stw	r8, SH_MSR+4(r12)
	mfspr	r9, SPRN_SRR0		/* after the sc */
	stw	r9, SH_SRR0+4(r12)
	/* the vector: IVPR[0:15] | IVOR8[16:27] */
	lwz	r9, VCPU_IVPR(r12)
	rlwinm	r9, r9, 0, 0, 15
	lwz	r11, VCPU_IVOR+4*8(r12)
	rlwinm	r11, r11, 0, 16, 27
	or	r9, r9, r11
	addi	r9, r9, -4		/* fp_done steps over "the instruction" */
	mtspr	SPRN_SRR0, r9
	/* the real MSR the guest runs with: SPV now clear (MSR keeps none of it) */
	mfspr	r9, SPRN_SRR1
	rlwinm	r9, r9, 0, 7, 5
	mtspr	SPRN_SRR1, r9
	li	r8, EXIT_SYSCALL_NR
	b	fp_done


/*
 * A TLB miss the guest must handle itself, fast path: a DTLB (IVOR 13) or
 * ITLB (IVOR 14) miss at an address its own TLB (gtlb.c) does not
 * translate in the context of the access, reflected to its vector exactly
 * as shadow_tlb_miss() does it (tlbmiss.c): MAS0-2, MAS3/7 = 0 and MAS6
 * as gtlb_miss_mas() loads them (MAS4's defaults, the next-victim hint
 * advanced), DEAR and ESR[ST] for a data access, SRR0/1 and the MSR as
 * booke_deliver() sets them, into the guest kernel's shadow context when
 * CTX_SWITCH has it. It installs nothing in the real TLB: it only decides
 * that the guest's TLB has no entry, conservatively; anything else goes
 * to the C path (guest_exit_base) as if this code did not exist:
 *   - an interrupt condition asserted (irq_hint), a debug event armed
 *     (dbg.msr), or the context the vector runs in not at hand;
 *   - the magic page's effective page (paravirt.c);
 *   - any 16 MiB block a valid TLB1 entry overlaps (gtlb tlb1_map: no
 *     search of TLB1 here);
 *   - a valid TLB0 entry of the access's set with the same 4 KiB page,
 *     the same TS and TID 0 or one of the PIDs (what gtlb_find() matches;
 *     TLB0 entries are always 4 KiB pages, gtlb_tlbwe()).
 * In: r10 = percpu, r11 = 13 or 14, SPRG0/SPRG1 = guest r10/r11, CR in PCPU_CR.
 * Uses r8, r9, r11-r14; cr1 says which miss (eq: data).
 */

/* r11 = MAS1 of a TLB0 entry whose page is ea's: to tm_slow if it translates ea */
.macro TM_CTX_MATCH
	cmpwi	r11, 0
	bge	9f			/* V = 0 */
	rlwinm	r14, r11, 0, 19, 19	/* TS */
	cmpw	r14, r13
	bne	9f
	rlwinm.	r14, r11, 16, 24, 31	/* TID */
	beq-	tm_slow			/* global: it translates ea */
	lwz	r11, VCPU_PID(r12)
	rlwinm	r11, r11, 0, 24, 31
	cmpw	r11, r14
	beq-	tm_slow
	lwz	r11, VCPU_PID+4(r12)
	rlwinm	r11, r11, 0, 24, 31
	cmpw	r11, r14
	beq-	tm_slow
	lwz	r11, VCPU_PID+8(r12)
	rlwinm	r11, r11, 0, 24, 31
	cmpw	r11, r14
	beq-	tm_slow
9:
.endm

/* way \w of the set at r9: does it hold ea (r8) in the access's TS (r13)? */
.macro TM_WAY w
	lwz	r11, VCPU_TLB0+16*\w+4(r9)	/* MAS2 */
	xor	r11, r11, r8
	rlwinm.	r11, r11, 0, 0, 19
	bne	8f
	lwz	r11, VCPU_TLB0+16*\w(r9)	/* MAS1 */
	TM_CTX_MATCH
8:
.endm

	.globl	guest_tlbmiss_fast
guest_tlbmiss_fast:
	/* FP_ENTER without CTR, which this path leaves alone; one more register */
	stw	r8, PCPU_FP_R8(r10)
	stw	r9, PCPU_FP_R9(r10)
	stw	r12, PCPU_FP_R12(r10)
	stw	r13, PCPU_FP_R13(r10)
	stw	r14, PCPU_FP_R14(r10)
	mfspr	r9, SPRN_TBRL
	stw	r9, PCPU_FP_TB(r10)
	lwz	r12, PCPU_VCPU(r10)
	cmpwi	cr1, r11, 13
	lwz	r13, SH_MSR+4(r12)
	lwz	r9, VCPU_IRQ_HINT(r12)
	cmpwi	r9, 0
	bne-	tm_slow
	/* a debug event armed: trap_resume() (debug.c), and SRR1 is more than the constant */
	lwz	r9, VCPU_DBG_MSR(r12)
	cmpwi	r9, 0
	bne-	tm_slow
	/* ea, and the access's address space as MAS1[TS] (0x1000) in r13 */
	beq	cr1, 1f
	mfspr	r8, SPRN_SRR0
	rlwinm	r13, r13, 7, 19, 19	/* MSR[IS] 0x20 */
	b	2f
1:	mfspr	r8, SPRN_DEAR
	rlwinm	r13, r13, 8, 19, 19	/* MSR[DS] 0x10 */
2:	/* the magic page's page: C */
	lwz	r9, VCPU_MAGIC_EA(r12)
	cmpwi	r9, 0
	beq	3f
	xor	r9, r9, r8
	rlwinm.	r9, r9, 0, 0, 19
	beq-	tm_slow
3:	/* a block TLB1 maps: C */
	rlwinm	r9, r8, 5, 27, 29	/* (ea >> 29) * 4 */
	add	r9, r9, r12
	lwz	r9, VCPU_TLB1_MAP(r9)
	rlwinm	r11, r8, 8, 27, 31	/* (ea >> 24) & 31 */
	srw	r9, r9, r11
	andi.	r9, r9, 1
	bne-	tm_slow
	/* the four ways of ea's TLB0 set: ((ea >> 12) & 127) * 64 */
	rlwinm	r9, r8, 26, 19, 25
	add	r9, r9, r12
	TM_WAY	0
	TM_WAY	1
	TM_WAY	2
	TM_WAY	3
	/*
	 * The guest's miss. The MSR its vector runs with, and its shadow
	 * context (the last thing that may send this to C: nothing is
	 * written before it).
	 */
	mr	r14, r8			/* ea */
	lwz	r9, SH_MSR+4(r12)
	lis	r8, MSR_DELIVER_KEEP@h
	ori	r8, r8, MSR_DELIVER_KEEP@l
	and	r8, r8, r9
	andi.	r9, r9, 0x4030		/* PR, IS, DS: another context */
	beq	4f
	CTX_SWITCH tm_slow
4:	/* booke_deliver(): SRR0/1, MSR; trap_resume(): int_pending = irq_hint */
	lwz	r13, SH_MSR+4(r12)
	lwz	r9, SH_MSR(r12)
	stw	r9, SH_SRR1(r12)
	stw	r13, SH_SRR1+4(r12)
	li	r11, 0
	stw	r11, SH_MSR(r12)
	stw	r8, SH_MSR+4(r12)
	mfspr	r9, SPRN_SRR0
	stw	r11, SH_SRR0(r12)
	stw	r9, SH_SRR0+4(r12)
	stw	r11, SH_INT_PENDING(r12)
	/* r9 = the access's TS (MAS1[TS]) */
	rlwinm	r9, r13, 7, 19, 19	/* MSR[IS] */
	bne	cr1, 5f
	rlwinm	r9, r13, 8, 19, 19	/* MSR[DS] */
	stw	r11, SH_DEAR(r12)
	stw	r14, SH_DEAR+4(r12)
	mfspr	r8, SPRN_ESR
	andis.	r8, r8, ESR_ST_BIT@h
	stw	r8, SH_ESR(r12)
5:	/* gtlb_miss_mas(): MAS0 = TLBSELD | ESEL = the victim | NV = the next */
	lwz	r13, VCPU_TLB_NV(r12)
	andi.	r13, r13, 3
	addi	r8, r13, 1
	andi.	r8, r8, 3
	stw	r8, VCPU_TLB_NV(r12)
	rlwimi	r8, r13, 16, 14, 15
	lwz	r11, SH_MAS4(r12)
	rlwimi	r8, r11, 0, 2, 3
	stw	r8, SH_MAS0(r12)
	/* MAS1 = V | TSIZED | TID of MAS4[TIDSELD] (3: 0) | TS */
	rlwinm	r8, r11, 0, 20, 23
	or	r8, r8, r9
	oris	r8, r8, 0x8000
	rlwinm	r13, r11, 18, 28, 29	/* TIDSELD * 4 */
	cmpwi	r13, 12
	beq	6f
	add	r13, r13, r12
	lwz	r13, VCPU_PID(r13)
	rlwimi	r8, r13, 16, 8, 15
6:	stw	r8, SH_MAS1(r12)
	/* MAS2 = EPN | MAS4's X0D-ED; MAS7:MAS3 = 0 */
	rlwinm	r8, r14, 0, 0, 19
	rlwimi	r8, r11, 0, 25, 31
	li	r13, 0
	stw	r13, SH_MAS2(r12)
	stw	r8, SH_MAS2+4(r12)
	stw	r13, SH_MAS7_3(r12)
	stw	r13, SH_MAS7_3+4(r12)
	/* MAS6 = SPID0 = PID0 | SAS = TS */
	lwz	r8, VCPU_PID(r12)
	rlwinm	r8, r8, 16, 8, 15
	rlwimi	r8, r9, 20, 31, 31
	stw	r8, SH_MAS6(r12)
	/* to its vector, IVPR[0:15] | IVOR[16:27], with the real MSR trap_resume() sets */
	lwz	r11, VCPU_IVOR+4*14(r12)
	bne	cr1, 7f
	lwz	r11, VCPU_IVOR+4*13(r12)
7:	rlwinm	r11, r11, 0, 16, 27
	lwz	r9, VCPU_IVPR(r12)
	rlwimi	r9, r11, 0, 16, 31
	mtspr	SPRN_SRR0, r9
	lis	r9, E500_GUEST_HMSR_V@h
	ori	r9, r9, E500_GUEST_HMSR_V@l
	stw	r9, REGS_HMSR(r12)
	mtspr	SPRN_SRR1, r9
	/* the statistics, as fp_done keeps them */
	li	r8, EXIT_ITLB_GUEST_NR*STAT_SIZE
	bne	cr1, 8f
	li	r8, EXIT_DTLB_GUEST_NR*STAT_SIZE
8:	add	r11, r12, r8
	lwz	r8, VCPU_STATS+STAT_COUNT(r11)
	addi	r8, r8, 1
	stw	r8, VCPU_STATS+STAT_COUNT(r11)
	mfspr	r9, SPRN_TBRL
	lwz	r8, PCPU_FP_TB(r10)
	subf	r9, r8, r9
	lwz	r8, VCPU_STATS+STAT_TOTAL+4(r11)
	add	r9, r8, r9
	stw	r9, VCPU_STATS+STAT_TOTAL+4(r11)
	cmplw	r9, r8
	bge	9f
	lwz	r8, VCPU_STATS+STAT_TOTAL(r11)
	addi	r8, r8, 1
	stw	r8, VCPU_STATS+STAT_TOTAL(r11)
9:	lwz	r8, PCPU_FP_R8(r10)
	lwz	r9, PCPU_FP_R9(r10)
	lwz	r12, PCPU_FP_R12(r10)
	lwz	r13, PCPU_FP_R13(r10)
	lwz	r14, PCPU_FP_R14(r10)
	lwz	r11, PCPU_CR(r10)
	mtcr	r11
	mfspr	r10, SPRN_SPRG0
	mfspr	r11, SPRN_SPRG1
	rfi

/* the TLB miss for C: everything as it was (r11 = 13 or 14 again) */
tm_slow:
	lwz	r14, PCPU_FP_R14(r10)
	li	r11, 14
	bne	cr1, 1f
	li	r11, 13
1:	lwz	r8, PCPU_FP_R8(r10)
	lwz	r9, PCPU_FP_R9(r10)
	lwz	r12, PCPU_FP_R12(r10)
	lwz	r13, PCPU_FP_R13(r10)
	b	guest_exit_base

/* Not for the fast path: the C way, with the guest state untouched. */
fp_slow:
	lwz	r9, PCPU_FP_CTR(r10)
	mtctr	r9
	lwz	r8, PCPU_FP_R8(r10)
	lwz	r9, PCPU_FP_R9(r10)
	lwz	r12, PCPU_FP_R12(r10)
	lwz	r13, PCPU_FP_R13(r10)
fp_slow_none:
	li	r11, 6
	b	guest_exit_base

/* the same for the system call (IVOR 8) */
fp_slow_sc:
	lwz	r9, PCPU_FP_CTR(r10)
	mtctr	r9
	lwz	r8, PCPU_FP_R8(r10)
	lwz	r9, PCPU_FP_R9(r10)
	lwz	r12, PCPU_FP_R12(r10)
	lwz	r13, PCPU_FP_R13(r10)
	li	r11, 8
	b	guest_exit_base


	.section .note.GNU-stack,"",@progbits
