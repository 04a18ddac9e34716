# SPDX-License-Identifier: GPL-2.0-only
"""EV_IDLE (ePAPR hypercall 16) with an interrupt already due: the guest
(guests/demo/evidle.c) sets MSR[EE] through KVM's magic page (no trap)
while an IPI to itself is pending on its virtual MPIC, and calls EV_IDLE.
The interrupt is delivered on the way back from the hypercall: that is the
event EV_IDLE waits for, so the call returns and the handler runs. Before
the fix beryl delivered it and then idled anyway, the handler never ran
and the partition hung (found while analysing a guest-fuzzer hang)."""
import os

from beryl import config_for, hv_lines, partition_output, run_beryl
from qemu import BUILD

EVIDLE = os.path.join(BUILD, "guests", "demo", "evidle.elf")


def test_ev_idle_returns_for_an_interrupt_already_due():
    assert os.path.exists(EVIDLE), "missing %s (run make)" % EVIDLE
    text, exited = run_beryl(config_for(EVIDLE, name="g"), timeout=30)
    lines = partition_output(text, "g")
    # the IPI works the plain way first (the test's own check)
    assert "evidle: an IPI to itself, taken at mtmsr: 1" in lines, text
    assert "evidle: EV_IDLE returned 0, 1 interrupt(s) taken" in lines, text
    assert "EVIDLE DONE ok" in lines, text
    assert "beryl: partition g stopped: guest power-off" in hv_lines(text), text
    assert exited, text
