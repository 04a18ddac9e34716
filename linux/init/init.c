// SPDX-License-Identifier: GPL-2.0-only
/*
 * init.c: /init (PID 1) of beryl's Linux test guest.
 *
 * Mounts proc, sysfs, devtmpfs and tmpfs, runs a list of checks, each
 * printing one line "check <name>: ok", "check <name>: FAIL <detail>" or,
 * for a check of hardware the machine or partition does not have,
 * "check <name>: skipped: <reason>", prints "init: <n> passed, <m> failed,
 * <k> skipped", then benchmark lines
 * "bench <name> <timebase ticks>" (with "beryl_bench=full" on the kernel
 * command line also a pipe ping-pong, an mmap churn and forks of a large
 * process, for make bench), and powers the machine off.
 * Run as "/init worker <code>" it just exits with <code> (the child of the
 * fork+execve check and benchmark).
 *
 * The same kernel and /init boot natively on QEMU and as a beryl guest;
 * tests/system/linux_guest.py parses the output. Apart from numbers the
 * output is deterministic.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <linux/fsl_hypervisor.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define NSEC_PER_SEC	1000000000ULL
#define PAGE		4096UL
#define WORDS_PER_PAGE	(PAGE / sizeof(uint32_t))

#define MEM_PAGES	384	/* pages under test in the memory checks */
#define COW_CHILDREN	4
#define FORK_CHILDREN	64
#define SLEEP_NS	100000000ULL	/* 100 ms */
#define SLEEP_ROUNDS	5
#define ECHO_TIMEOUT_MS	60000	/* the harness types at once; a loaded host is slow to */
#define SMP_MAX_CPUS	16
#define SMP_SPIN_NS	50000000ULL	/* 50 ms of work pinned to each CPU */
#define BENCH_FORKS	200
#define TOUCH_BYTES	(64UL << 20)
#define COMPUTE_ITERS	100000000U
#define PINGPONG_ROUNDS	5000	/* the full set ("beryl_bench=full" on the command line) */
#define MMAP_ROUNDS	2000
#define MMAP_PAGES	16
#define RSS_BYTES	(32UL << 20)
#define RSS_FORKS	20

#define SYSLOG_ACTION_CONSOLE_LEVEL	8	/* klogctl(), see syslog(2) */

static char **init_envp;
static uint64_t tb_freq;

