// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the virtual MPIC register model (hv/vdev/vmpic.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../hv/vdev/vmpic.h"
#include <platform.h>

/* The device part of vmpic.c places the model where the hardware tree's MPIC is. */
struct platform platform;

#define MSK VMPIC_VPR_MSK
#define A VMPIC_VPR_A
#define LEVEL VMPIC_VPR_SENSE
#define POL VMPIC_VPR_POLARITY
#define PRIO(p) ((uint32_t)(p) << VMPIC_VPR_PRIO_SHIFT)

/* Linux's vectors with MPIC_LARGE_VECTORS ("fsl,mpic"): intvec_top 2047. */
#define LINUX_SPURIOUS 2047
#define LINUX_IPI_VEC(n) (2043 + (n))
#define LINUX_TIMER_VEC(n) (2035 + (n))

static struct vmpic *m;

static int setup(void **state)
{
	m = test_malloc(sizeof(*m));
	/* Garbage first, so vmpic_init must really set everything. */
	for (size_t i = 0; i < sizeof(*m); i++)
		((unsigned char *)m)[i] = 0xA5;
	vmpic_init(m, 2);
	return 0;
}

static int teardown(void **state)
{
	test_free(m);
	return 0;
}

static uint32_t rd(unsigned int vcpu, uint32_t off)
{
	uint32_t v = 0xdeadbeef;

	assert_true(vmpic_read(m, vcpu, off, &v));
	return v;
}

static void wr(unsigned int vcpu, uint32_t off, uint32_t val)
{
	assert_true(vmpic_write(m, vcpu, off, val));
}

/* Source s unmasked with priority prio, vector = s (as Linux does), to the
 * vcpus in dest; sense as given. */
static void src_cfg(unsigned int s, unsigned int prio, uint32_t sense, uint32_t dest)
{
	wr(0, VMPIC_SRC_VPR(s), PRIO(prio) | sense | s);
	wr(0, VMPIC_SRC_IDR(s), dest);
}

static void ipi_cfg(unsigned int n, unsigned int prio)
{
	wr(0, VMPIC_IPI_VPR(n), PRIO(prio) | LINUX_IPI_VEC(n));
}

static void ctpr(unsigned int vcpu, uint32_t p)
{
	wr(vcpu, VMPIC_CPU(vcpu) + VMPIC_CTPR, p);
}

static uint32_t iack(unsigned int vcpu)
{
	return rd(vcpu, VMPIC_CPU(vcpu) + VMPIC_IACK);
}

static void eoi(unsigned int vcpu)
{
	wr(vcpu, VMPIC_CPU(vcpu) + VMPIC_EOI, 0);
}

static void pulse(unsigned int s)
{
	vmpic_set_irq(m, s, true);
	vmpic_set_irq(m, s, false);
}

static void drain_changed(void)
{
	while (vmpic_next_changed_src(m) >= 0)
		;
}

/* ---- reset state ---------------------------------------------------------- */

/* Values read back from QEMU 7.2's ppce500 (FSL MPIC 4.2) with -smp 2. */
static void test_reset_state(void **state)
{
	assert_int_equal(rd(0, VMPIC_FRR), 0x00c30102);
	assert_int_equal(rd(0, VMPIC_BRR1_OFF), 0x00400402);
	assert_int_equal(rd(0, VMPIC_GCR), 0);
	assert_int_equal(rd(0, VMPIC_VIR_OFF), 0);
	assert_int_equal(rd(0, VMPIC_PIR), 0);
	assert_int_equal(rd(0, VMPIC_SVR), 0xffff);
	for (unsigned int n = 0; n < VMPIC_NR_IPI; n++)
		assert_int_equal(rd(0, VMPIC_IPI_VPR(n)), MSK);
	for (unsigned int s = 0; s < VMPIC_NR_SRC; s++) {
		/* Internal sources (>= 16) come up active-high (QEMU). */
		assert_int_equal(rd(0, VMPIC_SRC_VPR(s)), s < 16 ? MSK : MSK | POL);
		assert_int_equal(rd(0, VMPIC_SRC_IDR(s)), 1);
		assert_int_equal(rd(0, VMPIC_SRC_ILR(s)), 0);
	}
	for (unsigned int t = 0; t < VMPIC_NR_TIMERS; t++) {
		assert_int_equal(rd(0, VMPIC_TIMER(t) + VMPIC_TCCR), 0);
		assert_int_equal(rd(0, VMPIC_TIMER(t) + VMPIC_TBCR), VMPIC_TBCR_CI);
		assert_int_equal(rd(0, VMPIC_TIMER(t) + VMPIC_TVPR), MSK);
		assert_int_equal(rd(0, VMPIC_TIMER(t) + VMPIC_TDR), 1);
	}
	for (unsigned int c = 0; c < 2; c++) {
		assert_int_equal(rd(c, VMPIC_CPU(c) + VMPIC_CTPR), 15);
		assert_int_equal(rd(c, VMPIC_CTPR), 15);
		assert_false(vmpic_int_pending(m, c));
		assert_false(m->cpu[c].isr_depth);
	}
	assert_false(vmpic_coreint(m));
	assert_int_equal(m->unhandled, 0);
}

