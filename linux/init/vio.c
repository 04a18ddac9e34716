// SPDX-License-Identifier: GPL-2.0-only
/*
 * vio.c: /vio, the virtual I/O test of beryl's Linux guest, run as the
 * first process instead of /init (kernel argument rdinit=/vio; see
 * configs/linux-virtio.dts and tests/system/test_virtio_blk.py).
 *
 * Linux's own virtio-mmio and virtio-blk drivers find beryl's disks; /vio
 * only uses them through /dev and /sys. Disks are told apart by their
 * serial number (virtio-blk GET_ID, /sys/block/vdX/serial):
 *
 *   "data"  writable: boot 1 writes a pattern with O_DIRECT, reads it back
 *           and reboots; boot 2 (a restart of the partition by beryl) reads
 *           the pattern again: what was written survived the restart.
 *   "ro"    read-only (VIRTIO_BLK_F_RO): Linux sees it read-only and
 *           refuses writes; the ext2 file system the host's mke2fs put on
 *           it at build time mounts, and a file's checksum is printed for
 *           the test to compare with the host's.
 *
 * Then, on boot 2, the same O_DIRECT transfers on the RAM block device
 * (brd, /dev/ram0) for comparison. Every line starts with "vio: "; results
 * are "vio: <name>: ok ..." or "vio: <name>: FAIL ...", numbers
 * "vio: bench <name> <bytes> <timebase ticks>". Then it powers off.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>

#define XFER		(4UL << 20)	/* bytes of the pattern and of each transfer */
#define CHUNK		(256UL << 10)	/* bytes per read() or write() */
#define PATTERN_SEED	0x6265726cu	/* "berl" */

static unsigned char *buf, *back;

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

/* FNV-1a, 64-bit: the test computes the same over the host's file. */
static uint64_t fnv1a(const unsigned char *p, size_t n, uint64_t h)
{
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

static void pattern(unsigned char *p, size_t n, uint32_t seed)
{
	uint32_t x = seed;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)x;
	}
}

static int read_file(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, out, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	out[n] = '\0';
	out[strcspn(out, "\n")] = '\0';
	return 0;
}

/* How many times beryl started this partition (its /hypervisor node). */
static unsigned int boot_count(void)
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

/* What Linux found, for a failure's message: virtio nodes, devices, block devices. */
static void list_devices(void)
{
	static const char *const dirs[] = { "/proc/device-tree", "/sys/bus/virtio/devices",
					    "/sys/block" };
	struct dirent *e;
	unsigned int i;
	DIR *d;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		d = opendir(dirs[i]);
		printf("vio: %s:", dirs[i]);
		while (d && (e = readdir(d)))
			if (e->d_name[0] != '.' && (i || !strncmp(e->d_name, "virtio", 6)))
				printf(" %s", e->d_name);
		printf("\n");
		if (d)
			closedir(d);
	}
}

/* /dev/vdX of the disk whose serial is `serial`; prints every disk seen once. */
static int find_disk(const char *serial, char *dev, size_t size, int *ro)
{
	static int listed;
	char path[300], s[64], r[16], sz[32];
	struct dirent *e;
	DIR *d = opendir("/sys/block");
	int found = -1;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "vd", 2))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/serial", e->d_name);
		if (read_file(path, s, sizeof(s)))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/ro", e->d_name);
		if (read_file(path, r, sizeof(r)))
			continue;
		if (!listed) {
			snprintf(path, sizeof(path), "/sys/block/%s/size", e->d_name);
			if (read_file(path, sz, sizeof(sz)))
				strcpy(sz, "?");
			printf("vio: disk %s serial %s sectors %s ro %s\n", e->d_name, s, sz, r);
		}
		if (!strcmp(s, serial) && strlen(e->d_name) < 16) {
			snprintf(dev, size, "/dev/%.15s", e->d_name);
			*ro = atoi(r);
			found = 0;
		}
	}
	closedir(d);
	listed = 1;
	return found;
}

/* len bytes at offset 0 of dev, with O_DIRECT, in CHUNKs; ticks taken or -errno. */
static long long xfer(const char *dev, unsigned char *p, size_t len, int write)
{
	int fd = open(dev, (write ? O_WRONLY : O_RDONLY) | O_DIRECT);
	uint64_t t0;
	size_t off;
	ssize_t n;

	if (fd < 0)
		return -errno;
	t0 = read_tb();
	for (off = 0; off < len; off += CHUNK) {
		n = write ? pwrite(fd, p + off, CHUNK, off) : pread(fd, p + off, CHUNK, off);
		if (n != (ssize_t)CHUNK) {
			int err = n < 0 ? errno : EIO;

			close(fd);
			return -err;
		}
	}
	if (write && fsync(fd)) {
		int err = errno;

		close(fd);
		return -err;
	}
	close(fd);
	return (long long)(read_tb() - t0);
}

