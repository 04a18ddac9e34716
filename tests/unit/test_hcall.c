// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hypercalls' argument checks and effects: the dispatcher
 * (hv/core/hcall.c), partition management (hcall_partition.c), the ePAPR
 * interrupt calls on a real virtual MPIC (hcall_irq.c, hv/vdev/vmpic.c),
 * byte channels (bytechan.c) and doorbells (doorbell.c, ipc.c, virq.c).
 * Every handle, token, number and state a guest can pass gets an ePAPR
 * status; only valid requests change anything; no call touches a result
 * register it does not define.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <bytechan.h>
#include <doorbell.h>
#include <hcall.h>
#include <ipc.h>
#include <partition.h>
#include <platform.h>
#include <sched.h>
#include <smp.h>
#include <vdev.h>
#include <virq.h>

#include "../../hv/vdev/vmpic.h"

/* ------------------------------------------------------------ stand-ins */

struct platform platform = { .mpic_pa = 0xFE0040000ull, .mpic_size = 0x40000 };
struct partition partitions[PART_MAX];
unsigned int npartitions;

static unsigned int starts, stops, kicks, irq_syncs, arch_calls;

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
static bool start_load;
static uint32_t start_entry;

int sched_start_partition(struct partition *p, bool load, uint32_t entry)
{
	starts++;
	start_load = load;
	start_entry = entry;
	return start_result;
}

/* Guest RAM: host buffers; a "host physical address" is a host pointer here. */
const struct mem_region *partition_find_mem(const struct partition *p, uint64_t gpa)
{
	unsigned int i;

	for (i = 0; i < p->nmem; i++)
		if (gpa >= p->mem[i].gpa && gpa - p->mem[i].gpa < p->mem[i].size)
			return &p->mem[i];
	return NULL;
}

bool partition_gpa_to_hpa(const struct partition *p, uint64_t gpa, uint64_t len,
			  uint64_t *hpa)
{
	const struct mem_region *m = partition_find_mem(p, gpa);

	if (!m || len > m->size - (gpa - m->gpa))
		return false;
	*hpa = m->hpa + (gpa - m->gpa);
	return true;
}

static unsigned int icache_syncs;

void hvmem_copy_to_phys(uint64_t pa, const void *src, size_t len)
{
	memcpy((void *)(uintptr_t)pa, src, len);
}

void hvmem_copy_from_phys(void *dst, uint64_t pa, size_t len)
{
	memcpy(dst, (const void *)(uintptr_t)pa, len);
}

void hvmem_sync_icache_phys(uint64_t pa, uint64_t len)
{
	icache_syncs++;
}

void partition_stop(struct partition *p, const char *reason)
{
	stops++;
	p->state = PART_STOPPED;
}

void hvirq_kick(unsigned int cpu)
{
	kicks++;
}

/* sched_core.c's: no shared cores here */
bool sched_kick_here(struct vcpu *v)
{
	return false;
}

/* sched_core.c's for vCPUs on dedicated cores: another CPU's is kicked */
void sched_kick_vcpu(struct vcpu *v)
{
	if (v->cpu != smp_cpu())
		hvirq_kick(v->cpu);
}

void assign_irq_sync(struct partition *p)
{
	irq_syncs++;
}

/* The console: what byte channels to it wrote. */
static char console_out[8192];
static size_t console_len;

bool console_write(unsigned int chan, const void *buf, size_t len)
{
	memcpy(console_out + console_len, buf, len);
	console_len += len;
	return true;
}

enum console_mode console_mode(void)
{
	return CONSOLE_MUX;
}

void console_set_client(unsigned int chan, const struct console_client *client)
{
}

/* ------------------------------------------------------------ the setup */

static struct vcpu vcpus[PART_MAX];
static struct vcpu *mgr; /* a vCPU of partitions[0], which manages [1] only */

/* 0, 1 and 2 have RAM_SIZE of RAM at 0; 0 and 1 share an area at SHARED_GPA. */
#define RAM_SIZE 0x10000u
#define SHARED_GPA 0x100000u
static uint8_t ram[3][RAM_SIZE] __attribute__((aligned(32)));
static uint8_t shared_area[0x1000];

/*
 * Three partitions, each with a real virtual MPIC: 0 and 1 share byte
 * channel 0 (0 is end 0); 0 rings doorbell 0, which 1 receives; 1 has
 * doorbell 1, which 0 receives only; 2 has nothing.
 */
static struct ipc_ref *bc0_a, *bc0_b, *db0_a, *db0_b, *db1_a;

