// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.c: /net, the network test of beryl's Linux guest, run as the first
 * process instead of /init (kernel arguments rdinit=/net netid=N
 * [netlen=BYTES] [netbench=1]; see
 * configs/linux-net.dts and tests/system/test_virtio_net.py).
 *
 * Two partitions, netid=1 (the server) and netid=2 (the client), each with
 * a virtio-net port on one of beryl's virtual switches, found and driven by
 * Linux's own virtio_net driver; /net only uses sockets and ioctls:
 *
 *   - eth0 gets 10.0.0.N/24, lo comes up; its MAC (from the configuration)
 *     is printed; /net waits for the link (the peer's port up);
 *   - each pings the other (raw ICMP echo, NPING replies);
 *   - TCP: the client connects to 10.0.0.1:5001 and sends a header (magic,
 *     length) then `length` bytes of a xorshift pattern; the server checks
 *     them and answers with as many bytes of its own pattern, which the
 *     client checks. On its first boot the client stops half way and
 *     reboots (beryl restarts its partition); the server, still running,
 *     sees that connection die and serves the next one. The client's second
 *     boot makes a whole transfer, and both ping again;
 *   - with netbench=1 (tools/bench.py), the server then makes the same
 *     transfer over loopback inside itself (the same stack without a
 *     device: what `make bench` compares with); it stays until the client
 *     said goodbye (a header of length 0).
 *
 * Lines start with "net: "; results are "net: <name>: ok ..." or
 * "net: <name>: FAIL ...", numbers "net: bench <name> <bytes> <ns>". Each
 * powers its partition off at the end.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define PORT		5001
#define MAGIC		0x424e4554u	/* "BNET" */
#define CHUNK		(64UL << 10)
#define NPING		10
#define SEED_CLIENT	0x636c6e74u	/* "clnt" */
#define SEED_SERVER	0x73727672u	/* "srvr" */

static int failures;
static unsigned char chunk[CHUNK];

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* FNV-1a, 64-bit: the test computes the same over the pattern. */
static uint64_t fnv1a(const unsigned char *p, size_t n, uint64_t h)
{
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

/* xorshift32, the low byte of each step; *x carries on from chunk to chunk. */
static void pattern(unsigned char *p, size_t n, uint32_t *x)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*x ^= *x << 13;
		*x ^= *x >> 17;
		*x ^= *x << 5;
		p[i] = (unsigned char)*x;
	}
}

