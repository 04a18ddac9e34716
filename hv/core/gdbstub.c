// SPDX-License-Identifier: GPL-2.0-only
/*
 * The debug stub of each partition (gdbstub.h): GDB's remote serial
 * protocol, all-stop mode, on the partition's debug channel.
 *
 * gdb's bytes are handled on the console CPU, which takes the console's
 * interrupt, in the middle of whatever it was doing: nothing here waits
 * for a guest. A partition is stopped by holding its vCPUs (sched.h): each
 * leaves its guest at its next exit and waits on its own CPU. Registers and
 * memory are only touched while every vCPU is held (sched_all_held()).
 * Debug events (the core's, arch.h) arrive from the vCPUs' CPUs through
 * gdbstub_event(); the stop reply goes out when the last vCPU is held
 * (gdbstub_held()). One lock per stub covers its state.
 *
 * Threads are vCPUs: thread n + 1 is vCPU n. Memory is read and written
 * through the current thread's translation (its guest TLB, then the
 * partition's memory map), or guest-physical after `monitor phys`; only
 * the partition's RAM is reached (guestmem.h). A partition whose
 * configuration says debug = "off" has no stub; nothing a guest does
 * reaches one (its bytes go to its own console channel).
 */
#include <arch.h>
#include <console.h>
#include <gdb_packet.h>
#include <gdbstub.h>
#include <guestmem.h>
#include <partition.h>
#include <printf.h>
#include <sched.h>
#include <spinlock.h>
#include <string.h>

#define STUB_MAX_BP 32
#define STUB_MAX_HW 4
#define STUB_SIGTRAP 5
#define STUB_SIGINT 2
#define STUB_MEM_MAX (GDB_PACKET_MAX / 2) /* bytes of one m reply */

/* A software breakpoint: the trap instruction written over the guest's. */
struct stub_bp {
	uint32_t addr; /* effective address gdb gave */
	uint64_t gpa;  /* where the instruction is */
	uint32_t orig; /* the instruction it replaced */
};

enum stub_act { ACT_STAY, ACT_CONT, ACT_STEP, ACT_UNSET };

struct stub {
	spinlock_t lock;
	struct gdb_rx rx;
	bool session; /* gdb talks to us */
	bool running; /* gdb resumed the partition and waits for a stop reply */
	bool stopped; /* a stop is recorded (why, sig, vcpu, addr) */
	enum gdbstub_stop why; /* 0: attach, interrupt, first instruction */
	int sig;
	unsigned int vcpu;
	uint32_t addr;
	int g_vcpu, c_vcpu; /* Hg, Hc: a vCPU, or -1 (any / all) */
	bool phys;          /* monitor phys: memory packets are guest-physical */
	unsigned int nbp, nhw;
	struct stub_bp bp[STUB_MAX_BP];
	struct arch_hw_point hw[STUB_MAX_HW];
	char last[GDB_PACKET_MAX + 8]; /* the last packet sent (framed), for '-' */
	size_t last_len;
	char reply[GDB_PACKET_MAX + 1];
	size_t rlen;
	bool no_reply; /* a resume: its answer is the stop reply, later */
};

static struct stub stubs[PART_MAX];

static struct partition *stub_part(const struct stub *s)
{
	return &partitions[s - stubs];
}

static struct stub *stub_of(const struct partition *p)
{
	return &stubs[p - partitions];
}

/* ---------------------------------------------------------------- output */

static void stub_write(struct stub *s, const char *buf, size_t len)
{
	unsigned int chan = CONSOLE_CHAN_GDB((unsigned int)(s - stubs)), tries;

	if (console_mode() != CONSOLE_MUX)
		return;
	/* gdb waits for it: wait for room rather than drop it */
	for (tries = 0; tries < 4 && !console_write(chan, buf, len); tries++)
		console_flush_sync();
}

static void stub_send(struct stub *s, const char *data, size_t len)
{
	s->last_len = gdb_frame(data, len, s->last);
	stub_write(s, s->last, s->last_len);
}

