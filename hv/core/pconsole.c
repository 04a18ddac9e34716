// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partitions' consoles on the hypervisor's console: each line a guest
 * writes is printed whole with the partition's name in front; bytes typed
 * on the hypervisor console go to the partition with the input focus,
 * through the device in its console slot (vdev.h).
 */
#include <hvirq.h>
#include <partition.h>
#include <printf.h>
#include <smp.h>
#include <vdev.h>
#include <virq.h>

static void console_flush(struct partition *p)
{
	p->line[p->line_len] = '\0';
	printf("[%s] %s\n", p->name, p->line);
	p->line_len = 0;
}

void partition_console_putc(struct partition *p, char c)
{
	if (c == '\r')
		return;
	if (c == '\n') {
		console_flush(p);
		return;
	}
	p->line[p->line_len++] = c;
	if (p->line_len == sizeof(p->line) - 1)
		console_flush(p);
}

void partition_console_flush(struct partition *p)
{
	if (p->line_len)
		console_flush(p);
}

/*
 * Which partition console input goes to: the first running partition with
 * a console, until the user switches with PART_CONSOLE_SWITCH. Only the
 * console CPU (console_poll_input) reads and writes it.
 */
static unsigned int console_focus;

static bool console_can_focus(const struct partition *p)
{
	return p->state == PART_RUNNING && p->console;
}

/* Ctrl-\: the next running partition takes the input; beryl says which. */
static void console_switch_focus(void)
{
	unsigned int i;

	for (i = 1; i <= npartitions; i++) {
		unsigned int k = (console_focus + i) % npartitions;

		if (console_can_focus(&partitions[k])) {
			console_focus = k;
			pr_info("console input to %s\n", partitions[k].name);
			return;
		}
	}
}

void partition_console_input(char c)
{
	struct partition *p;
	unsigned int i;

	if (c == PART_CONSOLE_SWITCH) {
		console_switch_focus();
		return;
	}
	/* The focused partition, or (stopped) the first running one after it. */
	for (i = 0; i < npartitions; i++) {
		p = &partitions[(console_focus + i) % npartitions];
		if (console_can_focus(p))
			break;
	}
	if (i == npartitions)
		return;
	p->console->type->console->input(p->console, (uint8_t)c); /* full: dropped */
	/* its vCPU 0 takes it (any vCPU would, on its next exit) */
	if (p->vcpu[0]->cpu != smp_cpu())
		hvirq_kick(p->vcpu[0]->cpu);
}

void partition_console_poll_slow(struct partition *p)
{
	uint32_t before;

	spin_lock(&p->lock); /* several vCPUs take input */
	before = virq_outputs(p);
	p->console->type->console->poll(p->console);
	virq_kick(p, before);
	spin_unlock(&p->lock);
}
