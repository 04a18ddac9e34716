/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest runtime: console on UART0, power-off through the GPIO line, TLB and
 * exception set-up, exception dispatch and the test bookkeeping.
 */
#include "rt.h"

extern char __bss_start[], __bss_end[];
extern char rt_vectors[];
extern void rt_user_return(void);

u32 rt_user_sp, rt_user_msr;
int rt_passed, rt_failed;
const char *rt_test_name;
static rt_handler_t handlers[RT_NVEC];

#define UART0 (RT_CCSR_EA + 0x4500)
#define GPIO (RT_CCSR_EA + 0xFF000)

/* ------------------------------------------------------------ console */

void rt_putc(char c)
{
	u32 n = 0;

	if (c == '\n')
		rt_putc('\r');
	/* LSR[THRE]; byte accesses only (lbz/stb) so beryl can emulate them. */
	while (!(rd8(UART0 + 5) & 0x20) && ++n < 0x1000000)
		;
	wr8(UART0, (unsigned char)c);
}

void rt_puts(const char *s)
{
	while (*s)
		rt_putc(*s++);
}

static void put_hex(u32 v, int width)
{
	char buf[8];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v & 0xF];
		v >>= 4;
	} while (v && n < 8);
	while (n < width) {
		rt_putc('0');
		width--;
	}
	while (n)
		rt_putc(buf[--n]);
}

static void put_dec(u32 v)
{
	char buf[10];
	int n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		rt_putc(buf[--n]);
}

/* %x %08x %d %u %s %c %% */
void rt_vprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0;

		if (*fmt != '%') {
			rt_putc(*fmt);
			continue;
		}
		fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		switch (*fmt) {
		case 'x':
			put_hex(va_arg(ap, u32), width);
			break;
		case 'd': {
			s32 v = va_arg(ap, s32);
			if (v < 0) {
				rt_putc('-');
				v = -v;
			}
			put_dec((u32)v);
			break;
		}
		case 'u':
			put_dec(va_arg(ap, u32));
			break;
		case 's':
			rt_puts(va_arg(ap, const char *));
			break;
		case 'c':
			rt_putc((char)va_arg(ap, int));
			break;
		case '%':
			rt_putc('%');
			break;
		case 0:
			return;
		default:
			rt_putc('?');
		}
	}
}

void rt_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rt_vprintf(fmt, ap);
	va_end(ap);
}

void rt_poweroff(void)
{
	/* The machine's gpio-poweroff line is GPIO pin 0 (MSB): output, high. */
	wr32(GPIO + 0x0, rd32(GPIO + 0x0) | 0x80000000u);
	wr32(GPIO + 0x8, 0x80000000u);
	for (;;)
		;
}

/* ------------------------------------------------------------- tests */

void test_begin(const char *name)
{
	rt_test_name = name;
	rt_passed = rt_failed = 0;
	rt_printf("TEST %s\n", name);
}

int test_end(void)
{
	rt_printf("SUMMARY %s: %u passed, %u failed\n", rt_test_name, rt_passed, rt_failed);
	return rt_failed;
}

int check_mask(const char *what, u32 got, u32 want, u32 mask)
{
	got &= mask;
	want &= mask;
	if (got == want) {
		rt_passed++;
		rt_printf("%s: %08x ok\n", what, got);
		return 1;
	}
	rt_failed++;
	rt_printf("%s: %08x FAIL (want %08x)\n", what, got, want);
	return 0;
}

int check(const char *what, u32 got, u32 want)
{
	return check_mask(what, got, want, 0xFFFFFFFFu);
}

u32 rt_wait_flag(volatile u32 *flag, u32 budget)
{
	while (!*flag && budget--)
		__asm__ __volatile__("" ::: "memory");
	return *flag;
}

/* --------------------------------------------------------------- TLB */

void rt_tlb1_map(int esel, u32 ea, u32 pa_hi, u32 pa, int tsize, u32 wimge,
		 u32 perms, u32 tid, int ts, int iprot)
{
	tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(esel),
		  MAS1_VALID | (iprot ? MAS1_IPROT : 0) | MAS1_TID(tid) |
			  (ts ? MAS1_TS : 0) | MAS1_TSIZE(tsize),
		  ea | wimge, pa | perms, pa_hi);
}

