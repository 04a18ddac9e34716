/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding of the load and store instructions a guest uses on an emulated
 * device page. The effective address comes from the real DEAR, so only the
 * direction, width, registers and side effects are decoded here. Pure logic.
 */
#ifndef ARCH_MMIO_DECODE_H
#define ARCH_MMIO_DECODE_H

#include <stdbool.h>
#include <stdint.h>

struct mmio_insn {
	bool store;
	unsigned int size;  /* 1, 2 or 4 bytes */
	unsigned int rt;    /* source (store) or target (load) GPR */
	unsigned int ra;    /* base GPR; written with the EA when update is set */
	bool update;        /* lbzu, stwux, ... */
	bool sign_extend;   /* lha, lhau, lhax, lhaux */
	bool byte_reverse;  /* lhbrx, lwbrx, sthbrx, stwbrx */
};

/*
 * Decode insn; false if it is not a single-GPR integer load or store of 1, 2
 * or 4 bytes (lmw/stmw, string, floating-point and SPE accesses are refused),
 * or if it is an invalid update form (ra == 0, or ra == rt for a load).
 */
bool mmio_decode(uint32_t insn, struct mmio_insn *out);

/*
 * insn is a cache block operation that only moves data between cache and
 * memory (dcbf, dcbst, dcbi, dcbt, dcbtst, icbi): on an emulated device it
 * has nothing to do. Linux flushes an ioremap()ed spin table with dcbf.
 * (dcbz and dcba, which write, are not among them.)
 */
bool mmio_cache_op(uint32_t insn);

#endif /* ARCH_MMIO_DECODE_H */