/* The 64-bit timebase, read from user mode (SPRs 268/269 are readable at PR=1). */
static uint64_t read_tb(void)
{
	uint32_t hi, lo, hi2;

	do {
		asm volatile("mfspr %0, 269" : "=r"(hi));
		asm volatile("mfspr %0, 268" : "=r"(lo));
		asm volatile("mfspr %0, 269" : "=r"(hi2));
	} while (hi != hi2);
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t tb_to_ns(uint64_t ticks)
{
	return tb_freq ? ticks * NSEC_PER_SEC / tb_freq : 0;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/*
 * Check bodies return 0 on success, -1 after describing the failure here,
 * or 1 (skipped) after giving the reason here.
 */
static char detail[256];

static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Flush stdout and wait until the console has sent it (tcdrain). The
 * kernel's power-off, reboot and panic do not wait for the tty's output
 * buffer: without this the last lines of /init can be lost on their way
 * out (seen: "init: power off" missing while the kernel's own "reboot:
 * Power down", written synchronously, came).
 */
static void console_drain(void)
{
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
}

/* fork() with stdio flushed, so a child never repeats buffered output. */
static pid_t fork_flushed(void)
{
	fflush(stdout);
	return fork();
}

/* Wait for pid; its exit code, or -1 (with detail) if it did not exit normally. */
static int wait_code(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return fail("waitpid(%d): %s", pid, strerror(errno));
	if (!WIFEXITED(status))
		return fail("child %d: status 0x%x", pid, status);
	return WEXITSTATUS(status);
}

/* Run "/init worker <code>" in a new process; its exit code or -1. */
static int spawn_worker(int code)
{
	char arg[16];
	char *argv[] = { "/init", "worker", arg, NULL };
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", code);
	pid = fork_flushed();
	if (pid < 0)
		return fail("fork: %s", strerror(errno));
	if (pid == 0) {
		execve("/init", argv, init_envp);
		_exit(255);
	}
	return wait_code(pid);
}

/* ------------------------------------------------------------------------ */
/* Memory patterns */

static uint32_t pattern(uint32_t seed, unsigned long page, unsigned long word)
{
	return seed ^ (page * 0x9e3779b1u) ^ (word * 0x85ebca77u) ^ (word << 24);
}

static void fill(uint32_t *mem, unsigned long first, unsigned long npages, uint32_t seed)
{
	unsigned long p, w;

	for (p = first; p < first + npages; p++)
		for (w = 0; w < WORDS_PER_PAGE; w++)
			mem[p * WORDS_PER_PAGE + w] = pattern(seed, p, w);
}

/* Index of the first word that does not hold the pattern, or -1. */
static long verify(const uint32_t *mem, unsigned long first, unsigned long npages, uint32_t seed)
{
	unsigned long p, w;

	for (p = first; p < first + npages; p++)
		for (w = 0; w < WORDS_PER_PAGE; w++)
			if (mem[p * WORDS_PER_PAGE + w] != pattern(seed, p, w))
				return p * WORDS_PER_PAGE + w;
	return -1;
}

static uint32_t *map_pages(unsigned long npages)
{
	void *m = mmap(NULL, npages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return m == MAP_FAILED ? NULL : m;
}

/* Map, fill, verify and unmap regions of varying size, some kept alive. */
static int churn(unsigned int rounds, uint32_t seed)
{
	uint32_t *live[8] = { NULL };
	unsigned long size[8] = { 0 };
	unsigned int i, slot;
	long bad;

	for (i = 0; i < rounds; i++) {
		slot = i % ARRAY_SIZE(live);
		if (live[slot]) {
			bad = verify(live[slot], 0, size[slot], seed + slot);
			if (bad >= 0)
				return fail("churn round %u: word %ld of a %lu-page mapping",
					    i, bad, size[slot]);
			munmap(live[slot], size[slot] * PAGE);
		}
		size[slot] = 1 + (i * 37) % 48;
		live[slot] = map_pages(size[slot]);
		if (!live[slot])
			return fail("churn round %u: mmap: %s", i, strerror(errno));
		fill(live[slot], 0, size[slot], seed + slot);
	}
	for (slot = 0; slot < ARRAY_SIZE(live); slot++) {
		bad = verify(live[slot], 0, size[slot], seed + slot);
		if (bad >= 0)
			return fail("churn end: word %ld of a %lu-page mapping", bad, size[slot]);
		munmap(live[slot], size[slot] * PAGE);
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Checks */

static int check_mount(void)
{
	static const struct {
		const char *src, *dir, *type;
	} fs[] = {
		{ "proc", "/proc", "proc" },
		{ "sysfs", "/sys", "sysfs" },
		{ "devtmpfs", "/dev", "devtmpfs" },
		{ "tmpfs", "/tmp", "tmpfs" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fs); i++)
		if (mount(fs[i].src, fs[i].dir, fs[i].type, 0, NULL) && errno != EBUSY)
			return fail("mount %s: %s", fs[i].dir, strerror(errno));
	if (access("/proc/interrupts", R_OK) || access("/sys/kernel", R_OK) ||
	    access("/dev/console", R_OK))
		return fail("mounted filesystems are not populated");
	return 0;
}

/* Many children exiting with distinct codes; waitpid must collect each once. */
static int check_fork_wait(void)
{
	pid_t pids[FORK_CHILDREN];
	unsigned int i, j, seen = 0;
	int status;
	pid_t pid;

	for (i = 0; i < FORK_CHILDREN; i++) {
		pids[i] = fork_flushed();
		if (pids[i] < 0)
			return fail("fork %u: %s", i, strerror(errno));
		if (pids[i] == 0)
			_exit(i + 1);
	}
	for (i = 0; i < FORK_CHILDREN; i++) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0)
			return fail("waitpid after %u: %s", seen, strerror(errno));
		for (j = 0; j < FORK_CHILDREN && pids[j] != pid; j++)
			;
		if (j == FORK_CHILDREN)
			return fail("unknown child %d", pid);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != j + 1)
			return fail("child %u: status 0x%x", j, status);
		pids[j] = 0;
		seen++;
	}
	if (waitpid(-1, &status, WNOHANG) != -1 || errno != ECHILD)
		return fail("children left over");
	return 0;
}

/* fork + execve of /init as a worker that exits with a given code. */
static int check_fork_exec(void)
{
	static const int codes[] = { 0, 7, 42, 201 };
	unsigned int i;
	int code;

	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		code = spawn_worker(codes[i]);
		if (code < 0)
			return -1;
		if (code != codes[i])
			return fail("worker %d exited with %d", codes[i], code);
	}
	return 0;
}

static uint32_t *mem;

static int check_memory_pattern(void)
{
	long bad;

	mem = map_pages(MEM_PAGES);
	if (!mem)
		return fail("mmap %u pages: %s", MEM_PAGES, strerror(errno));
	fill(mem, 0, MEM_PAGES, 0xa5a50000);
	bad = verify(mem, 0, MEM_PAGES, 0xa5a50000);
	if (bad >= 0)
		return fail("word %ld", bad);
	return 0;
}

/*
 * Children write their own patterns over their copy-on-write copies of the
 * pages (and churn mappings) while the parent checks its data stays intact.
 */
static int check_memory_cow(void)
{
	pid_t pids[COW_CHILDREN];
	unsigned int i;
	long bad;
	int code, ret = 0;

	if (!mem)
		return fail("no memory from memory-pattern");
	for (i = 0; i < COW_CHILDREN; i++) {
		pids[i] = fork_flushed();
		if (pids[i] < 0)
			return fail("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			uint32_t seed = 0x1000 * (i + 1);

			if (verify(mem, 0, MEM_PAGES, 0xa5a50000) >= 0)
				_exit(1);
			fill(mem, 0, MEM_PAGES, seed);
			if (churn(40, seed ^ 0xc0de0000))
				_exit(2);
			if (verify(mem, 0, MEM_PAGES, seed) >= 0)
				_exit(3);
			_exit(0);
		}
	}
	bad = verify(mem, 0, MEM_PAGES, 0xa5a50000);
	for (i = 0; i < COW_CHILDREN; i++) {
		code = wait_code(pids[i]);
		if (code && !ret)
			ret = code < 0 ? -1 : fail("child %u: exit %d", i, code);
	}
	if (ret)
		return ret;
	if (bad < 0)
		bad = verify(mem, 0, MEM_PAGES, 0xa5a50000);
	if (bad >= 0)
		return fail("parent word %ld changed", bad);
	/* The parent writes after the children are gone: its pages are its own. */
	fill(mem, 0, MEM_PAGES, 0x5a5a0000);
	bad = verify(mem, 0, MEM_PAGES, 0x5a5a0000);
	if (bad >= 0)
		return fail("parent rewrite word %ld", bad);
	return 0;
}

/* mmap/munmap churn; replace the middle of the big region with fresh pages. */
static int check_memory_churn(void)
{
	unsigned long mid = MEM_PAGES / 4, nmid = MEM_PAGES / 2, w;
	void *m;
	long bad;

	if (!mem)
		return fail("no memory from memory-pattern");
	if (churn(200, 0x77770000))
		return -1;
	if (munmap(mem + mid * WORDS_PER_PAGE, nmid * PAGE))
		return fail("munmap: %s", strerror(errno));
	m = mmap(mem + mid * WORDS_PER_PAGE, nmid * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (m != mem + mid * WORDS_PER_PAGE)
		return fail("mmap fixed: %s", strerror(errno));
	for (w = mid * WORDS_PER_PAGE; w < (mid + nmid) * WORDS_PER_PAGE; w++)
		if (mem[w])
			return fail("fresh page word %lu not zero", w);
	bad = verify(mem, 0, mid, 0x5a5a0000);
	if (bad < 0)
		bad = verify(mem, mid + nmid, MEM_PAGES - mid - nmid, 0x5a5a0000);
	if (bad >= 0)
		return fail("word %ld around the replaced range", bad);
	fill(mem, mid, nmid, 0x33330000);
	bad = verify(mem, mid, nmid, 0x33330000);
	if (bad >= 0)
		return fail("replaced range word %ld", bad);
	munmap(mem, MEM_PAGES * PAGE);
	mem = NULL;
	return 0;
}

static uint64_t sleep_mono[SLEEP_ROUNDS], sleep_tb[SLEEP_ROUNDS], sleep_window[SLEEP_ROUNDS];

/*
 * How much longer than asked a sleep may take on average, in percent. On
 * QEMU without -icount the guest's clocks follow the host's, and how late
 * a sleep ends is mostly how late a loaded host runs QEMU: 100%, which
 * only a timer that fires at the wrong time (or not at all) exceeds. Under
 * -icount shift=0,sleep=off the guest's time counts its instructions, the
 * host's load does not show, and lateness is the kernel's and the
 * hypervisor's own: the harness then puts beryl_timing=strict on the
 * kernel command line (unknown "name=value" arguments reach init as
 * environment variables) and the bound is 10%.
 */
static unsigned int sleep_slack_pct(void)
{
	const char *timing = getenv("beryl_timing");

	return timing && !strcmp(timing, "strict") ? 10 : 100;
}

static int check_sleep_monotonic(void)
{
	struct timespec req = { 0, SLEEP_NS }, rem;
	uint64_t t0, t0b, t1a, tb0, sum = 0, min = ~0ULL, max = 0;
	unsigned int i;
	int r;

	for (i = 0; i < SLEEP_ROUNDS; i++) {
		req.tv_nsec = SLEEP_NS;
		t0 = mono_ns();
		tb0 = read_tb();
		t0b = mono_ns();
		while ((r = nanosleep(&req, &rem)) && errno == EINTR)
			req = rem;
		if (r)
			return fail("nanosleep: %s", strerror(errno));
		t1a = mono_ns();
		sleep_tb[i] = read_tb() - tb0;
		sleep_mono[i] = mono_ns() - t0;
		/* the clock readings around the timebase ones: preemption there
		 * (other vCPUs, other partitions) separates the two intervals */
		sleep_window[i] = (t0b - t0) + (t0 + sleep_mono[i] - t1a);
		sum += sleep_mono[i];
		min = sleep_mono[i] < min ? sleep_mono[i] : min;
		max = sleep_mono[i] > max ? sleep_mono[i] : max;
	}
	printf("info sleep-slack-pct %u\n", sleep_slack_pct());
	printf("info sleep-100ms-ns mean %llu min %llu max %llu\n",
	       (unsigned long long)(sum / SLEEP_ROUNDS), (unsigned long long)min,
	       (unsigned long long)max);
	if (min < SLEEP_NS)
		return fail("slept %llu ns, less than %llu", (unsigned long long)min, SLEEP_NS);
	if (sum / SLEEP_ROUNDS > SLEEP_NS * (100 + sleep_slack_pct()) / 100)
		return fail("mean sleep %llu ns, more than %u%% over",
			    (unsigned long long)(sum / SLEEP_ROUNDS), sleep_slack_pct());
	return 0;
}

/* The same sleeps measured with the timebase: as long, and as CLOCK_MONOTONIC. */
static int check_sleep_timebase(void)
{
	uint64_t ns, sum = 0, diff;
	unsigned int i;

	if (!tb_freq)
		return fail("no timebase frequency in /proc/cpuinfo");
	for (i = 0; i < SLEEP_ROUNDS; i++) {
		ns = tb_to_ns(sleep_tb[i]);
		sum += ns;
		if (ns < SLEEP_NS * 99 / 100)
			return fail("sleep %u: %llu ns by the timebase", i, (unsigned long long)ns);
		diff = ns > sleep_mono[i] ? ns - sleep_mono[i] : sleep_mono[i] - ns;
		if (diff > sleep_mono[i] / 100 + sleep_window[i])
			return fail("sleep %u: timebase %llu ns, CLOCK_MONOTONIC %llu ns "
				    "(readings %llu ns apart)", i, (unsigned long long)ns,
				    (unsigned long long)sleep_mono[i],
				    (unsigned long long)sleep_window[i]);
	}
	if (sum / SLEEP_ROUNDS > SLEEP_NS * (100 + sleep_slack_pct()) / 100)
		return fail("mean sleep %llu ns by the timebase, more than %u%% over",
			    (unsigned long long)(sum / SLEEP_ROUNDS), sleep_slack_pct());
	return 0;
}

/*
 * Sum over CPUs of the first row of /proc/interrupts whose label (before
 * the colon) is label, or, with label NULL, that names the handler name;
 * -1 if there is none.
 */
static long long irq_row(const char *label, const char *name)
{
	char line[512], *p, *end;
	long long sum = -1;
	FILE *f;

	f = fopen("/proc/interrupts", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		p = line + strspn(line, " ");
		if (label ? strncmp(p, label, strlen(label)) || p[strlen(label)] != ':'
			  : !strstr(p, name))
			continue;
		sum = 0;
		for (p = strchr(p, ':') + 1;; p = end) {
			long long n = strtoll(p, &end, 10);

			if (end == p)
				break;
			sum += n;
		}
		break;
	}
	fclose(f);
	return sum;
}

/*
 * The "LOC:" row. On powerpc (6.1) it is "Local timer interrupts for timer
 * event device": decrementer interrupts that ran the clockevent handler.
 */
static long long timer_irqs(void)
{
	return irq_row("LOC", NULL);
}

static int check_timer_irqs(void)
{
	struct timespec req = { 0, SLEEP_NS };
	long long before, after;
	uint64_t t0;

	before = timer_irqs();
	if (before < 0)
		return fail("no LOC row in /proc/interrupts");
	t0 = mono_ns();
	while (mono_ns() - t0 < SLEEP_NS / 2)
		;		/* busy: periodic ticks */
	if (nanosleep(&req, NULL))	/* idle: the wake-up event */
		return fail("nanosleep: %s", strerror(errno));
	after = timer_irqs();
	printf("info timer-irqs %lld\n", after - before);
	if (after <= before)
		return fail("LOC %lld before, %lld after 150 ms", before, after);
	return 0;
}

/* A node called name (or name@unit) anywhere below the device-tree directory dir. */
static int dt_has_node(const char *dir, const char *name)
{
	size_t len = strlen(name);
	struct dirent *e;
	char sub[512];
	int found = 0;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (!strncmp(e->d_name, name, len) && (!e->d_name[len] || e->d_name[len] == '@'))
			found = 1;
		snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
		found = found || dt_has_node(sub, name);
	}
	closedir(d);
	return found;
}

/* The first line of a small file, without its newline; -1 (with detail) if unreadable. */
static int read_line(const char *path, char *buf, int len)
{
	FILE *f = fopen(path, "r");

	if (!f || !fgets(buf, len, f)) {
		if (f)
			fclose(f);
		return fail("%s: %s", path, strerror(errno));
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/*
 * The RTC on the I2C bus (QEMU's ppce500: a DS1338 at i2c@3000/rtc@68
 * keeping the host's time), if the device tree has one: Linux's i2c-mpc
 * and rtc-ds1307 drivers must have probed it. Reading it is an I2C transfer
 * that moves each byte on an interrupt of the controller (i2c-mpc has no
 * polling mode), so the controller's interrupt count must grow. Prints the
 * date and time (UTC) and the count. A beryl partition the controller is
 * not assigned to has no such node: skipped.
 */
static int check_rtc(void)
{
	char date[64], tod[64], name[64];
	long long before, after;
	uint64_t t0, t1;

	if (!dt_has_node("/proc/device-tree", "rtc")) {
		snprintf(detail, sizeof(detail), "no rtc");
		return 1;
	}
	if (access("/sys/class/rtc/rtc0", F_OK))
		return fail("the device tree has an rtc node but there is no "
			    "/sys/class/rtc/rtc0 (no driver probed it)");
	before = irq_row(NULL, "i2c-mpc");
	if (read_line("/sys/class/rtc/rtc0/name", name, sizeof(name)) ||
	    read_line("/sys/class/rtc/rtc0/date", date, sizeof(date)))
		return -1;
	t0 = mono_ns();
	if (read_line("/sys/class/rtc/rtc0/time", tod, sizeof(tod)))
		return -1;
	t1 = mono_ns();
	after = irq_row(NULL, "i2c-mpc");
	printf("info rtc-name %s\n", name);
	printf("info rtc-time %s %s\n", date, tod);
	printf("info i2c-irqs %lld\n", after);
	/* one RTC read: an I2C transfer of the time registers, byte by byte */
	printf("info rtc-read-ns %llu\n", (unsigned long long)(t1 - t0));
	if (before < 0)
		return fail("no i2c-mpc row in /proc/interrupts");
	if (after <= before)
		return fail("i2c-mpc interrupts: %lld before reading the RTC, %lld after", before,
			    after);
	return 0;
}

/*
 * Sum over CPUs of the /proc/interrupts rows of inter-processor interrupts:
 * the MPIC's IPIs are requested as "ipi call function", "ipi reschedule",
 * "ipi call function single" and "ipi debugger" (powerpc smp.c).
 */
static long long ipi_count(void)
{
	char line[512], *p, *end;
	long long sum = 0;
	FILE *f;

	f = fopen("/proc/interrupts", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "ipi "))
			continue;
		p = strchr(line, ':');
		for (p = p ? p + 1 : line;; p = end) {
			long long n = strtoll(p, &end, 10);

			if (end == p)
				break;
			sum += n;
		}
	}
	fclose(f);
	return sum;
}

/*
 * Every online CPU runs a process pinned to it (sched_setaffinity), all at
 * once, each checking it really runs there (sched_getcpu); with more than
 * one CPU, moving them there and waking them costs the kernel IPIs.
 */
static int check_smp(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN), c;
	long long before = ipi_count(), after;
	pid_t pids[SMP_MAX_CPUS];
	int code;

	printf("info cpus %ld\n", n);
	if (n < 1 || n > SMP_MAX_CPUS)
		return fail("%ld CPUs online", n);
	for (c = 0; c < n; c++) {
		pids[c] = fork_flushed();
		if (pids[c] < 0)
			return fail("fork: %s", strerror(errno));
		if (pids[c] == 0) {
			cpu_set_t set;
			uint64_t t0;

			CPU_ZERO(&set);
			CPU_SET(c, &set);
			if (sched_setaffinity(0, sizeof(set), &set))
				_exit(2);
			t0 = mono_ns();
			while (mono_ns() - t0 < SMP_SPIN_NS)
				if (sched_getcpu() != c)
					_exit(3);
			_exit(0);
		}
	}
	for (c = 0; c < n; c++) {
		code = wait_code(pids[c]);
		if (code)
			return code < 0 ? -1 : fail("process pinned to CPU %ld: exit %d", c, code);
	}
	after = ipi_count();
	printf("info ipis %lld\n", after - before);
	if (n > 1 && after <= before)
		return fail("%ld CPUs and no IPI (%lld before, %lld after)", n, before, after);
	return 0;
}

/*
 * Read a line typed on the console within a timeout. Echo is off (see
 * main): a line typed early waits in the tty without showing up in output.
 */
static int check_console_echo(void)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	char line[256];
	ssize_t n;
	int r;

	printf("init: type a line:\n");
	fflush(stdout);
	r = poll(&pfd, 1, ECHO_TIMEOUT_MS);
	if (r == 0)
		return fail("no input within %d ms", ECHO_TIMEOUT_MS);
	n = r > 0 ? read(0, line, sizeof(line) - 1) : -1;
	if (n < 0)
		return fail("poll/read: %s", strerror(errno));
	if (n == 0)
		return fail("end of file on the console");
	line[n] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	printf("echo: %s\n", line);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} checks[] = {
	{ "mount", check_mount },
	{ "rtc", check_rtc },
	{ "fork-wait", check_fork_wait },
	{ "fork-exec", check_fork_exec },
	{ "memory-pattern", check_memory_pattern },
	{ "memory-cow", check_memory_cow },
	{ "memory-churn", check_memory_churn },
	{ "sleep-monotonic", check_sleep_monotonic },
	{ "sleep-timebase", check_sleep_timebase },
	{ "timer-irqs", check_timer_irqs },
	{ "smp", check_smp },
	{ "console-echo", check_console_echo },
};

