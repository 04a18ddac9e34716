// SPDX-License-Identifier: GPL-2.0-only
/* A partition's memory through its guest's eyes (guestmem.h), and the shell's mem command. */
#include <arch.h>
#include <guestmem.h>
#include <hvmem.h>
#include <partition.h>
#include <printf.h>
#include <shell.h>
#include <string.h>

#define PAGE 0x1000u

/* The host address of the page piece at addr (n bytes, inside one page); false if none. */
static bool guestmem_piece(struct vcpu *v, enum guestmem_space sp, uint64_t addr, size_t n,
			   uint64_t *hpa)
{
	uint64_t gpa = addr;

	if (sp != GUESTMEM_PHYS &&
	    (addr > UINT32_MAX ||
	     !arch_guest_translate(v, (uint32_t)addr, sp == GUESTMEM_CODE, &gpa)))
		return false;
	return partition_gpa_to_hpa(v->part, gpa, n, hpa);
}

static size_t guestmem_copy(struct vcpu *v, enum guestmem_space sp, uint64_t addr, void *buf,
			    size_t len, bool write)
{
	size_t done = 0;

	while (done < len) {
		uint64_t a = addr + done, hpa;
		size_t n = PAGE - (size_t)(a & (PAGE - 1));

		if (a < addr) /* wrapped around */
			break;
		if (n > len - done)
			n = len - done;
		if (!guestmem_piece(v, sp, a, n, &hpa))
			break;
		if (write) {
			hvmem_copy_to_phys(hpa, (char *)buf + done, n);
			hvmem_sync_icache_phys(hpa, n);
		} else {
			hvmem_copy_from_phys((char *)buf + done, hpa, n);
		}
		done += n;
	}
	return done;
}

size_t guestmem_read(struct vcpu *v, enum guestmem_space sp, uint64_t addr, void *buf,
		     size_t len)
{
	return guestmem_copy(v, sp, addr, buf, len, false);
}

size_t guestmem_write(struct vcpu *v, enum guestmem_space sp, uint64_t addr, const void *buf,
		      size_t len)
{
	return guestmem_copy(v, sp, addr, (void *)(uintptr_t)buf, len, true);
}

/* ------------------------------------------------------ the shell's mem */

#define MEM_MAX 4096

static int guestmem_cmd(int argc, char *argv[])
{
	static uint8_t buf[MEM_MAX];
	enum guestmem_space sp = GUESTMEM_DATA;
	struct partition *p;
	uint64_t addr, len;
	size_t got, i, k;

	if (argc < 4 || argc > 5)
		return SHELL_USAGE;
	if (argc == 5) {
		if (strcmp(argv[4], "phys"))
			return SHELL_USAGE;
		sp = GUESTMEM_PHYS;
	}
	if (!shell_number(argv[2], &addr) || !shell_number(argv[3], &len) || !len ||
	    len > MEM_MAX) {
		shell_printf("ADDR and LEN are numbers (0x... for hex), LEN 1 to %u\n", MEM_MAX);
		return SHELL_USAGE;
	}
	p = shell_partition(argv[1]);
	if (!p)
		return -1;
	if (!p->vcpu[0]) {
		shell_printf("%s was never loaded\n", p->name);
		return -1;
	}
	got = guestmem_read(p->vcpu[0], sp, addr, buf, (size_t)len);
	for (i = 0; i < got; i += 16) {
		char hex[16 * 3 + 1], text[17];
		size_t n = got - i < 16 ? got - i : 16;

		for (k = 0; k < n; k++) {
			snprintf(hex + 3 * k, 4, " %02x", buf[i + k]);
			text[k] = buf[i + k] >= 0x20 && buf[i + k] < 0x7F ? (char)buf[i + k] : '.';
		}
		text[n] = '\0';
		shell_printf("%09llx:%-48s  %s\n", (unsigned long long)(addr + i), hex, text);
	}
	if (got < len) {
		shell_printf("%09llx: not %s RAM of %s\n", (unsigned long long)(addr + got),
			     sp == GUESTMEM_PHYS ? "guest-physical" : "mapped to",
			     p->name);
		return -1;
	}
	return 0;
}

static const struct shell_cmd guestmem_shell_cmd = {
	.name = "mem",
	.args = "NAME ADDR LEN [phys]",
	.help = "guest memory: effective addresses through vCPU 0's TLB, or guest-physical",
	.run = guestmem_cmd,
};
SHELL_COMMAND(guestmem_shell_cmd);
