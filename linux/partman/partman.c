// SPDX-License-Identifier: GPL-2.0-only
/*
 * partman: manage partitions from a manager partition's Linux, in the
 * spirit of the Freescale hypervisor's partman, on /dev/fsl-hv (Linux's
 * fsl_hypervisor driver, CONFIG_FSL_HV_MANAGER) and the device tree beryl
 * gives the partition (/proc/device-tree/hypervisor/handles):
 *
 *   partman status                      every partition it manages, and its state
 *   partman start|stop|restart NAME     FSL_HV_IOCTL_PARTITION_START/STOP/RESTART
 *   partman doorbell NAME [COUNT [MS]]  ring doorbell NAME COUNT times, MS apart
 *   partman watch [COUNT [SECONDS]]     print the doorbells this partition
 *                                       receives as they arrive: a managed
 *                                       partition's state notifications
 *                                       (started, stopped, crashed, reset
 *                                       requested, watchdog expired, state
 *                                       changed) and plain
 *                                       doorbells; stop after COUNT of them
 *                                       or SECONDS (0: never)
 *   partman load NAME IMAGE             in-service upgrade: stop NAME (if it
 *                                       runs), copy the ELF IMAGE's segments
 *                                       into its memory (FSL_HV_IOCTL_MEMCPY,
 *                                       bss cleared the same way), start it at
 *                                       the image's entry without reloading
 *                                       (START with load = 0)
 *
 * Exit status 0 when every hypercall succeeded. Output lines start with
 * "partman:" so tests can pick them out of a console.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/fsl_hypervisor.h>

#define HANDLES "/proc/device-tree/hypervisor/handles"
/* FSL_HV_IOCTL_PARTITION_GET_STATUS's status (fsl_hcalls.h: FH_PARTITION_*) */
#define STATUS_STOPPED 0
#define STATUS_RUNNING 1
#define MAX_OBJS 64

/* What the tree says the partition was given. */
struct obj {
	char name[256];     /* doorbell: its node; notification: "PARTITION" */
	char event[256];    /* notification: "state-change", "crash", "reset-request" */
	int partition;      /* a managed partition's handle node: its handle */
	int send_handle;    /* a doorbell it may ring: its handle */
	int receive;        /* a doorbell it receives: its number on /dev/fsl-hv */
};

static struct obj objs[MAX_OBJS];
static int nobjs;

static int read_file(const char *path, void *buf, size_t len)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -1;
	n = (int)read(fd, buf, len);
	close(fd);
	return n;
}

static int read_u32(const char *dir, const char *prop, uint32_t *v)
{
	char path[512];
	unsigned char b[4];

	snprintf(path, sizeof(path), "%s/%s", dir, prop);
	if (read_file(path, b, 4) != 4)
		return -1;
	*v = (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	return 0;
}

/* Does the node's compatible list hold c? */
static int compatible(const char *dir, const char *c)
{
	char path[512], buf[512];
	int n, i = 0;

	snprintf(path, sizeof(path), "%s/compatible", dir);
	n = read_file(path, buf, sizeof(buf) - 1);
	while (n > 0 && i < n) {
		if (!strcmp(buf + i, c))
			return 1;
		i += (int)strlen(buf + i) + 1;
	}
	return 0;
}

static struct obj *new_obj(const char *name)
{
	struct obj *o;

	if (nobjs == MAX_OBJS)
		return NULL;
	o = &objs[nobjs++];
	memset(o, 0, sizeof(*o));
	snprintf(o->name, sizeof(o->name), "%s", name);
	o->partition = o->send_handle = o->receive = -1;
	return o;
}

/* A doorbell it receives: its number is the first cell of its interrupts (the driver's "handle"). */
static void add_receive(struct obj *o, const char *dir)
{
	uint32_t irq;

	if (compatible(dir, "epapr,hv-receive-doorbell") && !read_u32(dir, "interrupts", &irq))
		o->receive = (int)irq;
}

/* /proc/device-tree/hypervisor/handles: partitions, their notifications, doorbells. */
static void scan(void)
{
	DIR *d = opendir(HANDLES), *sub;
	struct dirent *e, *s;
	char dir[512], subdir[1024];
	uint32_t v;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct obj *o;

		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), HANDLES "/%s", e->d_name);
		if (compatible(dir, "fsl,hv-partition-handle")) {
			o = new_obj(e->d_name);
			if (o && !read_u32(dir, "reg", &v))
				o->partition = (int)v;
			sub = opendir(dir);
			while (sub && (s = readdir(sub))) {
				struct obj *n;

				snprintf(subdir, sizeof(subdir), "%s/%s", dir, s->d_name);
				if (s->d_name[0] == '.' || !compatible(subdir, "epapr,hv-receive-doorbell"))
					continue;
				n = new_obj(e->d_name);
				if (!n)
					break;
				snprintf(n->event, sizeof(n->event), "%s", s->d_name);
				add_receive(n, subdir);
			}
			if (sub)
				closedir(sub);
			continue;
		}
		o = new_obj(e->d_name);
		if (!o)
			break;
		if (compatible(dir, "fsl,hv-doorbell-send-handle") && !read_u32(dir, "reg", &v))
			o->send_handle = (int)v;
		add_receive(o, dir);
	}
	closedir(d);
}

