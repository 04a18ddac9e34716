// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual Freescale MPIC register model; see vmpic.h for the register map
 * and where its values come from.
 *
 * Delivery follows the OpenPIC rules as Linux's mpic.c relies on them and
 * as QEMU's hw/intc/openpic.c models them: an interrupt is requested (IPR)
 * while its source is pending; it is a candidate for a vcpu if unmasked, of
 * priority > 0, routed there and not already in service; the vcpu's INT
 * output is asserted when the best candidate's priority exceeds both CTPR
 * and the highest priority in service (ISR). IACK (or coreint delivery)
 * moves the best candidate into service and returns its vector; EOI ends
 * the highest-priority interrupt in service.
 */
#include <partition.h>
#include <platform.h>
#include <vdev.h>

#include "vmpic.h"

#define ALL_ONES 0xffffffffu

/* VPR bits a guest can write, for sources and for IPIs/timers (which have no
 * sense or polarity, as in QEMU's IRQ_TYPE_FSLSPECIAL). */
#define SRC_VPR_WMASK                                                                    \
	(VMPIC_VPR_MSK | VMPIC_VPR_PRIO_MASK | VMPIC_VPR_SENSE | VMPIC_VPR_POLARITY |    \
	 VMPIC_VPR_VECTOR_MASK)
#define SPECIAL_VPR_WMASK (VMPIC_VPR_MSK | VMPIC_VPR_PRIO_MASK | VMPIC_VPR_VECTOR_MASK)

/* ISR stack ids at and above this are IPIs. */
#define ID_IPI0 VMPIC_NR_SRC

static bool test_bit(const uint32_t *bm, unsigned int n)
{
	return (bm[n / 32] >> (n % 32)) & 1;
}

static void set_bit(uint32_t *bm, unsigned int n)
{
	bm[n / 32] |= 1u << (n % 32);
}

static void clear_bit(uint32_t *bm, unsigned int n)
{
	bm[n / 32] &= ~(1u << (n % 32));
}

static void assign_bit(uint32_t *bm, unsigned int n, bool v)
{
	if (v)
		set_bit(bm, n);
	else
		clear_bit(bm, n);
}

static unsigned int prio_of(uint32_t vpr)
{
	return (vpr & VMPIC_VPR_PRIO_MASK) >> VMPIC_VPR_PRIO_SHIFT;
}

static uint32_t vcpu_mask(const struct vmpic *m)
{
	return (1u << m->nr_vcpus) - 1;
}

static bool src_level(const struct vmpic *m, unsigned int s)
{
	/* QEMU (fsl_common_init): FSL internal sources are level only, with
	 * the sense bit reserved; 0..15 follow VPR[S]. */
	return s >= VMPIC_NR_EXT_SRC || (m->src[s].vpr & VMPIC_VPR_SENSE);
}

static int src_target(const struct vmpic *m, unsigned int s)
{
	uint32_t d = m->src[s].idr & vcpu_mask(m);

	/* Linux (MPIC_SINGLE_DEST_CPU) sets one bit; with several, the lowest
	 * numbered vcpu takes it: a directed, not a multicast, delivery. */
	return d ? __builtin_ctz(d) : -1;
}

static unsigned int isr_top_prio(const struct vmpic_cpu *cpu)
{
	return cpu->isr_depth ? cpu->isr_prio[cpu->isr_depth - 1] : 0;
}

/*
 * The best candidate for vcpu c: highest priority, lowest number among
 * equals (sources before IPIs, as QEMU numbers IPIs after the sources).
 * Returns its id, or -1; *prio gets its priority.
 */
