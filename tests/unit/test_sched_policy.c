// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the shared-core policies (hv/core/sched_prio.c,
 * hv/core/sched_cyclic.c): who runs when, and the shares that follow,
 * driven the way sched_core.c drives them (pick, run until the deadline,
 * charge, pick again).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sched_policy.h>

#define NEVER UINT64_MAX

static struct sched_policy pol;

static void setup_prio(unsigned int n, uint64_t slice)
{
	unsigned int i;

	memset(&pol, 0, sizeof(pol));
	pol.ops = &sched_prio_ops;
	pol.n = n;
	pol.slice = slice;
	for (i = 0; i < n; i++) {
		pol.ent[i].runnable = true;
		pol.ent[i].weight = 1;
	}
	pol.ops->start(&pol, 0);
}

/* The core's loop, for CPU-bound entities: pick, run to the deadline, charge. */
static uint64_t run_until(uint64_t now, uint64_t horizon, unsigned int *decisions)
{
	unsigned int d = 0;

	while (now < horizon) {
		uint64_t until;
		int e = pol.ops->pick(&pol, now, &until);

		if (until > horizon)
			until = horizon;
		assert_true(until > now);
		sched_policy_charge(&pol, e, until - now);
		now = until;
		d++;
	}
	if (decisions)
		*decisions = d;
	return now;
}

static double share(int e, uint64_t total)
{
	return (double)pol.ent[e].runtime / (double)total;
}

static void test_prio_equal_shares(void **state)
{
	unsigned int i;

	setup_prio(4, 1000);
	run_until(0, 4000000, NULL);
	for (i = 0; i < 4; i++)
		assert_true(pol.ent[i].runtime == 1000000);
}

static void test_prio_weights(void **state)
{
	setup_prio(2, 1000);
	pol.ent[0].weight = 3;
	pol.ent[1].weight = 1;
	run_until(0, 4000000, NULL);
	assert_true(share(0, 4000000) > 0.749 && share(0, 4000000) < 0.751);
	assert_true(share(1, 4000000) > 0.249 && share(1, 4000000) < 0.251);
}

static void test_prio_weights_many(void **state)
{
	/* 5:3:2 among three, a fourth of a lower level never runs */
	setup_prio(4, 500);
	pol.ent[0].weight = 5;
	pol.ent[1].weight = 3;
	pol.ent[2].weight = 2;
	pol.ent[0].prio = pol.ent[1].prio = pol.ent[2].prio = 2;
	pol.ent[3].prio = 1;
	run_until(0, 10000000, NULL);
	assert_true(share(0, 10000000) > 0.499 && share(0, 10000000) < 0.501);
	assert_true(share(1, 10000000) > 0.299 && share(1, 10000000) < 0.301);
	assert_true(share(2, 10000000) > 0.199 && share(2, 10000000) < 0.201);
	assert_int_equal(pol.ent[3].runtime, 0);
}

static void test_prio_strict_levels(void **state)
{
	uint64_t until;

	setup_prio(3, 1000);
	pol.ent[2].prio = 7;
	assert_int_equal(pol.ops->pick(&pol, 0, &until), 2);
	/* alone at its level: no slice */
	assert_true(until == NEVER);
	run_until(0, 1000000, NULL);
	assert_int_equal(pol.ent[2].runtime, 1000000);
	assert_int_equal(pol.ent[0].runtime + pol.ent[1].runtime, 0);
}

static void test_prio_slices_and_turns(void **state)
{
	uint64_t until;
	int a, b;

	setup_prio(2, 1000);
	a = pol.ops->pick(&pol, 0, &until);
	assert_true(until == 1000);
	/* mid-slice, nothing new: the same one, the same slice end */
	assert_int_equal(pol.ops->pick(&pol, 500, &until), a);
	assert_true(until == 1000);
	sched_policy_charge(&pol, a, 1000);
	b = pol.ops->pick(&pol, 1000, &until);
	assert_int_not_equal(a, b);
	assert_true(until == 2000);
}