static const struct obj *find_partition(const char *name)
{
	int i;

	for (i = 0; i < nobjs; i++)
		if (objs[i].partition >= 0 && !strcmp(objs[i].name, name))
			return &objs[i];
	fprintf(stderr, "partman: no partition %s is managed here\n", name);
	return NULL;
}

static int open_hv(void)
{
	int fd = open("/dev/fsl-hv", O_RDWR);

	if (fd < 0)
		fprintf(stderr, "partman: /dev/fsl-hv: %s\n", strerror(errno));
	return fd;
}

static const char *state_name(uint32_t st)
{
	static const char *const names[] = { "stopped", "running", "starting", "stopping",
					     "pausing", "paused", "resuming" };

	return st < sizeof(names) / sizeof(names[0]) ? names[st] : "unknown";
}

/* FSL_HV_IOCTL_PARTITION_GET_STATUS: the hypercall's status, or -errno. */
static int get_status(int fd, uint32_t handle, uint32_t *st)
{
	struct fsl_hv_ioctl_status s = { .partition = handle };

	if (ioctl(fd, FSL_HV_IOCTL_PARTITION_GET_STATUS, &s))
		return -errno;
	*st = s.status;
	return (int)s.ret;
}

static int cmd_status(void)
{
	int fd = open_hv(), i, bad = 0;
	uint32_t st = ~0u;

	if (fd < 0)
		return 1;
	for (i = 0; i < nobjs; i++) {
		int r;

		if (objs[i].partition < 0 || objs[i].event[0])
			continue;
		r = get_status(fd, (uint32_t)objs[i].partition, &st);
		if (r)
			printf("partman: %s handle %d: status failed (%d)\n", objs[i].name,
			       objs[i].partition, r);
		else
			printf("partman: %s handle %d %s\n", objs[i].name, objs[i].partition,
			       state_name(st));
		bad |= r != 0;
	}
	close(fd);
	return bad;
}

static int cmd_control(const char *what, const char *name)
{
	const struct obj *o = find_partition(name);
	int fd, r;

	if (!o || (fd = open_hv()) < 0)
		return 1;
	if (!strcmp(what, "start")) {
		struct fsl_hv_ioctl_start s = { .partition = (uint32_t)o->partition, .load = 1 };

		r = ioctl(fd, FSL_HV_IOCTL_PARTITION_START, &s) ? -errno : (int)s.ret;
	} else if (!strcmp(what, "stop")) {
		struct fsl_hv_ioctl_stop s = { .partition = (uint32_t)o->partition };

		r = ioctl(fd, FSL_HV_IOCTL_PARTITION_STOP, &s) ? -errno : (int)s.ret;
	} else {
		struct fsl_hv_ioctl_restart s = { .partition = (uint32_t)o->partition };

		r = ioctl(fd, FSL_HV_IOCTL_PARTITION_RESTART, &s) ? -errno : (int)s.ret;
	}
	printf("partman: %s %s: %s (%d)\n", what, name, r ? "failed" : "ok", r);
	close(fd);
	return r != 0;
}

static int cmd_doorbell(const char *name, int count, int ms)
{
	struct timespec gap = { ms / 1000, (ms % 1000) * 1000000L };
	int fd, i, r = 0, rung = 0;
	const struct obj *o = NULL;

	for (i = 0; i < nobjs; i++)
		if (objs[i].send_handle >= 0 && !strcmp(objs[i].name, name))
			o = &objs[i];
	if (!o) {
		fprintf(stderr, "partman: no doorbell %s may be rung here\n", name);
		return 1;
	}
	fd = open_hv();
	if (fd < 0)
		return 1;
	for (i = 0; i < count && !r; i++) {
		struct fsl_hv_ioctl_doorbell db = { .doorbell = (uint32_t)o->send_handle };

		r = ioctl(fd, FSL_HV_IOCTL_DOORBELL, &db) ? -errno : (int)db.ret;
		rung += !r;
		if (ms && i + 1 < count)
			nanosleep(&gap, NULL);
	}
	printf("partman: doorbell %s rung %d times%s (%d)\n", name, rung, r ? ", failed" : "", r);
	close(fd);
	return r != 0;
}