/* ------------------------------------------------------------------------ */
/* Benchmarks, in timebase ticks */

static void bench(const char *name, uint64_t ticks)
{
	printf("bench %s %llu\n", name, (unsigned long long)ticks);
}

static void bench_fork_exec(void)
{
	uint64_t t0 = read_tb();
	unsigned int i;
	int code;

	for (i = 0; i < BENCH_FORKS; i++) {
		code = spawn_worker(0);
		if (code) {
			printf("init: fork-exec benchmark: %s\n", code < 0 ? detail : "worker failed");
			return;
		}
	}
	bench("fork-exec", read_tb() - t0);
}

static void bench_touch(void)
{
	unsigned long i, n = TOUCH_BYTES / PAGE;
	volatile uint32_t *m;
	uint64_t t0, t1, t2;

	m = (volatile uint32_t *)map_pages(n);
	if (!m) {
		printf("init: touch64m benchmark: mmap failed\n");
		return;
	}
	t0 = read_tb();
	for (i = 0; i < n; i++)
		m[i * WORDS_PER_PAGE] = i;
	t1 = read_tb();
	for (i = 0; i < n; i++)
		m[i * WORDS_PER_PAGE] += 1;
	t2 = read_tb();
	munmap((void *)m, TOUCH_BYTES);
	bench("touch64m", t2 - t0);
	bench("touch64m-fault", t1 - t0);
	bench("touch64m-warm", t2 - t1);
}