static void test_prio_higher_level_wake_preempts(void **state)
{
	uint64_t until;
	int cur;

	setup_prio(2, 1000);
	pol.ent[1].prio = 1;
	pol.ent[1].runnable = false;
	cur = pol.ops->pick(&pol, 0, &until);
	assert_int_equal(cur, 0);
	/* the core must look when 1 wakes by itself, it would preempt */
	assert_true(pol.ops->wake_matters(&pol, 1, cur, 0));
	sched_policy_charge(&pol, 0, 300);
	pol.ent[1].runnable = true;
	pol.ops->wake(&pol, 1, 300);
	assert_int_equal(pol.ops->pick(&pol, 300, &until), 1);
}

static void test_prio_same_level_wake_waits_for_slice(void **state)
{
	uint64_t until;

	setup_prio(3, 1000);
	pol.ent[2].runnable = false;
	assert_int_equal(pol.ops->pick(&pol, 0, &until), 0);
	assert_true(until == 1000);
	/* another of the level is runnable beside it: its wake need not be watched */
	assert_false(pol.ops->wake_matters(&pol, 2, 0, 0));
	sched_policy_charge(&pol, 0, 400);
	pol.ent[2].runnable = true;
	pol.ops->wake(&pol, 2, 400);
	assert_int_equal(pol.ops->pick(&pol, 400, &until), 0);
	assert_true(until == 1000);
}

static void test_prio_alone_then_peer(void **state)
{
	uint64_t until;

	setup_prio(2, 1000);
	pol.ent[1].runnable = false;
	assert_int_equal(pol.ops->pick(&pol, 0, &until), 0);
	assert_true(until == NEVER);
	/* alone without a slice: a peer's wake must be watched */
	assert_true(pol.ops->wake_matters(&pol, 1, 0, 0));
	sched_policy_charge(&pol, 0, 5000);
	pol.ent[1].runnable = true;
	pol.ops->wake(&pol, 1, 5000);
	/* 0 now has a slice, from the wake */
	assert_int_equal(pol.ops->pick(&pol, 5000, &until), 0);
	assert_true(until == 6000);
	sched_policy_charge(&pol, 0, 1000);
	assert_int_equal(pol.ops->pick(&pol, 6000, &until), 1);
}

static void test_prio_nobody(void **state)
{
	uint64_t until;

	setup_prio(2, 1000);
	pol.ent[0].runnable = pol.ent[1].runnable = false;
	assert_int_equal(pol.ops->pick(&pol, 0, &until), SCHED_NOBODY);
	assert_true(until == NEVER);
	assert_true(pol.ops->wake_matters(&pol, 0, SCHED_NOBODY, 0));
}

static void test_prio_sleeper_gains_at_most_a_slice(void **state)
{
	uint64_t now, t_wake = 1000000;

	/* 1 sleeps while 0 runs alone for a long time */
	setup_prio(2, 1000);
	pol.ent[1].runnable = false;
	now = run_until(0, t_wake, NULL);
	assert_int_equal(pol.ent[0].runtime, t_wake);
	pol.ent[1].runnable = true;
	pol.ops->wake(&pol, 1, now);
	/* from here on: 1 gets at most one slice more than 0, not a million ticks */
	pol.ent[0].runtime = pol.ent[1].runtime = 0;
	run_until(now, now + 100000, NULL);
	assert_true(pol.ent[1].runtime <= pol.ent[0].runtime + 1000 + 1000);
	assert_true(pol.ent[0].runtime >= 49000 - 1000);
}

static void test_prio_vtime_wraps(void **state)
{
	unsigned int i;

	setup_prio(3, 1000);
	for (i = 0; i < 3; i++)
		pol.ent[i].vtime = NEVER - 5000 * (i + 1);
	run_until(0, 3000000, NULL);
	for (i = 0; i < 3; i++)
		assert_true(pol.ent[i].runtime >= 990000 && pol.ent[i].runtime <= 1010000);
}

/* ------------------------------------------------------------- cyclic */

static void setup_cyclic(uint64_t start)
{
	memset(&pol, 0, sizeof(pol));
	pol.ops = &sched_cyclic_ops;
	pol.n = 3;
	pol.frame = 1000;
	pol.win[0] = (struct sched_window){ 0, 400, 0 };
	pol.win[1] = (struct sched_window){ 400, 300, 1 };
	pol.win[2] = (struct sched_window){ 800, 100, 0 }; /* 0 has two windows */
	pol.nwin = 3;
	pol.ent[0].runnable = pol.ent[1].runnable = pol.ent[2].runnable = true;
	pol.ops->start(&pol, start);
}