/*
 * How often each doorbell it receives has interrupted, from /proc/interrupts
 * (its source is the "hwirq" column). /dev/fsl-hv says that doorbells
 * arrived, but Linux 6.1's fsl_hypervisor queues the handler's private
 * pointer instead of the number for every doorbell but state-change ones,
 * so which ones is read from the interrupt counts.
 */
static void irq_counts(long *counts)
{
	FILE *f = fopen("/proc/interrupts", "r");
	char line[512], *tok[40];
	int ncpu = 0, i, n;

	memset(counts, 0, sizeof(long) * MAX_OBJS);
	if (!f)
		return;
	if (fgets(line, sizeof(line), f))
		for (tok[0] = strtok(line, " \t\n"); tok[0]; tok[0] = strtok(NULL, " \t\n"))
			ncpu += !strncmp(tok[0], "CPU", 3);
	while (fgets(line, sizeof(line), f)) {
		long sum = 0, hwirq;

		n = 0;
		for (tok[n] = strtok(line, " \t\n"); tok[n] && n < 39; tok[n] = strtok(NULL, " \t\n"))
			n++;
		if (n < ncpu + 4)
			continue;
		for (i = 1; i <= ncpu; i++)
			sum += atol(tok[i]);
		hwirq = atol(tok[ncpu + 2]);
		for (i = 0; i < nobjs; i++)
			if (objs[i].receive >= 0 && objs[i].receive == hwirq)
				counts[i] = sum;
	}
	fclose(f);
}

/* Doorbell i interrupted: say what it means. */
static void report(int fd, int i)
{
	const struct obj *o = &objs[i], *p;
	uint32_t st = ~0u;

	if (!o->event[0]) {
		printf("partman: watch: doorbell %s\n", o->name);
	} else if (!strcmp(o->event, "state-change")) {
		p = find_partition(o->name);
		if (p && !get_status(fd, (uint32_t)p->partition, &st))
			printf("partman: watch: %s state change, now %s\n", o->name, state_name(st));
		else
			printf("partman: watch: %s state change\n", o->name);
	} else if (!strcmp(o->event, "reset-request")) {
		printf("partman: watch: %s asked for a reset\n", o->name);
	} else if (!strcmp(o->event, "watchdog")) {
		printf("partman: watch: %s watchdog expired\n", o->name);
	} else {
		printf("partman: watch: %s %s\n", o->name, o->event); /* started, stopped, crashed */
	}
	fflush(stdout);
}

static int cmd_watch(int count, int seconds)
{
	int fd = open_hv(), seen = 0, i;
	long before[MAX_OBJS], now_counts[MAX_OBJS];
	struct timespec t0, now;

	if (fd < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	irq_counts(before);
	printf("partman: watching\n");
	fflush(stdout);
	while (!count || seen < count) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint32_t dbs[16];
		int left = -1;

		if (seconds) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			left = seconds * 1000 - (int)((now.tv_sec - t0.tv_sec) * 1000 +
						      (now.tv_nsec - t0.tv_nsec) / 1000000);
			if (left <= 0)
				break;
		}
		if (poll(&pfd, 1, left) <= 0)
			continue;
		if (read(fd, dbs, sizeof(dbs)) <= 0)
			continue;
		irq_counts(now_counts);
		for (i = 0; i < nobjs; i++)
			for (; before[i] < now_counts[i]; before[i]++, seen++)
				report(fd, i);
	}
	printf("partman: watch: %d events\n", seen);
	close(fd);
	return 0;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The whole file, or NULL. */
static unsigned char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	unsigned char *buf = NULL;
	off_t size;

	if (fd < 0)
		return NULL;
	size = lseek(fd, 0, SEEK_END);
	if (size > 0 && size < (64 << 20) && (buf = malloc((size_t)size)) &&
	    pread(fd, buf, (size_t)size, 0) != size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*len = (size_t)size;
	return buf;
}

/* Our buffer to guest physical gpa of the partition (FSL_HV_IOCTL_MEMCPY, source -1). */
static int copy_to(int fd, uint32_t handle, const void *buf, uint64_t gpa, uint64_t len)
{
	struct fsl_hv_ioctl_memcpy m = {
		.source = (uint32_t)-1,
		.target = handle,
		.local_vaddr = (uintptr_t)buf,
		.remote_paddr = gpa,
		.count = len,
	};

	if (!len)
		return 0;
	return ioctl(fd, FSL_HV_IOCTL_MEMCPY, &m) ? -errno : (int)m.ret;
}

