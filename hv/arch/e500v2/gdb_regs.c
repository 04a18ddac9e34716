// SPDX-License-Identifier: GPL-2.0-only
/*
 * An e500v2 vCPU as gdb sees it (arch.h, debugging): gdb's own
 * "org.gnu.gdb.power.core" feature (r0-r31, pc, msr, cr, lr, ctr, xer, at
 * the numbers gdb's powerpc:e500 uses) and the supervisor registers a
 * kernel debugger wants (SRR0/1, DEAR, ESR, PIDs, SPRGs, MAS, ...) in a
 * feature of beryl's. Every value is the guest's own: the MSR and the SPRs
 * it believes it has (the emulator's state), never the real ones. The SPE
 * upper halves stay in the real registers of the vCPU's CPU: not offered.
 */
#include <arch.h>
#include <arch/emulate.h>
#include <arch/vtimer.h>
#include <printf.h>
#include <string.h>
#include <vcpu.h>

enum gdb_reg_kind { GR_GPR, GR_PC, GR_MSR, GR_CR, GR_LR, GR_CTR, GR_XER, GR_SPR, GR_DEC, GR_TCR,
		    GR_TSR };

struct gdb_reg {
	const char *name;
	uint8_t regnum;
	uint8_t kind;
	uint16_t spr;
	bool ro; /* read-only here (timers, identification) */
};

#define SPR(n, num, s) { n, num, GR_SPR, s, false }
#define SPR_RO(n, num, s) { n, num, GR_SPR, s, true }

static const struct gdb_reg gdb_regs_spr[] = {
	{ "pc", 64, GR_PC, 0, false },   { "msr", 65, GR_MSR, 0, false },
	{ "cr", 66, GR_CR, 0, false },   { "lr", 67, GR_LR, 0, false },
	{ "ctr", 68, GR_CTR, 0, false }, { "xer", 69, GR_XER, 0, false },
	SPR("srr0", 70, SPR_SRR0),      SPR("srr1", 71, SPR_SRR1),
	SPR("csrr0", 72, SPR_CSRR0),    SPR("csrr1", 73, SPR_CSRR1),
	SPR("mcsrr0", 74, SPR_MCSRR0),  SPR("mcsrr1", 75, SPR_MCSRR1),
	SPR("dear", 76, SPR_DEAR),      SPR("esr", 77, SPR_ESR),
	SPR_RO("mcsr", 78, SPR_MCSR),   SPR_RO("mcar", 79, SPR_MCAR),
	SPR("pid0", 80, SPR_PID0),      SPR("pid1", 81, SPR_PID1),
	SPR("pid2", 82, SPR_PID2),      SPR("sprg0", 83, SPR_SPRG0),
	SPR("sprg1", 84, SPR_SPRG1),    SPR("sprg2", 85, SPR_SPRG2),
	SPR("sprg3", 86, SPR_SPRG3),    SPR("sprg4", 87, SPR_SPRG4),
	SPR("sprg5", 88, SPR_SPRG5),    SPR("sprg6", 89, SPR_SPRG6),
	SPR("sprg7", 90, SPR_SPRG7),    SPR("ivpr", 91, SPR_IVPR),
	{ "tcr", 92, GR_TCR, 0, true }, { "tsr", 93, GR_TSR, 0, true },
	{ "dec", 94, GR_DEC, 0, true }, SPR_RO("pir", 95, SPR_PIR),
	SPR_RO("pvr", 96, SPR_PVR),     SPR_RO("svr", 97, SPR_SVR),
	SPR("hid0", 98, SPR_HID0),      SPR("hid1", 99, SPR_HID1),
	SPR("mas0", 100, SPR_MAS0),     SPR("mas1", 101, SPR_MAS1),
	SPR("mas2", 102, SPR_MAS2),     SPR("mas3", 103, SPR_MAS3),
	SPR("mas4", 104, SPR_MAS4),     SPR("mas6", 105, SPR_MAS6),
	SPR("mas7", 106, SPR_MAS7),     SPR_RO("epr", 107, SPR_EPR),
};

#define NSPR (sizeof(gdb_regs_spr) / sizeof(gdb_regs_spr[0]))
#define GDB_NREGS (32 + NSPR)

/* The 'g' packet: r0-r31, then the rest, in register number order. */
const unsigned int arch_gdb_nregs = GDB_NREGS;
const uint8_t arch_gdb_regs[GDB_NREGS] = {
	0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
	64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79,
	80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
	96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107,
};
_Static_assert(GDB_NREGS == 32 + 44, "arch_gdb_regs lists every register");

