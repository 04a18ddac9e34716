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
uses it without a machine check.

configs/linux-failover.dts: the active one is Linux, whose unmodified
i2c-mpc and rtc-ds1307 drivers read QEMU's DS1338 on the controller; once
Linux is killed (the hypervisor shell's `stop`, no shutdown of its own:
its drivers release nothing), the bare-metal standby claims the controller and
reads the RTC itself: the time must be the host's (QEMU's DS1338 keeps
it; an oracle nobody here wrote). A Linux standby is not possible: Linux
6.1 has no way for a program to issue FH_CLAIM_DEVICE."""
import datetime
import os
import re

import pytest

from beryl import hv_lines, partition_output, run_beryl
from linux_guest import PANIC_RE, focus, utc_now
from qemu import BUILD, Qemu

import beryl_launch as bl

DTB = os.path.join(BUILD, "configs", "failover.dtb")
LINUX_DTB = os.path.join(BUILD, "configs", "linux-failover.dtb")
PATH = "/soc@fe0000000/i2c@3000"
RTC_RE = r"failover: standby: RTC (\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)"


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


@pytest.fixture(scope="module")
def linux_failover():
    assert os.path.exists(LINUX_DTB), "missing %s (run make linux)" % LINUX_DTB
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", LINUX_DTB], mem=512, timeout=300,
              extra=["-smp", "2"]) as q:
        for pattern in (r"\[linux\] rtc-ds1307 0-0068: registered as rtc0",
                        r"\[linux\] init: ready"):
            assert q.expect([pattern, PANIC_RE], timeout=300) == 0, q.output()
        t0 = utc_now()
        q.send("cat /sys/class/rtc/rtc0/time\n")
        q.expect(r"\[linux\] init: ready", timeout=60)
        focus(q, "the shell")  # kill it: no shutdown of its own
        q.expect(r"beryl> ")
        q.send("stop linux\r")
        q.expect(r"\[standby\] " + RTC_RE, timeout=120)
        q.expect(r"beryl: all partitions stopped, powering off", timeout=60)
        t1 = utc_now()
        assert q.wait_exit(timeout=30), q.output()
        return q.output(), t0, t1


def test_linux_used_the_rtc_then_the_standby_claimed_it(linux_failover):
    text, _, _ = linux_failover
    linux = partition_output(text, "linux")
    assert "init: $ cat /sys/class/rtc/rtc0/time" in linux, text
    assert re.match(r"\d\d:\d\d:\d\d$", linux[linux.index("init: $ cat /sys/class/rtc/rtc0/time") + 1]), linux
    # (the shell's prompt may share a line with beryl's messages: the text, not its lines)
    assert text.index("beryl: partition linux stopped: stopped from the shell") < \
        text.index("beryl: partition standby claimed %s from linux" % PATH), text
    standby = partition_output(text, "standby")
    assert "failover: standby: claim while the active one runs: 11" in standby, standby
    assert "failover: standby: before the claim, 2 of 2 accesses machine-checked" in standby


def test_standby_reads_the_host_time_from_the_claimed_rtc(linux_failover):
    text, t0, t1 = linux_failover
    m = re.search(RTC_RE, text)
    y, mo, d, h, mi, sec = (int(g) for g in m.groups())
    rtc = datetime.datetime(y, mo, d, h, mi, sec, tzinfo=datetime.timezone.utc)
    assert t0.replace(microsecond=0) - datetime.timedelta(seconds=120) <= rtc <= \
        t1 + datetime.timedelta(seconds=120), (rtc, t0, t1)