static int best_candidate(const struct vmpic *m, unsigned int c, unsigned int *prio)
{
	const struct vmpic_cpu *cpu = &m->cpu[c];
	unsigned int best_prio = 0; /* priority 0 is never delivered */
	uint32_t ipis = cpu->ipi_pending & ~cpu->ipi_isr;
	int best = -1;

	for (uint32_t words = m->live_words; words; words &= words - 1) {
		unsigned int w = (unsigned int)__builtin_ctz(words);
		uint32_t bits = m->pending[w] & ~m->in_service[w] & m->live[w];

		while (bits) {
			unsigned int s = w * 32 + __builtin_ctz(bits);
			uint32_t vpr = m->src[s].vpr;

			bits &= bits - 1;
			if ((vpr & VMPIC_VPR_MSK) || prio_of(vpr) <= best_prio)
				continue;
			if (src_target(m, s) != (int)c)
				continue;
			best = s;
			best_prio = prio_of(vpr);
		}
	}
	for (unsigned int n = 0; ipis; n++, ipis >>= 1) {
		uint32_t vpr = m->ipi_vpr[n];

		if (!(ipis & 1))
			continue;
		if ((vpr & VMPIC_VPR_MSK) || prio_of(vpr) <= best_prio)
			continue;
		best = ID_IPI0 + n;
		best_prio = prio_of(vpr);
	}
	*prio = best_prio;
	return best;
}

/* The interrupt vcpu c's INT output is asserted for, or -1. */
static int deliverable(const struct vmpic *m, unsigned int c, unsigned int *prio)
{
	const struct vmpic_cpu *cpu = &m->cpu[c];
	int id = best_candidate(m, c, prio);

	if (id < 0 || *prio <= cpu->ctpr || *prio <= isr_top_prio(cpu))
		return -1;
	return id;
}

static void reset(struct vmpic *m)
{
	/* Whatever was in service is gone: let the hypervisor see it ended. */
	for (unsigned int w = 0; w < VMPIC_WORDS; w++) {
		m->eoied[w] |= m->in_service[w];
		m->in_service[w] = 0;
		m->changed[w] = ALL_ONES;
		m->pulsed[w] = 0;
		m->live[w] = 0; /* every source masked */
		m->live_words = 0;
	}

	/* Reset values as QEMU's openpic_reset() and fsl_common_init(). */
	m->gcr = 0;
	m->pir = 0;
	m->svr = VMPIC_VPR_VECTOR_MASK;
	m->eimr = 0;
	for (unsigned int g = 0; g < 2; g++) {
		m->tfrr[g] = 0;
		m->tcr[g] = 0;
	}
	for (unsigned int n = 0; n < VMPIC_NR_IPI; n++)
		m->ipi_vpr[n] = VMPIC_VPR_MSK;
	for (unsigned int s = 0; s < VMPIC_NR_SRC; s++) {
		struct vmpic_src *src = &m->src[s];

		/* Masked, edge (external) or active-high level (internal),
		 * vector 0, priority 0, routed to CPU 0. */
		src->vpr = VMPIC_VPR_MSK;
		if (s >= VMPIC_NR_EXT_SRC)
			src->vpr |= VMPIC_VPR_POLARITY;
		src->idr = 1;
		src->ilr = 0;
		/* The inputs keep their levels: level sources still request. */
		assign_bit(m->pending, s, src_level(m, s) && test_bit(m->line, s));
	}
	for (unsigned int t = 0; t < VMPIC_NR_TIMERS; t++) {
		m->timer[t].tccr = 0;
		m->timer[t].tbcr = VMPIC_TBCR_CI;
		m->timer[t].tvpr = VMPIC_VPR_MSK;
		m->timer[t].tdr = 1;
	}
	for (unsigned int c = 0; c < VMPIC_MAX_VCPUS; c++) {
		struct vmpic_cpu *cpu = &m->cpu[c];

		cpu->ctpr = 15;
		cpu->ipi_pending = 0;
		cpu->ipi_isr = 0;
		cpu->isr_depth = 0;
	}
}

static void vmpic_init_impl(struct vmpic *m, unsigned int nr_vcpus)
{
	unsigned char *p = (unsigned char *)m;

	for (unsigned long i = 0; i < sizeof(*m); i++)
		p[i] = 0;
	if (nr_vcpus < 1)
		nr_vcpus = 1;
	if (nr_vcpus > VMPIC_MAX_VCPUS)
		nr_vcpus = VMPIC_MAX_VCPUS;
	m->nr_vcpus = nr_vcpus;
	reset(m);
}

/* ---- interrupt flow ---------------------------------------------------- */