static int setup(void **state)
{
	unsigned int i;

	memset(partitions, 0, sizeof(partitions));
	memset(bytechans, 0, sizeof(bytechans));
	memset(doorbells, 0, sizeof(doorbells));
	npartitions = 3;
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];

		p->state = PART_RUNNING;
		p->nvcpus = 1;
		p->vcpu[0] = &vcpus[i];
		vcpus[i].part = p;
		vcpus[i].id = 0;
		vcpus[i].cpu = i;
		assert_int_equal(vdev_attach_all(p), 0);
		assert_non_null(p->irqchip);
		vdev_reset_all(p, 0);
	}
	for (i = 0; i < npartitions; i++) {
		partitions[i].mem[0] = (struct mem_region){ 0, (uintptr_t)ram[i], RAM_SIZE, false };
		partitions[i].nmem = 1;
	}
	for (i = 0; i < 2; i++) {
		partitions[i].mem[1] = (struct mem_region){ SHARED_GPA, (uintptr_t)shared_area,
							    sizeof(shared_area), true };
		partitions[i].nmem = 2;
	}
	memset(ram, 0, sizeof(ram));
	icache_syncs = 0;
	partitions[0].manages = 1u << 1;
	partitions[1].managed = true;
	mgr = &vcpus[0];

	nbytechans = 1;
	bytechans[0].name = "link";
	bc0_a = ipc_add(&partitions[0], IPC_BYTECHAN, 0, 0, 2, true);
	bc0_b = ipc_add(&partitions[1], IPC_BYTECHAN, 0, 1, 2, true);
	ndoorbells = 2;
	doorbells[0].name = "ring";
	doorbells[1].name = "back";
	db0_a = ipc_add(&partitions[0], IPC_DOORBELL, 0, IPC_DB_SEND, 0, true);
	db0_b = ipc_add(&partitions[1], IPC_DOORBELL, 0, IPC_DB_RECV, 1, false);
	db1_a = ipc_add(&partitions[0], IPC_DOORBELL, 1, IPC_DB_RECV, 1, false);
	assert_non_null(bc0_a);
	assert_non_null(bc0_b);
	assert_non_null(db0_a);
	assert_non_null(db0_b);
	assert_non_null(db1_a);
	bytechan_bind();
	doorbell_bind();
	for (i = 0; i < npartitions; i++)
		ipc_partition_start(&partitions[i]);
	starts = stops = kicks = irq_syncs = arch_calls = 0;
	start_result = 0;
	console_len = 0;
	return 0;
}

/* r[0] comes back as the status; r[1..] as results; nothing past `defined` is touched. */
static uint32_t call_v(struct vcpu *v, uint32_t token, const uint32_t *args, unsigned int nargs,
		       uint32_t *out, unsigned int defined)
{
	uint32_t r[8];
	unsigned int i;

	for (i = 0; i < 8; i++)
		r[i] = i < nargs ? args[i] : 0xDEAD0000 + i;
	hcall_dispatch(v, token, r);
	for (i = defined + 1; i < 8; i++)
		if (i >= nargs)
			assert_int_equal(r[i], 0xDEAD0000 + i);
	if (out)
		memcpy(out, r, sizeof(r));
	return r[0];
}

static uint32_t call(uint32_t token, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t *r1)
{
	uint32_t args[3] = { a0, a1, a2 }, r[8];
	uint32_t st = call_v(mgr, token, args, 3, r, 1);

	if (r1)
		*r1 = r[1];
	return st;
}

#define FSL(n) HCALL_TOKEN(EV_FSL_VENDOR_ID, n)
#define EPAPR(n) HCALL_TOKEN(EV_EPAPR_VENDOR_ID, n)

static struct vmpic *mpic_of(unsigned int i)
{
	return partitions[i].irqchip->state;
}

static bool line_of(unsigned int i, unsigned int src)
{
	return (mpic_of(i)->line[src / 32] >> (src % 32)) & 1;
}

static bool pending_of(unsigned int i, unsigned int src)
{
	return (mpic_of(i)->pending[src / 32] >> (src % 32)) & 1;
}

/* ------------------------------------------------------------ dispatch */

static void test_unknown_calls(void **state)
{
	static const uint32_t tokens[] = {
		0, 1, 0x00010000, EPAPR(8), EPAPR(EV_INT_SEND_IPI), EPAPR(EV_INT_SET_TASK_PRIORITY),
		EPAPR(EV_INT_GET_TASK_PRIORITY), EPAPR(EV_MSGSND), EPAPR(17),
		EPAPR(31), EPAPR(32), EPAPR(0xFFFF), FSL(0), FSL(1), FSL(2), FSL(3),
		FSL(9), FSL(17), FSL(18), FSL(0xFFFF), 0x00030001, 0xFFFFFFFF,
	};
	size_t i;

	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		assert_int_equal(call(tokens[i], 1, 0, 0, NULL), EV_UNIMPLEMENTED);
	assert_int_equal(starts + stops, 0);
}

