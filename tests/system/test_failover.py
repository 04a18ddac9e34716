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
uses it without a machine check. The active one stopped in the middle of
an RTC read (the controller master of the bus, a byte's interrupt
pending): the standby recovers the controller and reads the RTC driven by
its interrupt, which must reach the standby's virtual MPIC.

configs/linux-failover.dts: the active one is Linux, whose unmodified
i2c-mpc and rtc-ds1307 drivers read QEMU's DS1338 on the controller; once
Linux is killed (the hypervisor shell's `stop`, no shutdown of its own:
its drivers release nothing), the bare-metal standby claims the controller and
reads the RTC itself: the time must be the host's (QEMU's DS1338 keeps
it; an oracle nobody here wrote). Linux is killed while it reads the RTC
in a loop (init's rtcloop). A Linux standby is not possible: Linux 6.1 has
no way for a program to issue FH_CLAIM_DEVICE.

configs/failover-takeover.dts: claim = "running", the take-over from a
running owner and the claim back after its restart;
configs/linux-failover-takeover.dts: the same from a running Linux;
configs/failover-race.dts:
two partitions taking the device from each other across restarts."""
import datetime
import os
import re
import time

import pytest

from beryl import hv_lines, partition_output, run_beryl
from linux_guest import PANIC_RE, focus, utc_now
from qemu import BUILD, Qemu

import beryl_launch as bl

DTB = os.path.join(BUILD, "configs", "failover.dtb")
TAKEOVER_DTB = os.path.join(BUILD, "configs", "failover-takeover.dtb")
RACE_DTB = os.path.join(BUILD, "configs", "failover-race.dtb")
RACER_RE = (r"failover: racer (\d+): (\d+) claims: (\d+) successes, (\d+) EV_INVALID_STATE, "
            r"(\d+) other; (\d+) own values read, (\d+) machine-checked, (\d+) foreign values")
LINUX_DTB = os.path.join(BUILD, "configs", "linux-failover.dtb")
LINUX_TAKEOVER_DTB = os.path.join(BUILD, "configs", "linux-failover-takeover.dtb")
PATH = "/soc@fe0000000/i2c@3000"
RTC_RE = r"failover: standby: RTC (\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)"


def rtc_re(who):
    return RTC_RE.replace("standby", who)


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


def test_standby_recovers_a_controller_left_mid_transfer(text):
    """The active one stopped as master of the bus, a byte under way and its
    interrupt pending (MBB, MIF); the standby resets the controller and
    reads the RTC driven by the controller's interrupt, which must now reach
    its virtual MPIC (its read times out otherwise): 10 interrupts for a
    7-register read (3 address/register bytes, 7 data bytes)."""
    active = partition_output(text, "active")
    assert "failover: active: left the controller mid-transfer: CR 0xe0 SR 0xa2" in active, active
    standby = partition_output(text, "standby")
    assert "failover: standby: controller found with CR 0xe0 SR 0xa2 (master of the bus: " \
        "left mid-transfer)" in standby, standby
    assert "failover: standby: controller reset, 0 clock bursts, bus free" in standby, standby
    assert any(re.fullmatch(RTC_RE + ", 10 interrupts", line) for line in standby), standby


@pytest.fixture(scope="module")
def takeover():
    """The owner reads the RTC in a loop; the shell pauses it (its vCPU held
    outside its guest), the taker is told to take the controller, then the
    owner is resumed: the take-over must reach a held vCPU too."""
    assert os.path.exists(TAKEOVER_DTB), "missing %s" % TAKEOVER_DTB
    t0 = utc_now()
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", TAKEOVER_DTB], mem=512, timeout=120,
              extra=["-smp", "2"]) as q:
        q.expect(r"\[taker\] failover: taker: type a key to take the device")
        q.expect(r"\[owner\] failover: owner: handle 16, active")
        time.sleep(0.5)  # the owner reads meanwhile
        focus(q, "the shell")
        q.expect(r"beryl> ")
        q.send("pause owner\r")
        q.expect(r"beryl: partition owner paused")
        focus(q, "taker")
        q.send("x")
        q.expect(r"\[taker\] failover: taker: claim while the owner runs: \d+")
        focus(q, "the shell")
        q.expect(r"beryl> ")
        q.send("resume owner\r")
        q.expect(r"beryl: partition owner resumed")
        q.expect(r"beryl: all partitions stopped, powering off", timeout=120)
        assert q.wait_exit(timeout=30), q.output()
        return q.output(), t0, utc_now()


def test_taken_from_the_running_owner(takeover):
    """claim = "running": the taker's claim succeeds while the owner runs
    (paused by the shell at that moment), which loses the device at once: the read it was in fails on a machine
    check, every later access is one, and no device interrupt reaches it
    while the taker reads the RTC by interrupts on its own virtual MPIC."""
    text, t0, t1 = takeover
    hv = hv_lines(text)
    claimed = hv.index("beryl: partition taker claimed %s from owner (taken while it ran)" % PATH)
    assert claimed < hv.index("beryl: partition owner stopped: guest reset request"), hv
    # taken while the owner was paused (held outside its guest), then resumed
    assert text.index("beryl: partition owner paused") < text.index(hv[claimed]) < \
        text.index("beryl: partition owner resumed"), text
    taker = partition_output(text, "taker")
    assert taker[0] == "failover: taker: handle 16, standby", taker
    assert "failover: taker: claim while the owner runs: 0" in taker, taker
    reads = [line for line in taker if re.fullmatch(rtc_re("taker") + ", 10 interrupts", line)]
    assert len(reads) == 3, taker
    for line in reads:
        y, mo, d, h, mi, sec = (int(g) for g in re.match(rtc_re("taker"), line).groups())
        rtc = datetime.datetime(y, mo, d, h, mi, sec, tzinfo=datetime.timezone.utc)
        assert t0.replace(microsecond=0) - datetime.timedelta(seconds=120) <= rtc <= \
            t1 + datetime.timedelta(seconds=120), (rtc, t0, t1)
    assert "failover: taker: 0 machine checks, 0 other interrupts" in taker, taker
    owner = partition_output(text, "owner")
    assert owner[0] == "failover: owner: handle 16, active", owner
    m = [re.fullmatch(r"failover: owner: (\d+) RTC reads by interrupts, then a machine check: "
                      r"the device was taken", line) for line in owner]
    m = [x for x in m if x]
    assert m and int(m[0].group(1)) > 0, owner
    assert "failover: owner: after the loss: 0 device interrupts in 300 ms, 3 of 3 accesses " \
        "machine-checked" in owner, owner


def test_claimed_back_after_a_restart(takeover):
    """The owner, restarted, is the standby now (its tree says so) and has no
    claim = "running": EV_INVALID_STATE while the taker runs, its claim
    succeeds once the taker stopped, and the device works for it again
    (interrupts routed back to it)."""
    text, _, _ = takeover
    hv = hv_lines(text)
    back = hv.index("beryl: partition owner claimed %s from taker" % PATH)
    assert hv.index("beryl: partition taker stopped: guest power-off") < back, hv
    owner = partition_output(text, "owner")
    i = owner.index("failover: owner: handle 16, standby")
    assert "failover: owner: claim back while the taker runs: 11" in owner[i:], owner
    assert any(re.fullmatch(r"failover: owner: claimed back after [1-9]\d* refusals, all "
                            r"EV_INVALID_STATE", line) for line in owner), owner
    assert any(re.fullmatch(rtc_re("owner") + ", 10 interrupts", line) for line in owner[i:]), owner
    assert "failover: owner: claim again: 0" in owner, owner
    assert "beryl: all partitions stopped, powering off" in hv, text


def test_hostile_claims_get_error_codes_only(takeover):
    """Handles that are not the caller's claimable device, repeated claims,
    claims racing the owner's stop: only error codes (or 0 for its own)."""
    text, _, _ = takeover
    assert "failover: taker: 1999 claims with handles not its own, 0 not EV_EINVAL" in \
        partition_output(text, "taker"), text
    assert "failover: owner: 1999 claims with handles not its own, 0 not EV_EINVAL" in \
        partition_output(text, "owner"), text
    assert "failover: taker: claim again: 0" in partition_output(text, "taker"), text


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
        # RTC reads without a pause; killed while they go on
        q.send("rtcloop\n")
        for _ in range(3):
            assert q.expect([r"\[linux\] init: rtcloop \d+ reads", PANIC_RE], timeout=120) == 0, \
                q.output()
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


def test_linux_killed_in_its_rtc_loop(linux_failover):
    """Linux read the RTC in a loop (each read an I2C transfer of i2c-mpc,
    interrupt-driven) and was stopped while the loop ran: its last progress
    line comes after the loop started and before the stop, none failed. The
    standby then finds the controller as Linux left it (mid-transfer or
    between two; QEMU completes each byte at once, so which one is chance:
    the line says) and recovers it."""
    text, _, _ = linux_failover
    linux = partition_output(text, "linux")
    loops = [re.fullmatch(r"init: rtcloop (\d+) reads, (\d+) failed, last \d\d:\d\d:\d\d", line)
             for line in linux]
    loops = [m for m in loops if m]
    assert len(loops) >= 3 and all(m.group(2) == "0" for m in loops), linux
    assert int(loops[-1].group(1)) >= 150, linux
    assert text.rindex("init: rtcloop") < \
        text.index("beryl: partition linux stopped: stopped from the shell"), text
    standby = partition_output(text, "standby")
    found = [line for line in standby if line.startswith("failover: standby: controller found")]
    assert len(found) == 1 and re.fullmatch(
        r"failover: standby: controller found with CR 0x[0-9a-f]+ SR 0x[0-9a-f]+ "
        r"\((master of the bus: left mid-transfer|idle)\)", found[0]), standby
    assert "failover: standby: controller reset, 0 clock bursts, bus free" in standby, standby
    assert any(re.fullmatch(RTC_RE + ", 10 interrupts", line) for line in standby), standby


def test_standby_reads_the_host_time_from_the_claimed_rtc(linux_failover):
    text, t0, t1 = linux_failover
    m = re.search(RTC_RE, text)
    y, mo, d, h, mi, sec = (int(g) for g in m.groups())
    rtc = datetime.datetime(y, mo, d, h, mi, sec, tzinfo=datetime.timezone.utc)
    assert t0.replace(microsecond=0) - datetime.timedelta(seconds=120) <= rtc <= \
        t1 + datetime.timedelta(seconds=120), (rtc, t0, t1)


def test_claims_racing_each_other_and_a_restart():
    """configs/failover-race.dts: a and b, both with claim = "running", take
    the controller from each other in a loop for 6 s, a restarting itself
    every 40 rounds meanwhile (claims racing its restart). Every claim is 0
    or EV_INVALID_STATE; after each success the claimer's write then read
    of the divider gives its own value or a machine check (the other took
    it in between: some must, or the check saw nothing), never the other's
    value (an access after it lost the device)."""
    assert os.path.exists(RACE_DTB), "missing %s" % RACE_DTB
    text, exited = run_beryl(RACE_DTB, smp=2, timeout=120)
    assert exited, text
    hv = hv_lines(text)
    assert hv.count("beryl: partition a: restarting") >= 3, hv
    lines = {}
    for name in ("a", "b"):
        lines[name] = [re.fullmatch(RACER_RE, line) for line in partition_output(text, name)]
        lines[name] = [tuple(int(g) for g in m.groups()) for m in lines[name] if m]
        assert lines[name], text
        assert sum(x[2] for x in lines[name]) > 0, lines  # it got the device
    every = lines["a"] + lines["b"]
    assert all(x[4] == 0 for x in every), every  # no other status
    assert all(x[7] == 0 for x in every), every  # no foreign value
    assert sum(x[6] for x in every) > 0, every  # losses seen
    assert "beryl: text checksum" in text and "now: unchanged" in text, text


def test_taken_from_a_running_linux():
    """configs/linux-failover-takeover.dts, -smp 3: an SMP Linux (two
    vCPUs, CPUs 1-2) reads the RTC in a loop (i2c-mpc, interrupt-driven)
    when the bare-metal taker (claim = "running", CPU 0) takes the
    controller. The taker reads the host's time by interrupts at once;
    Linux's next access to the controller, from whichever vCPU, is a
    machine check its own kernel reports (an oracle nobody here wrote; it
    oopses, as on a board whose device vanished); beryl and the taker go
    on, and the shell stops what is left of Linux."""
    assert os.path.exists(LINUX_TAKEOVER_DTB), "missing %s (run make linux)" % LINUX_TAKEOVER_DTB
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", LINUX_TAKEOVER_DTB], mem=512, timeout=300,
              extra=["-smp", "3"]) as q:
        for pattern in (r"\[linux\] rtc-ds1307 0-0068: registered as rtc0",
                        r"\[linux\] init: ready"):
            assert q.expect([pattern, PANIC_RE], timeout=300) == 0, q.output()
        t0 = utc_now()
        q.send("rtcloop\n")
        for _ in range(3):
            assert q.expect([r"\[linux\] init: rtcloop \d+ reads", PANIC_RE], timeout=120) == 0, \
                q.output()
        focus(q, "taker")
        before = q.output()
        q.send("x")
        # both, in either order (the two partitions' lines interleave)
        for _ in range(2):
            q.expect([r"\[taker\] failover: taker: stopping", r"\[linux\] Oops: Machine check"],
                     timeout=120)
            if "failover: taker: stopping" in q.output() and \
                    "[linux] Oops: Machine check" in q.output():
                break
        assert "[linux] Oops: Machine check" in q.output(), q.output()
        t1 = utc_now()
        focus(q, "the shell")
        q.expect(r"beryl> ")
        q.send("stop linux\r")
        q.expect(r"beryl: all partitions stopped, powering off", timeout=60)
        assert q.wait_exit(timeout=30), q.output()
        text = q.output()
    claimed = text.index("beryl: partition taker claimed %s from linux (taken while it ran)" % PATH)
    assert text.rindex("init: rtcloop", 0, claimed) > 0, text
    linux = partition_output(text, "linux")
    assert not [line for line in linux if re.match(r"init: rtcloop \d+ reads, [1-9]", line)], linux
    # none before the take-over, Linux's own report after it (its lines may
    # come before beryl's line about the claim: the claim returns once
    # Linux let go, and Linux runs on meanwhile)
    assert "Machine check" not in before, before
    assert "[linux] Machine check in kernel mode." in text[len(before):], text
    taker = partition_output(text, "taker")
    reads = [line for line in taker if re.fullmatch(rtc_re("taker") + ", 10 interrupts", line)]
    assert len(reads) == 3, taker
    y, mo, d, h, mi, sec = (int(g) for g in re.match(rtc_re("taker"), reads[0]).groups())
    rtc = datetime.datetime(y, mo, d, h, mi, sec, tzinfo=datetime.timezone.utc)
    assert t0.replace(microsecond=0) - datetime.timedelta(seconds=120) <= rtc <= \
        t1 + datetime.timedelta(seconds=120), (rtc, t0, t1)
    assert "failover: taker: 0 machine checks, 0 other interrupts" in taker, taker
    assert "beryl: partition linux stopped: stopped from the shell" in text, text
    assert "now: unchanged" in text, text

