// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdtest: drive the Book E watchdog through Linux's booke_wdt
 * (/dev/watchdog), then stop feeding it, for beryl's watchdog policies
 * (docs/config.md, "Watchdog"; tests/system/test_watchdog.py).
 *
 *   wdtest TIMEOUT FEEDS GAP_MS [ALIVE_S]
 *
 * Opens /dev/watchdog (which starts it), sets TIMEOUT seconds
 * (WDIOC_SETTIMEOUT), feeds it FEEDS times GAP_MS apart
 * (WDIOC_KEEPALIVE), then stops feeding but keeps the device open, so
 * nothing in Linux feeds it any more. It prints the timebase (mftb, the
 * same clock beryl's messages use) just before and just after the last
 * feed, so the expiry can be checked against the architecture: the third
 * watchdog event after the last feed. Then it reports every second that it
 * still runs, for ALIVE_S seconds (default 30), and exits (booke_wdt has
 * no magic close: closing /dev/watchdog stops the watchdog; so wdtest
 * keeps it open that long).
 *
 * Output lines start with "wdtest:" so tests can pick them out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/watchdog.h>

/*
 * The 64-bit timebase, readable from user mode: mfspr TBU/TBL (SPRs 269,
 * 268, as Book E has them; the classic mftb opcode is illegal on e500).
 */
static uint64_t timebase(void)
{
	uint32_t hi, lo, hi2;

	do {
		__asm__ volatile("mfspr %0, 269" : "=r"(hi));
		__asm__ volatile("mfspr %0, 268" : "=r"(lo));
		__asm__ volatile("mfspr %0, 269" : "=r"(hi2));
	} while (hi != hi2);
	return (uint64_t)hi << 32 | lo;
}

static void sleep_ms(int ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	int timeout, feeds, gap, alive = 30, fd, i, got = 0;
	struct watchdog_info info;
	uint64_t before, after;

	if (argc < 4) {
		fprintf(stderr, "usage: wdtest TIMEOUT FEEDS GAP_MS [ALIVE_S]\n");
		return 2;
	}
	timeout = atoi(argv[1]);
	feeds = atoi(argv[2]);
	gap = atoi(argv[3]);
	if (argc > 4)
		alive = atoi(argv[4]);
	fd = open("/dev/watchdog", O_WRONLY);
	if (fd < 0) {
		printf("wdtest: /dev/watchdog: %s\n", strerror(errno));
		return 1;
	}
	if (!ioctl(fd, WDIOC_GETSUPPORT, &info))
		printf("wdtest: %s\n", (const char *)info.identity);
	if (ioctl(fd, WDIOC_SETTIMEOUT, &timeout) || ioctl(fd, WDIOC_GETTIMEOUT, &got)) {
		printf("wdtest: timeout: %s\n", strerror(errno));
		return 1;
	}
	printf("wdtest: timeout %d s\n", got);
	fflush(stdout);
	before = after = timebase();
	for (i = 0; i < feeds; i++) {
		sleep_ms(gap);
		before = timebase();
		if (ioctl(fd, WDIOC_KEEPALIVE, NULL)) {
			printf("wdtest: keepalive: %s\n", strerror(errno));
			return 1;
		}
		after = timebase();
	}
	printf("wdtest: fed %d times, last feed between tb %llu and %llu, starving now\n", feeds,
	       (unsigned long long)before, (unsigned long long)after);
	fflush(stdout);
	for (i = 1; i <= alive; i++) {
		sleep_ms(1000);
		printf("wdtest: alive %d s after the last feed\n", i);
		fflush(stdout);
	}
	return 0;
}