static void bench_compute(void)
{
	uint32_t x = 2463534242u, acc = 0;
	uint64_t t0 = read_tb();
	unsigned int i;

	for (i = 0; i < COMPUTE_ITERS; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		acc += x ^ i;
	}
	bench("compute", read_tb() - t0);
	printf("info compute-result 0x%08x\n", acc);
}

/* One byte back and forth between two processes over two pipes. */
static void bench_pingpong(void)
{
	int up[2], down[2];
	unsigned int i;
	uint64_t t0;
	pid_t pid;
	char c = 'x';

	if (pipe(up) || pipe(down)) {
		printf("init: pingpong benchmark: pipe: %s\n", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < PINGPONG_ROUNDS; i++)
			if (read(down[0], &c, 1) != 1 || write(up[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	t0 = read_tb();
	for (i = 0; pid > 0 && i < PINGPONG_ROUNDS; i++)
		if (write(down[1], &c, 1) != 1 || read(up[0], &c, 1) != 1)
			break;
	if (i == PINGPONG_ROUNDS)
		bench("pipe-pingpong", read_tb() - t0);
	else
		printf("init: pingpong benchmark: stopped after %u rounds\n", i);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
	if (pid > 0)
		wait_code(pid);
}

/* Map, touch every page of, and unmap a small region, over and over. */
static void bench_mmap_churn(void)
{
	uint64_t t0 = read_tb();
	unsigned int i, p;
	uint32_t *m;

	for (i = 0; i < MMAP_ROUNDS; i++) {
		m = map_pages(MMAP_PAGES);
		if (!m) {
			printf("init: mmap-churn benchmark: mmap failed\n");
			return;
		}
		for (p = 0; p < MMAP_PAGES; p++)
			m[p * WORDS_PER_PAGE] = i + p;
		munmap(m, MMAP_PAGES * PAGE);
	}
	bench("mmap-churn", read_tb() - t0);
}

/* fork+exit+wait of a process with 32 MiB resident. */
static void bench_fork_rss(void)
{
	unsigned long i, n = RSS_BYTES / PAGE;
	uint32_t *m = map_pages(n);
	uint64_t t0;
	pid_t pid;

	if (!m) {
		printf("init: fork-rss benchmark: mmap failed\n");
		return;
	}
	for (i = 0; i < n; i++)
		m[i * WORDS_PER_PAGE] = i;
	t0 = read_tb();
	for (i = 0; i < RSS_FORKS; i++) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || wait_code(pid) != 0) {
			printf("init: fork-rss benchmark: fork %lu failed\n", i);
			munmap(m, RSS_BYTES);
			return;
		}
	}
	bench("fork-rss32m", read_tb() - t0);
	munmap(m, RSS_BYTES);
}

/* The full benchmark set only when asked ("beryl_bench=full" in /proc/cmdline). */
static int bench_full(void)
{
	char line[1024];

	return read_line("/proc/cmdline", line, sizeof(line)) == 0 &&
	       strstr(line, "beryl_bench=full") != NULL;
}

/* Timebase frequency from /proc/cpuinfo ("timebase\t: 400000000"). */
static uint64_t read_tb_freq(void)
{
	char line[256];
	unsigned long long f = 0;
	FILE *fp = fopen("/proc/cpuinfo", "r");

	if (!fp)
		return 0;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "timebase : %llu", &f) == 1)
			break;
	fclose(fp);
	return f;
}