static void test_every_registered_call_is_reachable(void **state)
{
	const struct hcall *const *h;
	unsigned int n = 0;

	for (h = __start_hcalls; h < __stop_hcalls; h++, n++)
		assert_int_not_equal(call((*h)->token, 0xFFFFFFF0u, 0xFFFFFFF0u, 0xFFFFFFF0u, NULL),
				     EV_UNIMPLEMENTED);
	assert_int_equal(n, 16); /* 5 partition, 6 interrupt, 3 byte channel, doorbell, idle */
}

static void test_core_calls_and_idle(void **state)
{
	assert_int_equal(call(0x002A0003, 0, 0, 0, NULL), EV_SUCCESS);
	assert_int_equal(arch_calls, 1);
	/* EV_IDLE: the vCPU waits for its next interrupt on the way back */
	mgr->idle_request = false;
	assert_int_equal(call(EV_EPAPR_VENDOR_ID << 16 | EV_IDLE, 0, 0, 0, NULL), EV_SUCCESS);
	assert_true(mgr->idle_request);
	mgr->idle_request = false;
	assert_int_equal(starts + stops, 0);
}

/* ------------------------------------------------------------ partitions */

/* Partition 1, managed by 0, stopped and settled. */
static void managed_stopped(void)
{
	partitions[1].state = PART_STOPPED;
	partitions[1].halted = true;
}

static void test_handles(void **state)
{
	static const uint32_t bad[] = { 0, 3, 4, PART_MAX + 1, IPC_HANDLE_BASE, 0x80000000u,
					0xFFFFFFFEu };
	uint32_t status;
	size_t i;

	managed_stopped();
	/* its own status (handle -1) */
	assert_int_equal(call(FSL(FH_PARTITION_GET_STATUS), 0xFFFFFFFFu, 0, 0, &status),
			 EV_SUCCESS);
	assert_int_equal(status, FH_PARTITION_RUNNING);
	/* the partition it manages */
	assert_int_equal(call(FSL(FH_PARTITION_GET_STATUS), HCALL_HANDLE(1), 0, 0, &status),
			 EV_SUCCESS);
	assert_int_equal(status, FH_PARTITION_STOPPED);
	/* itself by handle, one it does not manage, nonexistent ones, other kinds of handle */
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
	managed_stopped();
	/* an entry point outside its RAM, with or without load */
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), RAM_SIZE, 0, NULL),
			 EV_EINVAL);
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0xFFFFFFFEu, 1, NULL),
			 EV_EINVAL);
	assert_int_equal(starts, 0);
	/* stopped and settled: it starts, loaded, at the image's entry */
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 1, NULL), EV_SUCCESS);
	assert_int_equal(starts, 1);
	assert_true(start_load);
	assert_int_equal(start_entry, 0);
	/* or with its memory as it is, at an entry of the manager's */
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0x100, 0, NULL),
			 EV_SUCCESS);
	assert_int_equal(starts, 2);
	assert_false(start_load);
	assert_int_equal(start_entry, 0x100);
	/* not settled yet (stopping): refused */
	partitions[1].halted = false;
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 1, NULL),
			 EV_INVALID_STATE);
	/* running: START refused, STOP and RESTART accepted once */
	partitions[1].state = PART_RUNNING;
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 1, NULL),
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
	assert_int_equal(call(FSL(FH_PARTITION_START), HCALL_HANDLE(1), 0, 1, NULL),
			 EV_INVALID_STATE);
}

/* A list entry in the caller's RAM (partition 0) at gpa, big-endian as Linux writes it. */
static void sg_put(uint32_t gpa, uint64_t src, uint64_t dst, uint64_t size)
{
	uint64_t v[4] = { src, dst, size, 0x5555555555555555ull }; /* reserved: left unset */
	unsigned int i, k;

	for (i = 0; i < 4; i++)
		for (k = 0; k < 8; k++)
			ram[0][gpa + 8 * i + k] = (uint8_t)(v[i] >> (56 - 8 * k));
}

static uint32_t mcp(uint32_t source, uint32_t target, uint32_t list_lo, uint32_t list_hi,
		    uint32_t count)
{
	uint32_t args[5] = { source, target, list_lo, list_hi, count }, r[8];

	return call_v(mgr, FSL(FH_PARTITION_MEMCPY), args, 5, r, 0);
}