static const struct gdb_reg *gdb_reg_find(unsigned int regnum)
{
	unsigned int i;

	for (i = 0; i < NSPR; i++)
		if (gdb_regs_spr[i].regnum == regnum)
			return &gdb_regs_spr[i];
	return NULL;
}

bool arch_gdb_reg_get(struct vcpu *v, unsigned int regnum, uint32_t *val)
{
	const struct vtimer *t = &v->arch.timer;
	const struct vcpu_regs *r = &v->arch.regs;
	const struct gdb_reg *g;

	if (regnum < 32) {
		*val = r->gpr[regnum];
		return true;
	}
	g = gdb_reg_find(regnum);
	if (!g)
		return false;
	switch (g->kind) {
	case GR_PC:
		*val = r->pc;
		return true;
	case GR_MSR:
		*val = (uint32_t)v->arch.shared.msr;
		return true;
	case GR_CR:
		*val = r->cr;
		return true;
	case GR_LR:
		*val = r->lr;
		return true;
	case GR_CTR:
		*val = r->ctr;
		return true;
	case GR_XER:
		*val = r->xer;
		return true;
	case GR_TCR:
		*val = t->tcr;
		return true;
	case GR_TSR:
		*val = t->tsr;
		return true;
	case GR_DEC: /* as it stood when the vCPU was held: held time does not count */
		*val = !t->dec_running ? t->dec_frozen :
		       t->dec_deadline > v->held_since ? (uint32_t)(t->dec_deadline - v->held_since) :
							 0;
		return true;
	default:
		return emul_mfspr(v, g->spr, val);
	}
}

bool arch_gdb_reg_set(struct vcpu *v, unsigned int regnum, uint32_t val)
{
	struct vcpu_regs *r = &v->arch.regs;
	const struct gdb_reg *g;
	uint32_t now;

	if (regnum < 32) {
		r->gpr[regnum] = val;
		return true;
	}
	g = gdb_reg_find(regnum);
	if (!g)
		return false;
	if (g->ro) /* a write of the value it has changes nothing: gdb's G sends them all */
		return arch_gdb_reg_get(v, regnum, &now) && now == val;
	switch (g->kind) {
	case GR_PC:
		r->pc = val & ~3u;
		return true;
	case GR_MSR:
		v->arch.shared.msr = val & MSR_E500_MASK;
		return true;
	case GR_CR:
		r->cr = val;
		return true;
	case GR_LR:
		r->lr = val;
		return true;
	case GR_CTR:
		r->ctr = val;
		return true;
	case GR_XER:
		r->xer = val;
		return true;
	default:
		/* only registers whose write moves a value (no real register touched) */
		return emul_mtspr(v, g->spr, val);
	}
}

/* target.xml, made from the table above the first time gdb asks. */
static char gdb_xml[6144];
static unsigned int gdb_xml_len;

static void gdb_xml_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void gdb_xml_add(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(gdb_xml + gdb_xml_len, sizeof(gdb_xml) - gdb_xml_len, fmt, ap);
	va_end(ap);
	if (n > 0 && gdb_xml_len + (unsigned int)n < sizeof(gdb_xml))
		gdb_xml_len += (unsigned int)n;
}

static void gdb_xml_build(void)
{
	unsigned int i;

	gdb_xml_add("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
		    "<target version=\"1.0\">\n<architecture>powerpc:e500</architecture>\n"
		    "<feature name=\"org.gnu.gdb.power.core\">\n");
	for (i = 0; i < 32; i++)
		gdb_xml_add("<reg name=\"r%u\" bitsize=\"32\" type=\"uint32\" regnum=\"%u\"/>\n",
			    i, i);
	for (i = 0; i < NSPR; i++) {
		const struct gdb_reg *g = &gdb_regs_spr[i];

		if (g->kind == GR_SPR && g->regnum == 70)
			gdb_xml_add("</feature>\n<feature name=\"org.beryl.e500.spr\">\n");
		gdb_xml_add("<reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%u\"%s/>\n",
			    g->name,
			    g->kind == GR_PC || g->kind == GR_LR || g->regnum == 70 ? "code_ptr"
										    : "uint32",
			    g->regnum, g->kind >= GR_SPR ? " group=\"system\"" : "");
	}
	gdb_xml_add("</feature>\n</target>\n");
}

const char *arch_gdb_xml(const char *annex, unsigned int *len)
{
	if (strcmp(annex, "target.xml"))
		return NULL;
	if (!gdb_xml_len)
		gdb_xml_build();
	*len = gdb_xml_len;
	return gdb_xml;
}