static void vmpic_set_irq_impl(struct vmpic *m, unsigned int s, bool level)
{
	bool was;

	if (s >= VMPIC_NR_SRC)
		return;
	was = test_bit(m->line, s);
	assign_bit(m->line, s, level);
	if (src_level(m, s))
		assign_bit(m->pending, s, level || test_bit(m->pulsed, s));
	else if (level && !was)
		set_bit(m->pending, s);
}

/*
 * The INT outputs, recomputed after every change of state (the public
 * entry points below), so vmpic_int_pending() is a load: the hypervisor
 * asks on every exit.
 */
static void update_outputs(struct vmpic *m)
{
	unsigned int c, prio;

	for (c = 0; c < m->nr_vcpus; c++)
		m->int_out[c] = deliverable(m, c, &prio) >= 0;
}

bool vmpic_int_pending(const struct vmpic *m, unsigned int vcpu)
{
	return vcpu < VMPIC_MAX_VCPUS && m->int_out[vcpu];
}

static uint32_t vmpic_ack_impl(struct vmpic *m, unsigned int vcpu)
{
	struct vmpic_cpu *cpu;
	unsigned int prio;
	int id;

	if (vcpu >= m->nr_vcpus)
		return m->svr;
	cpu = &m->cpu[vcpu];
	id = deliverable(m, vcpu, &prio);
	/* Nothing above CTPR and the ISR: spurious (QEMU openpic_iack). The
	 * depth check cannot fail (priorities in service strictly increase). */
	if (id < 0 || cpu->isr_depth >= sizeof(cpu->isr_id) / sizeof(cpu->isr_id[0]))
		return m->svr;

	cpu->isr_id[cpu->isr_depth] = (uint16_t)id;
	cpu->isr_prio[cpu->isr_depth] = (uint8_t)prio;
	cpu->isr_depth++;

	if (id >= ID_IPI0) {
		unsigned int n = id - ID_IPI0;

		cpu->ipi_pending &= ~(1u << n);
		cpu->ipi_isr |= 1u << n;
		return m->ipi_vpr[n] & VMPIC_VPR_VECTOR_MASK;
	}
	set_bit(m->in_service, id);
	/* Edge or pulse: the request is consumed. Level: it stays pending
	 * while the line is asserted, but an in-service source is no candidate. */
	if (!src_level(m, id) || test_bit(m->pulsed, id)) {
		clear_bit(m->pulsed, id);
		assign_bit(m->pending, id, src_level(m, id) && test_bit(m->line, id));
	}
	return m->src[id].vpr & VMPIC_VPR_VECTOR_MASK;
}

static void eoi(struct vmpic *m, unsigned int c)
{
	struct vmpic_cpu *cpu = &m->cpu[c];
	unsigned int id;

	if (!cpu->isr_depth)
		return; /* EOI with nothing in service: ignored, as QEMU */
	id = cpu->isr_id[--cpu->isr_depth];
	if (id >= ID_IPI0) {
		cpu->ipi_isr &= ~(1u << (id - ID_IPI0));
		return;
	}
	/* A level source whose line is still asserted is still pending, and
	 * now a candidate again. */
	clear_bit(m->in_service, id);
	set_bit(m->eoied, id);
}

static void ipi_dispatch(struct vmpic *m, unsigned int n, uint32_t cpus)
{
	cpus &= vcpu_mask(m);
	for (unsigned int c = 0; c < m->nr_vcpus; c++)
		if (cpus & (1u << c))
			m->cpu[c].ipi_pending |= 1u << n;
}

/* ---- registers --------------------------------------------------------- */

static void unhandled(struct vmpic *m, uint32_t off)
{
	m->unhandled++;
	m->unhandled_off = off;
}

static uint32_t src_vpr_read(const struct vmpic *m, unsigned int s)
{
	uint32_t vpr = m->src[s].vpr;

	/* A: requested (and not masked) or in service. */
	if ((test_bit(m->pending, s) && !(vpr & VMPIC_VPR_MSK)) ||
	    test_bit(m->in_service, s))
		vpr |= VMPIC_VPR_A;
	return vpr;
}

