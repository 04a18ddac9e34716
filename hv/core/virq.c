// SPDX-License-Identifier: GPL-2.0-only
/* A partition's interrupts, through the device in its irqchip slot. */
#include <hvirq.h>
#include <ipc.h>
#include <partition.h>
#include <sched.h>
#include <smp.h>
#include <string.h>
#include <vdev.h>
#include <virq.h>

void virq_set(struct partition *p, unsigned int src, bool level)
{
	struct vdev *c = p->irqchip;

	if (c && src < c->type->irqchip->nr_sources)
		c->type->irqchip->set_irq(c, src, level);
}

bool virq_pending(const struct vcpu *v)
{
	const struct vdev *c = v->part->irqchip;

	return c && c->type->irqchip->pending(c, v->id);
}

bool virq_coreint_ack(const struct vcpu *v, uint32_t *vector)
{
	struct partition *p = v->part;
	bool ok;

	if (!p->irqchip)
		return false;
	spin_lock(&p->lock); /* other vCPUs change the controller too */
	ok = p->irqchip->type->irqchip->coreint_ack(p->irqchip, v->id, vector);
	spin_unlock(&p->lock);
	return ok;
}

uint32_t virq_outputs(const struct partition *p)
{
	uint32_t m = 0;
	unsigned int n;

	/* one vCPU: nobody else to wake (the MMIO path stays short) */
	if (p->nvcpus < 2)
		return 0;
	for (n = 0; n < p->nvcpus; n++)
		if (virq_pending(p->vcpu[n]))
			m |= 1u << n;
	return m;
}

void virq_kick(const struct partition *p, uint32_t before)
{
	uint32_t rose = virq_outputs(p) & ~before;
	unsigned int n;

	for (n = 0; rose; n++, rose >>= 1)
		if (rose & 1)
			sched_kick_vcpu(p->vcpu[n]);
}

void virq_pulse(struct partition *p, unsigned int src)
{
	struct vdev *c = p->irqchip;

	if (c && src < c->type->irqchip->nr_sources)
		c->type->irqchip->pulse(c, src);
}

void virq_post_pulse(struct partition *p, unsigned int src)
{
	if (src >= VIRQ_POST_MAX)
		return;
	__atomic_fetch_or(&p->virq_posted[src / 32], 1u << (src % 32), __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&p->virq_posted_words, 1u << (src / 32), __ATOMIC_SEQ_CST);
	ipc_wake_posted(p);
}

void virq_apply_posted(struct partition *p)
{
	/* the words first: a pulse posted after this marks its word again */
	uint32_t words = p->virq_posted_words ?
				 __atomic_exchange_n(&p->virq_posted_words, 0, __ATOMIC_SEQ_CST) : 0;

	while (words) {
		unsigned int w = (unsigned int)__builtin_ctz(words);
		uint32_t bits;

		words &= words - 1;
		bits = __atomic_exchange_n(&p->virq_posted[w], 0, __ATOMIC_SEQ_CST);
		while (bits) {
			unsigned int b = (unsigned int)__builtin_ctz(bits);

			bits &= bits - 1;
			virq_pulse(p, w * 32 + b);
		}
	}
}

void virq_forget_posted(struct partition *p)
{
	unsigned int w;

	for (w = 0; w < VIRQ_POST_MAX / 32; w++)
		__atomic_store_n(&p->virq_posted[w], 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&p->virq_posted_words, 0, __ATOMIC_SEQ_CST);
}

/* Sources the hardware tree gives devices: never given to a service. */
static uint32_t hw_used[VIRQ_POST_MAX / 32];

void virq_reserve_hw(unsigned int src)
{
	if (src < VIRQ_POST_MAX)
		hw_used[src / 32] |= 1u << (src % 32);
}

void virq_reserve_clear(void)
{
	memset(hw_used, 0, sizeof(hw_used));
}

int virq_alloc(struct partition *p)
{
	const struct vdev_irqchip_ops *ops = p->irqchip ? p->irqchip->type->irqchip : NULL;
	unsigned int top;

	if (!ops || !ops->service_src_max)
		return -1;
	top = ops->service_src_max < VIRQ_POST_MAX - 1 ? ops->service_src_max : VIRQ_POST_MAX - 1;
	if (top >= ops->nr_sources)
		top = ops->nr_sources - 1;
	if (!p->virq_next || p->virq_next > top + 1)
		p->virq_next = top + 1; /* the first one */
	while (p->virq_next > ops->service_src_min) {
		unsigned int src = --p->virq_next;

		if (!(hw_used[src / 32] & (1u << (src % 32))))
			return (int)src;
	}
	return -1;
}