static void test_frr_ncpu_and_readonly(void **state)
{
	vmpic_init(m, 1);
	assert_int_equal(rd(0, VMPIC_FRR), 0x00c30002);
	vmpic_init(m, 4);
	assert_int_equal(rd(0, VMPIC_FRR), 0x00c30302);
	/* Out-of-range vcpu counts are clamped. */
	vmpic_init(m, 9);
	assert_int_equal(m->nr_vcpus, VMPIC_MAX_VCPUS);

	/* FRR, BRR1 and VIR ignore writes. */
	wr(0, VMPIC_FRR, 0);
	wr(0, VMPIC_BRR1_OFF, 0);
	wr(0, VMPIC_VIR_OFF, 0x1234);
	assert_int_equal(rd(0, VMPIC_FRR), 0x00c30302);
	assert_int_equal(rd(0, VMPIC_BRR1_OFF), VMPIC_BRR1);
	assert_int_equal(rd(0, VMPIC_VIR_OFF), 0);
	assert_int_equal(m->unhandled, 0);
}

static void test_whoami(void **state)
{
	/* The alias answers the accessing vcpu, a per-CPU block its own
	 * index (QEMU openpic_cpu_read). */
	assert_int_equal(rd(0, VMPIC_WHOAMI), 0);
	assert_int_equal(rd(1, VMPIC_WHOAMI), 1);
	assert_int_equal(rd(0, VMPIC_CPU(1) + VMPIC_WHOAMI), 1);
	assert_int_equal(rd(1, VMPIC_CPU(0) + VMPIC_WHOAMI), 0);
	wr(0, VMPIC_WHOAMI, 5); /* read-only */
	assert_int_equal(rd(0, VMPIC_WHOAMI), 0);
}

/* ---- masking, priorities, CTPR ------------------------------------------ */

static void test_mask_unmask(void **state)
{
	ctpr(0, 0);
	wr(0, VMPIC_SRC_VPR(42), MSK | PRIO(8) | 42);
	assert_false(vmpic_src_enabled(m, 42));
	vmpic_set_irq(m, 42, true);

	/* Masked: pending (IPR) but not delivered, A clear. */
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(rd(0, VMPIC_SRC_VPR(42)), MSK | PRIO(8) | 42);

	/* Unmask as Linux's mpic_unmask_irq: read-modify-write, then poll. */
	wr(0, VMPIC_SRC_VPR(42), rd(0, VMPIC_SRC_VPR(42)) & ~MSK);
	assert_true(vmpic_src_enabled(m, 42));
	assert_int_equal(rd(0, VMPIC_SRC_VPR(42)), A | PRIO(8) | 42);
	assert_true(vmpic_int_pending(m, 0));

	/* Masking again withdraws it; it is still requested. */
	wr(0, VMPIC_SRC_VPR(42), rd(0, VMPIC_SRC_VPR(42)) | MSK);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(42)) & (MSK | A), MSK);
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 0xffff);

	wr(0, VMPIC_SRC_VPR(42), rd(0, VMPIC_SRC_VPR(42)) & ~MSK);
	assert_int_equal(iack(0), 42);
	assert_false(vmpic_src_enabled(m, VMPIC_NR_SRC));
}

static void test_priority_order(void **state)
{
	ctpr(0, 0);
	src_cfg(20, 3, 0, 1);
	src_cfg(21, 9, 0, 1);
	src_cfg(22, 5, 0, 1);
	vmpic_set_irq(m, 20, true);
	vmpic_set_irq(m, 21, true);
	vmpic_set_irq(m, 22, true);

	assert_int_equal(iack(0), 21);
	/* 5 and 3 are below the 9 in service. */
	assert_false(vmpic_int_pending(m, 0));
	vmpic_set_irq(m, 21, false);
	eoi(0);
	assert_int_equal(iack(0), 22);
	vmpic_set_irq(m, 22, false);
	eoi(0);
	assert_int_equal(iack(0), 20);
	vmpic_set_irq(m, 20, false);
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 0xffff);
}

static void test_equal_priority_lowest_first(void **state)
{
	/* Ties go to the lowest source number, IPIs last (QEMU IRQ_check). */
	ctpr(0, 0);
	src_cfg(40, 6, 0, 1);
	src_cfg(30, 6, 0, 1);
	ipi_cfg(0, 6);
	wr(0, VMPIC_IPIDR(0), 1);
	vmpic_set_irq(m, 40, true);
	vmpic_set_irq(m, 30, true);
	assert_int_equal(iack(0), 30);
	vmpic_set_irq(m, 30, false);
	eoi(0);
	assert_int_equal(iack(0), 40);
	vmpic_set_irq(m, 40, false);
	eoi(0);
	assert_int_equal(iack(0), LINUX_IPI_VEC(0));
}

static void test_ctpr_blocks_and_unblocks(void **state)
{
	src_cfg(50, 5, 0, 1);
	vmpic_set_irq(m, 50, true);

	/* Reset CTPR is 15: nothing gets through. */
	assert_false(vmpic_int_pending(m, 0));
	ctpr(0, 5); /* must be strictly above CTPR */
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 0xffff);
	ctpr(0, 4);
	assert_true(vmpic_int_pending(m, 0));
	ctpr(0, 0xf);
	assert_false(vmpic_int_pending(m, 0));

	/* Only the low 4 bits are kept. */
	ctpr(0, 0x13);
	assert_int_equal(rd(0, VMPIC_CPU(0) + VMPIC_CTPR), 3);
	assert_int_equal(rd(0, VMPIC_CTPR), 3);
	assert_true(vmpic_int_pending(m, 0));
	/* The alias sets the accessing vcpu's CTPR, not another's. */
	wr(1, VMPIC_CTPR, 7);
	assert_int_equal(rd(0, VMPIC_CPU(1) + VMPIC_CTPR), 7);
	assert_int_equal(rd(0, VMPIC_CTPR), 3);
	assert_int_equal(vmpic_ack(m, 0), 50);
}

