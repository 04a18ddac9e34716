// SPDX-License-Identifier: GPL-2.0-only
#include <ratelimit.h>

bool ratelimit_allow(struct ratelimit *r, uint64_t now, uint64_t interval, uint32_t burst,
		     uint32_t *suppressed)
{
	if (!r->started || now < r->last) {
		r->started = true;
		r->last = now;
		r->tokens = burst;
	} else if (interval && now - r->last >= interval) {
		uint64_t add = (now - r->last) / interval;

		r->tokens = add >= burst - r->tokens ? burst : r->tokens + (uint32_t)add;
		r->last += add * interval;
	}
	if (!r->tokens) {
		r->suppressed++;
		return false;
	}
	r->tokens--;
	*suppressed = r->suppressed;
	r->suppressed = 0;
	return true;
}