static void rp_str(struct stub *s, const char *str)
{
	size_t n = strlen(str);

	if (s->rlen + n > GDB_PACKET_MAX)
		n = GDB_PACKET_MAX - s->rlen;
	memcpy(s->reply + s->rlen, str, n);
	s->rlen += n;
}

static void __attribute__((format(printf, 2, 3))) rp_fmt(struct stub *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s->reply + s->rlen, sizeof(s->reply) - s->rlen, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->rlen = s->rlen + (size_t)n < GDB_PACKET_MAX ? s->rlen + (size_t)n
							       : GDB_PACKET_MAX;
}

static void rp_hex(struct stub *s, const void *data, size_t n)
{
	if (s->rlen + 2 * n > GDB_PACKET_MAX)
		n = (GDB_PACKET_MAX - s->rlen) / 2;
	gdb_tohex(data, n, s->reply + s->rlen);
	s->rlen += 2 * n;
}

static void rp_reg(struct stub *s, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	rp_hex(s, b, 4);
}

/* Output for gdb's console (monitor commands): an O packet. */
static void stub_console(struct stub *s, const char *text)
{
	char pkt[GDB_PACKET_MAX];
	size_t n = strlen(text);

	if (n > (GDB_PACKET_MAX - 1) / 2)
		n = (GDB_PACKET_MAX - 1) / 2;
	pkt[0] = 'O';
	gdb_tohex((const uint8_t *)text, n, pkt + 1);
	stub_send(s, pkt, 1 + 2 * n);
}

/* ------------------------------------------------------------ stopping */

static struct vcpu *stub_vcpu(struct stub *s, int n)
{
	struct partition *p = stub_part(s);

	if (n < 0)
		n = (int)s->vcpu;
	return (unsigned int)n < p->nvcpus ? p->vcpu[n] : NULL;
}

static void stub_record(struct stub *s, enum gdbstub_stop why, int sig, unsigned int vcpu,
			uint32_t addr)
{
	if (s->stopped)
		return;
	s->stopped = true;
	s->why = why;
	s->sig = sig;
	s->vcpu = vcpu;
	s->addr = addr;
}

/* gdb waits for a stop and every vCPU is held: tell it (T packet). */
static void stub_try_report(struct stub *s)
{
	static const char *const watch[] = { [GDBSTUB_WATCH] = "watch",
					     [GDBSTUB_RWATCH] = "rwatch",
					     [GDBSTUB_AWATCH] = "awatch" };
	char pkt[80];
	int n;

	if (!s->running || !s->stopped || !sched_all_held(stub_part(s)))
		return;
	s->running = false;
	s->g_vcpu = s->c_vcpu = -1; /* gdb's next registers are the stopped thread's */
	n = snprintf(pkt, sizeof(pkt), "T%02xthread:%x;", s->sig, s->vcpu + 1);
	if (s->why >= GDBSTUB_WATCH)
		n += snprintf(pkt + n, sizeof(pkt) - n, "%s:%x;", watch[s->why], s->addr);
	else if (s->why == GDBSTUB_SWBREAK)
		n += snprintf(pkt + n, sizeof(pkt) - n, "swbreak:;");
	else if (s->why == GDBSTUB_HWBREAK)
		n += snprintf(pkt + n, sizeof(pkt) - n, "hwbreak:;");
	stub_send(s, pkt, (size_t)n);
}

/* A stop of the whole partition (attach, Ctrl-C). */
static void stub_stop(struct stub *s, int sig)
{
	stub_record(s, 0, sig, s->vcpu < stub_part(s)->nvcpus ? s->vcpu : 0, 0);
	sched_hold(stub_part(s), VCPU_HOLD_DEBUG);
}

/* The breakpoints go: their instructions back, if the guest left our trap there. */
static void stub_remove_bp(struct stub *s, unsigned int i)
{
	struct vcpu *v = stub_part(s)->vcpu[0];
	uint32_t cur, insn = ARCH_BREAK_INSN;

	if (v && guestmem_read(v, GUESTMEM_PHYS, s->bp[i].gpa, &cur, 4) == 4 && cur == insn)
		guestmem_write(v, GUESTMEM_PHYS, s->bp[i].gpa, &s->bp[i].orig, 4);
	s->bp[i] = s->bp[--s->nbp];
}