static void result(const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void result(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	printf("net: %s: %s ", name, ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures += !ok;
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

/* The first interface that is not lo. */
static int find_if(char *name, size_t size)
{
	DIR *d = opendir("/sys/class/net");
	struct dirent *e;
	int found = -1;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, "lo") && strlen(e->d_name) < size) {
			strcpy(name, e->d_name);
			found = 0;
			break;
		}
	if (d)
		closedir(d);
	return found;
}

/* Interface name up, with address a.b.c.d/24 (addr 0: only up). */
static int if_up(int s, const char *name, in_addr_t addr)
{
	struct ifreq r;
	struct sockaddr_in *sin = (struct sockaddr_in *)&r.ifr_addr;

	memset(&r, 0, sizeof(r));
	strncpy(r.ifr_name, name, IFNAMSIZ - 1);
	if (addr) {
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = addr;
		if (ioctl(s, SIOCSIFADDR, &r))
			return -1;
		sin->sin_addr.s_addr = htonl(0xffffff00);
		if (ioctl(s, SIOCSIFNETMASK, &r))
			return -1;
	}
	if (ioctl(s, SIOCGIFFLAGS, &r))
		return -1;
	r.ifr_flags |= IFF_UP | IFF_RUNNING;
	return ioctl(s, SIOCSIFFLAGS, &r);
}

static void print_mac(const char *ifname)
{
	char path[96], mac[32];

	snprintf(path, sizeof(path), "/sys/class/net/%s/address", ifname);
	if (read_file(path, mac, sizeof(mac)))
		strcpy(mac, "?");
	printf("net: if %s mac %s\n", ifname, mac);
}

/* Wait (at most `secs`) for the interface's carrier: a peer's port is up. */
static int wait_carrier(const char *ifname, int secs)
{
	char path[96], v[8];
	int i;

	snprintf(path, sizeof(path), "/sys/class/net/%s/carrier", ifname);
	for (i = 0; i < secs * 10; i++) {
		if (!read_file(path, v, sizeof(v)) && !strcmp(v, "1"))
			return 0;
		usleep(100000);
	}
	return -1;
}

static uint16_t ip_csum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t sum = 0;

	for (; n > 1; n -= 2, b += 2)
		sum += (uint32_t)b[0] << 8 | b[1];
	if (n)
		sum += (uint32_t)b[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/* One echo to dst, its reply within ms; the round trip in ns, or -1. */
static long long ping_once(int s, in_addr_t dst, uint16_t id, uint16_t seq, int ms)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = dst };
	unsigned char pkt[64], in[256];
	struct icmphdr *h = (struct icmphdr *)pkt;
	uint64_t t0 = now_ns(), deadline = t0 + (uint64_t)ms * 1000000;
	struct pollfd pfd = { .fd = s, .events = POLLIN };

	memset(pkt, 0, sizeof(pkt));
	h->type = ICMP_ECHO;
	h->un.echo.id = htons(id);
	h->un.echo.sequence = htons(seq);
	for (size_t i = sizeof(*h); i < sizeof(pkt); i++)
		pkt[i] = (unsigned char)(i + seq);
	h->checksum = ip_csum(pkt, sizeof(pkt));
	if (sendto(s, pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)) != sizeof(pkt))
		return -1;
	for (;;) {
		uint64_t t = now_ns();
		ssize_t n;

		if (t >= deadline || poll(&pfd, 1, (int)((deadline - t) / 1000000) + 1) <= 0)
			return -1;
		n = recv(s, in, sizeof(in), 0);
		if (n < 20)
			continue;
		size_t ihl = (in[0] & 15) * 4u;
		struct icmphdr *r = (struct icmphdr *)(in + ihl);

		if ((size_t)n < ihl + sizeof(pkt) || r->type != ICMP_ECHOREPLY ||
		    ntohs(r->un.echo.id) != id || ntohs(r->un.echo.sequence) != seq ||
		    memcmp(in + ihl + sizeof(*h), pkt + sizeof(*h), sizeof(pkt) - sizeof(*h)))
			continue;
		return (long long)(now_ns() - t0);
	}
}

/* Ping dst until it answers (at most `secs`), then NPING echoes; all must come back. */
static void ping(const char *name, in_addr_t dst, int secs)
{
	int s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), got = 0, i;
	long long rtt, min = -1, max = 0, sum = 0;
	uint16_t seq = 0;
	uint64_t until = now_ns() + (uint64_t)secs * 1000000000ull;

	if (s < 0) {
		result(name, 0, "socket: %s", strerror(errno));
		return;
	}
	while (ping_once(s, dst, 0x6265, seq++, 500) < 0)
		if (now_ns() > until) {
			result(name, 0, "no answer from %s in %d s", inet_ntoa(
				       (struct in_addr){ dst }), secs);
			close(s);
			return;
		}
	/* 10 s each: a loaded host (make check beside other QEMUs) has held an
	 * answer beyond 2 s; a frame lost stays lost */
	for (i = 0; i < NPING; i++) {
		rtt = ping_once(s, dst, 0x6265, seq++, 10000);
		if (rtt < 0)
			continue;
		got++;
		sum += rtt;
		min = min < 0 || rtt < min ? rtt : min;
		max = rtt > max ? rtt : max;
	}
	close(s);
	result(name, got == NPING, "%d/%d replies from %s, rtt min/avg/max %lld/%lld/%lld us",
	       got, NPING, inet_ntoa((struct in_addr){ dst }), min / 1000,
	       got ? sum / got / 1000 : 0, max / 1000);
	if (got)
		printf("net: bench ping-rtt %d %lld\n", got, sum);
}