#define LIST 0x8000u
#define SELF 0xFFFFFFFFu

static void test_memcpy_checks_everything_first(void **state)
{
	static const uint8_t zero[RAM_SIZE];
	unsigned int i;

	for (i = 0; i < 0x100; i++)
		ram[0][0x1000 + i] = (uint8_t)(i ^ 0x5A);
	sg_put(LIST, 0x1000, 0x2000, 0x80);
	sg_put(LIST + 32, 0x1080, 0x3000, 0x80);
	/* running: neither into it nor out of it */
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 2), EV_INVALID_STATE);
	assert_int_equal(mcp(HCALL_HANDLE(1), SELF, LIST, 0, 2), EV_INVALID_STATE);
	managed_stopped();
	/* handles: itself twice, one it does not manage, nonexistent */
	assert_int_equal(mcp(SELF, SELF, LIST, 0, 2), EV_EINVAL);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(2), LIST, 0, 2), EV_EINVAL);
	assert_int_equal(mcp(HCALL_HANDLE(2), SELF, LIST, 0, 2), EV_EINVAL);
	assert_int_equal(mcp(SELF, 0, LIST, 0, 2), EV_EINVAL);
	/* the list outside the caller's private RAM */
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), RAM_SIZE - 16, 0, 1), EV_EFAULT);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 1, 1), EV_EFAULT);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), SHARED_GPA, 0, 1), EV_EFAULT);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), 0xFFFFFFE0u, 0xFFFFFFFFu, 2), EV_EFAULT);
	/* a bad second entry: nothing of the first moved either */
	sg_put(LIST + 32, 0x1080, RAM_SIZE - 0x40, 0x80);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 2), EV_EFAULT);
	sg_put(LIST + 32, 0x1080, SHARED_GPA, 0x80);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 2), EV_EFAULT);
	sg_put(LIST + 32, SHARED_GPA, 0x3000, 0x80);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 2), EV_EFAULT);
	sg_put(LIST + 32, 0x1080, 0x3000, ~0ull);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 2), EV_EINVAL);
	sg_put(LIST + 32, 0xFFFFFFFFFFFFFF00ull, 0x3000, 0x200);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 2), EV_EFAULT);
	assert_memory_equal(ram[1], zero, RAM_SIZE);
	assert_memory_equal(ram[2], zero, RAM_SIZE);
	assert_int_equal(icache_syncs, 0);
	/* both entries good: there, then back into the caller */
	sg_put(LIST + 32, 0x1080, 0x3000, 0x80);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 2), EV_SUCCESS);
	assert_memory_equal(&ram[1][0x2000], &ram[0][0x1000], 0x80);
	assert_memory_equal(&ram[1][0x3000], &ram[0][0x1080], 0x80);
	assert_int_equal(icache_syncs, 2);
	sg_put(LIST, 0x2000, 0x4000, 0x80);
	assert_int_equal(mcp(HCALL_HANDLE(1), SELF, LIST, 0, 1), EV_SUCCESS);
	assert_memory_equal(&ram[0][0x4000], &ram[0][0x1000], 0x80);
	/* an empty list, and zero-sized entries, are fine */
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 0), EV_SUCCESS);
	sg_put(LIST, 0xFFFFFFF0u, 0xFFFFFFF0u, 0);
	assert_int_equal(mcp(SELF, HCALL_HANDLE(1), LIST, 0, 1), EV_SUCCESS);
	assert_memory_equal(ram[2], zero, RAM_SIZE);
	assert_int_equal(starts + stops, 0);
}

/* ------------------------------------------------------------ byte channels */

static uint32_t bc_send(struct vcpu *v, uint32_t h, uint32_t n, const char *data,
			uint32_t *sent)
{
	uint32_t args[6] = { h, n, 0, 0, 0, 0 }, r[8], i, st;
	char bytes[16] = { 0 };

	memcpy(bytes, data, n < 16 ? n : 16); /* callers pass n or more bytes, or n > 16 */
	for (i = 0; i < n && i < 16; i++)
		args[2 + i / 4] |= (uint32_t)(uint8_t)bytes[i] << (24 - 8 * (i % 4));
	st = call_v(v, EPAPR(EV_BYTE_CHANNEL_SEND), args, 6, r, 1);
	if (sent)
		*sent = r[1];
	return st;
}

static uint32_t bc_receive(struct vcpu *v, uint32_t h, uint32_t max, char *data,
			   uint32_t *got)
{
	uint32_t args[2] = { h, max }, r[8], i, st;

	st = call_v(v, EPAPR(EV_BYTE_CHANNEL_RECEIVE), args, 2, r, 5);
	if (st == EV_SUCCESS) {
		for (i = 0; i < r[1] && i < 16; i++)
			data[i] = (char)(r[2 + i / 4] >> (24 - 8 * (i % 4)));
		*got = r[1];
	}
	return st;
}