static void test_priority_zero_never_delivered(void **state)
{
	ctpr(0, 0);
	src_cfg(60, 0, 0, 1);
	vmpic_set_irq(m, 60, true);
	ipi_cfg(1, 0);
	wr(0, VMPIC_IPIDR(1), 1);
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 0xffff);

	/* Raising the priority lets both through. */
	wr(0, VMPIC_SRC_VPR(60), PRIO(1) | 60);
	assert_int_equal(iack(0), 60);
}

/* ---- nesting and EOI ------------------------------------------------------ */

static void test_nesting_and_eoi_order(void **state)
{
	ctpr(0, 0);
	src_cfg(70, 3, 0, 1);
	src_cfg(71, 7, 0, 1);
	src_cfg(72, 5, 0, 1);
	drain_changed();

	vmpic_set_irq(m, 70, true);
	assert_int_equal(iack(0), 70);
	vmpic_set_irq(m, 70, false);

	/* Higher priority preempts the one in service. */
	vmpic_set_irq(m, 71, true);
	assert_true(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 71);
	vmpic_set_irq(m, 71, false);

	/* 5 is below the 7 in service... */
	vmpic_set_irq(m, 72, true);
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(rd(0, VMPIC_SRC_VPR(72)) & A, A);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(70)) & A, A); /* in service */

	/* ...but above the 3 once 7 is done. */
	eoi(0);
	assert_int_equal(vmpic_next_eoied_src(m), 71);
	assert_int_equal(vmpic_next_eoied_src(m), -1);
	assert_true(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 72);
	vmpic_set_irq(m, 72, false);
	eoi(0);
	assert_int_equal(vmpic_next_eoied_src(m), 72);
	eoi(0);
	assert_int_equal(vmpic_next_eoied_src(m), 70);
	assert_int_equal(m->cpu[0].isr_depth, 0);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(70)) & A, 0);

	/* EOI with nothing in service is harmless. */
	eoi(0);
	assert_int_equal(vmpic_next_eoied_src(m), -1);
	assert_false(vmpic_int_pending(m, 0));
}

static void test_in_service_blocks_equal_priority(void **state)
{
	ctpr(0, 0);
	src_cfg(80, 6, 0, 1);
	src_cfg(81, 6, 0, 1);
	vmpic_set_irq(m, 80, true);
	vmpic_set_irq(m, 81, true);
	assert_int_equal(iack(0), 80);
	/* Same priority as the one in service: waits for its EOI. */
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 0xffff);
	vmpic_set_irq(m, 80, false);
	eoi(0);
	assert_int_equal(iack(0), 81);
}

/* ---- edge vs level ---------------------------------------------------------- */

static void test_edge_request_consumed_by_ack(void **state)
{
	ctpr(0, 0);
	src_cfg(3, 8, 0, 1); /* external source, sense 0 = edge */
	assert_false(vmpic_src_level(m, 3));

	pulse(3);
	assert_true(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 3);
	assert_false(vmpic_int_pending(m, 0));
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));

	/* Two edges while in service latch one request, seen after EOI. */
	pulse(3);
	assert_int_equal(iack(0), 3);
	pulse(3);
	pulse(3);
	assert_false(vmpic_int_pending(m, 0));
	eoi(0);
	assert_int_equal(iack(0), 3);
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));

	/* A line held high is one edge, not a stream of them. */
	vmpic_set_irq(m, 3, true);
	assert_int_equal(iack(0), 3);
	eoi(0);
	vmpic_set_irq(m, 3, true);
	assert_false(vmpic_int_pending(m, 0));
}

static void test_level_redelivered_after_eoi(void **state)
{
	ctpr(0, 0);
	src_cfg(4, 8, LEVEL, 1);
	assert_true(vmpic_src_level(m, 4));

	vmpic_set_irq(m, 4, true);
	assert_int_equal(iack(0), 4);
	/* Still asserted, but not redelivered while in service. */
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(rd(0, VMPIC_SRC_VPR(4)) & A, A);
	/* The handler didn't quiet the device: it comes back after EOI. */
	eoi(0);
	assert_true(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 4);
	/* This time it did. */
	vmpic_set_irq(m, 4, false);
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(rd(0, VMPIC_SRC_VPR(4)) & A, 0);
}

static void test_level_deassert_withdraws(void **state)
{
	ctpr(0, 0);
	src_cfg(42, 8, 0, 1); /* internal: level whatever the sense bit */
	assert_true(vmpic_src_level(m, 42));
	vmpic_set_irq(m, 42, true);
	assert_true(vmpic_int_pending(m, 0));
	vmpic_set_irq(m, 42, false);
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(iack(0), 0xffff);
}

