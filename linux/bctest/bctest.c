// SPDX-License-Identifier: GPL-2.0-only
/*
 * bctest: a byte stream over a tty (a byte channel of Linux's ehv_bytechan
 * driver, /dev/ttyEHVn), checked end to end, for the system tests:
 *
 *   bctest send DEV BYTES SEED
 *       write BYTES of the pseudo-random stream SEED without blocking,
 *       waiting (poll) whenever the channel has no room; then wait for the
 *       receiver's acknowledgement ("ACK!") so that nothing is left in the
 *       driver when the tty closes. Prints the bytes, their CRC-32, how
 *       often and how long the writer had to wait.
 *   bctest recv DEV BYTES SEED [STALL_MS]
 *       print "bctest: ready", stop reading for STALL_MS (a slow reader),
 *       then read BYTES and compare each with the stream; acknowledge.
 *       Prints the bytes, their CRC-32 and how many were wrong.
 *
 *   bctest tick MS
 *       print "bctest: ticking", then read the monotonic clock as fast as
 *       it can for MS milliseconds and print the longest gap between two
 *       reads: how long this partition was kept from running meanwhile
 *       (scheduling and timer interrupts included).
 *
 * send and recv put the tty in raw mode first (no echo, no translation, no XON/XOFF:
 * every byte value passes). Everything times out after 120 s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS 120000
#define ACK "ACK!"

static uint32_t crc_table[256];

static void crc_init(void)
{
	uint32_t i, k, c;

	for (i = 0; i < 256; i++) {
		for (c = i, k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t crc_add(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

static unsigned char next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return (unsigned char)(*s >> 24);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static int open_raw(const char *dev)
{
	struct termios t;
	int fd = open(dev, O_RDWR | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		printf("bctest: %s: %s\n", dev, strerror(errno));
		return -1;
	}
	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		tcsetattr(fd, TCSANOW, &t);
	}
	return fd;
}

/* Read exactly n bytes within the time left; how many were read. */
static size_t read_all(int fd, unsigned char *buf, size_t n, const struct timespec *t0)
{
	size_t got = 0;

	while (got < n && ms_since(t0) < TIMEOUT_MS) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t r;

		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		r = read(fd, buf + got, n - got);
		if (r > 0)
			got += (size_t)r;
	}
	return got;
}

static int do_send(const char *dev, long bytes, uint32_t seed)
{
	unsigned char buf[4096], ack[4];
	struct timespec t0, tw;
	long sent = 0, waits = 0, waited_ms = 0;
	uint32_t crc = 0;
	size_t have = 0, off = 0;
	int fd = open_raw(dev);

	if (fd < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (sent < bytes && ms_since(&t0) < TIMEOUT_MS) {
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };
		ssize_t r;

		if (off == have) { /* the next piece of the stream */
			have = bytes - sent < (long)sizeof(buf) ? (size_t)(bytes - sent) : sizeof(buf);
			for (off = 0; off < have; off++)
				buf[off] = next(&seed);
			crc = crc_add(crc, buf, have);
			off = 0;
		}
		r = write(fd, buf + off, have - off);
		if (r > 0) {
			off += (size_t)r;
			sent += r;
			continue;
		}
		if (r < 0 && errno != EAGAIN) {
			printf("bctest: write: %s\n", strerror(errno));
			return 1;
		}
		/* no room: the channel is full all the way to the reader */
		waits++;
		clock_gettime(CLOCK_MONOTONIC, &tw);
		poll(&pfd, 1, 1000);
		waited_ms += ms_since(&tw);
	}
	if (read_all(fd, ack, 4, &t0) != 4 || memcmp(ack, ACK, 4)) {
		printf("bctest: sent %ld bytes, no acknowledgement\n", sent);
		return 1;
	}
	printf("bctest: sent %ld bytes, crc32 %08x, waited %ld times for %ld ms, %ld ms in all\n",
	       sent, crc, waits, waited_ms, ms_since(&t0));
	close(fd);
	return sent != bytes;
}

static int do_recv(const char *dev, long bytes, uint32_t seed, long stall_ms)
{
	unsigned char buf[4096];
	struct timespec t0, stall = { stall_ms / 1000, (stall_ms % 1000) * 1000000L };
	long got = 0, wrong = 0;
	uint32_t crc = 0;
	int fd = open_raw(dev);

	if (fd < 0)
		return 1;
	printf("bctest: ready\n");
	fflush(stdout);
	if (stall_ms)
		nanosleep(&stall, NULL); /* a slow reader: the writer must wait, nothing is lost */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (got < bytes && ms_since(&t0) < TIMEOUT_MS) {
		size_t want = bytes - got < (long)sizeof(buf) ? (size_t)(bytes - got) : sizeof(buf);
		size_t n = read_all(fd, buf, 1, &t0), i;
		ssize_t r;

		if (!n)
			break;
		r = read(fd, buf + 1, want - 1);
		n += r > 0 ? (size_t)r : 0;
		for (i = 0; i < n; i++)
			wrong += buf[i] != next(&seed);
		crc = crc_add(crc, buf, n);
		got += (long)n;
	}
	if (got == bytes && write(fd, ACK, 4) != 4)
		printf("bctest: cannot acknowledge: %s\n", strerror(errno));
	printf("bctest: received %ld bytes, crc32 %08x, %ld wrong, stalled %ld ms\n", got, crc,
	       wrong, stall_ms);
	/* let the acknowledgement leave the driver before the tty closes */
	nanosleep(&(struct timespec){ 0, 200000000L }, NULL);
	close(fd);
	return got != bytes || wrong;
}

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static int do_tick(long ms)
{
	struct timespec t;
	long long start, prev, now, gap = 0;
	unsigned long reads = 0;

	printf("bctest: ticking for %ld ms\n", ms);
	clock_gettime(CLOCK_MONOTONIC, &t);
	start = prev = ns_of(&t);
	do {
		clock_gettime(CLOCK_MONOTONIC, &t);
		now = ns_of(&t);
		if (now - prev > gap)
			gap = now - prev;
		prev = now;
		reads++;
	} while (now - start < ms * 1000000LL);
	printf("bctest: tick: %lu reads in %ld ms, longest gap %lld us\n", reads, ms, gap / 1000);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	crc_init();
	if (argc == 5 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atol(argv[3]), (uint32_t)strtoul(argv[4], NULL, 0));
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "recv"))
		return do_recv(argv[2], atol(argv[3]), (uint32_t)strtoul(argv[4], NULL, 0),
			       argc == 6 ? atol(argv[5]) : 0);
	if (argc == 3 && !strcmp(argv[1], "tick"))
		return do_tick(atol(argv[2]));
	fprintf(stderr, "usage: bctest send DEV BYTES SEED | recv DEV BYTES SEED [STALL_MS] | "
			"tick MS\n");
	return 2;
}