void rt_tlb0_map(int way, u32 ea, u32 pa, u32 wimge, u32 perms, u32 tid, int ts)
{
	tlb_write(MAS0_TLBSEL(0) | MAS0_ESEL(way),
		  MAS1_VALID | MAS1_TID(tid) | (ts ? MAS1_TS : 0) | MAS1_TSIZE(TSIZE_4K),
		  ea | wimge, pa | perms, 0);
}

void rt_tlb_reset(void)
{
	int i;

	for (i = 2; i < 16; i++)
		tlb_write(MAS0_TLBSEL(1) | MAS0_ESEL(i), 0, 0, 0, 0);
	/* TLB0 flash invalidate (no IPROT in TLB0). */
	mtspr(SPR_MMUCSR0, MMUCSR0_TLB0_FI);
	isync();
	mtspr(SPR_PID0, 0);
	mtspr(SPR_PID1, 0);
	mtspr(SPR_PID2, 0);
	isync();
}

/* -------------------------------------------------------- exceptions */

void rt_set_handler(int ivor, rt_handler_t h)
{
	handlers[ivor] = h;
}

static volatile u32 doze_wakeups;

static void doze_wake(struct rt_frame *f)
{
	mtspr(SPR_TSR, TSR_DIS);
	doze_wakeups++;
	f->srr1 &= ~MSR_WE; /* back awake, not into the doze again */
}

void rt_doze_init(void)
{
	rt_set_handler(IVOR_DECREMENTER, doze_wake);
	mtspr(SPR_HID0, HID0_DOZE);
	mtspr(SPR_TCR, TCR_DIE);
}

void rt_doze_ms(u32 ms)
{
	u32 w = doze_wakeups;

	mtspr(SPR_DEC, ms * RT_TB_PER_MS);
	while (doze_wakeups == w)
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
	mtmsr(MSR_ME);
}

void rt_clear_handlers(void)
{
	int i;

	for (i = 0; i < RT_NVEC; i++)
		handlers[i] = 0;
}

void rt_dispatch(struct rt_frame *f);
void rt_dispatch(struct rt_frame *f)
{
	rt_handler_t h;

	if (f->vec == IVOR_PROGRAM)
		/* QEMU 7.2 deviation, see QEMU_SRR1_PROGRAM_REASON_BITS. */
		f->srr1 &= ~QEMU_SRR1_PROGRAM_REASON_BITS;

	if (f->vec == IVOR_SYSCALL && f->gpr[0] == RT_USER_MAGIC && (f->srr1 & MSR_PR)) {
		/* End of rt_user_call(): back to supervisor mode. */
		f->srr0 = (u32)rt_user_return;
		f->srr1 = rt_user_msr;
		return;
	}
	h = f->vec < RT_NVEC ? handlers[f->vec] : 0;
	if (h) {
		h(f);
		return;
	}
	/* Unexpected: report (this line only appears on failure) and stop. */
	rt_failed++;
	rt_printf("UNEXPECTED exception ivor=%u srr0=%08x srr1=%08x esr=%08x dear=%08x\n",
		  f->vec, f->srr0, f->srr1, mfspr(SPR_ESR), mfspr(SPR_DEAR));
	if (rt_test_name)
		test_end();
	rt_poweroff();
}

u32 rt_fdt;