static int failures;

/*
 * Flush stdout and wait until the console sent it: the kernel's reboot and
 * power-off do not wait for the tty's buffer (as /init, linux/init/init.c).
 */
static void console_drain(void)
{
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
}

static void result(const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void result(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	printf("vio: %s: %s ", name, ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures += !ok;
}

static void bench(const char *name, size_t bytes, long long ticks)
{
	if (ticks > 0)
		printf("vio: bench %s %zu %lld\n", name, bytes, ticks);
}

/* Write then read back the pattern on dev (and time both); 0 if it matched. */
static int write_and_check(const char *name, const char *dev, uint32_t seed)
{
	long long w, r;

	pattern(buf, XFER, seed);
	w = xfer(dev, buf, XFER, 1);
	if (w < 0) {
		result(name, 0, "write %s: %s", dev, strerror((int)-w));
		return -1;
	}
	memset(back, 0, XFER);
	r = xfer(dev, back, XFER, 0);
	if (r < 0) {
		result(name, 0, "read %s: %s", dev, strerror((int)-r));
		return -1;
	}
	result(name, !memcmp(buf, back, XFER), "%lu bytes written and read back on %s", XFER,
	       dev);
	printf("vio: bench %s-write %lu %lld\n", name, XFER, w);
	printf("vio: bench %s-read %lu %lld\n", name, XFER, r);
	return 0;
}

static void data_first_boot(const char *dev)
{
	write_and_check("data-pattern", dev, PATTERN_SEED);
}

static void data_after_restart(const char *dev)
{
	long long r;

	pattern(buf, XFER, PATTERN_SEED);
	memset(back, 0, XFER);
	r = xfer(dev, back, XFER, 0);
	if (r < 0) {
		result("data-survives-restart", 0, "read %s: %s", dev, strerror((int)-r));
		return;
	}
	result("data-survives-restart", !memcmp(buf, back, XFER), "%lu bytes, fnv %016llx",
	       XFER, (unsigned long long)fnv1a(back, XFER, 0xcbf29ce484222325ULL));
	bench("data-read-cold", XFER, r);
}

static void ro_disk(const char *dev, int ro)
{
	char path[] = "/mnt/hello.bin";
	int fd = open(dev, O_WRONLY), err = errno;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t total = 0;
	ssize_t n;

	result("ro-flag", ro == 1, "%s: /sys ro %d", dev, ro);
	if (fd >= 0) {
		n = pwrite(fd, buf, 4096, 0);
		err = n < 0 ? errno : 0;
		close(fd);
	}
	result("ro-write-refused", err != 0, "%s", err ? strerror(err) : "write succeeded");
	mkdir("/mnt", 0755);
	if (mount(dev, "/mnt", "ext2", MS_RDONLY, NULL)) {
		result("ext2-mount", 0, "mount %s: %s", dev, strerror(errno));
		return;
	}
	result("ext2-mount", 1, "%s on /mnt", dev);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		result("ext2-file", 0, "%s: %s", path, strerror(errno));
	} else {
		while ((n = read(fd, back, CHUNK)) > 0) {
			h = fnv1a(back, (size_t)n, h);
			total += (size_t)n;
		}
		close(fd);
		result("ext2-file", n == 0, "%s %zu bytes fnv %016llx", path, total,
		       (unsigned long long)h);
	}
	umount("/mnt");
}

int main(void)
{
	char data[32], rodev[32];
	int ro = 0, data_ro = 0;
	unsigned int boot;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	boot = boot_count();
	printf("vio: start, boot %u\n", boot);
	if (posix_memalign((void **)&buf, 4096, XFER) || posix_memalign((void **)&back, 4096, XFER)) {
		printf("vio: FAIL out of memory\n");
		goto out;
	}
	if (find_disk("data", data, sizeof(data), &data_ro) ||
	    find_disk("ro", rodev, sizeof(rodev), &ro)) {
		result("disks", 0, "the disks 'data' and 'ro' are not both there");
		list_devices();
		goto out;
	}
	result("data-writable", data_ro == 0, "%s: /sys ro %d", data, data_ro);
	if (boot <= 1) {
		data_first_boot(data);
		printf("vio: rebooting\n");
		console_drain();
		sync();
		reboot(RB_AUTOBOOT);
		printf("vio: reboot: FAIL %s\n", strerror(errno));
		goto out;
	}
	data_after_restart(data);
	ro_disk(rodev, ro);
	write_and_check("brd", "/dev/ram0", PATTERN_SEED + 1);
out:
	printf("vio: done, %d failed\n", failures);
	console_drain();
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
