// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the MMIO load/store decoder (hv/arch/booke/mmio_decode.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arch/mmio_decode.h>

static uint32_t dform(unsigned int op, unsigned int rt, unsigned int ra, uint16_t d)
{
	return (uint32_t)op << 26 | rt << 21 | ra << 16 | d;
}

static uint32_t xform(unsigned int xo, unsigned int rt, unsigned int ra, unsigned int rb)
{
	return 31u << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1;
}

struct expect {
	const char *name;
	unsigned int op; /* primary opcode, or 31 with xo */
	unsigned int xo;
	bool store;
	unsigned int size;
	bool update, sign, brev;
};

static const struct expect all[] = {
    {"lwz", 32, 0, false, 4, false, false, false},
    {"lwzu", 33, 0, false, 4, true, false, false},
    {"lbz", 34, 0, false, 1, false, false, false},
    {"lbzu", 35, 0, false, 1, true, false, false},
    {"stw", 36, 0, true, 4, false, false, false},
    {"stwu", 37, 0, true, 4, true, false, false},
    {"stb", 38, 0, true, 1, false, false, false},
    {"stbu", 39, 0, true, 1, true, false, false},
    {"lhz", 40, 0, false, 2, false, false, false},
    {"lhzu", 41, 0, false, 2, true, false, false},
    {"lha", 42, 0, false, 2, false, true, false},
    {"lhau", 43, 0, false, 2, true, true, false},
    {"sth", 44, 0, true, 2, false, false, false},
    {"sthu", 45, 0, true, 2, true, false, false},
    {"lwzx", 31, 23, false, 4, false, false, false},
    {"lwzux", 31, 55, false, 4, true, false, false},
    {"lbzx", 31, 87, false, 1, false, false, false},
    {"lbzux", 31, 119, false, 1, true, false, false},
    {"stwx", 31, 151, true, 4, false, false, false},
    {"stwux", 31, 183, true, 4, true, false, false},
    {"stbx", 31, 215, true, 1, false, false, false},
    {"stbux", 31, 247, true, 1, true, false, false},
    {"lhzx", 31, 279, false, 2, false, false, false},
    {"lhzux", 31, 311, false, 2, true, false, false},
    {"lhax", 31, 343, false, 2, false, true, false},
    {"lhaux", 31, 375, false, 2, true, true, false},
    {"sthx", 31, 407, true, 2, false, false, false},
    {"sthux", 31, 439, true, 2, true, false, false},
    {"lwbrx", 31, 534, false, 4, false, false, true},
    {"stwbrx", 31, 662, true, 4, false, false, true},
    {"lhbrx", 31, 790, false, 2, false, false, true},
    {"sthbrx", 31, 918, true, 2, false, false, true},
};

#define N_ALL (sizeof(all) / sizeof(all[0]))

static uint32_t encode(const struct expect *e, unsigned int rt, unsigned int ra)
{
	return e->op == 31 ? xform(e->xo, rt, ra, 9) : dform(e->op, rt, ra, 0x7FFC);
}

static void check(const struct expect *e, uint32_t insn, unsigned int rt, unsigned int ra)
{
	struct mmio_insn m;

	if (!mmio_decode(insn, &m))
		fail_msg("%s not decoded", e->name);
	assert_int_equal(m.store, e->store);
	assert_int_equal(m.size, e->size);
	assert_int_equal(m.rt, rt);
	assert_int_equal(m.ra, ra);
	assert_int_equal(m.update, e->update);
	assert_int_equal(m.sign_extend, e->sign);
	assert_int_equal(m.byte_reverse, e->brev);
}

static void test_every_opcode(void **state)
{
	for (size_t i = 0; i < N_ALL; i++)
		check(&all[i], encode(&all[i], 5, 7), 5, 7);
}

static void test_register_fields(void **state)
{
	for (size_t i = 0; i < N_ALL; i++) {
		check(&all[i], encode(&all[i], 31, 30), 31, 30);
		check(&all[i], encode(&all[i], 1, 31), 1, 31);
	}
}

static void test_ra_zero(void **state)
{
	struct mmio_insn m;

	for (size_t i = 0; i < N_ALL; i++) {
		bool ok = mmio_decode(encode(&all[i], 3, 0), &m);

		/* Non-update forms use (RA|0); update forms need a base. */
		if (all[i].update)
			assert_false(ok);
		else
			check(&all[i], encode(&all[i], 3, 0), 3, 0);
	}
}

static void test_ra_equals_rt(void **state)
{
	struct mmio_insn m;

	for (size_t i = 0; i < N_ALL; i++) {
		bool ok = mmio_decode(encode(&all[i], 6, 6), &m);

		/* Invalid only for loads with update. */
		if (all[i].update && !all[i].store)
			assert_false(ok);
		else
			check(&all[i], encode(&all[i], 6, 6), 6, 6);
	}
}

static void test_refused(void **state)
{
	struct mmio_insn m;
	const uint32_t insns[] = {
	    0x38600000,				       /* addi (opcode 14) */
	    dform(46, 3, 4, 0),			       /* lmw */
	    dform(47, 3, 4, 0),			       /* stmw */
	    dform(48, 3, 4, 0),			       /* lfs */
	    dform(50, 3, 4, 0),			       /* lfd */
	    dform(52, 3, 4, 0),			       /* stfs */
	    dform(54, 3, 4, 0),			       /* stfd */
	    dform(0, 0, 0, 0),			       /* opcode 0 */
	    xform(20, 3, 4, 5),			       /* lwarx */
	    xform(150, 3, 4, 5) | 1,		       /* stwcx. */
	    xform(533, 3, 4, 5),		       /* lswx */
	    xform(597, 3, 4, 5),		       /* lswi */
	    xform(661, 3, 4, 5),		       /* stswx */
	    xform(725, 3, 4, 5),		       /* stswi */
	    xform(535, 3, 4, 5),		       /* lfsx */
	    xform(663, 3, 4, 5),		       /* stfsx */
	    xform(339, 3, 4, 5),		       /* mfspr */
	    xform(21, 3, 4, 5),			       /* ldx (64-bit) */
	    xform(341, 3, 4, 5),		       /* lwax (64-bit) */
	    0x10000000u | 3u << 21 | 4u << 16 | 0x301, /* evldd (SPE) */
	};

	for (size_t i = 0; i < sizeof(insns) / sizeof(insns[0]); i++)
		if (mmio_decode(insns[i], &m))
			fail_msg("insn %#x decoded", insns[i]);
}

/* Cache block operations: no-ops on a device, except those that write. */
static void test_cache_ops(void **state)
{
	const unsigned int nop[] = { 86, 54, 470, 278, 246, 982 }; /* dcbf dcbst dcbi dcbt dcbtst icbi */
	const unsigned int other[] = { 1014, 758, 23, 151, 339 };  /* dcbz dcba lwzx stwx mfspr */

	for (size_t i = 0; i < sizeof(nop) / sizeof(nop[0]); i++) {
		assert_true(mmio_cache_op(xform(nop[i], 0, 4, 5)));
		assert_false(mmio_decode(xform(nop[i], 0, 4, 5), &(struct mmio_insn){ 0 }));
	}
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		assert_false(mmio_cache_op(xform(other[i], 0, 4, 5)));
	assert_false(mmio_cache_op(dform(32, 3, 4, 0))); /* lwz */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_opcode), cmocka_unit_test(test_register_fields),
	    cmocka_unit_test(test_ra_zero),	 cmocka_unit_test(test_ra_equals_rt),
	    cmocka_unit_test(test_refused),	 cmocka_unit_test(test_cache_ops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