/* Every vCPU leaves with the current hardware points and, if asked, a step. */
static void stub_arm(struct stub *s, const uint8_t *act)
{
	struct partition *p = stub_part(s);
	unsigned int n;

	for (n = 0; n < p->nvcpus; n++)
		if (p->vcpu[n])
			arch_debug_set(p->vcpu[n], act && act[n] == ACT_STEP, s->hw, s->nhw);
}

static void stub_end(struct stub *s)
{
	while (s->nbp)
		stub_remove_bp(s, s->nbp - 1);
	s->nhw = 0;
	stub_arm(s, NULL);
	s->session = s->running = s->stopped = false;
	s->phys = false;
}

/* The partition stopped for good: gdb, if it waits, is told it exited; the session ends. */
static void stub_exited(struct stub *s)
{
	if (s->running)
		stub_send(s, "W00", 3);
	s->nbp = 0; /* its memory is reloaded before it runs again */
	stub_end(s);
}

static void stub_resume(struct stub *s, const uint8_t *act)
{
	struct partition *p = stub_part(s);
	unsigned int n;

	s->no_reply = true;
	if (p->state != PART_RUNNING) {
		s->running = true;
		stub_exited(s);
		return;
	}
	if (!sched_all_held(p))
		return; /* still stopping: the stop reply comes first */
	stub_arm(s, act);
	s->stopped = false;
	s->running = true;
	for (n = 0; n < p->nvcpus; n++)
		if (act[n] != ACT_STAY && p->vcpu[n])
			sched_unhold_vcpu(p->vcpu[n], VCPU_HOLD_DEBUG);
}

/* ------------------------------------------------------------- packets */

static bool parse_hex(char **s, uint64_t *v)
{
	return gdb_parse_hex((const char **)s, v);
}

/* "ADDR,LEN" (and the character after it in *end). */
static bool parse_addr_len(char **s, uint64_t *addr, uint64_t *len)
{
	if (!parse_hex(s, addr) || **s != ',')
		return false;
	(*s)++;
	return parse_hex(s, len);
}

/* A thread id: -1 (all), 0 (any), or n + 1 for vCPU n; false if none such. */
static bool parse_thread(struct stub *s, char **str, int *vcpu)
{
	uint64_t id;

	if ((*str)[0] == '-' && (*str)[1] == '1') {
		*str += 2;
		*vcpu = -1;
		return true;
	}
	if (!parse_hex(str, &id))
		return false;
	if (id == 0) {
		*vcpu = -1;
		return true;
	}
	if (id > stub_part(s)->nvcpus)
		return false;
	*vcpu = (int)id - 1;
	return true;
}

static bool stub_need_held(struct stub *s)
{
	if (sched_all_held(stub_part(s)))
		return true;
	rp_str(s, "E01");
	return false;
}

static void pkt_read_regs(struct stub *s)
{
	struct vcpu *v = stub_vcpu(s, s->g_vcpu);
	unsigned int i;
	uint32_t val;

	if (!stub_need_held(s))
		return;
	if (!v) {
		rp_str(s, "E02");
		return;
	}
	for (i = 0; i < arch_gdb_nregs; i++) {
		if (arch_gdb_reg_get(v, arch_gdb_regs[i], &val))
			rp_reg(s, val);
		else
			rp_str(s, "xxxxxxxx");
	}
}