static void src_vpr_write(struct vmpic *m, unsigned int s, uint32_t val)
{
	struct vmpic_src *src = &m->src[s];
	bool was_level = src_level(m, s);
	uint32_t vpr = val & SRC_VPR_WMASK;

	/* QEMU: the sense bit of internal sources is reserved, reads 0. */
	if (s >= VMPIC_NR_EXT_SRC)
		vpr &= ~VMPIC_VPR_SENSE;
	if (vpr != src->vpr)
		set_bit(m->changed, s);
	src->vpr = vpr;
	assign_bit(m->live, s, !(vpr & VMPIC_VPR_MSK) && prio_of(vpr) > 0);
	if (m->live[s / 32])
		m->live_words |= 1u << (s / 32);
	else
		m->live_words &= ~(1u << (s / 32));
	if (src_level(m, s) != was_level)
		/* To level: requested while asserted. To edge: wait for an
		 * edge. A pulse stays requested either way. */
		assign_bit(m->pending, s,
			   (src_level(m, s) && test_bit(m->line, s)) || test_bit(m->pulsed, s));
}

static uint32_t ipi_vpr_read(const struct vmpic *m, unsigned int n)
{
	uint32_t vpr = m->ipi_vpr[n];

	for (unsigned int c = 0; c < m->nr_vcpus; c++) {
		const struct vmpic_cpu *cpu = &m->cpu[c];

		if (((cpu->ipi_pending & (1u << n)) && !(vpr & VMPIC_VPR_MSK)) ||
		    (cpu->ipi_isr & (1u << n)))
			vpr |= VMPIC_VPR_A;
	}
	return vpr;
}

/* Timer n and register r (VMPIC_TCCR..VMPIC_TDR) of a timer offset. */
static bool timer_reg(uint32_t off, unsigned int *n, unsigned int *r)
{
	if (off >= 0x01100 && off < 0x01200)
		*n = (off - 0x01100) / 0x40;
	else if (off >= 0x02100 && off < 0x02200)
		*n = 4 + (off - 0x02100) / 0x40;
	else
		return false;
	*r = off & 0x3f;
	return (*r & 0xf) == 0;
}

/* Per-CPU registers of vcpu c (block or alias); false if unknown. */
static bool cpu_read(struct vmpic *m, unsigned int c, uint32_t reg, uint32_t *val)
{
	switch (reg) {
	case VMPIC_IPIDR(0):
	case VMPIC_IPIDR(1):
	case VMPIC_IPIDR(2):
	case VMPIC_IPIDR(3):
	case VMPIC_EOI:
		*val = 0; /* write-only */
		return true;
	case VMPIC_CTPR:
		*val = m->cpu[c].ctpr;
		return true;
	case VMPIC_WHOAMI:
		*val = c;
		return true;
	case VMPIC_IACK:
		*val = vmpic_ack(m, c);
		return true;
	}
	return false;
}

static bool cpu_write(struct vmpic *m, unsigned int c, uint32_t reg, uint32_t val)
{
	switch (reg) {
	case VMPIC_IPIDR(0):
	case VMPIC_IPIDR(1):
	case VMPIC_IPIDR(2):
	case VMPIC_IPIDR(3):
		ipi_dispatch(m, (reg - VMPIC_IPIDR(0)) / 0x10, val);
		return true;
	case VMPIC_CTPR:
		m->cpu[c].ctpr = val & 0xf;
		return true;
	case VMPIC_WHOAMI:
	case VMPIC_IACK:
		return true; /* read-only */
	case VMPIC_EOI:
		eoi(m, c);
		return true;
	}
	return false;
}

/* Which vcpu's per-CPU registers off addresses (block or alias), or -1. */
static int cpu_of(const struct vmpic *m, unsigned int vcpu, uint32_t off, uint32_t *reg)
{
	if (off >= VMPIC_IPIDR(0) && off <= VMPIC_EOI) {
		*reg = off;
		return vcpu < m->nr_vcpus ? (int)vcpu : -1;
	}
	if (off >= VMPIC_CPU_BASE) {
		unsigned int c = (off - VMPIC_CPU_BASE) / VMPIC_CPU_STRIDE;

		*reg = off % VMPIC_CPU_STRIDE;
		return c < m->nr_vcpus ? (int)c : -1;
	}
	return -1;
}