static void test_sense_change(void **state)
{
	/* An asserted line of an edge source becomes a request when the
	 * source is switched to level (Linux mpic_set_irq_type). */
	ctpr(0, 0);
	src_cfg(5, 8, 0, 1);
	vmpic_set_irq(m, 5, true);
	assert_int_equal(iack(0), 5);
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));
	wr(0, VMPIC_SRC_VPR(5), PRIO(8) | LEVEL | 5);
	assert_true(vmpic_int_pending(m, 0));
	/* And back to edge: no request until the next rising edge. */
	wr(0, VMPIC_SRC_VPR(5), PRIO(8) | 5);
	assert_false(vmpic_int_pending(m, 0));
	vmpic_set_irq(m, 5, false);
	vmpic_set_irq(m, 5, true);
	assert_true(vmpic_int_pending(m, 0));
}

/* ---- the hypervisor's services: pulses, hypercall configuration ---------- */

static void test_service_pulse_is_an_edge_on_a_level_source(void **state)
{
	ctpr(0, 0);
	src_cfg(250, 8, 0, 1); /* internal: level */
	assert_true(vmpic_src_level(m, 250));
	vmpic_pulse(m, 250);
	assert_true(vmpic_int_pending(m, 0));
	assert_int_equal(rd(0, VMPIC_SRC_VPR(250)) & A, A);
	assert_int_equal(iack(0), 250);
	/* taken once: not requested again after the EOI */
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));
	/* several pulses while in service are one request, seen after the EOI */
	vmpic_pulse(m, 250);
	assert_int_equal(iack(0), 250);
	vmpic_pulse(m, 250);
	vmpic_pulse(m, 250);
	eoi(0);
	assert_int_equal(iack(0), 250);
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));
	/* a pulse while masked waits for the unmask; a line change does not lose it */
	wr(0, VMPIC_SRC_VPR(250), MSK | PRIO(8) | 250);
	vmpic_pulse(m, 250);
	vmpic_set_irq(m, 250, false);
	assert_false(vmpic_int_pending(m, 0));
	wr(0, VMPIC_SRC_VPR(250), PRIO(8) | 250);
	assert_int_equal(iack(0), 250);
	eoi(0);
	/* a reset forgets pulses */
	vmpic_pulse(m, 251);
	wr(0, VMPIC_GCR, VMPIC_GCR_RESET);
	ctpr(0, 0);
	src_cfg(251, 8, 0, 1);
	assert_false(vmpic_int_pending(m, 0));
	/* out of range: ignored */
	vmpic_pulse(m, VMPIC_NR_SRC);
	vmpic_pulse(m, 0xFFFFFFFFu);
}

static void test_service_config_and_eoi(void **state)
{
	struct vmpic_config c = { .level = false, .positive = true, .masked = false,
				  .priority = 7, .dest = 1 };
	struct vmpic_config got;

	vmpic_set_config(m, 5, &c);
	vmpic_get_config(m, 5, &got);
	assert_false(got.level);
	assert_true(got.positive);
	assert_false(got.masked);
	assert_int_equal(got.priority, 7);
	assert_int_equal(got.dest, 1);
	/* the vector is the source number; routed to vcpu 1 */
	assert_int_equal(rd(0, VMPIC_SRC_VPR(5)), POL | PRIO(7) | 5);
	assert_int_equal(rd(0, VMPIC_SRC_IDR(5)), 2);
	/* an internal source stays level */
	vmpic_set_config(m, 40, &c);
	vmpic_get_config(m, 40, &got);
	assert_true(got.level);
	/* out of range: nothing changes */
	c.dest = 2;
	vmpic_set_config(m, 6, &c);
	c.dest = 0;
	c.priority = 16;
	vmpic_set_config(m, 6, &c);
	c.priority = 7;
	vmpic_set_config(m, VMPIC_NR_SRC, &c);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(6)), MSK);
	/* EOI of a named source: only the one in service */
	ctpr(1, 0);
	assert_int_equal(vmpic_eoi_src(m, 1, 5), -1);
	vmpic_set_irq(m, 5, true);
	assert_int_equal(iack(1), 5);
	assert_int_equal(vmpic_eoi_src(m, 1, 4), -2);
	assert_int_equal(m->cpu[1].isr_depth, 1);
	assert_int_equal(vmpic_eoi_src(m, 0, 5), -1); /* not in service on vcpu 0 */
	assert_int_equal(vmpic_eoi_src(m, 1, 5), 0);
	assert_int_equal(m->cpu[1].isr_depth, 0);
	assert_int_equal(vmpic_eoi_src(m, 7, 5), -1); /* no such vcpu */
}

/* ---- spurious ------------------------------------------------------------- */

static void test_iack_spurious(void **state)
{
	ctpr(0, 0);
	assert_int_equal(iack(0), 0xffff);
	assert_int_equal(vmpic_ack(m, 0), 0xffff);
	/* Linux programs its own spurious vector; only 16 bits stick. */
	wr(0, VMPIC_SVR, LINUX_SPURIOUS);
	assert_int_equal(rd(0, VMPIC_SVR), LINUX_SPURIOUS);
	assert_int_equal(iack(0), LINUX_SPURIOUS);
	assert_int_equal(rd(0, VMPIC_IACK), LINUX_SPURIOUS);
	wr(0, VMPIC_SVR, 0xfff12345);
	assert_int_equal(rd(0, VMPIC_SVR), 0x2345);
	/* A spurious ack leaves nothing in service. */
	assert_int_equal(m->cpu[0].isr_depth, 0);
	assert_int_equal(vmpic_ack(m, 7), 0x2345); /* no such vcpu */
}