/* How many times beryl started this partition (its /hypervisor node), 0 natively. */
static unsigned int read_boot_count(void)
{
	unsigned char b[4];
	int fd = open("/proc/device-tree/hypervisor/beryl,boot-count", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, b, sizeof(b));
	close(fd);
	return n == 4 ? (unsigned int)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : 0;
}

/*
 * Lifecycle tests of the hypervisor, chosen on the kernel command line
 * (unknown "name=value" arguments reach init as environment variables):
 *   beryl_test=reboot  the first boot reboots (a reset request), the next
 *                      runs the checks as usual
 *   beryl_test=panic   init exits, so the kernel panics
 */
static void lifecycle(void)
{
	const char *mode = getenv("beryl_test");
	unsigned int boots = read_boot_count();

	if (!mode)
		return;
	printf("init: boot %u, test %s\n", boots, mode);
	if (!strcmp(mode, "reboot") && boots == 1) {
		printf("init: rebooting\n");
		console_drain();
		sync();
		reboot(RB_AUTOBOOT);
	}
	if (!strcmp(mode, "panic")) {
		printf("init: exiting\n");
		console_drain();
		_exit(3);
	}
}

/* ------------------------------------------------------------------------ */
/* Partition management through Linux's fsl_hypervisor driver (/dev/fsl-hv) */