static int send_all(int s, const void *p, size_t n)
{
	const char *b = p;
	ssize_t k;

	while (n) {
		k = send(s, b, n, 0);
		if (k <= 0)
			return -1;
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * Send len bytes of the pattern from seed (*fnv: their checksum); stop
 * (return 1) after `stop_at` bytes if nonzero.
 */
static int send_pattern(int s, size_t len, uint32_t seed, size_t stop_at, uint64_t *fnv)
{
	uint32_t x = seed;
	size_t off, n;

	*fnv = 0xcbf29ce484222325ULL;
	for (off = 0; off < len; off += n) {
		n = len - off < CHUNK ? len - off : CHUNK;
		pattern(chunk, n, &x);
		*fnv = fnv1a(chunk, n, *fnv);
		if (send_all(s, chunk, n))
			return -1;
		if (stop_at && off + n >= stop_at)
			return 1;
	}
	return 0;
}

/*
 * Receive len bytes, compared with the pattern from seed: 0 if all came
 * and matched; *fnv over what came, *ns from the first byte to the last.
 */
static int recv_pattern(int s, size_t len, uint32_t seed, uint64_t *fnv, uint64_t *ns,
			size_t *got)
{
	static unsigned char want[CHUNK];
	uint32_t x = seed;
	uint64_t t0 = 0, h = 0xcbf29ce484222325ULL;
	size_t off = 0, n, woff = 0, wlen = 0;
	int bad = 0;
	ssize_t k;

	while (off < len) {
		n = len - off < CHUNK ? len - off : CHUNK;
		k = recv(s, chunk, n, 0);
		if (k <= 0)
			break;
		if (!t0)
			t0 = now_ns();
		h = fnv1a(chunk, (size_t)k, h);
		for (size_t i = 0; i < (size_t)k; i++) {
			if (woff == wlen) {
				wlen = len - off - i < CHUNK ? len - off - i : CHUNK;
				pattern(want, wlen, &x);
				woff = 0;
			}
			bad |= chunk[i] != want[woff++];
		}
		off += (size_t)k;
	}
	*fnv = h;
	*ns = t0 ? now_ns() - t0 : 0;
	*got = off;
	return off == len && !bad ? 0 : -1;
}

static int listener = -1;

/*
 * The server: serve connections until one whole transfer was made (or,
 * with want_len 0, until the client says goodbye: a header of length 0).
 */
static void server(size_t want_len)
{
	int one = 1, served = 0, conns = 0;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	struct timeval tmo = { .tv_sec = 20 }, atmo = { .tv_sec = 120 };
	int ls = listener;

	if (ls < 0) {
		ls = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		setsockopt(ls, SOL_SOCKET, SO_RCVTIMEO, &atmo, sizeof(atmo));
		if (bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 4)) {
			result("tcp-listen", 0, "%s", strerror(errno));
			return;
		}
		listener = ls;
	}
	while (!served && conns < 4) {
		int s = accept(ls, NULL, NULL);
		uint32_t hdr[2];
		uint64_t fnv, ns;
		size_t got, len;
		int r;

		if (s < 0)
			break;
		conns++;
		/* a peer that vanished (rebooted) is noticed by the timeout */
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo));
		if (recv(s, hdr, sizeof(hdr), MSG_WAITALL) != sizeof(hdr) ||
		    ntohl(hdr[0]) != MAGIC) {
			printf("net: connection %d: no header\n", conns);
			close(s);
			continue;
		}
		len = ntohl(hdr[1]);
		if (!want_len || !len) {
			close(s);
			result("bye", !want_len && !len, "connection %d: length %zu", conns, len);
			return;
		}
		r = recv_pattern(s, len, SEED_CLIENT, &fnv, &ns, &got);
		if (r) {
			printf("net: connection %d: broken after %zu of %zu bytes (%s)\n", conns,
			       got, len, got < len ? "the peer went away" : "wrong bytes");
			close(s);
			continue;
		}
		result("tcp-recv", len == want_len, "connection %d: %zu bytes fnv %016llx", conns,
		       len, (unsigned long long)fnv);
		printf("net: bench tcp-2-to-1 %zu %llu\n", len, (unsigned long long)ns);
		r = send_pattern(s, len, SEED_SERVER, 0, &fnv);
		result("tcp-send", r == 0, "connection %d: %zu bytes fnv %016llx", conns, len,
		       (unsigned long long)fnv);
		/* the client closes once it has everything */
		recv(s, hdr, 1, 0);
		close(s);
		served = 1;
	}
	result("tcp-served", served, "%d connection(s)", conns);
}

/*
 * The client: one transfer; stop half way and reboot if `interrupt`; with
 * len 0 only the header (goodbye: the server may stop).
 */