/* ---- IPIs ----------------------------------------------------------------- */

static void test_ipi_to_self(void **state)
{
	ctpr(0, 0);
	ctpr(1, 0);
	ipi_cfg(0, 10);
	/* smp_mpic_message_pass: the sender's per-CPU dispatch register. */
	wr(0, VMPIC_CPU(0) + VMPIC_IPIDR(0), 1 << 0);
	assert_true(vmpic_int_pending(m, 0));
	assert_false(vmpic_int_pending(m, 1));
	assert_int_equal(rd(0, VMPIC_IPI_VPR(0)), A | PRIO(10) | LINUX_IPI_VEC(0));
	assert_int_equal(iack(0), LINUX_IPI_VEC(0));
	assert_false(vmpic_int_pending(m, 0));
	eoi(0);
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(rd(0, VMPIC_IPI_VPR(0)), PRIO(10) | LINUX_IPI_VEC(0));
	/* The dispatch registers read as 0. */
	assert_int_equal(rd(0, VMPIC_CPU(0) + VMPIC_IPIDR(0)), 0);
}

static void test_ipi_to_other_vcpu(void **state)
{
	ctpr(0, 0);
	ctpr(1, 0);
	ipi_cfg(2, 10);
	/* Through the global alias of vcpu 0. */
	wr(0, VMPIC_IPIDR(2), 1 << 1);
	assert_false(vmpic_int_pending(m, 0));
	assert_true(vmpic_int_pending(m, 1));
	assert_int_equal(iack(0), 0xffff);
	assert_int_equal(vmpic_ack(m, 1), LINUX_IPI_VEC(2));
	eoi(1);

	/* Multicast: each target takes its own copy; bits for vcpus that
	 * don't exist are ignored. */
	wr(1, VMPIC_CPU(1) + VMPIC_IPIDR(2), 0xff);
	assert_true(vmpic_int_pending(m, 0));
	assert_true(vmpic_int_pending(m, 1));
	assert_int_equal(vmpic_ack(m, 1), LINUX_IPI_VEC(2));
	assert_true(vmpic_int_pending(m, 0));
	assert_int_equal(vmpic_ack(m, 0), LINUX_IPI_VEC(2));
	eoi(0);
	eoi(1);
	assert_false(vmpic_int_pending(m, 0));
	assert_false(vmpic_int_pending(m, 1));
}

static void test_ipi_masked_stays_pending(void **state)
{
	ctpr(0, 0);
	/* Linux's mpic_init leaves IPIs masked until mpic_unmask_ipi. */
	wr(0, VMPIC_IPI_VPR(3), MSK | PRIO(10) | LINUX_IPI_VEC(3));
	wr(0, VMPIC_IPIDR(3), 1);
	assert_false(vmpic_int_pending(m, 0));
	wr(0, VMPIC_IPI_VPR(3), rd(0, VMPIC_IPI_VPR(3)) & ~MSK);
	assert_int_equal(iack(0), LINUX_IPI_VEC(3));
	/* IPI VPRs have no sense or polarity bits. */
	wr(0, VMPIC_IPI_VPR(3), 0xffffffff);
	assert_int_equal(rd(0, VMPIC_IPI_VPR(3)), MSK | A | PRIO(15) | 0xffff);
}

/* ---- routing ------------------------------------------------------------- */

static void test_idr_routes_to_vcpu1(void **state)
{
	ctpr(0, 0);
	ctpr(1, 0);
	/* mpic_set_affinity with MPIC_SINGLE_DEST_CPU: 1 << cpu. */
	src_cfg(90, 8, 0, 1 << 1);
	assert_int_equal(vmpic_src_dest(m, 90), 1);
	vmpic_set_irq(m, 90, true);
	assert_false(vmpic_int_pending(m, 0));
	assert_true(vmpic_int_pending(m, 1));
	assert_int_equal(iack(0), 0xffff);
	assert_int_equal(iack(1), 90);

	/* Moving it while in service doesn't deliver it twice. */
	wr(0, VMPIC_SRC_IDR(90), 1 << 0);
	assert_false(vmpic_int_pending(m, 0));
	vmpic_set_irq(m, 90, false);
	eoi(1);

	/* Only bits of existing vcpus stick; none = not delivered. */
	wr(0, VMPIC_SRC_IDR(90), 0xfffffffc);
	assert_int_equal(rd(0, VMPIC_SRC_IDR(90)), 0);
	assert_int_equal(vmpic_src_dest(m, 90), -1);
	vmpic_set_irq(m, 90, true);
	assert_false(vmpic_int_pending(m, 0));
	assert_false(vmpic_int_pending(m, 1));
	/* Routed again: the request was held. */
	wr(0, VMPIC_SRC_IDR(90), 0xff);
	assert_int_equal(rd(0, VMPIC_SRC_IDR(90)), 3);
	assert_int_equal(vmpic_src_dest(m, 90), 0); /* lowest vcpu */
	assert_true(vmpic_int_pending(m, 0));
	assert_false(vmpic_int_pending(m, 1));
	assert_int_equal(vmpic_src_dest(m, VMPIC_NR_SRC), -1);
}

