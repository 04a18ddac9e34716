// SPDX-License-Identifier: GPL-2.0-only
/*
 * The partitions' consoles on the hypervisor's serial line (console.h).
 *
 * Output: a partition's bytes collect in its line buffer. In prefixed mode
 * each complete line goes out whole as "[name] line", every byte outside
 * printable ASCII shown as \xNN, so a guest can neither hide its prefix
 * nor write a line that looks like the hypervisor's (no NUL cutting it
 * short, no escape sequence, no carriage return or backspace moving the
 * cursor). In mux mode the bytes go out exactly, on the partition's
 * channel, whenever a line ends, the buffer fills or the guest's driver
 * stops writing (partition_console_push()). When the partition's share of
 * the console is full the line waits and the console device reports its
 * transmitter busy; the drain says when there is room again.
 *
 * Input: in prefixed mode the partition with the focus gets what is typed
 * (Ctrl-\ moves the focus); in mux mode each partition gets its channel's
 * frames. Either way through the device in its console slot.
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

#define LINE_MAX (sizeof(((struct partition *)0)->line) - 1)
/* "[name] " + each byte as up to 4 characters + "\n" */
#define RECORD_MAX (PART_NAME_MAX + 3 + 4 * LINE_MAX + 1)

static unsigned int chan_of(const struct partition *p)
{
	return CONSOLE_CHAN_PART((unsigned int)(p - partitions));
}

/* The line as it appears in prefixed mode. */
static size_t format_line(const struct partition *p, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0, i;
	const char *s;

	out[n++] = '[';
	for (s = p->name; *s; s++)
		out[n++] = *s;
	out[n++] = ']';
	out[n++] = ' ';
	for (i = 0; i < p->line_len; i++) {
		uint8_t c = (uint8_t)p->line[i];

		if ((c >= 0x20 && c < 0x7F) || c == '\t') {
			out[n++] = (char)c;
		} else {
			out[n++] = '\\';
			out[n++] = 'x';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	out[n++] = '\n';
	return n;
}

/* Queue the line; false (it stays, pending) if the console has no room for it. */
static bool emit_line(struct partition *p)
{
	char rec[RECORD_MAX];
	bool ok;

	if (console_mode() == CONSOLE_MUX)
		ok = !p->line_len || console_write(chan_of(p), p->line, p->line_len);
	else
		ok = console_write(chan_of(p), rec, format_line(p, rec));
	p->line_pending = !ok;
	if (ok)
		p->line_len = 0;
	return ok;
}

bool partition_console_writable(struct partition *p)
{
	return !p->line_pending || emit_line(p);
}

bool partition_console_putc(struct partition *p, char c)
{
	if (!partition_console_writable(p)) {
		p->out_dropped++; /* the guest wrote while its transmitter was busy */
		return false;
	}
	if (console_mode() == CONSOLE_PREFIXED) {
		if (c == '\r')
			return true; /* the line ends at its \n */
		if (c == '\n') {
			emit_line(p);
			return true;
		}
	}
	p->line[p->line_len++] = c;
	if (p->line_len == LINE_MAX || (c == '\n' && console_mode() == CONSOLE_MUX))
		emit_line(p);
	return true;
}

void partition_console_push(struct partition *p)
{
	if (console_mode() == CONSOLE_MUX && p->line_len && !p->line_pending)
		emit_line(p);
}

void partition_console_flush(struct partition *p)
{
	if (p->line_len || p->line_pending)
		emit_line(p);
	if (p->warn_limit.suppressed) { /* the last ones were never said */
		pr_warn("%s: %u more such messages suppressed\n", p->name,
			p->warn_limit.suppressed);
		p->warn_limit.suppressed = 0;
	}
}

void partition_console_room(unsigned int idx)
{
	struct partition *p = &partitions[idx];

	if (idx >= npartitions || !p->vcpu[0])
		return;
	p->console_wake = true;
	arch_smp_mb();
	if (p->vcpu[0]->cpu != smp_cpu())
		hvirq_kick(p->vcpu[0]->cpu);
}

/*
 * Which partition console input goes to in prefixed mode: the first
 * running partition with a console, until the user switches with
 * PART_CONSOLE_SWITCH. Only the console CPU reads and writes it.
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

void partition_console_input_to(struct partition *p, char c)
{
	if (!console_can_focus(p))
		return;
	p->console->type->console->input(p->console, (uint8_t)c); /* full: dropped */
	/* its vCPU 0 takes it (any vCPU would, on its next exit) */
	if (p->vcpu[0]->cpu != smp_cpu())
		hvirq_kick(p->vcpu[0]->cpu);
}

void partition_console_input(char c)
{
	unsigned int i;

	if (c == PART_CONSOLE_SWITCH) {
		console_switch_focus();
		return;
	}
	/* The focused partition, or (stopped) the first running one after it. */
	for (i = 0; i < npartitions; i++) {
		struct partition *p = &partitions[(console_focus + i) % npartitions];

		if (console_can_focus(p)) {
			partition_console_input_to(p, c);
			return;
		}
	}
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