static u32 be_word(const unsigned char *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * The value of the first property called name anywhere in the tree whose
 * length is want (any length if want is 0); its length in *len.
 */
static const unsigned char *fdt_prop(const char *name, u32 want, u32 *len)
{
	const unsigned char *fdt = (const unsigned char *)rt_fdt, *p;
	u32 strings;

	if (!fdt || be_word(fdt) != 0xd00dfeedu)
		return 0;
	p = fdt + be_word(fdt + 8);
	strings = be_word(fdt + 12);
	for (;;) {
		u32 tok = be_word(p), n;

		p += 4;
		switch (tok) {
		case 1: /* FDT_BEGIN_NODE: a NUL-terminated name, padded */
			while (*p++)
				;
			p = (const unsigned char *)(((u32)p + 3) & ~3u);
			break;
		case 3: /* FDT_PROP: len, name offset, value (padded) */
			n = be_word(p);
			if ((!want || n == want) &&
			    str_eq((const char *)fdt + strings + be_word(p + 4), name)) {
				*len = n;
				return p + 8;
			}
			p += 8 + ((n + 3) & ~3u);
			break;
		case 2: /* FDT_END_NODE */
		case 4: /* FDT_NOP */
			break;
		default: /* FDT_END, or garbage */
			return 0;
		}
	}
}

u32 rt_fdt_u32(const char *name, u32 dflt)
{
	u32 len;
	const unsigned char *v = fdt_prop(name, 4, &len);

	return v ? be_word(v) : dflt;
}

const char *rt_fdt_str(const char *name)
{
	u32 len;
	const char *v = (const char *)fdt_prop(name, 0, &len);

	return v && len && !v[len - 1] ? v : 0;
}

/* Digits of a decimal or 0x-prefixed hexadecimal number; the first other character ends it. */
static u32 parse_u32(const char *s)
{
	u32 v = 0, base = 10, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			d = (u32)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (u32)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (u32)(*s - 'A' + 10);
		else
			return v;
		v = v * base + d;
	}
}

u32 rt_bootarg(const char *key, u32 dflt)
{
	const char *s = rt_fdt_str("bootargs"), *k;

	while (s && *s) {
		while (*s == ' ')
			s++;
		for (k = key; *k && *k == *s; k++)
			s++;
		if (!*k && *s == '=')
			return parse_u32(s + 1);
		while (*s && *s != ' ')
			s++;
	}
	return dflt;
}

/* Does the word at s (up to a space, '=' or the end) equal key? */
static int word_is(const char *s, const char *key)
{
	while (*key && *s == *key)
		s++, key++;
	return !*key && (*s == '=' || *s == ' ' || !*s);
}

const char *rt_bootarg_str(const char *key)
{
	const char *s = rt_fdt_str("bootargs");

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (word_is(s, key)) {
			while (*s && *s != '=' && *s != ' ')
				s++;
			return *s == '=' ? s + 1 : s;
		}
		while (*s && *s != ' ')
			s++;
	}
	return 0;
}

void rt_init(u32 boot_r3);
void rt_init(u32 boot_r3)
{
	char *p;
	u32 base = (u32)rt_vectors - 0x100;
	int i;

	for (p = __bss_start; p < __bss_end; p++)
		*p = 0;
	rt_fdt = boot_r3; /* ePAPR: the device tree */

	/* Known MSR: machine checks enabled, everything else off. */
	mtmsr(MSR_ME);

	/* Re-write the boot entry (EA 0 -> PA 0, 64 MiB, all permissions) with
	 * IPROT, and map CCSR (1 MiB, I|G, supervisor R/W). */
	rt_tlb1_map(RT_TLB1_RAM_ESEL, 0, 0, 0, TSIZE_64M, 0, MAS3_ALL, 0, 0, 1);
	rt_tlb1_map(RT_TLB1_CCSR_ESEL, RT_CCSR_EA, 0xF, 0xE0000000u, TSIZE_1M,
		    MAS2_I | MAS2_G, MAS3_SR | MAS3_SW, 0, 0, 1);
	rt_tlb_reset();

	mtspr(SPR_IVPR, base);
	for (i = 0; i < 16; i++)
		switch (i) {
#define IV(n) case n: mtspr(SPR_IVOR0 + n, 0x100 + n * 0x20); break
		IV(0); IV(1); IV(2); IV(3); IV(4); IV(5); IV(6); IV(7);
		IV(8); IV(9); IV(10); IV(11); IV(12); IV(13); IV(14); IV(15);
		}
	mtspr(SPR_IVOR32 + 0, 0x100 + 32 * 0x20);
	mtspr(SPR_IVOR32 + 1, 0x100 + 33 * 0x20);
	mtspr(SPR_IVOR32 + 2, 0x100 + 34 * 0x20);
	mtspr(SPR_IVOR32 + 3, 0x100 + 35 * 0x20);
	isync();

	main();
	rt_poweroff();
}