#define MANAGE_POLL_MS	10

static int hv_status(int fd, uint32_t handle, uint32_t *status)
{
	struct fsl_hv_ioctl_status s = { .partition = handle };

	if (ioctl(fd, FSL_HV_IOCTL_PARTITION_GET_STATUS, &s))
		return -errno;
	*status = s.status;
	return (int)s.ret;
}

/* Poll until the partition's status is want (0 stopped, 1 running); ms taken or -1. */
static long hv_wait_status(int fd, uint32_t handle, uint32_t want, long timeout_ms)
{
	struct timespec req = { 0, MANAGE_POLL_MS * 1000000L };
	uint32_t st = ~0u;
	long ms;

	for (ms = 0; ms <= timeout_ms; ms += MANAGE_POLL_MS) {
		if (hv_status(fd, handle, &st) == 0 && st == want)
			return ms;
		nanosleep(&req, NULL);
	}
	return -1;
}

/*
 * beryl_manage=NAME (kernel command line): this partition manages NAME (a
 * "start = wait" partition). Start it, wait until it stops by itself, start
 * it again, restart it and stop it: each step as the driver's ioctls report
 * it.
 */
static void manage(void)
{
	const char *name = getenv("beryl_manage");
	struct fsl_hv_ioctl_start start = { .entry_point = 0, .load = 1 };
	struct fsl_hv_ioctl_stop stop = { 0 };
	struct fsl_hv_ioctl_restart restart = { 0 };
	char path[160];
	unsigned char b[4];
	uint32_t handle, st = ~0u;
	int fd, r;
	long ms;

	if (!name)
		return;
	snprintf(path, sizeof(path), "/proc/device-tree/hypervisor/handles/%s/reg", name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || read(fd, b, 4) != 4) {
		printf("manage %s: FAIL no handle (%s)\n", name, path);
		return;
	}
	close(fd);
	handle = (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	fd = open("/dev/fsl-hv", O_RDWR);
	if (fd < 0) {
		printf("manage %s: FAIL /dev/fsl-hv: %s\n", name, strerror(errno));
		return;
	}
	r = hv_status(fd, handle, &st);
	printf("manage %s: handle %u, status %d (ret %d)\n", name, handle, (int)st, r);
	r = hv_status(fd, (uint32_t)-1, &st);
	printf("manage %s: own status %d (ret %d)\n", name, (int)st, r);
	start.partition = handle;
	r = ioctl(fd, FSL_HV_IOCTL_PARTITION_START, &start) ? -errno : (int)start.ret;
	ms = hv_wait_status(fd, handle, 1, 10000);
	printf("manage %s: start ret %d, running after %ld ms\n", name, r, ms);
	ms = hv_wait_status(fd, handle, 0, 60000);
	printf("manage %s: stopped by itself after %ld ms\n", name, ms);
	r = ioctl(fd, FSL_HV_IOCTL_PARTITION_START, &start) ? -errno : (int)start.ret;
	ms = hv_wait_status(fd, handle, 1, 10000);
	printf("manage %s: start again ret %d, running after %ld ms\n", name, r, ms);
	restart.partition = handle;
	r = ioctl(fd, FSL_HV_IOCTL_PARTITION_RESTART, &restart) ? -errno : (int)restart.ret;
	ms = hv_wait_status(fd, handle, 1, 10000);
	printf("manage %s: restart ret %d, running after %ld ms\n", name, r, ms);
	stop.partition = handle;
	r = ioctl(fd, FSL_HV_IOCTL_PARTITION_STOP, &stop) ? -errno : (int)stop.ret;
	ms = hv_wait_status(fd, handle, 0, 10000);
	printf("manage %s: stop ret %d, stopped after %ld ms\n", name, r, ms);
	/* not ours: handle 0 names no partition */
	stop.partition = 0;
	r = ioctl(fd, FSL_HV_IOCTL_PARTITION_STOP, &stop) ? -errno : (int)stop.ret;
	printf("manage %s: stop of handle 0 ret %d\n", name, r);
	close(fd);
}

/* ------------------------------------------------------------------------ */
/*
 * beryl_shell=1 (kernel command line): after mounting, instead of the
 * checks, run what is typed on the console, one command a line (the tests
 * of partitions that cooperate drive two Linux partitions this way; there
 * is no shell in the initramfs):
 *
 *   PROGRAM ARGS...     run /bin/PROGRAM, wait: "init: exit CODE"
 *   PROGRAM ARGS... &   run it in the background: "init: started PID"
 *   cat FILE            copy FILE to the console (/proc/interrupts)
 *   wait                wait for the background programs: "init: waited N"
 *   rtcloop             in the background: read /sys/class/rtc/rtc0/time (an
 *                       I2C transfer each, rtc-ds1307 on i2c-mpc) without a
 *                       pause for ever, saying "init: rtcloop N reads, last
 *                       HH:MM:SS" every 50 reads (test_failover.py kills the
 *                       partition while it runs)
 *   poweroff            power off
 *
 * Each command is echoed as "init: $ COMMAND" (the console does not echo)
 * and answered by "init: ready" once the next one may come.
 */
#define SHELL_ARGS 16

static void shell_cat(const char *path)
{
	char buf[1024];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printf("init: %s: %s\n", path, strerror(errno));
		return;
	}
	fflush(stdout);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, (size_t)n) != n)
			break;
	close(fd);
}