/* ---- GCR ------------------------------------------------------------------ */

static void test_gcr_reset(void **state)
{
	ctpr(0, 0);
	src_cfg(42, 8, 0, 1);
	src_cfg(3, 8, 0, 1);
	ipi_cfg(0, 10);
	wr(0, VMPIC_SVR, LINUX_SPURIOUS);
	wr(0, VMPIC_GCR, VMPIC_GCR_MODE_PROXY);
	vmpic_set_irq(m, 42, true);
	pulse(3);
	wr(0, VMPIC_IPIDR(0), 1);
	assert_int_equal(iack(0), LINUX_IPI_VEC(0));
	drain_changed();

	/* Linux: write GCR | RESET, poll until RESET reads clear. */
	wr(0, VMPIC_GCR, rd(0, VMPIC_GCR) | VMPIC_GCR_RESET);
	assert_int_equal(rd(0, VMPIC_GCR), 0);
	assert_false(vmpic_coreint(m));
	assert_int_equal(rd(0, VMPIC_SVR), 0xffff);
	assert_int_equal(rd(0, VMPIC_CTPR), 15);
	assert_int_equal(rd(0, VMPIC_IPI_VPR(0)), MSK);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(3)), MSK);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(42)), MSK | POL);
	assert_int_equal(m->cpu[0].isr_depth, 0);
	/* Every source's configuration changed. */
	for (int s = 0; s < VMPIC_NR_SRC; s++)
		assert_int_equal(vmpic_next_changed_src(m), s);
	assert_int_equal(vmpic_next_changed_src(m), -1);

	/* The edge and the IPI are forgotten; the asserted level line is
	 * still requesting, once unmasked. */
	ctpr(0, 0);
	ipi_cfg(0, 10);
	src_cfg(3, 8, 0, 1);
	assert_false(vmpic_int_pending(m, 0));
	src_cfg(42, 8, 0, 1);
	assert_int_equal(iack(0), 42);
}

static void test_gcr_reset_ends_service(void **state)
{
	ctpr(0, 0);
	src_cfg(42, 8, 0, 1);
	vmpic_set_irq(m, 42, true);
	assert_int_equal(iack(0), 42);
	wr(0, VMPIC_GCR, VMPIC_GCR_RESET);
	/* The hypervisor learns that 42 is no longer in service. */
	assert_int_equal(vmpic_next_eoied_src(m), 42);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(42)) & A, 0);
}

static void test_gcr_mode_coreint(void **state)
{
	/* mpic_alloc: GCR |= MPIC_GREG_GCONF_COREINT (0x60000000). */
	wr(0, VMPIC_GCR, rd(0, VMPIC_GCR) | 0x60000000);
	assert_true(vmpic_coreint(m));
	/* mpic_init: GCR |= 8259_PTHROU_DIS (0x20000000): still proxy. */
	wr(0, VMPIC_GCR, rd(0, VMPIC_GCR) | 0x20000000);
	assert_int_equal(rd(0, VMPIC_GCR), 0x60000000);
	assert_true(vmpic_coreint(m));
	/* Mixed mode; only the mode bits are kept (QEMU mpic_mode_mask). */
	wr(0, VMPIC_GCR, 0x3fffffff);
	assert_int_equal(rd(0, VMPIC_GCR), 0x20000000);
	assert_false(vmpic_coreint(m));
}

/* ---- register details ------------------------------------------------------ */

static void test_vpr_fields(void **state)
{
	/* External source: mask, priority, sense, polarity, 16-bit vector
	 * are writable; A and the rest are not. */
	wr(0, VMPIC_SRC_VPR(1), 0xffffffff);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(1)), MSK | POL | LEVEL | PRIO(15) | 0xffff);
	/* Internal source: the sense bit is reserved, reads 0 (QEMU). */
	wr(0, VMPIC_SRC_VPR(42), 0xffffffff);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(42)), MSK | POL | PRIO(15) | 0xffff);
	/* Linux 6.1 mpic_irq_read/write with MPIC_LARGE_VECTORS: 11-bit
	 * vectors round-trip. */
	wr(0, VMPIC_SRC_VPR(42), MSK | PRIO(8) | 0x7ff);
	assert_int_equal(rd(0, VMPIC_SRC_VPR(42)) & 0x7ff, 0x7ff);
	/* ILR keeps INTTGT 0..2, anything else reads as INT (QEMU). */
	wr(0, VMPIC_SRC_ILR(42), 2);
	assert_int_equal(rd(0, VMPIC_SRC_ILR(42)), 2);
	wr(0, VMPIC_SRC_ILR(42), 7);
	assert_int_equal(rd(0, VMPIC_SRC_ILR(42)), 0);
	/* PIR and EIMR are storage; EISR reads 0. */
	wr(0, VMPIC_PIR, 0xff);
	assert_int_equal(rd(0, VMPIC_PIR), 3);
	wr(0, VMPIC_EIMR0, 0xffffffff);
	assert_int_equal(rd(0, VMPIC_EIMR0), 0xffffffff);
	wr(0, VMPIC_EISR0, 0xffffffff);
	assert_int_equal(rd(0, VMPIC_EISR0), 0);
	assert_int_equal(m->unhandled, 0);
}

