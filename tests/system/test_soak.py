# SPDX-License-Identifier: GPL-2.0-only
"""Restart soak, short (tests/system/soak.py; the full one: `make soak`):
a partition restarted 30 times, by a guest reset request, a crash with
on-crash = "restart" and its manager's FH_PARTITION_RESTART in turn. Each
boot finds its memory cleared and the vCPU and device state it changed at
their reset values; the restarts happen as asked, in that order; beryl's
heap (hvmem_alloc, printed on each restart and at power-off) does not
grow; the manager and a watching neighbour on other CPUs run on, never
restarted, the neighbour's memory unchanged; beryl's canary and text
checksum are intact."""
import soak

RESTARTS = 30


def test_short_soak():
    s = soak.run(RESTARTS, stall=60)
    bad = soak.problems(s)
    assert not bad, "%s\n%s\n--- console (end) ---\n%s\n%s" % (
        soak.summary(s), "\n".join(bad), s.text[-6000:], s.cpus)