static bool src_reg(uint32_t off, unsigned int *s, unsigned int *r)
{
	if (off < VMPIC_SRC_BASE || off >= VMPIC_SRC_VPR(VMPIC_NR_SRC))
		return false;
	*s = (off - VMPIC_SRC_BASE) / VMPIC_SRC_STRIDE;
	*r = off % VMPIC_SRC_STRIDE;
	return true;
}

static bool global_read(struct vmpic *m, uint32_t off, uint32_t *val)
{
	switch (off) {
	case VMPIC_BRR1_OFF:
		*val = VMPIC_BRR1;
		return true;
	case VMPIC_FRR:
		*val =
		    (VMPIC_FRR_NIRQ - 1) << 16 | (m->nr_vcpus - 1) << 8 | VMPIC_FRR_VID;
		return true;
	case VMPIC_GCR:
		*val = m->gcr;
		return true;
	case VMPIC_VIR_OFF:
		*val = VMPIC_VIR;
		return true;
	case VMPIC_PIR:
		*val = m->pir;
		return true;
	case VMPIC_IPI_VPR(0):
	case VMPIC_IPI_VPR(1):
	case VMPIC_IPI_VPR(2):
	case VMPIC_IPI_VPR(3):
		*val = ipi_vpr_read(m, (off - VMPIC_IPI_VPR(0)) / 0x10);
		return true;
	case VMPIC_SVR:
		*val = m->svr;
		return true;
	case VMPIC_TFRRA:
	case VMPIC_TFRRB:
		*val = m->tfrr[off == VMPIC_TFRRB];
		return true;
	case VMPIC_TCRA:
	case VMPIC_TCRB:
		*val = m->tcr[off == VMPIC_TCRB];
		return true;
	case VMPIC_EISR0:
		*val = 0; /* no error interrupt sources */
		return true;
	case VMPIC_EIMR0:
		*val = m->eimr;
		return true;
	}
	return false;
}

static bool global_write(struct vmpic *m, uint32_t off, uint32_t val)
{
	switch (off) {
	case VMPIC_BRR1_OFF:
	case VMPIC_FRR:
	case VMPIC_VIR_OFF:
	case VMPIC_EISR0:
		return true; /* read-only */
	case VMPIC_GCR:
		/* Linux sets RESET and polls until it reads back clear: here
		 * the reset is done at once and the bit reads 0 (QEMU). */
		if (val & VMPIC_GCR_RESET)
			reset(m);
		else
			m->gcr = val & VMPIC_GCR_MODE_MASK;
		return true;
	case VMPIC_PIR:
		m->pir = val & vcpu_mask(m);
		return true;
	case VMPIC_IPI_VPR(0):
	case VMPIC_IPI_VPR(1):
	case VMPIC_IPI_VPR(2):
	case VMPIC_IPI_VPR(3):
		m->ipi_vpr[(off - VMPIC_IPI_VPR(0)) / 0x10] = val & SPECIAL_VPR_WMASK;
		return true;
	case VMPIC_SVR:
		m->svr = val & VMPIC_VPR_VECTOR_MASK;
		return true;
	case VMPIC_TFRRA:
	case VMPIC_TFRRB:
		m->tfrr[off == VMPIC_TFRRB] = val;
		return true;
	case VMPIC_TCRA:
	case VMPIC_TCRB:
		m->tcr[off == VMPIC_TCRB] = val;
		return true;
	case VMPIC_EIMR0:
		m->eimr = val;
		return true;
	}
	return false;
}

static bool timer_read(struct vmpic *m, uint32_t off, uint32_t *val)
{
	unsigned int n, r;

	if (!timer_reg(off, &n, &r))
		return false;
	switch (r) {
	case VMPIC_TCCR:
		*val = m->timer[n].tccr;
		break;
	case VMPIC_TBCR:
		*val = m->timer[n].tbcr;
		break;
	case VMPIC_TVPR:
		*val = m->timer[n].tvpr; /* never active: timers don't fire */
		break;
	default:
		*val = m->timer[n].tdr;
		break;
	}
	return true;
}

