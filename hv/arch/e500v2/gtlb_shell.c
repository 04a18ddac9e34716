// SPDX-License-Identifier: GPL-2.0-only
/* The shell's gtlb: a vCPU's guest TLB (gtlb.h) as the guest last wrote it. */
#include <arch/gtlb.h>
#include <arch/spr.h>
#include <partition.h>
#include <printf.h>
#include <shell.h>

static void gtlb_show(const char *where, const struct gtlb_entry *e)
{
	uint64_t size = gtlb_entry_size(e);
	uint32_t m3 = e->mas3;
	char sz[8];

	if (size >= 1ull << 30)
		snprintf(sz, sizeof(sz), "%uG", (unsigned int)(size >> 30));
	else if (size >= 1ull << 20)
		snprintf(sz, sizeof(sz), "%uM", (unsigned int)(size >> 20));
	else
		snprintf(sz, sizeof(sz), "%uK", (unsigned int)(size >> 10));
	shell_printf("  %-9s 0x%08x -> 0x%09llx %5s  tid %3u ts %u %s %c%c%c%c%c  %c%c%c%c%c%c\n",
		     where, e->mas2 & MAS2_EPN_MASK, (unsigned long long)gtlb_entry_rpn(e), sz,
		     (e->mas1 & MAS1_TID_MASK) >> MAS1_TID_SHIFT, !!(e->mas1 & MAS1_TS),
		     (e->mas1 & MAS1_IPROT) ? "iprot" : "     ", (e->mas2 & MAS2_W) ? 'W' : '-',
		     (e->mas2 & MAS2_I) ? 'I' : '-', (e->mas2 & MAS2_M) ? 'M' : '-',
		     (e->mas2 & MAS2_G) ? 'G' : '-', (e->mas2 & MAS2_E) ? 'E' : '-',
		     (m3 & MAS3_UX) ? 'x' : '-', (m3 & MAS3_UW) ? 'w' : '-',
		     (m3 & MAS3_UR) ? 'r' : '-', (m3 & MAS3_SX) ? 'X' : '-',
		     (m3 & MAS3_SW) ? 'W' : '-', (m3 & MAS3_SR) ? 'R' : '-');
}

/* gtlb NAME [VCPU]: every valid entry (user permissions xwr, supervisor XWR). */
static int gtlb_cmd(int argc, char *argv[])
{
	const struct vcpu *v;
	const struct gtlb *t;
	struct partition *p;
	unsigned int i, n0 = 0;
	uint64_t id = 0;
	char where[16];

	if (argc < 2 || argc > 3 || (argc == 3 && !shell_number(argv[2], &id)))
		return SHELL_USAGE;
	p = shell_partition(argv[1]);
	if (!p)
		return -1;
	if (id >= p->nvcpus || !p->vcpu[id]) {
		shell_printf("%s has no vCPU %llu\n", p->name, (unsigned long long)id);
		return -1;
	}
	v = p->vcpu[id];
	t = &v->arch.tlb;
	shell_printf("guest TLB of %s vCPU %u: PID0 %u PID1 %u PID2 %u, MSR[IS] %u MSR[DS] %u\n",
		     p->name, v->id, v->arch.pid[0], v->arch.pid[1], v->arch.pid[2],
		     !!(v->arch.shared.msr & MSR_IS), !!(v->arch.shared.msr & MSR_DS));
	for (i = 0; i < GTLB1_ENTRIES; i++) {
		if (!(t->tlb1[i].mas1 & MAS1_VALID))
			continue;
		snprintf(where, sizeof(where), "tlb1 %u", i);
		gtlb_show(where, &t->tlb1[i]);
	}
	for (i = 0; i < GTLB0_ENTRIES; i++) {
		if (!(t->tlb0[i].mas1 & MAS1_VALID))
			continue;
		snprintf(where, sizeof(where), "tlb0 %u/%u", i / GTLB0_WAYS, i % GTLB0_WAYS);
		gtlb_show(where, &t->tlb0[i]);
		n0++;
	}
	shell_printf("  %u valid TLB0 entries of %u\n", n0, GTLB0_ENTRIES);
	return 0;
}

static const struct shell_cmd gtlb_shell_cmd = {
	.name = "gtlb",
	.args = "NAME [VCPU]",
	.help = "the guest TLB of a vCPU (valid entries; permissions xwr user, XWR supervisor)",
	.run = gtlb_cmd,
};
SHELL_COMMAND(gtlb_shell_cmd);