static void test_bytechan_handles(void **state)
{
	uint32_t h = ipc_handle(&partitions[0], bc0_a), db = ipc_handle(&partitions[0], db0_a);
	const uint32_t bad[] = { 0, 1, HCALL_HANDLE(1), IPC_HANDLE_BASE - 1, db, h + 100,
				 IPC_HANDLE_BASE + IPC_MAX, 0x80000000u, 0xFFFFFFFFu };
	uint32_t args[2], r[8];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		args[0] = bad[i];
		args[1] = 1;
		assert_int_equal(bc_send(mgr, bad[i], 1, "x", NULL), EV_EINVAL);
		assert_int_equal(call_v(mgr, EPAPR(EV_BYTE_CHANNEL_RECEIVE), args, 2, r, 1),
				 EV_EINVAL);
		assert_int_equal(call_v(mgr, EPAPR(EV_BYTE_CHANNEL_POLL), args, 1, r, 2),
				 EV_EINVAL);
	}
	/* the same number is nothing in a partition that was given no channel */
	assert_int_equal(bc_send(&vcpus[2], h, 1, "x", NULL), EV_EINVAL);
	/* more than 16 bytes per call */
	assert_int_equal(bc_send(mgr, h, 17, "0123456789abcdef", NULL), EV_EINVAL);
	assert_int_equal(bc_send(mgr, h, 0xFFFFFFFFu, "0123456789abcdef", NULL), EV_EINVAL);
	args[0] = h;
	args[1] = 17;
	assert_int_equal(call_v(mgr, EPAPR(EV_BYTE_CHANNEL_RECEIVE), args, 2, r, 1), EV_EINVAL);
	/* nothing was queued by any of them */
	assert_int_equal(bc_used(&bytechans[0].q[0]) + bc_used(&bytechans[0].q[1]), 0);
}

static void test_bytechan_flow_control(void **state)
{
	struct vcpu *b = &vcpus[1];
	uint32_t ha = ipc_handle(&partitions[0], bc0_a), hb = ipc_handle(&partitions[1], bc0_b);
	uint32_t sent, got, i, args[1] = { ha }, r[8];
	char buf[16], want[16];

	/* at first: nothing to read, room to send */
	assert_false(line_of(0, bc0_a->src[0]));
	assert_true(line_of(0, bc0_a->src[1]));
	assert_int_equal(call_v(mgr, EPAPR(EV_BYTE_CHANNEL_POLL), args, 1, r, 2), EV_SUCCESS);
	assert_int_equal(r[1], 0);
	assert_int_equal(r[2], BC_QUEUE_SIZE);
	/* fill the queue 16 bytes at a time; the peer is woken once */
	kicks = 0;
	for (i = 0; i < BC_QUEUE_SIZE / 16; i++) {
		memset(buf, 'a' + i % 26, 16);
		assert_int_equal(bc_send(mgr, ha, 16, buf, &sent), EV_SUCCESS);
		assert_int_equal(sent, 16);
	}
	assert_int_equal(kicks, 1);
	assert_true(partitions[1].ipc_wake);
	/* full: refused whole, nothing sent, and the sender's transmit line is down */
	assert_int_equal(bc_send(mgr, ha, 1, "z", &sent), EV_EAGAIN);
	assert_int_equal(sent, 0);
	assert_false(line_of(0, bc0_a->src[1]));
	/* the receiver's poll applies the wake: its receive line rises */
	assert_false(line_of(1, bc0_b->src[0]));
	ipc_poll(&partitions[1]);
	assert_true(line_of(1, bc0_b->src[0]));
	/* it reads in order; room for 16 again wakes the sender, whose line rises */
	kicks = 0;
	assert_int_equal(bc_receive(b, hb, 15, buf, &got), EV_SUCCESS);
	assert_int_equal(got, 15);
	memset(want, 'a', 16);
	assert_memory_equal(buf, want, 15);
	assert_int_equal(kicks, 0);
	assert_int_equal(bc_send(mgr, ha, 16, want, &sent), EV_EAGAIN); /* 15 free: not enough */
	assert_int_equal(bc_receive(b, hb, 1, buf, &got), EV_SUCCESS);
	assert_int_equal(kicks, 1);
	ipc_poll(&partitions[0]);
	assert_true(line_of(0, bc0_a->src[1]));
	assert_int_equal(bc_send(mgr, ha, 16, "0123456789abcdef", &sent), EV_SUCCESS);
	/* drain all: the last 16 are what was sent last; then the receive line falls */
	for (i = 0; i < BC_QUEUE_SIZE / 16; i++)
		assert_int_equal(bc_receive(b, hb, 16, buf, &got), EV_SUCCESS);
	assert_int_equal(got, 16);
	assert_memory_equal(buf, "0123456789abcdef", 16);
	assert_false(line_of(1, bc0_b->src[0]));
	assert_int_equal(bc_receive(b, hb, 16, buf, &got), EV_SUCCESS);
	assert_int_equal(got, 0);
	/* the other direction is its own queue */
	assert_int_equal(bc_send(b, hb, 3, "xyz", &sent), EV_SUCCESS);
	assert_int_equal(bc_receive(mgr, ha, 16, buf, &got), EV_SUCCESS);
	assert_int_equal(got, 3);
	assert_memory_equal(buf, "xyz", 3);
	/* zero bytes: fine, and nothing happens */
	assert_int_equal(bc_send(mgr, ha, 0, "", &sent), EV_SUCCESS);
	assert_int_equal(sent, 0);
}