static bool timer_write(struct vmpic *m, uint32_t off, uint32_t val)
{
	struct vmpic_timer *t;
	unsigned int n, r;

	if (!timer_reg(off, &n, &r))
		return false;
	t = &m->timer[n];
	switch (r) {
	case VMPIC_TCCR:
		break; /* read-only */
	case VMPIC_TBCR:
		/* Releasing count inhibit loads the current count (QEMU);
		 * it then stays there: the timers don't count. */
		if ((t->tbcr & VMPIC_TBCR_CI) && !(val & VMPIC_TBCR_CI))
			t->tccr = val;
		t->tbcr = val;
		break;
	case VMPIC_TVPR:
		t->tvpr = val & SPECIAL_VPR_WMASK;
		break;
	default:
		t->tdr = val & vcpu_mask(m);
		break;
	}
	return true;
}

static bool vmpic_read_impl(struct vmpic *m, unsigned int vcpu, uint32_t off, uint32_t *val)
{
	unsigned int s, r;
	uint32_t reg;
	int c;

	if ((off & 3) || off >= VMPIC_SIZE)
		return false;
	*val = 0;
	if (global_read(m, off, val) || timer_read(m, off, val))
		return true;
	if (src_reg(off, &s, &r)) {
		if (r == 0x00)
			*val = src_vpr_read(m, s);
		else if (r == 0x10)
			*val = m->src[s].idr;
		else if (r == 0x18)
			*val = m->src[s].ilr;
		else
			unhandled(m, off);
		return true;
	}
	c = cpu_of(m, vcpu, off, &reg);
	if (c >= 0 && cpu_read(m, c, reg, val))
		return true;
	*val = 0;
	unhandled(m, off);
	return true;
}

static bool vmpic_write_impl(struct vmpic *m, unsigned int vcpu, uint32_t off, uint32_t val)
{
	unsigned int s, r;
	uint32_t reg;
	int c;

	if ((off & 3) || off >= VMPIC_SIZE)
		return false;
	if (global_write(m, off, val) || timer_write(m, off, val))
		return true;
	if (src_reg(off, &s, &r)) {
		if (r == 0x00) {
			src_vpr_write(m, s, val);
		} else if (r == 0x10) {
			uint32_t idr = val & vcpu_mask(m);

			if (idr != m->src[s].idr)
				set_bit(m->changed, s);
			m->src[s].idr = idr;
		} else if (r == 0x18) {
			/* INTTGT: 0 INT, 1 critical, 2 machine check; QEMU
			 * takes anything else as INT. Not acted upon. */
			m->src[s].ilr = (val & 0xff) <= 2 ? (val & 0xff) : 0;
		} else {
			unhandled(m, off);
		}
		return true;
	}
	c = cpu_of(m, vcpu, off, &reg);
	if (c >= 0 && cpu_write(m, c, reg, val))
		return true;
	unhandled(m, off);
	return true;
}

/* ---- the ePAPR interrupt hypercalls and pulses -------------------------- */

static void vmpic_pulse_impl(struct vmpic *m, unsigned int s)
{
	if (s >= VMPIC_NR_SRC)
		return;
	set_bit(m->pulsed, s);
	set_bit(m->pending, s);
}

void vmpic_get_config(const struct vmpic *m, unsigned int s, struct vmpic_config *c)
{
	uint32_t vpr = m->src[s].vpr;
	int dest = src_target(m, s);

	c->level = src_level(m, s);
	c->positive = (vpr & VMPIC_VPR_POLARITY) != 0;
	c->masked = (vpr & VMPIC_VPR_MSK) != 0;
	c->priority = prio_of(vpr);
	c->dest = dest < 0 ? 0 : (unsigned int)dest;
}

static void vmpic_set_config_impl(struct vmpic *m, unsigned int s, const struct vmpic_config *c)
{
	uint32_t idr = (1u << c->dest) & vcpu_mask(m);

	/* The vector is the source number: what IACK returns to a guest that
	 * configures its sources only through hypercalls. */
	src_vpr_write(m, s,
		      (c->masked ? VMPIC_VPR_MSK : 0) |
			      ((uint32_t)c->priority << VMPIC_VPR_PRIO_SHIFT & VMPIC_VPR_PRIO_MASK) |
			      (c->level ? VMPIC_VPR_SENSE : 0) |
			      (c->positive ? VMPIC_VPR_POLARITY : 0) | s);
	if (idr != m->src[s].idr)
		set_bit(m->changed, s);
	m->src[s].idr = idr;
}

