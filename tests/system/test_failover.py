# SPDX-License-Identifier: GPL-2.0-only
"""Failover with a claimable device (issue 10, item 7; docs/config.md,
"Failover"): configs/failover.dts, -smp 2, guests/demo/failover.c.

"active" is given the I2C controller (`devices`), writes its clock divider
register and stops after 1.5 s; "standby" has it as `claimable`. Before
its claim every access of the standby to the controller's page ends in a
machine check; FH_CLAIM_DEVICE with a handle it was not given is EV_EINVAL
(8), with its own while the active one runs EV_INVALID_STATE (11); once
the active one has stopped the claim succeeds, and the standby reads the
value the active one left in the real device (QEMU's I2C controller) and
uses it without a machine check."""
import os

import pytest

from beryl import hv_lines, partition_output, run_beryl
from qemu import BUILD

DTB = os.path.join(BUILD, "configs", "failover.dtb")
PATH = "/soc@fe0000000/i2c@3000"


@pytest.fixture(scope="module")
def text():
    assert os.path.exists(DTB), "missing %s" % DTB
    out, exited = run_beryl(DTB, smp=2, timeout=120)
    assert exited, out
    return out


def test_standby_tree_names_the_claimable_device(text):
    standby = partition_output(text, "standby")
    assert standby[0] == "failover: standby: handle 16, standby", standby


def test_no_access_and_no_claim_while_the_active_one_runs(text):
    standby = partition_output(text, "standby")
    assert "failover: standby: before the claim, 2 of 2 accesses machine-checked" in standby
    assert "failover: standby: claim with a foreign handle: 8" in standby
    assert "failover: standby: claim while the active one runs: 11" in standby
    active = partition_output(text, "active")
    assert active[0].startswith("failover: active: FDR 0x2a, 0 machine checks"), active


def test_claim_after_the_active_one_stopped(text):
    hv = hv_lines(text)
    stopped = hv.index("beryl: partition active stopped: guest power-off")
    claimed = hv.index("beryl: partition standby claimed %s from active" % PATH)
    assert stopped < claimed, hv
    standby = partition_output(text, "standby")
    i = standby.index("failover: standby: claimed")
    assert standby[i + 1:i + 4] == [
        "failover: standby: FDR 0x2a as the active one left it",
        "failover: standby: FDR 0x15 after its own write, 0 machine checks",
        "failover: standby: claim again: 0"], standby
    assert "beryl: partition standby stopped: guest power-off" in hv, text
