// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzzer of the hypercall dispatcher (hcall.c, with the real partition_stop
 * of partition.c): a random set of partitions (states, who manages whom,
 * vCPUs on CPUs), a caller among them, and a sequence of hypercalls with
 * random tokens and arguments. Each result is compared with the
 * partition-management ABI of docs/config.md, modelled here, and nothing
 * may change but what the call is documented to change: status in r3 (and
 * r4 for GET_STATUS), the state of the one partition the caller manages
 * and names. Starting a partition (sched.c, which loads it) is modelled by
 * the harness's own sched_start_partition(), which can fail.
 */
#include <string.h>

#include <hcall.h>
#include <partition.h>
#include <sched.h>
#include <smp.h>

#include "fuzz.h"
#include "stubs/hv_env.h"

static struct vcpu vcpus[PART_MAX][PART_MAX_VCPUS];
static bool start_fails; /* the next start cannot load its partition */
static int starts;

/* sched.c's: load the partition afresh and release its vCPU 0 (or fail). */
int sched_start_partition(struct partition *p)
{
	starts++;
	if (start_fails)
		return -1;
	p->state = PART_RUNNING;
	p->halted = false;
	p->boots++;
	return 0;
}

static void setup(struct fuzz_in *in)
{
	unsigned int i, n, cpu = 0;

	memset(partitions, 0, sizeof(partitions));
	memset(vcpus, 0, sizeof(vcpus));
	npartitions = 1 + fuzz_u8(in) % PART_MAX;
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i];
		uint8_t b = fuzz_u8(in);

		snprintf(p->name, sizeof(p->name), "p%u", i);
		p->state = b & 1 ? PART_RUNNING : PART_STOPPED;
		p->halted = p->state == PART_STOPPED && (b & 2);
		p->manages = fuzz_u8(in) & ((1u << npartitions) - 1) & ~(1u << i);
		p->nvcpus = 1 + (b >> 2) % PART_MAX_VCPUS;
		p->boots = b >> 4;
		p->line_len = b & 0x40 ? 3 : 0; /* unfinished console line */
		memcpy(p->line, "abc", 3);
		for (n = 0; n < p->nvcpus; n++) {
			p->vcpu[n] = &vcpus[i][n];
			vcpus[i][n].part = p;
			vcpus[i][n].id = n;
			vcpus[i][n].cpu = cpu++ % 8;
		}
	}
	for (i = 0; i < npartitions; i++)
		for (n = 0; n < npartitions; n++)
			if (partitions[i].manages & (1u << n))
				partitions[n].managed = true;
}

/* The handle names a partition the caller manages (docs/config.md). */
static struct partition *ref_managed(const struct partition *caller, uint32_t h)
{
	if (h < 1 || h > npartitions || !(caller->manages & (1u << (h - 1))))
		return NULL;
	return &partitions[h - 1];
}

static uint32_t gen_handle(struct fuzz_in *in)
{
	uint8_t b = fuzz_u8(in);

	return b & 0x80 ? fuzz_u32(in) : b & 0x40 ? 0xffffffffu : b % 6;
}