static int vmpic_eoi_src_impl(struct vmpic *m, unsigned int vcpu, unsigned int s)
{
	const struct vmpic_cpu *cpu;

	if (vcpu >= m->nr_vcpus)
		return -1;
	cpu = &m->cpu[vcpu];
	if (!cpu->isr_depth)
		return -1;
	if (cpu->isr_id[cpu->isr_depth - 1] != s)
		return -2;
	eoi(m, vcpu);
	return 0;
}

/* ---- accessors for the hypervisor -------------------------------------- */

bool vmpic_coreint(const struct vmpic *m)
{
	return (m->gcr & VMPIC_GCR_MODE_MASK) == VMPIC_GCR_MODE_PROXY;
}

bool vmpic_src_enabled(const struct vmpic *m, unsigned int src)
{
	return src < VMPIC_NR_SRC && !(m->src[src].vpr & VMPIC_VPR_MSK);
}

int vmpic_src_dest(const struct vmpic *m, unsigned int src)
{
	return src < VMPIC_NR_SRC ? src_target(m, src) : -1;
}

bool vmpic_src_level(const struct vmpic *m, unsigned int src)
{
	return src < VMPIC_NR_SRC && src_level(m, src);
}

static int take_bit(uint32_t *bm)
{
	for (unsigned int w = 0; w < VMPIC_WORDS; w++) {
		if (bm[w]) {
			unsigned int b = __builtin_ctz(bm[w]);

			bm[w] &= ~(1u << b);
			return w * 32 + b;
		}
	}
	return -1;
}

int vmpic_next_changed_src(struct vmpic *m)
{
	return take_bit(m->changed);
}

int vmpic_next_eoied_src(struct vmpic *m)
{
	return take_bit(m->eoied);
}

void vmpic_init(struct vmpic *m, unsigned int nr_vcpus)
{
	vmpic_init_impl(m, nr_vcpus);
	update_outputs(m);
}

void vmpic_set_irq(struct vmpic *m, unsigned int s, bool level)
{
	vmpic_set_irq_impl(m, s, level);
	update_outputs(m);
}

void vmpic_pulse(struct vmpic *m, unsigned int s)
{
	vmpic_pulse_impl(m, s);
	update_outputs(m);
}

void vmpic_set_config(struct vmpic *m, unsigned int s, const struct vmpic_config *c)
{
	if (s >= VMPIC_NR_SRC || c->dest >= m->nr_vcpus || c->priority > 15)
		return;
	vmpic_set_config_impl(m, s, c);
	update_outputs(m);
}

int vmpic_eoi_src(struct vmpic *m, unsigned int vcpu, unsigned int s)
{
	int r = vmpic_eoi_src_impl(m, vcpu, s);

	update_outputs(m);
	return r;
}

uint32_t vmpic_ack(struct vmpic *m, unsigned int vcpu)
{
	uint32_t v = vmpic_ack_impl(m, vcpu);

	update_outputs(m);
	return v;
}

bool vmpic_read(struct vmpic *m, unsigned int vcpu, uint32_t off, uint32_t *val)
{
	bool ok = vmpic_read_impl(m, vcpu, off, val);

	update_outputs(m); /* IACK acknowledges */
	return ok;
}

bool vmpic_write(struct vmpic *m, unsigned int vcpu, uint32_t off, uint32_t val)
{
	bool ok = vmpic_write_impl(m, vcpu, off, val);

	update_outputs(m);
	return ok;
}

/* ------------------------------------------------------------------------ */
/*
 * The device: each partition's interrupt controller, at the real MPIC's
 * guest-physical address, filling the partition's irqchip slot (virq.h).
 */
static struct vmpic vmpic_state[PART_MAX];

static bool vmpic_attach(struct vdev *d, const struct partition *p)
{
	d->gpa = platform.mpic_pa;
	d->size = platform.mpic_size;
	return platform.mpic_pa != 0;
}