/* An end served by a device of its partition (a virtio console): its event, partial writes. */
static unsigned int device_events;

static void device_event(void *arg)
{
	assert_ptr_equal(arg, &device_events);
	device_events++;
}

static void test_bytechan_device_end(void **state)
{
	uint32_t ha = ipc_handle(&partitions[0], bc0_a), sent, got, i;
	uint8_t big[3000], back[3000];
	char buf[16];

	bytechan_set_device(0, 1, device_event, &device_events);
	device_events = 0;
	/* the other end sends: the device's partition is woken, its poll runs the device */
	kicks = 0;
	assert_false(bytechan_pending(0, 1));
	assert_int_equal(bc_send(mgr, ha, 5, "hello", &sent), EV_SUCCESS);
	assert_int_equal(kicks, 1);
	assert_true(bytechan_pending(0, 1));
	ipc_poll(&partitions[1]);
	assert_int_equal(device_events, 1);
	assert_false(line_of(1, bc0_b->src[0])); /* no lines: the device moves the bytes */
	assert_int_equal(bytechan_read(0, 1, back, 3), 3);
	assert_memory_equal(back, "hel", 3);
	assert_int_equal(bytechan_read(0, 1, back, sizeof(back)), 2);
	assert_memory_equal(back, "lo", 2);
	assert_int_equal(bytechan_read(0, 1, back, sizeof(back)), 0);
	assert_false(bytechan_pending(0, 1));
	/* the device writes: as much as fits, the rest refused (it waits), the reader woken once */
	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13 + 7);
	kicks = 0;
	assert_int_equal(bytechan_write(0, 1, big, sizeof(big)), BC_QUEUE_SIZE);
	assert_int_equal(bytechan_write(0, 1, big + BC_QUEUE_SIZE, 1), 0);
	assert_int_equal(kicks, 1);
	/* the reader takes 15: not yet room for a whole send, the device is not woken */
	partitions[1].ipc_wake = false;
	assert_int_equal(bc_receive(mgr, ha, 15, buf, &got), EV_SUCCESS);
	assert_int_equal(got, 15);
	assert_memory_equal(buf, big, 15);
	assert_false(partitions[1].ipc_wake);
	/* one more: room for 16, the device's partition is woken and its event runs */
	assert_int_equal(bc_receive(mgr, ha, 1, buf, &got), EV_SUCCESS);
	assert_true(partitions[1].ipc_wake);
	ipc_poll(&partitions[1]);
	assert_int_equal(device_events, 2);
	assert_int_equal(bytechan_write(0, 1, big + BC_QUEUE_SIZE, sizeof(big)), 16);
	/* every byte in order, none lost */
	for (i = 16; i < BC_QUEUE_SIZE + 16; i += got) {
		assert_int_equal(bc_receive(mgr, ha, 16, buf, &got), EV_SUCCESS);
		assert_int_equal(got, 16);
		assert_memory_equal(buf, big + i, 16);
	}
	assert_int_equal(bc_receive(mgr, ha, 16, buf, &got), EV_SUCCESS);
	assert_int_equal(got, 0);
}

static void test_bytechan_to_console(void **state)
{
	uint32_t sent;

	/* end 1 of channel 0 is the console now */
	bytechans[0].end[1].part = NULL;
	bytechans[0].end[1].console = true;
	console_line_init(&bytechans[0].end[1].line, 5, "link");
	assert_int_equal(bc_send(mgr, ipc_handle(&partitions[0], bc0_a), 6, "hello\n", &sent),
			 EV_SUCCESS);
	assert_int_equal(console_len, 6);
	assert_memory_equal(console_out, "hello\n", 6);
	assert_int_equal(bc_used(&bytechans[0].q[0]), 0);
}

