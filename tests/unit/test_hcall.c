// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hypercall dispatcher's argument checks (hv/core/hcall.c):
 * every handle, token and state a guest can pass gets an ePAPR status, and
 * only a manager's valid request reaches the scheduler.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <hcall.h>
#include <partition.h>

struct partition partitions[PART_MAX];
unsigned int npartitions;

static unsigned int starts, stops, arch_calls;

/* The core's own hypercalls (KVM's on e500v2): vendor 42 here. */
bool arch_hcall(struct vcpu *v, uint32_t token, uint32_t r[8])
{
	if (token >> 16 != 42)
		return false;
	arch_calls++;
	r[0] = EV_SUCCESS;
	return true;
}

static int start_result;

int sched_start_partition(struct partition *p)
{
	starts++;
	return start_result;
}

void partition_stop(struct partition *p, const char *reason)
{
	stops++;
	p->state = PART_STOPPED;
}

static struct vcpu mgr; /* a vCPU of partitions[0], which manages [1] only */

static int setup(void **state)
{
	memset(partitions, 0, sizeof(partitions));
	npartitions = 3;
	partitions[0].state = PART_RUNNING;
	partitions[0].manages = 1u << 1;
	partitions[1].managed = true;
	partitions[1].state = PART_STOPPED;
	partitions[1].halted = true;
	partitions[2].state = PART_RUNNING;
	mgr.part = &partitions[0];
	starts = stops = arch_calls = 0;
	start_result = 0;
	return 0;
}

/* r[0] comes back as the status; r[1..] as results. */
static uint32_t call(uint32_t token, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t *r1)
{
	uint32_t r[8] = { a0, a1, a2, 0xDEAD0003, 0xDEAD0004, 0xDEAD0005, 0xDEAD0006,
			  0xDEAD0007 };

	hcall_dispatch(&mgr, token, r);
	if (r1)
		*r1 = r[1];
	/* nothing past the results a call defines is touched */
	assert_int_equal(r[3], 0xDEAD0003);
	assert_int_equal(r[7], 0xDEAD0007);
	return r[0];
}

#define FSL(n) ((EV_FSL_VENDOR_ID << 16) | (n))

static void test_unknown_calls(void **state)
{
	static const uint32_t tokens[] = { 0, 1, 0x00010001, 0x00010011, FSL(0), FSL(1),
					   FSL(8), FSL(17), FSL(0xFFFF), 0xFFFFFFFF };
	size_t i;

	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		assert_int_equal(call(tokens[i], 1, 0, 0, NULL), EV_UNIMPLEMENTED);
	assert_int_equal(starts + stops, 0);
}

static void test_core_calls_and_idle(void **state)
{
	assert_int_equal(call(0x002A0003, 0, 0, 0, NULL), EV_SUCCESS);
	assert_int_equal(arch_calls, 1);
	/* EV_IDLE: the vCPU waits for its next interrupt on the way back */
	mgr.idle_request = false;
	assert_int_equal(call(EV_EPAPR_VENDOR_ID << 16 | EV_IDLE, 0, 0, 0, NULL), EV_SUCCESS);
	assert_true(mgr.idle_request);
	mgr.idle_request = false;
	assert_int_equal(starts + stops, 0);
}

static void test_handles(void **state)
{
	static const uint32_t bad[] = { 0, 3, 4, PART_MAX + 1, 0x80000000u, 0xFFFFFFFEu };
	uint32_t status;
	size_t i;

	/* its own status (handle -1) */
	assert_int_equal(call(FSL(FH_PARTITION_GET_STATUS), 0xFFFFFFFFu, 0, 0, &status),
			 EV_SUCCESS);
	assert_int_equal(status, FH_PARTITION_RUNNING);
	/* the partition it manages */
	assert_int_equal(call(FSL(FH_PARTITION_GET_STATUS), HCALL_HANDLE(1), 0, 0, &status),
			 EV_SUCCESS);
	assert_int_equal(status, FH_PARTITION_STOPPED);
	/* itself by handle, one it does not manage, nonexistent ones */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(call(FSL(FH_PARTITION_GET_STATUS), bad[i], 0, 0, NULL),
				 EV_EINVAL);
		assert_int_equal(call(FSL(FH_PARTITION_START), bad[i], 0, 0, NULL), EV_EINVAL);
		assert_int_equal(call(FSL(FH_PARTITION_STOP), bad[i], 0, 0, NULL), EV_EINVAL);
		assert_int_equal(call(FSL(FH_PARTITION_RESTART), bad[i], 0, 0, NULL), EV_EINVAL);
	}
	assert_int_equal(call(FSL(FH_PARTITION_STOP), HCALL_HANDLE(0), 0, 0, NULL), EV_EINVAL);
	assert_int_equal(call(FSL(FH_PARTITION_STOP), HCALL_HANDLE(2), 0, 0, NULL), EV_EINVAL);
	assert_int_equal(starts + stops, 0);
}

static void test_start_and_stop_follow_the_state(void **state)
{
	/* an entry point of its own is not offered */
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0x100, 0, NULL),
			 EV_EINVAL);
	assert_int_equal(starts, 0);
	/* stopped and settled: it starts */
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 0, NULL), EV_SUCCESS);
	assert_int_equal(starts, 1);
	/* not settled yet (stopping): refused */
	partitions[1].halted = false;
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 0, NULL),
			 EV_INVALID_STATE);
	/* running: START refused, STOP and RESTART accepted once */
	partitions[1].state = PART_RUNNING;
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 0, NULL),
			 EV_INVALID_STATE);
	assert_int_equal(call(FSL(FH_PARTITION_RESTART), HCALL_HANDLE(1), 0, 0, NULL),
			 EV_SUCCESS);
	assert_true(partitions[1].restart_forced);
	assert_int_equal(call(FSL(FH_PARTITION_STOP), HCALL_HANDLE(1), 0, 0, NULL),
			 EV_INVALID_STATE);
	assert_int_equal(stops, 1);
	/* a start the scheduler cannot carry out */
	partitions[1].halted = true;
	start_result = -1;
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 0, NULL),
			 EV_INVALID_STATE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_unknown_calls, setup),
		cmocka_unit_test_setup(test_core_calls_and_idle, setup),
		cmocka_unit_test_setup(test_handles, setup),
		cmocka_unit_test_setup(test_start_and_stop_follow_the_state, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