static void test_timers_are_storage(void **state)
{
	ctpr(0, 0);
	/* mpic_init with BRR1 >= 3.1: 8 timers, group B at 0x2100. */
	for (unsigned int i = 0; i < VMPIC_NR_TIMERS; i++) {
		uint32_t off = (i >> 2) * 0x1000 + (i & 3) * 0x40 + 0x1100;

		assert_int_equal(off, VMPIC_TIMER(i));
		wr(0, off + 0x30, 1 << 0);
		wr(0, off + 0x20, MSK | PRIO(9) | LINUX_TIMER_VEC(i));
		assert_int_equal(rd(0, off + 0x30), 1);
		assert_int_equal(rd(0, off + 0x20), MSK | PRIO(9) | LINUX_TIMER_VEC(i));
	}
	/* Unmasked and started, a timer still never interrupts. */
	wr(0, VMPIC_TIMER(0) + VMPIC_TVPR, PRIO(9) | LINUX_TIMER_VEC(0));
	wr(0, VMPIC_TIMER(0) + VMPIC_TBCR, 1000);
	assert_int_equal(rd(0, VMPIC_TIMER(0) + VMPIC_TBCR), 1000);
	assert_int_equal(rd(0, VMPIC_TIMER(0) + VMPIC_TCCR), 1000);
	wr(0, VMPIC_TIMER(0) + VMPIC_TCCR, 5); /* read-only */
	assert_int_equal(rd(0, VMPIC_TIMER(0) + VMPIC_TCCR), 1000);
	assert_false(vmpic_int_pending(m, 0));
	/* TVPR has no sense/polarity; TDR only existing vcpus. */
	wr(0, VMPIC_TIMER(5) + VMPIC_TVPR, 0xffffffff);
	assert_int_equal(rd(0, VMPIC_TIMER(5) + VMPIC_TVPR), MSK | PRIO(15) | 0xffff);
	wr(0, VMPIC_TIMER(5) + VMPIC_TDR, 0xff);
	assert_int_equal(rd(0, VMPIC_TIMER(5) + VMPIC_TDR), 3);
	wr(0, VMPIC_TFRRA, 25000000);
	wr(0, VMPIC_TCRB, 0x100);
	assert_int_equal(rd(0, VMPIC_TFRRA), 25000000);
	assert_int_equal(rd(0, VMPIC_TFRRB), 0);
	assert_int_equal(rd(0, VMPIC_TCRB), 0x100);
	assert_int_equal(m->unhandled, 0);
}

static void test_unknown_offsets_counted(void **state)
{
	static const uint32_t unknown[] = {
	    0x00010,		       /* BRR2 */
	    0x00004,		       /* inside the alias area, not a register */
	    0x000c0,		       /* MCACK alias */
	    0x01010,		       /* FEATURE_1 */
	    0x01600,		       /* MSIR0 */
	    0x01740,		       /* MSIIR */
	    0x01104,		       /* between timer registers */
	    0x03800,		       /* summary, not EISR/EIMR */
	    0x10004,		       /* source 0, between VPR and IDR */
	    0x12000,		       /* past the last source */
	    VMPIC_CPU(0) + 0xc0,       /* MCACK */
	    VMPIC_CPU(0) + 0x100,      /* past the per-CPU registers */
	    VMPIC_CPU(2) + VMPIC_CTPR, /* vcpu 2 of 2 doesn't exist */
	    0x3fffc,
	};
	uint32_t v;

	for (unsigned int i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		assert_int_equal(rd(0, unknown[i]), 0);
		assert_int_equal(m->unhandled, 2 * i + 1);
		assert_int_equal(m->unhandled_off, unknown[i]);
		wr(0, unknown[i], 0xffffffff);
		assert_int_equal(m->unhandled, 2 * i + 2);
		assert_int_equal(rd(0, unknown[i]), 0); /* write was ignored */
		m->unhandled--;
	}
	/* The alias of a vcpu that doesn't exist is unknown too. */
	m->unhandled = 0;
	assert_int_equal(rd(3, VMPIC_WHOAMI), 0);
	assert_int_equal(m->unhandled, 1);

	/* Unaligned and out-of-block accesses are bus errors, not counted. */
	m->unhandled = 0;
	assert_false(vmpic_read(m, 0, VMPIC_FRR + 2, &v));
	assert_false(vmpic_write(m, 0, VMPIC_FRR + 1, 0));
	assert_false(vmpic_read(m, 0, VMPIC_SIZE, &v));
	assert_false(vmpic_write(m, 0, 0xfffffffc, 0));
	assert_int_equal(m->unhandled, 0);
}

static void test_changed_tracking(void **state)
{
	assert_int_equal(vmpic_next_changed_src(m), 0); /* init is a reset */
	drain_changed();

	wr(0, VMPIC_SRC_VPR(42), MSK | POL); /* same value: no change */
	wr(0, VMPIC_SRC_IDR(42), 1);
	assert_int_equal(vmpic_next_changed_src(m), -1);

	wr(0, VMPIC_SRC_VPR(42), rd(0, VMPIC_SRC_VPR(42)) & ~MSK);
	wr(0, VMPIC_SRC_IDR(7), 2);
	assert_int_equal(vmpic_next_changed_src(m), 7);
	assert_int_equal(vmpic_next_changed_src(m), 42);
	assert_int_equal(vmpic_next_changed_src(m), -1);
	assert_true(vmpic_src_enabled(m, 42));
	assert_int_equal(vmpic_src_dest(m, 7), 1);
}

