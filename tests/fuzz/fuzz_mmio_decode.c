// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential fuzzer of the MMIO load/store decoder (mmio_decode.c) against
 * an independent decoding written here from the Power ISA's regular layout
 * of the integer load and store forms rather than from a table:
 *  - D-form opcodes 32-45 are lwz lwzu lbz lbzu stw stwu stb stbu lhz lhzu
 *    lha lhau sth sthu: bit 0 of (opcode - 32) is "update", bits 1-3 select
 *    word/byte load, word/byte store, halfword zero/algebraic load, store;
 *  - the X-form indexed twin of D-form opcode 32 + n has extended opcode
 *    n << 5 | 23 (lwzx 23, lwzux 55, ... sthux 439);
 *  - the byte-reversed ones are extended opcode m << 5 | 22 with m = 16
 *    (lwbrx), 20 (stwbrx), 24 (lhbrx), 28 (sthbrx).
 * Every input word is decoded both ways and all fields compared; the
 * cache-block operations that need no emulation (mmio_cache_op) are checked
 * against their extended opcodes, and dcbz/dcba, which write, never match.
 * The same checks can also be run on every word (FUZZ_MMIO_SWEEP below).
 */
#include <arch/mmio_decode.h>

#include "fuzz.h"

struct ref_insn {
	bool store, update, sign, brev;
	unsigned int size;
};

/* The access opcode 32 + n (0 <= n <= 13) makes. */
static struct ref_insn dform(unsigned int n)
{
	static const unsigned int sizes[] = {4, 1, 4, 1, 2, 2, 2};
	struct ref_insn r = {.update = n & 1, .size = sizes[n >> 1]};

	r.store = (n >> 1) == 2 || (n >> 1) == 3 || (n >> 1) == 6;
	r.sign = (n >> 1) == 5;
	return r;
}

static bool ref_decode(uint32_t insn, struct ref_insn *r, unsigned int *rt,
		       unsigned int *ra)
{
	unsigned int op = insn >> 26, xo = (insn >> 1) & 0x3ff;

	*rt = (insn >> 21) & 31;
	*ra = (insn >> 16) & 31;
	if (op >= 32 && op <= 45) {
		*r = dform(op - 32);
	} else if (op == 31 && (xo & 31) == 23 && (xo >> 5) <= 13) {
		*r = dform(xo >> 5);
	} else if (op == 31 && (xo & 31) == 22 && (xo >> 5) >= 16 &&
		   ((xo >> 5) & 3) == 0) {
		unsigned int m = xo >> 5;

		*r = (struct ref_insn){
		    .store = m & 4, .size = m & 8 ? 2 : 4, .brev = true};
	} else {
		return false;
	}
	/* invalid update forms: no base, or a load into its own base */
	return !(r->update && (*ra == 0 || (!r->store && *ra == *rt)));
}

static bool ref_cache_op(uint32_t insn)
{
	unsigned int xo = (insn >> 1) & 0x3ff;

	/* dcbst 54, dcbf 86, dcbtst 246, dcbt 278, dcbi 470, icbi 982 */
	return insn >> 26 == 31 &&
	       (xo == 54 || xo == 86 || xo == 246 || xo == 278 || xo == 470 || xo == 982);
}

static void check(uint32_t insn)
{
	struct mmio_insn m;
	struct ref_insn r;
	unsigned int rt, ra;
	bool ok = mmio_decode(insn, &m), want = ref_decode(insn, &r, &rt, &ra);
	unsigned int xo = (insn >> 1) & 0x3ff;

	FUZZ_CHECK(ok == want, "%08x: decoder %s, reference %s", insn,
		   ok ? "accepts" : "refuses", want ? "accepts" : "refuses");
	if (ok)
		FUZZ_CHECK(m.store == r.store && m.size == r.size && m.rt == rt &&
			       m.ra == ra && m.update == r.update &&
			       m.sign_extend == r.sign && m.byte_reverse == r.brev,
			   "%08x: decoded store %d size %u rt %u ra %u update %d sign %d "
			   "brev %d, "
			   "reference %d %u %u %u %d %d %d",
			   insn, m.store, m.size, m.rt, m.ra, m.update, m.sign_extend,
			   m.byte_reverse, r.store, r.size, rt, ra, r.update, r.sign,
			   r.brev);
	FUZZ_CHECK(mmio_cache_op(insn) == ref_cache_op(insn), "%08x: cache op %d", insn,
		   mmio_cache_op(insn));
	if (insn >> 26 == 31 && (xo == 1014 || xo == 758)) /* dcbz, dcba */
		FUZZ_CHECK(!ok && !mmio_cache_op(insn),
			   "%08x: dcbz/dcba treated as harmless", insn);
}

/*
 * FUZZ_MMIO_SWEEP=1 build/fuzz/fuzz_mmio_decode: check every one of the
 * 2^32 instruction words instead of fuzzing (a few minutes), then exit.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	uint64_t w;

	if (!getenv("FUZZ_MMIO_SWEEP"))
		return 0;
	for (w = 0; w <= 0xffffffffu; w++)
		check((uint32_t)w);
	fprintf(stderr, "fuzz: all 2^32 instruction words decoded alike\n");
	exit(0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};

	while (in.n >= 4) {
		uint32_t w = fuzz_u32(&in);

		/* the word itself, and with each primary opcode the decoder knows */
		check(w);
		check((w & 0x03ffffffu) | 31u << 26);
		check((w & 0x03ffffffu) | (32u + (w >> 26) % 16) << 26);
	}
	return 0;
}