/* Stop the partition if it runs; wait until it has stopped. 0, or the failure. */
static int stop_and_wait(int fd, uint32_t handle)
{
	struct fsl_hv_ioctl_stop s = { .partition = handle };
	struct timespec t0, gap = { 0, 10000000L };
	uint32_t st = ~0u;
	int r = get_status(fd, handle, &st);

	if (r)
		return r;
	if (st == STATUS_RUNNING &&
	    (r = ioctl(fd, FSL_HV_IOCTL_PARTITION_STOP, &s) ? -errno : (int)s.ret))
		return r;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!(r = get_status(fd, handle, &st)) && st != STATUS_STOPPED) {
		if (ms_since(&t0) > 10000)
			return -ETIMEDOUT;
		nanosleep(&gap, NULL);
	}
	return r;
}

/*
 * load NAME IMAGE: an in-service upgrade of a partition it manages. The
 * image is a 32-bit big-endian PowerPC ELF (what beryl itself loads); its
 * PT_LOAD segments go to their physical addresses in the partition.
 */
static int cmd_load(const char *name, const char *image)
{
	const struct obj *o = find_partition(name);
	struct fsl_hv_ioctl_start s = { .load = 0 };
	unsigned char *img, *zero = NULL;
	const Elf32_Ehdr *eh;
	struct timespec t0;
	size_t len;
	uint64_t bytes = 0;
	int fd, r = 0, i, nseg = 0;

	if (!o || (fd = open_hv()) < 0)
		return 1;
	img = slurp(image, &len);
	eh = (const Elf32_Ehdr *)img;
	if (!img || len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_ident[EI_DATA] != ELFDATA2MSB ||
	    eh->e_machine != EM_PPC || eh->e_phentsize != sizeof(Elf32_Phdr) ||
	    eh->e_phoff > len || eh->e_phnum > (len - eh->e_phoff) / sizeof(Elf32_Phdr)) {
		fprintf(stderr, "partman: load %s: %s is not a 32-bit PowerPC ELF image\n", name,
			image);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = stop_and_wait(fd, (uint32_t)o->partition);
	for (i = 0; !r && i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = (const Elf32_Phdr *)(img + eh->e_phoff) + i;

		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		if (ph->p_filesz > ph->p_memsz || ph->p_offset > len ||
		    ph->p_filesz > len - ph->p_offset) {
			fprintf(stderr, "partman: load %s: segment %d outside the file\n", name, i);
			r = 1;
			break;
		}
		r = copy_to(fd, (uint32_t)o->partition, img + ph->p_offset, ph->p_paddr,
			    ph->p_filesz);
		if (!r && ph->p_memsz > ph->p_filesz) { /* its bss, cleared the same way */
			zero = calloc(1, ph->p_memsz - ph->p_filesz);
			r = zero ? copy_to(fd, (uint32_t)o->partition, zero,
					   (uint64_t)ph->p_paddr + ph->p_filesz,
					   ph->p_memsz - ph->p_filesz)
				 : -ENOMEM;
			free(zero);
		}
		nseg++;
		bytes += ph->p_memsz;
	}
	if (!r) {
		s.partition = (uint32_t)o->partition;
		s.entry_point = eh->e_entry;
		r = ioctl(fd, FSL_HV_IOCTL_PARTITION_START, &s) ? -errno : (int)s.ret;
	}
	printf("partman: load %s: %d segments, %llu bytes, entry 0x%08x, %ld ms: %s (%d)\n",
	       name, nseg, (unsigned long long)bytes, eh->e_entry, ms_since(&t0),
	       r ? "failed" : "started", r);
	free(img);
	close(fd);
	return r != 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: partman status | start NAME | stop NAME | restart NAME |\n"
			"       doorbell NAME [COUNT [MS]] | watch [COUNT [SECONDS]] |\n"
			"       load NAME IMAGE\n");
	return 2;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	scan();
	if (argc == 2 && !strcmp(argv[1], "status"))
		return cmd_status();
	if (argc == 3 && (!strcmp(argv[1], "start") || !strcmp(argv[1], "stop") ||
			  !strcmp(argv[1], "restart")))
		return cmd_control(argv[1], argv[2]);
	if (argc >= 3 && argc <= 5 && !strcmp(argv[1], "doorbell"))
		return cmd_doorbell(argv[2], argc > 3 ? atoi(argv[3]) : 1,
				    argc > 4 ? atoi(argv[4]) : 0);
	if (argc >= 2 && argc <= 4 && !strcmp(argv[1], "watch"))
		return cmd_watch(argc > 2 ? atoi(argv[2]) : 0, argc > 3 ? atoi(argv[3]) : 0);
	if (argc == 4 && !strcmp(argv[1], "load"))
		return cmd_load(argv[2], argv[3]);
	return usage();
}