static void shell_run(char **argv, int background)
{
	char path[128];
	pid_t pid;

	snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, init_envp);
		printf("init: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return;
	}
	if (background)
		printf("init: started %d\n", (int)pid);
	else
		printf("init: exit %d\n", wait_code(pid));
}

static void shell_rtcloop(void)
{
	char tod[32];
	unsigned long n = 0, bad = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return;
	}
	if (pid > 0) {
		printf("init: started %d\n", (int)pid);
		return;
	}
	for (;;) {
		if (read_line("/sys/class/rtc/rtc0/time", tod, sizeof(tod)))
			bad++;
		else
			n++;
		if ((n + bad) % 50 == 0) {
			printf("init: rtcloop %lu reads, %lu failed, last %s\n", n, bad, tod);
			fflush(stdout);
		}
	}
}

static void __attribute__((noreturn)) shell(void)
{
	char line[512];

	for (;;) {
		char *argv[SHELL_ARGS + 1], *p;
		int argc = 0, background = 0;
		ssize_t n;

		/* background programs that ended: reap them */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		printf("init: ready\n");
		fflush(stdout);
		n = read(0, line, sizeof(line) - 1);
		if (n <= 0) {
			sleep(1);
			continue;
		}
		line[n] = '\0';
		line[strcspn(line, "\r\n")] = '\0';
		for (p = strtok(line, " \t"); p && argc < SHELL_ARGS; p = strtok(NULL, " \t"))
			argv[argc++] = p;
		if (argc && !strcmp(argv[argc - 1], "&")) {
			background = 1;
			argc--;
		}
		argv[argc] = NULL;
		if (!argc)
			continue;
		printf("init: $");
		for (n = 0; n < argc; n++)
			printf(" %s", argv[n]);
		printf("%s\n", background ? " &" : "");
		if (!strcmp(argv[0], "poweroff"))
			break;
		if (!strcmp(argv[0], "cat") && argc == 2) {
			shell_cat(argv[1]);
		} else if (!strcmp(argv[0], "rtcloop")) {
			shell_rtcloop();
		} else if (!strcmp(argv[0], "wait")) {
			int waited = 0;

			while (wait(NULL) > 0)
				waited++;
			printf("init: waited %d\n", waited);
		} else {
			shell_run(argv, background);
		}
	}
	printf("init: power off\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

int main(int argc, char **argv, char **envp)
{
	uint64_t tb_entry = read_tb();
	unsigned int i, passed = 0, failed = 0, skipped = 0;
	const char *base = strrchr(argv[0], '/');
	int r;
	struct termios tios;

	if (argc == 3 && !strcmp(argv[1], "worker"))
		return atoi(argv[2]);
	/*
	 * /sbin/poweroff (a link to init): what the kernel runs for an orderly
	 * power-off, such as the shutdown doorbell of fsl_hypervisor.c asks for.
	 */
	if (!strcmp(base ? base + 1 : argv[0], "poweroff")) {
		/* the kernel's helpers have no standard output: say it on the console */
		int con = open("/dev/console", O_WRONLY | O_NOCTTY);

		if (con >= 0) {
			dprintf(con, "init: poweroff requested\n");
			close(con);
		}
		sync();
		reboot(RB_POWER_OFF);
		return 1;
	}

	init_envp = envp;
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Console in canonical mode without echo: typed text is only read. */
	if (!tcgetattr(0, &tios)) {
		tios.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
		tcsetattr(0, TCSANOW, &tios);
	}
	printf("init: start\n");
	/* Kernel notices would interleave with our lines: warnings and worse only. */
	klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 5);

	for (i = 0; i < ARRAY_SIZE(checks); i++) {
		detail[0] = '\0';
		r = checks[i].fn();
		if (r == 0) {
			printf("check %s: ok\n", checks[i].name);
			passed++;
		} else if (r > 0) {
			printf("check %s: skipped: %s\n", checks[i].name, detail);
			skipped++;
		} else {
			printf("check %s: FAIL %s\n", checks[i].name, detail);
			failed++;
		}
		if (i == 0) {	/* /proc is there now */
			tb_freq = read_tb_freq();
			lifecycle();
			manage();
			if (getenv("beryl_shell"))
				shell();
		}
	}
	printf("init: %u passed, %u failed, %u skipped\n", passed, failed, skipped);

	printf("info tb-freq %llu\n", (unsigned long long)tb_freq);
	bench("init-entry", tb_entry);
	bench_fork_exec();
	bench_touch();
	bench_compute();
	if (bench_full()) {
		bench_pingpong();
		bench_mmap_churn();
		bench_fork_rss();
	}

	printf("init: power off\n");
	console_drain();
	sync();
	reboot(RB_POWER_OFF);
	printf("init: reboot: %s\n", strerror(errno));
	for (;;)
		pause();
}
