// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partitions' consoles on the hypervisor's serial line (console.h).
 *
 * Output: a partition's bytes go to its channel's line stream
 * (console_line.c): whole prefixed lines in prefixed mode, the bytes as
 * written in mux mode, flushed when a line ends, the buffer fills or the
 * guest's driver stops writing (partition_console_push()). When the
 * partition's share of the console is full the line waits and the console
 * device reports its transmitter busy; the drain says when there is room
 * again.
 *
 * Input: the console hands each partition the bytes typed for its channel
 * (console.c: the focus in prefixed mode, frames in mux mode), through the
 * device in its console slot.
 */
#include <arch.h>
#include <console.h>
#include <hvirq.h>
#include <partition.h>
#include <platform.h>
#include <printf.h>
#include <ratelimit.h>
#include <smp.h>
#include <vdev.h>
#include <virq.h>

bool partition_console_writable(struct partition *p)
{
	return console_line_writable(&p->cline);
}

bool partition_console_putc(struct partition *p, char c)
{
	if (!console_line_putc(&p->cline, c)) {
		p->out_dropped++; /* the guest wrote while its transmitter was busy */
		return false;
	}
	return true;
}

void partition_console_push(struct partition *p)
{
	console_line_push(&p->cline);
}

/*
 * The line is the console device's state: an SMP partition's vCPUs touch
 * it under the partition's lock (mmio.c). A vCPU going idle while another
 * writes its UART would otherwise send the line's start twice.
 */
void partition_console_push_idle(struct partition *p)
{
	if (console_mode() != CONSOLE_MUX || !p->cline.len)
		return;
	if (p->nvcpus < 2) {
		partition_console_push(p);
		return;
	}
	spin_lock(&p->lock);
	partition_console_push(p);
	spin_unlock(&p->lock);
}

void partition_console_flush(struct partition *p)
{
	console_line_flush(&p->cline);
	if (p->warn_limit.suppressed) { /* the last ones were never said */
		pr_warn("%s: %u more such messages suppressed\n", p->name,
			p->warn_limit.suppressed);
		p->warn_limit.suppressed = 0;
	}
}

/* The console drained the partition's output: it may write again (any CPU). */
static void pconsole_room(void *arg)
{
	struct partition *p = arg;

	if (!p->vcpu[0])
		return;
	p->console_wake = true;
	arch_smp_mb();
	if (p->vcpu[0]->cpu != smp_cpu())
		hvirq_kick(p->vcpu[0]->cpu);
}

/* Typed input goes to running partitions that have a console device. */
static bool pconsole_can_focus(void *arg)
{
	const struct partition *p = arg;

	return p->state == PART_RUNNING && p->console;
}

/* A byte typed for the partition (the console CPU). */
static void pconsole_input(void *arg, uint8_t c)
{
	struct partition *p = arg;

	p->console->type->console->input(p->console, c); /* full: dropped */
	/* its vCPU 0 takes it (any vCPU would, on its next exit) */
	if (p->vcpu[0]->cpu != smp_cpu())
		hvirq_kick(p->vcpu[0]->cpu);
}

void partition_console_init(struct partition *p)
{
	const struct console_client client = {
		.kind = "partition",
		.name = p->name,
		.input = pconsole_input,
		.room = pconsole_room,
		.can_focus = pconsole_can_focus,
		.arg = p,
	};
	unsigned int chan = CONSOLE_CHAN_PART((unsigned int)(p - partitions));

	console_line_init(&p->cline, chan, p->name);
	console_set_client(chan, &client);
}

void partition_console_poll_slow(struct partition *p)
{
	uint32_t before;

	if (!p->console)
		return;
	p->console_wake = false;
	spin_lock(&p->lock); /* several vCPUs take input */
	before = virq_outputs(p);
	p->console->type->console->poll(p->console);
	virq_kick(p, before);
	spin_unlock(&p->lock);
}

/* Messages a guest causes: 10 at once, then 10 a second (defect 4 of issue 8). */
#define WARN_BURST 10
#define WARN_PER_SECOND 10

void partition_warn(struct partition *p, const char *fmt, ...)
{
	uint32_t suppressed;
	char msg[160];
	va_list ap;

	if (!ratelimit_allow(&p->warn_limit, arch_timebase(), platform.tb_freq / WARN_PER_SECOND,
			     WARN_BURST, &suppressed))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (suppressed)
		pr_warn("%s: %u more such messages suppressed\n", p->name, suppressed);
	pr_warn("%s: %s", p->name, msg);
}
