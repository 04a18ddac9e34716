/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A token bucket for messages a guest can cause: at most `burst` at once,
 * then one per `interval` timebase ticks; what is refused is counted and
 * said with the next message let through. Pure logic.
 */
#ifndef RATELIMIT_H
#define RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct ratelimit {
	uint64_t last;       /* timebase when tokens were last topped up */
	uint32_t tokens;
	uint32_t suppressed; /* refused since the last message let through */
	bool started;
};

/*
 * May a message go out at timebase now? If so, *suppressed is how many were
 * refused since the previous one (to be said first).
 */
bool ratelimit_allow(struct ratelimit *r, uint64_t now, uint64_t interval, uint32_t burst,
		     uint32_t *suppressed);

#endif /* RATELIMIT_H */