static void pkt_write_regs(struct stub *s, char *args)
{
	struct vcpu *v = stub_vcpu(s, s->g_vcpu);
	unsigned int i;
	uint8_t b[4];

	if (!stub_need_held(s))
		return;
	if (!v || strlen(args) < 8 * arch_gdb_nregs) {
		rp_str(s, "E02");
		return;
	}
	for (i = 0; i < arch_gdb_nregs; i++, args += 8) {
		if (!gdb_fromhex(args, 4, b)) /* "xxxxxxxx": left as it is */
			continue;
		arch_gdb_reg_set(v, arch_gdb_regs[i],
				 (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | b[2] << 8 | b[3]);
	}
	rp_str(s, "OK");
}

/* p n, P n=value */
static void pkt_reg(struct stub *s, char *args, bool write)
{
	struct vcpu *v = stub_vcpu(s, s->g_vcpu);
	uint64_t n;
	uint32_t val;
	uint8_t b[4];

	if (!stub_need_held(s))
		return;
	if (!v || !parse_hex(&args, &n) || n > 255) {
		rp_str(s, "E02");
		return;
	}
	if (!write) {
		if (arch_gdb_reg_get(v, (unsigned int)n, &val))
			rp_reg(s, val);
		else
			rp_str(s, "E03");
		return;
	}
	if (*args++ != '=' || !gdb_fromhex(args, 4, b) ||
	    !arch_gdb_reg_set(v, (unsigned int)n,
			      (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | b[2] << 8 | b[3]))
		rp_str(s, "E03");
	else
		rp_str(s, "OK");
}

static enum guestmem_space stub_space(const struct stub *s)
{
	return s->phys ? GUESTMEM_PHYS : GUESTMEM_DATA;
}

static void pkt_read_mem(struct stub *s, char *args)
{
	static uint8_t buf[STUB_MEM_MAX];
	struct vcpu *v = stub_vcpu(s, s->g_vcpu);
	uint64_t addr, len;
	size_t got;

	if (!stub_need_held(s))
		return;
	if (!v || !parse_addr_len(&args, &addr, &len)) {
		rp_str(s, "E02");
		return;
	}
	if (len > STUB_MEM_MAX)
		len = STUB_MEM_MAX;
	got = guestmem_read(v, stub_space(s), addr, buf, (size_t)len);
	if (!got && len)
		rp_str(s, "E14");
	else
		rp_hex(s, buf, got);
}

/* M addr,len:hex and X addr,len:binary */
static void pkt_write_mem(struct stub *s, char *args, size_t plen, bool binary)
{
	static uint8_t buf[GDB_PACKET_MAX];
	struct vcpu *v = stub_vcpu(s, s->g_vcpu);
	char *data, *end = args + plen;
	uint64_t addr, len;

	if (!stub_need_held(s))
		return;
	if (!v || !parse_addr_len(&args, &addr, &len) || *args != ':' || len > sizeof(buf)) {
		rp_str(s, "E02");
		return;
	}
	data = args + 1;
	if (binary) {
		if (gdb_unescape(data, (size_t)(end - data)) != len) {
			rp_str(s, "E02");
			return;
		}
		memcpy(buf, data, (size_t)len);
	} else if ((size_t)(end - data) != 2 * len || !gdb_fromhex(data, (size_t)len, buf)) {
		rp_str(s, "E02");
		return;
	}
	rp_str(s, guestmem_write(v, stub_space(s), addr, buf, (size_t)len) == len ? "OK" : "E14");
}

static int stub_find_bp(const struct stub *s, uint32_t addr)
{
	unsigned int i;

	for (i = 0; i < s->nbp; i++)
		if (s->bp[i].addr == addr)
			return (int)i;
	return -1;
}

static void stub_insert_bp(struct stub *s, uint32_t addr)
{
	struct vcpu *v = stub_vcpu(s, s->g_vcpu);
	uint32_t insn = ARCH_BREAK_INSN;
	struct stub_bp *b;
	uint64_t gpa = addr;
	unsigned int i;

	if (addr & 3 || !v ||
	    (!s->phys && !arch_guest_translate(v, addr, true, &gpa))) {
		rp_str(s, "E14");
		return;
	}
	for (i = 0; i < s->nbp; i++)
		if (s->bp[i].gpa == gpa) { /* the same instruction seen twice */
			rp_str(s, "OK");
			return;
		}
	if (s->nbp == STUB_MAX_BP) {
		rp_str(s, "E28");
		return;
	}
	b = &s->bp[s->nbp];
	if (guestmem_read(v, GUESTMEM_PHYS, gpa, &b->orig, 4) != 4 ||
	    guestmem_write(v, GUESTMEM_PHYS, gpa, &insn, 4) != 4) {
		rp_str(s, "E14");
		return;
	}
	b->addr = addr;
	b->gpa = gpa;
	s->nbp++;
	rp_str(s, "OK");
}

/* Z/z TYPE,ADDR,KIND */
static void pkt_point(struct stub *s, char *args, bool insert)
{
	struct arch_hw_point pt;
	unsigned int type = (unsigned int)(args[0] - '0'), i;
	uint64_t addr, kind;
	int k;

	args++;
	if (type > 4 || *args++ != ',' || !parse_addr_len(&args, &addr, &kind) ||
	    addr > UINT32_MAX || !kind || kind > 0x1000) {
		rp_str(s, "E02");
		return;
	}
	if (!stub_need_held(s))
		return;
	if (type == 0) {
		k = stub_find_bp(s, (uint32_t)addr);
		if (insert)
			stub_insert_bp(s, (uint32_t)addr);
		else if (k >= 0)
			stub_remove_bp(s, (unsigned int)k);
		if (!insert)
			rp_str(s, "OK");
		return;
	}
	pt.addr = (uint32_t)addr;
	pt.len = type == 1 ? 4 : (uint32_t)kind;
	pt.kind = (enum arch_hw_kind)type;
	for (i = 0; i < s->nhw; i++)
		if (s->hw[i].addr == pt.addr && s->hw[i].len == pt.len && s->hw[i].kind == pt.kind)
			break;
	if (!insert) {
		if (i < s->nhw)
			s->hw[i] = s->hw[--s->nhw];
		rp_str(s, "OK");
		return;
	}
	if (i < s->nhw) {
		rp_str(s, "OK");
		return;
	}
	if (s->nhw == STUB_MAX_HW || !arch_debug_hw_fits(s->hw, s->nhw, &pt)) {
		rp_str(s, "E28"); /* gdb: cannot insert (too many, or too long) */
		return;
	}
	s->hw[s->nhw++] = pt;
	rp_str(s, "OK");
}

/* vCont;ACTION[:THREAD]...: for each vCPU, the leftmost action naming it applies. */
static void pkt_vcont(struct stub *s, char *args)
{
	struct partition *p = stub_part(s);
	uint8_t act[PART_MAX_VCPUS];
	unsigned int n;

	for (n = 0; n < PART_MAX_VCPUS; n++)
		act[n] = ACT_UNSET;
	while (*args == ';') {
		char a = *++args;
		uint8_t what;
		uint64_t sig;
		int vcpu = -1;

		args++;
		if (a == 'c' || a == 'C')
			what = ACT_CONT;
		else if (a == 's' || a == 'S')
			what = ACT_STEP;
		else if (a == 't')
			what = ACT_STAY;
		else
			goto bad;
		if ((a == 'C' || a == 'S') && !parse_hex(&args, &sig))
			goto bad;
		if (*args == ':') {
			args++;
			if (!parse_thread(s, &args, &vcpu))
				goto bad;
		}
		for (n = 0; n < p->nvcpus; n++)
			if (act[n] == ACT_UNSET && (vcpu < 0 || (unsigned int)vcpu == n))
				act[n] = what;
	}
	if (*args)
		goto bad;
	for (n = 0; n < PART_MAX_VCPUS; n++)
		if (act[n] == ACT_UNSET)
			act[n] = ACT_STAY;
	stub_resume(s, act);
	return;
bad:
	rp_str(s, "E02");
}

/* c [addr], s [addr], C sig[;addr], S sig[;addr]: the old way, for the Hc thread. */
static void pkt_continue(struct stub *s, char *args, bool step, bool sig)
{
	uint8_t act[PART_MAX_VCPUS];
	struct vcpu *v = stub_vcpu(s, s->c_vcpu);
	uint64_t val;
	unsigned int n;

	if (sig && (!parse_hex(&args, &val) || (*args && *args++ != ';'))) {
		rp_str(s, "E02");
		return;
	}
	if (*args && parse_hex(&args, &val) && v && sched_all_held(stub_part(s)))
		v->arch.regs.pc = (uint32_t)val & ~3u; /* resume elsewhere */
	for (n = 0; n < PART_MAX_VCPUS; n++)
		act[n] = step ? ACT_STAY : ACT_CONT;
	if (step && v)
		act[v->id] = ACT_STEP;
	stub_resume(s, act);
}

static void pkt_thread_extra(struct stub *s, char *args)
{
	struct partition *p = stub_part(s);
	const struct vcpu *v;
	char text[64];
	int n;

	if (!parse_thread(s, &args, &n) || n < 0 || !p->vcpu[n]) {
		rp_str(s, "E02");
		return;
	}
	v = p->vcpu[n];
	n = snprintf(text, sizeof(text), "vCPU %u on CPU %u%s", v->id, v->cpu,
		     v->held ? "" : v->parked ? ", not started" : ", running");
	rp_hex(s, text, (size_t)n);
}

/* monitor COMMAND (qRcmd) */
static void pkt_monitor(struct stub *s, char *args)
{
	char cmd[64];
	size_t n = strlen(args) / 2;

	if (n >= sizeof(cmd) || !gdb_fromhex(args, n, (uint8_t *)cmd)) {
		rp_str(s, "E02");
		return;
	}
	cmd[n] = '\0';
	if (!strcmp(cmd, "phys")) {
		s->phys = true;
		stub_console(s, "memory: guest-physical addresses\n");
	} else if (!strcmp(cmd, "virt")) {
		s->phys = false;
		stub_console(s, "memory: effective addresses, the thread's translation\n");
	} else {
		stub_console(s, "beryl's debug stub: monitor phys (memory by guest-physical "
				"address), monitor virt (by effective address, the default)\n");
		if (strcmp(cmd, "help")) {
			rp_str(s, "E01");
			return;
		}
	}
	rp_str(s, "OK");
}

static void pkt_xfer_features(struct stub *s, char *args)
{
	char *colon = strchr(args, ':');
	const char *xml;
	uint64_t off, len;
	unsigned int size;
	size_t used, out;

	if (!colon) {
		rp_str(s, "E00");
		return;
	}
	*colon++ = '\0';
	xml = arch_gdb_xml(args, &size);
	if (!xml || !parse_addr_len(&colon, &off, &len)) {
		rp_str(s, "E00");
		return;
	}
	if (off >= size) {
		rp_str(s, "l");
		return;
	}
	if (len > GDB_PACKET_MAX - 1)
		len = GDB_PACKET_MAX - 1;
	out = gdb_escape((const uint8_t *)xml + off, size - (size_t)off, s->reply + 1,
			 (size_t)len, &used);
	s->reply[0] = off + used < size ? 'm' : 'l';
	s->rlen = 1 + out;
}

static void pkt_query(struct stub *s, char *pkt)
{
	struct partition *p = stub_part(s);
	unsigned int n;

	if (!strncmp(pkt, "qSupported", 10)) {
		rp_fmt(s, "PacketSize=%x;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+",
		       GDB_PACKET_MAX);
	} else if (!strncmp(pkt, "qXfer:features:read:", 20)) {
		pkt_xfer_features(s, pkt + 20);
	} else if (!strcmp(pkt, "qfThreadInfo")) {
		rp_str(s, "m");
		for (n = 0; n < p->nvcpus; n++)
			rp_fmt(s, "%s%x", n ? "," : "", n + 1);
	} else if (!strcmp(pkt, "qsThreadInfo")) {
		rp_str(s, "l");
	} else if (!strcmp(pkt, "qC")) {
		rp_fmt(s, "QC%x", s->vcpu + 1);
	} else if (!strcmp(pkt, "qAttached")) {
		rp_str(s, "1"); /* detaching lets the partition run on */
	} else if (!strncmp(pkt, "qThreadExtraInfo,", 17)) {
		pkt_thread_extra(s, pkt + 17);
	} else if (!strncmp(pkt, "qRcmd,", 6)) {
		pkt_monitor(s, pkt + 6);
	} else if (!strncmp(pkt, "qSymbol:", 8)) {
		rp_str(s, "OK");
	}
	/* anything else: unsupported (an empty reply) */
}

static void stub_kill(struct stub *s)
{
	stub_end(s);
	partition_stop(stub_part(s), "killed by its debugger");
}

static void pkt_v(struct stub *s, char *pkt)
{
	if (!strcmp(pkt, "vCont?")) {
		rp_str(s, "vCont;c;C;s;S;t");
	} else if (!strncmp(pkt, "vCont;", 6)) {
		pkt_vcont(s, pkt + 5);
	} else if (!strncmp(pkt, "vKill", 5)) {
		rp_str(s, "OK");
		stub_send(s, s->reply, s->rlen);
		s->no_reply = true;
		stub_kill(s);
	}
}

static void pkt_thread_select(struct stub *s, char *args)
{
	char which = *args++;
	int vcpu;

	if ((which != 'g' && which != 'c') || !parse_thread(s, &args, &vcpu) || *args) {
		rp_str(s, "E02");
		return;
	}
	if (which == 'g')
		s->g_vcpu = vcpu;
	else
		s->c_vcpu = vcpu;
	rp_str(s, "OK");
}

static void stub_packet(struct stub *s, char *pkt, size_t len)
{
	struct partition *p = stub_part(s);
	char *args = pkt + 1;
	int vcpu;

	s->rlen = 0;
	s->no_reply = false;
	switch (pkt[0]) {
	case '?':
		/* the stop as it stands, once every vCPU is held */
		stub_stop(s, STUB_SIGTRAP);
		s->running = true;
		s->no_reply = true;
		stub_try_report(s);
		break;
	case 'g':
		pkt_read_regs(s);
		break;
	case 'G':
		pkt_write_regs(s, args);
		break;
	case 'p':
	case 'P':
		pkt_reg(s, args, pkt[0] == 'P');
		break;
	case 'm':
		pkt_read_mem(s, args);
		break;
	case 'M':
	case 'X':
		pkt_write_mem(s, args, len - 1, pkt[0] == 'X');
		break;
	case 'c':
	case 's':
		pkt_continue(s, args, pkt[0] == 's', false);
		break;
	case 'C':
	case 'S':
		pkt_continue(s, args, pkt[0] == 'S', true);
		break;
	case 'v':
		pkt_v(s, pkt);
		break;
	case 'H':
		pkt_thread_select(s, args);
		break;
	case 'T':
		rp_str(s, parse_thread(s, &args, &vcpu) && vcpu >= 0 ? "OK" : "E02");
		break;
	case 'q':
		pkt_query(s, pkt);
		break;
	case 'Z':
	case 'z':
		pkt_point(s, args, pkt[0] == 'Z');
		break;
	case 'D':
		rp_str(s, "OK");
		stub_send(s, s->reply, s->rlen);
		s->no_reply = true;
		pr_info("partition %s: its debugger detached\n", p->name);
		stub_end(s);
		sched_unhold(p, VCPU_HOLD_DEBUG);
		break;
	case 'k':
		s->no_reply = true;
		stub_kill(s);
		break;
	default:
		break; /* unsupported: the empty reply */
	}
	if (!s->no_reply)
		stub_send(s, s->reply, s->rlen);
}

/* A packet from gdb while no session is on: gdb attached; the partition stops. */
static void stub_attach(struct stub *s)
{
	struct partition *p = stub_part(s);

	s->session = true;
	s->running = false;
	s->phys = false;
	s->g_vcpu = s->c_vcpu = -1;
	s->nbp = s->nhw = 0;
	pr_info("partition %s: a debugger attached\n", p->name);
	stub_stop(s, STUB_SIGTRAP);
}

/* ------------------------------------------------------ the stub's API */

void gdbstub_input(unsigned int idx, const uint8_t *data, size_t len)
{
	struct stub *s = &stubs[idx];
	size_t i;

	if (idx >= npartitions || partitions[idx].debug == PART_DEBUG_OFF)
		return;
	spin_lock(&s->lock);
	for (i = 0; i < len; i++) {
		switch (gdb_rx_byte(&s->rx, data[i])) {
		case GDB_RX_PACKET:
			stub_write(s, "+", 1);
			if (!s->session && s->rx.buf[0] == 'D') { /* nothing to detach from */
				stub_send(s, "OK", 2);
				break;
			}
			if (!s->session)
				stub_attach(s);
			stub_packet(s, s->rx.buf, s->rx.len);
			break;
		case GDB_RX_BAD:
			stub_write(s, "-", 1);
			break;
		case GDB_RX_NAK:
			if (s->last_len)
				stub_write(s, s->last, s->last_len);
			break;
		case GDB_RX_INTERRUPT:
			if (s->session && s->running) {
				stub_stop(s, STUB_SIGINT);
				stub_try_report(s);
			}
			break;
		default:
			break;
		}
	}
	spin_unlock(&s->lock);
}

bool gdbstub_event(struct vcpu *v, enum gdbstub_stop why, uint32_t addr)
{
	struct stub *s = stub_of(v->part);

	spin_lock(&s->lock);
	if (!s->session) {
		spin_unlock(&s->lock);
		return false;
	}
	stub_record(s, why, STUB_SIGTRAP, v->id, addr);
	spin_unlock(&s->lock);
	sched_hold(v->part, VCPU_HOLD_DEBUG);
	return true;
}

bool gdbstub_breakpoint(struct vcpu *v)
{
	const struct stub *s = stub_of(v->part);
	uint64_t gpa;
	unsigned int i;

	/* the list only changes while every vCPU is held: v runs, it is stable */
	if (!s->nbp || !arch_guest_translate(v, v->arch.regs.pc, true, &gpa))
		return false;
	for (i = 0; i < s->nbp; i++)
		if (s->bp[i].gpa == gpa)
			return true;
	return false;
}

void gdbstub_held(struct partition *p)
{
	struct stub *s = stub_of(p);

	if (!s->session)
		return;
	spin_lock(&s->lock);
	if (s->session)
		stub_try_report(s);
	spin_unlock(&s->lock);
}

void gdbstub_loaded(struct partition *p)
{
	struct stub *s = stub_of(p);
	uint32_t insn = ARCH_BREAK_INSN;
	unsigned int i, n;

	if (p->debug == PART_DEBUG_OFF)
		return;
	spin_lock(&s->lock);
	/* held at the first instruction: for gdb to come, or for the one attached */
	if (p->debug == PART_DEBUG_WAIT || s->session) {
		for (n = 0; n < p->nvcpus; n++)
			p->vcpu[n]->hold = VCPU_HOLD_DEBUG;
		s->stopped = false;
		stub_record(s, 0, STUB_SIGTRAP, 0, 0);
		if (!s->session)
			pr_info("partition %s: held at its first instruction for its debugger "
				"(console channel %u)\n", p->name,
				CONSOLE_CHAN_GDB((unsigned int)(s - stubs)));
	}
	/* the fresh image gets the breakpoints again, and each vCPU the hardware points */
	for (i = 0; i < s->nbp; i++)
		if (guestmem_read(p->vcpu[0], GUESTMEM_PHYS, s->bp[i].gpa, &s->bp[i].orig, 4) != 4 ||
		    guestmem_write(p->vcpu[0], GUESTMEM_PHYS, s->bp[i].gpa, &insn, 4) != 4)
			s->bp[i--] = s->bp[--s->nbp];
	if (s->session)
		stub_arm(s, NULL);
	spin_unlock(&s->lock);
}

void gdbstub_stopped(struct partition *p)
{
	struct stub *s = stub_of(p);

	if (!s->session)
		return;
	spin_lock(&s->lock);
	if (s->session)
		stub_exited(s);
	spin_unlock(&s->lock);
}
