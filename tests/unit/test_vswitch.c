// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the virtual switch (hv/core/vswitch.c): learning, flooding,
 * never back to the sender, the configured addresses as fixed entries (a
 * port spoofing another's address is dropped), frame length limits, link
 * state and derived addresses. The ports' devices are stand-ins that
 * record what they were given; the frame's copy itself is virtq_copy()'s
 * (test_virtq.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vswitch.h>

#define NPORTS 3

static unsigned int received[NPORTS], link_events[NPORTS];
static bool full[NPORTS]; /* the stand-in device has no buffer */

static bool fake_receive(struct vswitch_port *to, const struct vswitch_frame *f)
{
	unsigned int i = (unsigned int)(to - vswitches[0].port);

	if (full[i])
		return false;
	received[i]++;
	return true;
}

static void fake_link_changed(struct vswitch_port *port)
{
	link_events[port - vswitches[0].port]++;
}

static const struct vswitch_port_ops fake_ops = {
	.receive = fake_receive,
	.link_changed = fake_link_changed,
};

static const char *const names[NPORTS] = { "a", "b", "c" };

static int setup(void **state)
{
	struct vswitch *sw = &vswitches[0];
	unsigned int i;

	memset(vswitches, 0, sizeof(vswitches));
	memset(received, 0, sizeof(received));
	memset(link_events, 0, sizeof(link_events));
	memset(full, 0, sizeof(full));
	nvswitches = 1;
	sw->name = "lan";
	sw->nports = NPORTS;
	for (i = 0; i < NPORTS; i++) {
		sw->port[i].sw = sw;
		sw->port[i].partition = names[i];
		vswitch_derive_mac("lan", names[i], sw->port[i].mac);
		vswitch_bind(&sw->port[i], &fake_ops, NULL);
		sw->port[i].up = true;
	}
	return 0;
}

static struct vswitch_port *port(unsigned int i)
{
	return &vswitches[0].port[i];
}

/* Port `from` sends a frame dst <- src of len bytes. */
static void send(unsigned int from, const uint8_t *dst, const uint8_t *src, uint32_t len)
{
	struct vswitch_frame f = { .len = len };

	memcpy(f.hdr, dst, 6);
	memcpy(f.hdr + 6, src, 6);
	vswitch_send(port(from), &f);
}

static void expect_received(unsigned int a, unsigned int b, unsigned int c)
{
	assert_int_equal(received[0], a);
	assert_int_equal(received[1], b);
	assert_int_equal(received[2], c);
}

static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
static const uint8_t other[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 }; /* nobody's configured */

static void test_flood_never_to_sender(void **state)
{
	send(0, bcast, port(0)->mac, 60);
	expect_received(0, 1, 1);
	send(1, mcast, port(1)->mac, 60);
	expect_received(1, 1, 2);
	send(2, other, port(2)->mac, 60); /* unknown unicast */
	expect_received(2, 2, 2);
}

static void test_configured_address_goes_to_its_port(void **state)
{
	send(0, port(2)->mac, port(0)->mac, 100);
	expect_received(0, 0, 1);
	send(2, port(0)->mac, port(2)->mac, 100);
	expect_received(1, 0, 1);
}

static void test_learned_address(void **state)
{
	/* b sends from a second (unconfigured) address: learned on b's port */
	send(1, bcast, other, 60);
	expect_received(1, 0, 1);
	send(0, other, port(0)->mac, 60);
	expect_received(1, 1, 1);
	/* the address moves to c when c uses it */
	send(2, bcast, other, 60);
	expect_received(2, 2, 1);
	send(0, other, port(0)->mac, 60);
	expect_received(2, 2, 2);
}

static void test_spoofed_source_dropped(void **state)
{
	/* a claims b's configured address: nothing goes out, nothing is learned */
	send(0, bcast, port(1)->mac, 60);
	expect_received(0, 0, 0);
	assert_int_equal(port(0)->tx_dropped, 1);
	/* frames for b still reach b, not a */
	send(2, port(1)->mac, port(2)->mac, 60);
	expect_received(0, 1, 0);
}

static void test_frame_to_self_not_returned(void **state)
{
	send(0, port(0)->mac, port(0)->mac, 60);
	expect_received(0, 0, 0);
}

static void test_lengths(void **state)
{
	send(0, bcast, port(0)->mac, VSWITCH_ETH_HDR - 1);
	send(0, bcast, port(0)->mac, VSWITCH_FRAME_MAX + 1);
	send(0, bcast, port(0)->mac, 0xFFFFFFFFu);
	expect_received(0, 0, 0);
	assert_int_equal(port(0)->tx_dropped, 3);
	send(0, bcast, port(0)->mac, VSWITCH_ETH_HDR);
	send(0, bcast, port(0)->mac, VSWITCH_FRAME_MAX);
	expect_received(0, 2, 2);
}

static void test_down_or_full_receiver_drops(void **state)
{
	port(1)->up = false;
	full[2] = true;
	send(0, bcast, port(0)->mac, 60);
	expect_received(0, 0, 0);
	assert_int_equal(port(1)->rx_dropped, 1);
	assert_int_equal(port(2)->rx_dropped, 1);
	assert_int_equal(port(2)->rx_frames, 0);
}

static void test_fdb_full_replaces(void **state)
{
	uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0 };
	unsigned int i;

	for (i = 0; i < 2 * VSWITCH_FDB; i++) { /* many addresses behind b */
		mac[5] = (uint8_t)i;
		send(1, bcast, mac, 60);
	}
	/* the newest are known (behind b), the table never overflowed */
	memset(received, 0, sizeof(received));
	send(0, mac, port(0)->mac, 60);
	expect_received(0, 1, 0);
}

static void test_link(void **state)
{
	unsigned int i;

	for (i = 0; i < NPORTS; i++)
		port(i)->up = false;
	assert_false(vswitch_link(port(0)));
	vswitch_set_up(port(0), true);
	assert_false(vswitch_link(port(0))); /* only itself */
	assert_true(vswitch_link(port(1)));
	for (i = 0; i < NPORTS; i++)
		assert_int_equal(link_events[i], 1);
	vswitch_set_up(port(0), true); /* no change, no event */
	assert_int_equal(link_events[1], 1);
	vswitch_set_up(port(2), true);
	assert_true(vswitch_link(port(0)));
	vswitch_set_up(port(0), false);
	assert_false(vswitch_link(port(2)));
	assert_true(vswitch_link(port(1)));
}

static void test_derived_mac(void **state)
{
	uint8_t m1[6], m2[6], m3[6];

	vswitch_derive_mac("lan", "a", m1);
	vswitch_derive_mac("lan", "a", m2);
	vswitch_derive_mac("lan", "b", m3);
	assert_memory_equal(m1, m2, 6);
	assert_memory_not_equal(m1, m3, 6);
	assert_int_equal(m1[0], 0x02); /* locally administered, unicast */
	vswitch_derive_mac("la", "na", m2); /* the separator keeps the names apart */
	assert_memory_not_equal(m1, m2, 6);
	vswitch_derive_mac("other", "a", m3); /* and the network counts */
	assert_memory_not_equal(m1, m3, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_flood_never_to_sender, setup),
		cmocka_unit_test_setup(test_configured_address_goes_to_its_port, setup),
		cmocka_unit_test_setup(test_learned_address, setup),
		cmocka_unit_test_setup(test_spoofed_source_dropped, setup),
		cmocka_unit_test_setup(test_frame_to_self_not_returned, setup),
		cmocka_unit_test_setup(test_lengths, setup),
		cmocka_unit_test_setup(test_down_or_full_receiver_drops, setup),
		cmocka_unit_test_setup(test_fdb_full_replaces, setup),
		cmocka_unit_test_setup(test_link, setup),
		cmocka_unit_test_setup(test_derived_mac, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