static void one_call(struct fuzz_in *in, struct vcpu *v)
{
	static struct partition before[PART_MAX];
	static const uint32_t calls[] = {4, 5, 6, 7};
	uint8_t b = fuzz_u8(in);
	uint32_t token = !(b & 0x80) ? 2u << 16 | calls[b & 3]
			 : b & 0x10  ? EV_EPAPR_VENDOR_ID << 16 | EV_IDLE
				     : fuzz_u32(in);
	uint32_t r[8], r0[8], want = EV_UNIMPLEMENTED, status = 0;
	struct partition *t = NULL, *self = v->part;
	unsigned int i, n, kick_ok = 0;
	bool running, stopped;

	r[0] = gen_handle(in);
	r[1] = b & 0x40 ? fuzz_u32(in) : 0; /* START's entry point */
	for (i = 2; i < 8; i++)
		r[i] = fuzz_u32(in);
	start_fails = b & 0x20;
	memcpy(r0, r, sizeof(r));
	memcpy(before, partitions, sizeof(before));
	fuzz_kicked = 0;
	fuzz_console_flushes = 0;
	starts = 0;
	v->idle_request = false;

	/* What the ABI says */
	if (token == (EV_EPAPR_VENDOR_ID << 16 | EV_IDLE))
		want = EV_SUCCESS; /* wait for the next interrupt (ePAPR 1.1 8.4.1) */
	if (token >> 16 == 2) {
		switch (token & 0xffff) {
		case 5: /* GET_STATUS; handle -1 is the caller */
			t = r[0] == 0xffffffffu ? self : ref_managed(self, r[0]);
			want = t ? EV_SUCCESS : EV_EINVAL;
			if (t)
				status = t->state == PART_RUNNING ? 1 : t->halted ? 0 : 3;
			break;
		case 6: /* START */
			t = ref_managed(self, r[0]);
			want = !t || r[1]				? EV_EINVAL
			       : t->state == PART_RUNNING || !t->halted ? EV_INVALID_STATE
			       : start_fails				? EV_INVALID_STATE
									: EV_SUCCESS;
			break;
		case 4: /* RESTART */
		case 7: /* STOP */
			t = ref_managed(self, r[0]);
			want = !t			  ? EV_EINVAL
			       : t->state != PART_RUNNING ? EV_INVALID_STATE
							  : 0;
			break;
		}
	}

	hcall_dispatch(v, token, r);

	FUZZ_CHECK(r[0] == want,
		   "token %08x handle %08x entry %08x from %s: status %u, expected %u",
		   token, r0[0], r0[1], self->name, r[0], want);
	if (token == (2u << 16 | 5) && want == EV_SUCCESS)
		FUZZ_CHECK(r[1] == status, "GET_STATUS %08x: %u, expected %u", r0[0],
			   r[1], status);
	else
		FUZZ_CHECK(r[1] == r0[1], "token %08x changed r4", token);
	FUZZ_CHECK(!memcmp(r + 2, r0 + 2, sizeof(r) - 8), "token %08x changed r5-r10",
		   token);
	FUZZ_CHECK(starts == (token == (2u << 16 | 6) && t && !r0[1] &&
			      before[t - partitions].state != PART_RUNNING &&
			      before[t - partitions].halted),
		   "token %08x: %d starts", token, starts);

	/* The effects: on the partition named, only what the call does. */
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[i], *o = &before[i];

		if (p != t || want != EV_SUCCESS || (token & 0xffff) == 5) {
			FUZZ_CHECK(!memcmp(p, o, sizeof(*p)),
				   "token %08x changed partition %s", token, p->name);
			continue;
		}
		running = (token & 0xffff) == 6;
		FUZZ_CHECK(p->state == (running ? PART_RUNNING : PART_STOPPED) &&
			       p->halted == (running ? false : o->halted) &&
			       p->restart_forced == ((token & 0xffff) == 4 ? true
						     : running ? o->restart_forced
							       : false) &&
			       p->line_len == o->line_len,
			   "token %08x: %s in state %d halted %d forced %d", token,
			   p->name, p->state, p->halted, p->restart_forced);
		/* the rest of it as it was */
		o->state = p->state;
		o->halted = p->halted;
		o->restart_forced = p->restart_forced;
		o->stop_reason = p->stop_reason;
		o->boots = p->boots;
		FUZZ_CHECK(!memcmp(p, o, sizeof(*p)), "token %08x changed more of %s",
			   token, p->name);
		for (n = 0; n < p->nvcpus; n++)
			if (p->vcpu[n]->cpu != host_cpu)
				kick_ok |= 1u << p->vcpu[n]->cpu;
	}
	FUZZ_CHECK(!(fuzz_kicked & ~kick_ok), "token %08x kicked CPUs %x, may %x", token,
		   fuzz_kicked, kick_ok);
	/* a partition stopped flushes its console output; nothing else does */
	stopped = token >> 16 == 2 && ((token & 0xffff) == 4 || (token & 0xffff) == 7) &&
		  want == EV_SUCCESS;
	FUZZ_CHECK(fuzz_console_flushes == (stopped ? 1u : 0u),
		   "token %08x: %u console flushes", token, fuzz_console_flushes);
	FUZZ_CHECK(v->idle_request == (token == (EV_EPAPR_VENDOR_ID << 16 | EV_IDLE)),
		   "token %08x: idle request %d", token, v->idle_request);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct partition *caller;
	struct vcpu *v;
	int calls = 0;

	fuzz_env_reset();
	setup(&in);
	caller = &partitions[fuzz_u8(&in) % npartitions];
	v = caller->vcpu[fuzz_u8(&in) % caller->nvcpus];
	host_cpu = v->cpu;
	while (fuzz_left(&in) && calls++ < 64)
		one_call(&in, v);
	return 0;
}