static void client(in_addr_t dst, size_t len, int interrupt)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT),
				 .sin_addr.s_addr = dst };
	uint32_t hdr[2] = { htonl(MAGIC), htonl((uint32_t)len) };
	uint64_t fnv, ns, until = now_ns() + 60000000000ull;
	size_t got;
	int s, r;

	for (;;) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (!connect(s, (struct sockaddr *)&a, sizeof(a)))
			break;
		close(s);
		if (now_ns() > until) {
			result("tcp-connect", 0, "%s", strerror(errno));
			return;
		}
		usleep(200000);
	}
	if (send_all(s, hdr, sizeof(hdr))) {
		result("tcp-send", 0, "header: %s", strerror(errno));
		close(s);
		return;
	}
	if (!len) {
		close(s);
		return;
	}
	r = send_pattern(s, len, SEED_CLIENT, interrupt ? len / 2 : 0, &fnv);
	if (interrupt) {
		printf("net: rebooting mid-transfer\n");
		fflush(stdout);
		tcdrain(STDOUT_FILENO);
		reboot(RB_AUTOBOOT);
		result("reboot", 0, "%s", strerror(errno));
		return;
	}
	result("tcp-send", r == 0, "%zu bytes fnv %016llx", len, (unsigned long long)fnv);
	r = recv_pattern(s, len, SEED_SERVER, &fnv, &ns, &got);
	result("tcp-recv", r == 0, "%zu bytes fnv %016llx", got, (unsigned long long)fnv);
	printf("net: bench tcp-1-to-2 %zu %llu\n", got, (unsigned long long)ns);
	close(s);
}

/* The same transfer inside this Linux over 127.0.0.1. */
static void loopback(size_t len)
{
	int ls = socket(AF_INET, SOCK_STREAM, 0), s, one = 1, status;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT + 1),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	uint64_t fnv, ns;
	size_t got;
	pid_t pid;

	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 1)) {
		result("loopback", 0, "%s", strerror(errno));
		return;
	}
	pid = fork();
	if (!pid) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) ||
		    send_pattern(s, len, SEED_CLIENT, 0, &fnv))
			_exit(1);
		close(s);
		_exit(0);
	}
	s = accept(ls, NULL, NULL);
	status = recv_pattern(s, len, SEED_CLIENT, &fnv, &ns, &got);
	close(s);
	close(ls);
	waitpid(pid, &status, 0);
	result("loopback", got == len && fnv && WIFEXITED(status) && !WEXITSTATUS(status),
	       "%zu bytes fnv %016llx", got, (unsigned long long)fnv);
	printf("net: bench tcp-loopback %zu %llu\n", got, (unsigned long long)ns);
}

int main(void)
{
	const char *id_s = getenv("netid"), *len_s = getenv("netlen");
	int id = id_s ? atoi(id_s) : 0, s;
	size_t len = len_s ? strtoul(len_s, NULL, 0) : (4UL << 20);
	in_addr_t self, peer;
	unsigned int boot;
	char ifname[IFNAMSIZ];

	setvbuf(stdout, NULL, _IOLBF, 0);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	signal(SIGPIPE, SIG_IGN);
	boot = boot_count();
	printf("net: start, id %d, boot %u\n", id, boot);
	if (id != 1 && id != 2) {
		result("args", 0, "netid=1 or netid=2 needed");
		goto out;
	}
	self = htonl(0x0a000000u | (unsigned int)id);
	peer = htonl(0x0a000000u | (unsigned int)(3 - id));
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (find_if(ifname, sizeof(ifname))) {
		result("if", 0, "no network interface");
		goto out;
	}
	print_mac(ifname);
	if (if_up(s, "lo", htonl(INADDR_LOOPBACK)) || if_up(s, ifname, self)) {
		result("if", 0, "%s up: %s", ifname, strerror(errno));
		goto out;
	}
	close(s);
	result("link", wait_carrier(ifname, 60) == 0, "%s carrier", ifname);
	ping("ping", peer, 60);
	if (id == 1) {
		server(len);
		ping("ping-after", peer, 60);
		if (getenv("netbench"))
			loopback(len);
		server(0); /* until the client is done with us */
	} else {
		client(peer, len, boot <= 1);
		ping("ping-after", peer, 60);
		client(peer, 0, 0);
	}
out:
	printf("net: done, %d failed\n", failures);
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