static void test_cyclic_windows(void **state)
{
	uint64_t until;

	setup_cyclic(0);
	assert_int_equal(pol.ops->pick(&pol, 0, &until), 0);
	assert_true(until == 400);
	assert_int_equal(pol.ops->pick(&pol, 399, &until), 0);
	assert_true(until == 400);
	assert_int_equal(pol.ops->pick(&pol, 400, &until), 1);
	assert_true(until == 700);
	assert_int_equal(pol.ops->pick(&pol, 700, &until), SCHED_NOBODY); /* a gap */
	assert_true(until == 800);
	assert_int_equal(pol.ops->pick(&pol, 800, &until), 0);
	assert_true(until == 900);
	assert_int_equal(pol.ops->pick(&pol, 900, &until), SCHED_NOBODY);
	assert_true(until == 1000);
	assert_int_equal(pol.ops->pick(&pol, 1000, &until), 0);
	assert_true(until == 1400);
}

static void test_cyclic_shares_exact(void **state)
{
	unsigned int decisions;

	setup_cyclic(0);
	run_until(0, 1000 * 1000, &decisions);
	assert_int_equal(pol.ent[0].runtime, 500 * 1000);
	assert_int_equal(pol.ent[1].runtime, 300 * 1000);
	assert_int_equal(pol.ent[2].runtime, 0); /* no window: never */
	assert_int_equal(decisions, 5 * 1000);
}

static void test_cyclic_idle_owner_keeps_its_window(void **state)
{
	uint64_t until;

	setup_cyclic(0);
	pol.ent[0].runnable = false;
	/* nobody else gets 0's window */
	assert_int_equal(pol.ops->pick(&pol, 100, &until), SCHED_NOBODY);
	assert_true(until == 400);
	assert_true(pol.ops->wake_matters(&pol, 0, SCHED_NOBODY, 100));
	assert_false(pol.ops->wake_matters(&pol, 1, SCHED_NOBODY, 100));
	/* in 1's window, 0's wake does not matter */
	assert_int_equal(pol.ops->pick(&pol, 500, &until), 1);
	assert_false(pol.ops->wake_matters(&pol, 0, 1, 500));
}

static void test_cyclic_late_decisions_do_not_shift(void **state)
{
	uint64_t until;

	setup_cyclic(5000);
	/* before the frames begin */
	assert_int_equal(pol.ops->pick(&pol, 100, &until), SCHED_NOBODY);
	assert_true(until == 5000);
	/* decided late: the window still ends where the frame says */
	assert_int_equal(pol.ops->pick(&pol, 6050, &until), 0);
	assert_true(until == 6400);
	assert_int_equal(pol.ops->pick(&pol, 6420, &until), 1);
	assert_true(until == 6700);
	/* far on (a division, not steps) */
	assert_int_equal(pol.ops->pick(&pol, 5000 + 123456789ull * 1000 + 450, &until), 1);
	assert_true(until == 5000 + 123456789ull * 1000 + 700);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prio_equal_shares),
		cmocka_unit_test(test_prio_weights),
		cmocka_unit_test(test_prio_weights_many),
		cmocka_unit_test(test_prio_strict_levels),
		cmocka_unit_test(test_prio_slices_and_turns),
		cmocka_unit_test(test_prio_higher_level_wake_preempts),
		cmocka_unit_test(test_prio_same_level_wake_waits_for_slice),
		cmocka_unit_test(test_prio_alone_then_peer),
		cmocka_unit_test(test_prio_nobody),
		cmocka_unit_test(test_prio_sleeper_gains_at_most_a_slice),
		cmocka_unit_test(test_prio_vtime_wraps),
		cmocka_unit_test(test_cyclic_windows),
		cmocka_unit_test(test_cyclic_shares_exact),
		cmocka_unit_test(test_cyclic_idle_owner_keeps_its_window),
		cmocka_unit_test(test_cyclic_late_decisions_do_not_shift),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