/*
 * The register accesses of Linux 6.1's mpic_alloc() + mpic_init() +
 * mpic_err_int_init() for qemu_e500 (flags BIG_ENDIAN | SINGLE_DEST_CPU |
 * ENABLE_COREINT, "fsl,mpic", 256 sources) on CPU 0, then one interrupt
 * through coreint: nothing unhandled, coreint stays on.
 */
static void test_linux_init_sequence(void **state)
{
	uint32_t gcr, version;
	int polls = 0;

	/* mpic_alloc */
	version = rd(0, 0x0) & 0xffff; /* fsl_mpic_get_version: BRR1 */
	assert_true(version >= 0x400); /* coreint kept (EPR) */
	assert_true(version >= 0x401); /* error interrupts (EIMR) */
	wr(0, 0x1020, rd(0, 0x1020) | 0x80000000);
	do {
		gcr = rd(0, 0x1020);
		polls++;
	} while (gcr & 0x80000000);
	assert_int_equal(polls, 1);
	wr(0, 0x1020, rd(0, 0x1020) | 0x60000000);
	assert_int_equal((rd(0, 0x1000) & 0x07ff0000) >> 16, VMPIC_FRR_NIRQ - 1);

	/* mpic_init */
	wr(0, 0x20080, 0xf);
	version = rd(0, 0x0) & 0xffff;
	assert_true(version >= 0x301); /* 8 timers */
	for (unsigned int i = 0; i < 8; i++) {
		uint32_t off = 0x1100 + (i >> 2) * 0x1000 + (i & 3) * 0x40;

		wr(0, off + 0x30, 1 << 0);
		wr(0, off + 0x20, MSK | PRIO(9) | LINUX_TIMER_VEC(i));
	}
	/* mpic_test_broken_ipi: the value must read back unswapped. */
	wr(0, 0x10a0, MSK);
	assert_int_equal(rd(0, 0x10a0), MSK);
	for (unsigned int i = 0; i < 4; i++)
		wr(0, 0x10a0 + i * 0x10, MSK | PRIO(10) | LINUX_IPI_VEC(i));
	for (unsigned int i = 0; i < 256; i++) {
		wr(0, 0x10000 + i * 0x20, MSK | i | PRIO(8));
		wr(0, 0x10010 + i * 0x20, 1 << 0);
	}
	wr(0, 0x10e0, LINUX_SPURIOUS);
	wr(0, 0x1020, rd(0, 0x1020) | 0x20000000);
	wr(0, 0x20080, 0);
	/* mpic_err_int_init(16): mask all error interrupts, then map,
	 * type, unmask and route source 16. */
	wr(0, 0x3910, ~0u);
	wr(0, 0x10000 + 16 * 0x20, rd(0, 0x10000 + 16 * 0x20));
	wr(0, 0x10000 + 16 * 0x20, rd(0, 0x10000 + 16 * 0x20) & ~MSK);
	assert_int_equal(rd(0, 0x10000 + 16 * 0x20) & MSK, 0);
	wr(0, 0x10010 + 16 * 0x20, 1 << 0);

	assert_int_equal(m->unhandled, 0);
	assert_true(vmpic_coreint(m));
	assert_int_equal(rd(0, 0x1020), 0x60000000);

	/* The serial port (source 42, level high): set_irq_type, unmask. */
	wr(0, 0x10000 + 42 * 0x20,
	   (rd(0, 0x10000 + 42 * 0x20) & ~(POL | LEVEL)) | POL | LEVEL);
	wr(0, 0x10000 + 42 * 0x20, rd(0, 0x10000 + 42 * 0x20) & ~MSK);
	vmpic_set_irq(m, 42, true);
	assert_true(vmpic_int_pending(m, 0));
	/* The hypervisor delivers it with coreint: EPR = ack. */
	assert_int_equal(vmpic_ack(m, 0), 42);
	vmpic_set_irq(m, 42, false);
	wr(0, 0x200b0, 0); /* mpic_eoi on cpuregs[0] */
	assert_false(vmpic_int_pending(m, 0));
	assert_int_equal(m->unhandled, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_reset_state, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_frr_ncpu_and_readonly, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_whoami, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mask_unmask, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_priority_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_equal_priority_lowest_first, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_ctpr_blocks_and_unblocks, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_priority_zero_never_delivered, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_nesting_and_eoi_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_in_service_blocks_equal_priority, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_edge_request_consumed_by_ack, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_level_redelivered_after_eoi, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_level_deassert_withdraws, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_sense_change, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_service_pulse_is_an_edge_on_a_level_source,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_service_config_and_eoi, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_iack_spurious, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ipi_to_self, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ipi_to_other_vcpu, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ipi_masked_stays_pending, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_idr_routes_to_vcpu1, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_gcr_reset, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_gcr_reset_ends_service, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_gcr_mode_coreint, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_vpr_fields, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_timers_are_storage, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_offsets_counted, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_changed_tracking, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_linux_init_sequence, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
