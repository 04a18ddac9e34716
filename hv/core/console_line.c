// SPDX-License-Identifier: GPL-2.0-only
/*
 * A channel's output as it goes on the hypervisor console (console.h): a
 * partition's console (pconsole.c) or a byte channel to the console
 * (bytechan.c).
 *
 * In prefixed mode each complete line goes out whole as "[name] line",
 * every byte outside printable ASCII shown as \xNN, so a guest can neither
 * hide its prefix nor write a line that looks like the hypervisor's (no
 * NUL cutting it short, no escape sequence, no carriage return or
 * backspace moving the cursor). In mux mode the bytes go out exactly, on
 * the channel, whenever a line ends, the buffer fills or the writer pushes.
 * When the channel's share of the console is full the line waits
 * (pending); the console's room callback says when to try again.
 */
#include <console.h>

#define LINE_MAX (CONSOLE_LINE_MAX - 1)
/* "[name] " + each byte as up to 4 characters + "\n" */
#define RECORD_MAX (CONSOLE_NAME_MAX + 3 + 4 * LINE_MAX + 1)

void console_line_init(struct console_line *l, unsigned int chan, const char *name)
{
	l->chan = chan;
	l->name = name;
	console_line_reset(l);
}

void console_line_reset(struct console_line *l)
{
	l->len = 0;
	l->pending = false;
}

/* The line as it appears in prefixed mode. */
static size_t format_line(const struct console_line *l, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0, i;
	const char *s;

	out[n++] = '[';
	for (s = l->name; *s && n < CONSOLE_NAME_MAX + 1; s++)
		out[n++] = *s;
	out[n++] = ']';
	out[n++] = ' ';
	for (i = 0; i < l->len; i++) {
		uint8_t c = (uint8_t)l->buf[i];

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
static bool emit_line(struct console_line *l)
{
	char rec[RECORD_MAX];
	bool ok;

	if (console_mode() == CONSOLE_MUX)
		ok = !l->len || console_write(l->chan, l->buf, l->len);
	else
		ok = console_write(l->chan, rec, format_line(l, rec));
	l->pending = !ok;
	if (ok)
		l->len = 0;
	return ok;
}

bool console_line_writable(struct console_line *l)
{
	return !l->pending || emit_line(l);
}

bool console_line_putc(struct console_line *l, char c)
{
	if (!console_line_writable(l))
		return false;
	if (console_mode() == CONSOLE_PREFIXED) {
		if (c == '\r')
			return true; /* the line ends at its \n */
		if (c == '\n') {
			emit_line(l);
			return true;
		}
	}
	l->buf[l->len++] = c;
	if (l->len == LINE_MAX || (c == '\n' && console_mode() == CONSOLE_MUX))
		emit_line(l);
	return true;
}

void console_line_push(struct console_line *l)
{
	if (console_mode() == CONSOLE_MUX && l->len && !l->pending)
		emit_line(l);
}

void console_line_flush(struct console_line *l)
{
	if (l->len || l->pending)
		emit_line(l);
}