static void vmpic_reset(struct vdev *d, uint32_t entry)
{
	vmpic_init(d->state, d->part->nvcpus);
}

static bool vmpic_dev_read(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			   uint32_t *val)
{
	return size == 4 && vmpic_read(d->state, v->id, off, val);
}

static bool vmpic_dev_write(struct vdev *d, struct vcpu *v, uint32_t off, unsigned int size,
			    uint32_t val)
{
	return size == 4 && vmpic_write(d->state, v->id, off, val);
}

static void vmpic_chip_set(struct vdev *d, unsigned int src, bool level)
{
	vmpic_set_irq(d->state, src, level);
}

static bool vmpic_chip_pending(const struct vdev *d, unsigned int vcpu)
{
	return vmpic_int_pending(d->state, vcpu);
}

static bool vmpic_chip_coreint_ack(struct vdev *d, unsigned int vcpu, uint32_t *vector)
{
	if (!vmpic_coreint(d->state))
		return false;
	*vector = vmpic_ack(d->state, vcpu);
	return true;
}

static bool vmpic_chip_src_enabled(const struct vdev *d, unsigned int src)
{
	return vmpic_src_enabled(d->state, src);
}

static int vmpic_chip_next_eoied(struct vdev *d)
{
	return vmpic_next_eoied_src(d->state);
}

static int vmpic_chip_next_changed(struct vdev *d)
{
	return vmpic_next_changed_src(d->state);
}

static void vmpic_chip_pulse(struct vdev *d, unsigned int src)
{
	vmpic_pulse(d->state, src);
}

static void vmpic_chip_get_config(const struct vdev *d, unsigned int src, struct virq_config *c)
{
	struct vmpic_config mc;

	vmpic_get_config(d->state, src, &mc);
	c->level = mc.level;
	c->positive = mc.positive;
	c->masked = mc.masked;
	c->priority = mc.priority;
	c->dest = mc.dest;
}

static void vmpic_chip_set_config(struct vdev *d, unsigned int src, const struct virq_config *c)
{
	const struct vmpic_config mc = {
		.level = c->level,
		.positive = c->positive,
		.masked = c->masked,
		.priority = c->priority,
		.dest = c->dest,
	};

	vmpic_set_config(d->state, src, &mc);
}

static uint32_t vmpic_chip_iack(struct vdev *d, unsigned int vcpu)
{
	return vmpic_ack(d->state, vcpu);
}

static int vmpic_chip_eoi(struct vdev *d, unsigned int vcpu, unsigned int src)
{
	return vmpic_eoi_src(d->state, vcpu, src);
}

static const struct vdev_irqchip_ops vmpic_chip = {
	.set_irq = vmpic_chip_set,
	.pending = vmpic_chip_pending,
	.coreint_ack = vmpic_chip_coreint_ack,
	.src_enabled = vmpic_chip_src_enabled,
	.next_eoied = vmpic_chip_next_eoied,
	.next_changed = vmpic_chip_next_changed,
	.pulse = vmpic_chip_pulse,
	.get_config = vmpic_chip_get_config,
	.set_config = vmpic_chip_set_config,
	.iack = vmpic_chip_iack,
	.eoi = vmpic_chip_eoi,
	.nr_sources = VMPIC_NR_SRC,
	.max_priority = 15,
	/*
	 * Internal sources (level, like every hypervisor service's line), from
	 * the top: 196-255 exist on no real MPIC of QEMU's machine (FRR: 196
	 * sources), and Linux maps all 256 as sources ("fsl,mpic": large
	 * vectors, its own numbers start at 2035).
	 */
	.service_src_min = VMPIC_NR_EXT_SRC,
	.service_src_max = VMPIC_NR_SRC - 1,
};

static const struct vdev_type vmpic_type = {
	.name = "mpic",
	.states = vmpic_state,
	.state_size = sizeof(vmpic_state[0]),
	.attach = vmpic_attach,
	.reset = vmpic_reset,
	.read = vmpic_dev_read,
	.write = vmpic_dev_write,
	.irqchip = &vmpic_chip,
};
VDEV_REGISTER(vmpic_type);