/* ------------------------------------------------------------ interrupts */

static uint32_t int_call(struct vcpu *v, uint32_t num, uint32_t a0, uint32_t a1, uint32_t a2,
			 uint32_t a3, uint32_t *r, unsigned int defined)
{
	uint32_t args[4] = { a0, a1, a2, a3 };

	return call_v(v, EPAPR(num), args, 4, r, defined);
}

static void test_int_calls_check_arguments(void **state)
{
	uint32_t r[8];

	/* sources beyond the controller's, bad config bits, priority, destination, mask */
	assert_int_equal(int_call(mgr, EV_INT_SET_CONFIG, 256, 2, 5, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_SET_CONFIG, 0xFFFFFFFF, 2, 5, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_SET_CONFIG, 200, 4, 5, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_SET_CONFIG, 200, 2, 16, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_SET_CONFIG, 200, 2, 5, 1, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_GET_CONFIG, 256, 0, 0, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_SET_MASK, 200, 2, 0, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_SET_MASK, 1000, 0, 0, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_GET_MASK, 256, 0, 0, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_EOI, 256, 0, 0, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_IACK, 1, 0, 0, 0, r, 0), EV_EINVAL);
	/* nothing changed */
	assert_int_equal(mpic_of(0)->src[200].vpr, VMPIC_VPR_MSK | VMPIC_VPR_POLARITY);
	assert_int_equal(irq_syncs, 0);
	/* no controller at all */
	partitions[0].irqchip = NULL;
	assert_int_equal(int_call(mgr, EV_INT_IACK, 0, 0, 0, 0, r, 0), EV_ENODEV);
	assert_int_equal(int_call(mgr, EV_INT_GET_MASK, 1, 0, 0, 0, r, 0), EV_EINVAL);
}

static void test_int_config_iack_eoi(void **state)
{
	unsigned int src = db1_a->src[0];
	uint32_t r[8];

	/* configure the doorbell's source: level bit kept (internal sources are level) */
	assert_int_equal(int_call(mgr, EV_INT_SET_CONFIG, src, 1, 9, 0, r, 0), EV_SUCCESS);
	assert_int_equal(int_call(mgr, EV_INT_GET_CONFIG, src, 0, 0, 0, r, 3), EV_SUCCESS);
	assert_int_equal(r[1], 3);
	assert_int_equal(r[2], 9);
	assert_int_equal(r[3], 0);
	assert_int_equal(int_call(mgr, EV_INT_GET_MASK, src, 0, 0, 0, r, 1), EV_SUCCESS);
	assert_int_equal(r[1], 1); /* still masked */
	/* nothing pending: the spurious vector; nothing in service */
	assert_int_equal(int_call(mgr, EV_INT_IACK, 0, 0, 0, 0, r, 1), EV_SUCCESS);
	assert_int_equal(r[1], 0xFFFF);
	assert_int_equal(int_call(mgr, EV_INT_EOI, src, 0, 0, 0, r, 0), EV_INVALID_STATE);
	/* partition 1 rings doorbell 1? It may not: it has no handle for it */
	/* a doorbell rung while masked is kept, and delivered once unmasked */
	doorbell_ring(&doorbells[1]);
	ipc_poll(&partitions[0]);
	assert_true(pending_of(0, src));
	assert_false(vmpic_int_pending(mpic_of(0), 0));
	mpic_of(0)->cpu[0].ctpr = 0;
	assert_int_equal(int_call(mgr, EV_INT_SET_MASK, src, 0, 0, 0, r, 0), EV_SUCCESS);
	assert_true(vmpic_int_pending(mpic_of(0), 0));
	/* IACK: its vector is its number; a pulse is taken once */
	assert_int_equal(int_call(mgr, EV_INT_IACK, 0, 0, 0, 0, r, 1), EV_SUCCESS);
	assert_int_equal(r[1], src);
	assert_false(pending_of(0, src));
	/* EOI of another source: refused, it stays in service; of this one: done */
	assert_int_equal(int_call(mgr, EV_INT_EOI, src - 1, 0, 0, 0, r, 0), EV_EINVAL);
	assert_int_equal(int_call(mgr, EV_INT_EOI, src, 0, 0, 0, r, 0), EV_SUCCESS);
	assert_int_equal(int_call(mgr, EV_INT_EOI, src, 0, 0, 0, r, 0), EV_INVALID_STATE);
	assert_false(vmpic_int_pending(mpic_of(0), 0));
	assert_true(irq_syncs > 0); /* an assigned device's real source would follow */
}

