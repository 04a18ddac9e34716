# SPDX-License-Identifier: GPL-2.0-only
"""The consolidation scenario (configs/linux-smp4.dts) on four cores: a
bare-metal control loop on CPU 0, an SMP Linux with two vCPUs on CPUs 1-2
and a uniprocessor Linux on CPU 3, all at the same time. Each Linux passes
every check of /init (the SMP one really runs processes on both vCPUs and
takes IPIs through its virtual MPIC), each gets its own console line
typed after moving the input focus with Ctrl-\\, the control loop's
result equals the native one, and the machine powers off when the last
partition does."""
import os
import re

import pytest

from beryl import hv_lines, partition_output
from linux_guest import CHECKS, LinuxRun, type_to_each
from qemu import BUILD, Qemu, run_native

import beryl_launch as bl

DTB = os.path.join(BUILD, "configs", "linux-smp4.dtb")
CONTROL = os.path.join(BUILD, "guests", "demo", "control.elf")
LINUXES = {"smp": 2, "up": 1}  # partition: vCPUs
POWER_OFF = "beryl: all partitions stopped, powering off"


@pytest.fixture(scope="module")
def scenario():
    assert os.path.exists(DTB), "missing %s (run make linux)" % DTB
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", DTB], mem=1024, timeout=400,
              extra=["-smp", "4"]) as q:
        # longer than the emulated UART's 64-byte FIFO: input also waits
        # in beryl's queue while the guest reads the UART
        typed = type_to_each(q, LINUXES, line=lambda name: ("typed for %s " % name) * 8,
                             timeout=300)
        q.expect(POWER_OFF, timeout=300)
        assert q.wait_exit(timeout=30), q.output()
        return q.output(), typed


def test_both_linux_partitions_pass_every_check(scenario):
    text, typed = scenario
    for name, ncpus in LINUXES.items():
        run = LinuxRun(text, name)
        assert not run.failures(), "%s: %s\n%s" % (name, run.failures(), text)
        assert list(run.checks) == CHECKS, text
        # the SMP check pinned a process to each vCPU; two vCPUs need IPIs
        assert run.info["cpus"] == str(ncpus), text
        if ncpus > 1:
            assert int(run.info["ipis"]) > 0, text
        assert run.echo == typed[name], "%s read %r\n%s" % (name, run.echo, text)
        # no device is assigned here: the RTC of the I2C bus is not theirs
        assert run.status["rtc"] == "skipped", text


def test_smp_partition_released_its_second_vcpu(scenario):
    text, _ = scenario
    assert "beryl: partition smp: vCPU 1 started on CPU 2 at 0x0000001c" in hv_lines(text), \
        text


def test_control_loop_result_matches_native(scenario):
    text, _ = scenario
    native = run_native(CONTROL, timeout=60)
    want = [line for line in native.replace("\r", "").splitlines()
            if line.startswith("control: state")]
    got = [line for line in partition_output(text, "control")
           if line.startswith("control: state")]
    assert want and got == want, text
    assert "CONTROL DONE ok" in partition_output(text, "control"), text


def test_all_partitions_ran_at_the_same_time(scenario):
    """The control loop's 5 s overlap both Linux partitions' runs: each
    Linux printed its first line before the loop finished and stopped
    after it. (Not /init's start: the loop's 5 s are the host's, and a
    loaded host boots the kernels more slowly in them.)"""
    text, _ = scenario
    lines = text.splitlines()
    done = lines.index("[control] CONTROL DONE ok")
    for name in LINUXES:
        first = next(i for i, l in enumerate(lines) if l.startswith("[%s] " % name))
        assert first < done, text
        assert done < lines.index("beryl: partition %s stopped: guest power-off" % name), text


def test_clean_power_off(scenario):
    text, _ = scenario
    hv = hv_lines(text)
    for name in ["control"] + list(LINUXES):
        assert "beryl: partition %s stopped: guest power-off" % name in hv, text
    assert hv.count(POWER_OFF) == 1, text
    assert re.search(r"^beryl: 3 partition\(s\) started, \d+ us after reset$", text, re.M), text
