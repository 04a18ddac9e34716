// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypercall dispatch (hcall.h): the token names the handler some service
 * registered with HCALL_REGISTER(); anything else is EV_UNIMPLEMENTED.
 * The handlers are indexed by vendor and number the first time a call
 * arrives (every CPU that finds the index missing builds the same one).
 */
#include <arch.h>
#include <hcall.h>

#define HCALL_VENDORS 3  /* 0 (local), 1 (ePAPR), 2 (Freescale) */
#define HCALL_NUMBERS 32 /* numbers in use: ePAPR 1-16, Freescale 1-18 */

static const struct hcall *hcall_index[HCALL_VENDORS][HCALL_NUMBERS];
static volatile bool hcall_indexed;

static void hcall_build_index(void)
{
	const struct hcall *const *h;

	for (h = __start_hcalls; h < __stop_hcalls; h++) {
		uint32_t vendor = HCALL_VENDOR((*h)->token), num = HCALL_NUMBER((*h)->token);

		if (vendor < HCALL_VENDORS && num < HCALL_NUMBERS && !hcall_index[vendor][num])
			hcall_index[vendor][num] = *h;
	}
	arch_smp_mb(); /* the index before the flag that publishes it */
	hcall_indexed = true;
}

void hcall_dispatch(struct vcpu *v, uint32_t token, uint32_t r[8])
{
	uint32_t vendor = HCALL_VENDOR(token), num = HCALL_NUMBER(token);
	const struct hcall *h;

	/* the core's own paravirtual calls first (KVM's on e500v2: arch.h) */
	if (arch_hcall(v, token, r))
		return;
	if (!hcall_indexed)
		hcall_build_index();
	if (vendor >= HCALL_VENDORS || num >= HCALL_NUMBERS || !(h = hcall_index[vendor][num])) {
		r[0] = EV_UNIMPLEMENTED;
		return;
	}
	r[0] = h->fn(v, r);
}

/*
 * EV_IDLE: the vCPU waits for its next interrupt on its way back into the
 * guest (ePAPR 1.1 8.4.1; the guest tree's /hypervisor/has-idle says it
 * is there).
 */
static uint32_t ev_idle(struct vcpu *v, uint32_t r[8])
{
	v->idle_request = true;
	return EV_SUCCESS;
}
HCALL_REGISTER(ev_idle, HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE), ev_idle);