/* ------------------------------------------------------------ doorbells */

static void test_doorbells(void **state)
{
	uint32_t args[1], r[8], h = ipc_handle(&partitions[0], db0_a);
	const uint32_t bad[] = { 0, HCALL_HANDLE(1), ipc_handle(&partitions[0], bc0_a),
				 ipc_handle(&partitions[0], db1_a), h + 10, 0xFFFFFFFFu };
	size_t i;

	/* not a doorbell handle of its own with the right to ring */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		args[0] = bad[i];
		assert_int_equal(call_v(mgr, EPAPR(EV_DOORBELL_SEND), args, 1, r, 0), EV_EINVAL);
	}
	/* partition 1 only receives doorbell 0; partition 2 has nothing */
	args[0] = h;
	assert_int_equal(call_v(&vcpus[1], EPAPR(EV_DOORBELL_SEND), args, 1, r, 0), EV_EINVAL);
	assert_int_equal(call_v(&vcpus[2], EPAPR(EV_DOORBELL_SEND), args, 1, r, 0), EV_EINVAL);
	assert_false(partitions[1].ipc_wake || partitions[1].ipc_posted);
	assert_false(partitions[0].ipc_wake || partitions[0].ipc_posted);
	/* the one allowed: the receiver is woken (a posted pulse only, its byte
	 * channels are not looked at) and gets a pulse on its own source */
	assert_int_equal(call_v(mgr, EPAPR(EV_DOORBELL_SEND), args, 1, r, 0), EV_SUCCESS);
	assert_true(partitions[1].ipc_posted);
	assert_false(partitions[1].ipc_wake);
	assert_false(partitions[2].ipc_wake || partitions[2].ipc_posted);
	assert_false(pending_of(1, db0_b->src[0]));
	ipc_poll(&partitions[1]);
	assert_true(pending_of(1, db0_b->src[0]));
	assert_false(partitions[1].ipc_wake || partitions[1].ipc_posted);
	/* a restart forgets what was rung for the previous run */
	assert_int_equal(call_v(mgr, EPAPR(EV_DOORBELL_SEND), args, 1, r, 0), EV_SUCCESS);
	vdev_reset_all(&partitions[1], 0);
	ipc_partition_start(&partitions[1]);
	ipc_poll(&partitions[1]);
	assert_false(pending_of(1, db0_b->src[0]));
}

static void test_sources_are_the_partitions_own(void **state)
{
	/* each partition's objects have distinct sources from the service range */
	unsigned int i, k, j;

	for (i = 0; i < npartitions; i++) {
		const struct partition *p = &partitions[i];

		for (k = 0; k < p->nipc; k++) {
			const struct ipc_ref *ref = &p->ipc[k];
			unsigned int n = ref->kind == IPC_BYTECHAN				? 2
					 : ref->kind == IPC_DOORBELL && !(ref->end & IPC_DB_RECV) ? 0
												   : 1;

			for (j = 0; j < n; j++) {
				assert_true(ref->src[j] >= VMPIC_NR_EXT_SRC);
				assert_true(ref->src[j] < VMPIC_NR_SRC);
			}
		}
	}
	assert_int_not_equal(bc0_a->src[0], bc0_a->src[1]);
	assert_int_not_equal(bc0_a->src[1], db1_a->src[0]);
	/* a source the hardware gives a device is skipped */
	virq_reserve_hw(db0_b->src[0] - 1);
	assert_int_equal(virq_alloc(&partitions[1]), db0_b->src[0] - 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_unknown_calls, setup),
		cmocka_unit_test_setup(test_every_registered_call_is_reachable, setup),
		cmocka_unit_test_setup(test_core_calls_and_idle, setup),
		cmocka_unit_test_setup(test_handles, setup),
		cmocka_unit_test_setup(test_start_and_stop_follow_the_state, setup),
		cmocka_unit_test_setup(test_memcpy_checks_everything_first, setup),
		cmocka_unit_test_setup(test_bytechan_handles, setup),
		cmocka_unit_test_setup(test_bytechan_flow_control, setup),
		cmocka_unit_test_setup(test_bytechan_device_end, setup),
		cmocka_unit_test_setup(test_bytechan_to_console, setup),
		cmocka_unit_test_setup(test_int_calls_check_arguments, setup),
		cmocka_unit_test_setup(test_int_config_iack_eoi, setup),
		cmocka_unit_test_setup(test_doorbells, setup),
		cmocka_unit_test_setup(test_sources_are_the_partitions_own, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
