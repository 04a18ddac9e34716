# SPDX-License-Identifier: GPL-2.0-only
"""The same unmodified Linux kernel and initramfs as test_linux_native.py,
booted as a beryl guest (configs/linux.dts): every check of /init passes
under the hypervisor as it does natively, console input reaches the guest
through the emulated UART's receive interrupt, and the guest's power-off
stops its partition, after which beryl powers the machine off."""
import os

import pytest

from beryl import hv_lines
from linux_guest import (BENCHES, BOOTARGS, CHECKS, ICOUNT, LINE, STRICT, STRICT_SLACK,
                         boot_native, drive)
from qemu import BUILD, ROOT, Qemu

import beryl_launch as bl

LINUX_DTB = os.path.join(BUILD, "configs", "linux.dtb")


def boot_beryl(icount=False, timeout=300, mem=512):
    assert os.path.exists(LINUX_DTB), "missing %s (run make linux)" % LINUX_DTB
    args = ["-kernel", bl.HV_ELF, "-initrd", LINUX_DTB]
    extra = ICOUNT if icount else []
    with Qemu(args, mem=mem, timeout=timeout, extra=extra) as q:
        return drive(q, timeout=timeout, early=icount, partition="linux")


@pytest.fixture(scope="module")
def beryl_run():
    return boot_beryl()


def test_linux_checks_pass_under_beryl(beryl_run):
    run = beryl_run
    detail = "\n".join(run.failures()) + "\n--- console ---\n" + run.text
    assert not run.failures(), detail
    assert list(run.checks) == CHECKS, detail
    assert all(b in run.bench for b in BENCHES), detail


def test_unassigned_rtc_is_absent(beryl_run):
    """linux.dts gives the partition no devices: the I2C controller and its
    RTC are not in its device tree, so /init finds no RTC."""
    assert beryl_run.status["rtc"] == "skipped", beryl_run.text
    assert beryl_run.checks["rtc"][1] == "no rtc", beryl_run.text
    assert not any("i2c" in l.lower() for l in beryl_run.lines), beryl_run.text


def test_console_input_reaches_guest(beryl_run):
    assert beryl_run.echo == LINE, beryl_run.text


def test_guest_power_off_stops_partition_cleanly(beryl_run):
    hv = hv_lines(beryl_run.text)
    assert "beryl: partition linux stopped: guest power-off" in hv, beryl_run.text
    assert "beryl: all partitions stopped, powering off" in hv, beryl_run.text
    assert beryl_run.powered_off, beryl_run.text


def test_same_checks_as_native(beryl_run):
    """The oracle: the same initramfs natively gives the same check lines,
    but for the RTC, which the machine has and the partition was not given."""
    native = boot_native(timeout=120)
    assert native.checks.keys() == beryl_run.checks.keys()
    assert native.status.pop("rtc") == "ok" and beryl_run.status["rtc"] == "skipped"
    assert native.status == {k: v for k, v in beryl_run.status.items() if k != "rtc"}, \
        (native.text, beryl_run.text)


def test_strict_timing_under_icount(tmp_path):
    """Under -icount the guest's time is its instruction count, so how late
    its sleeps end is the kernel's and beryl's doing, not the host's: /init
    bounds them strictly (beryl_timing=strict: 10%, where the run on the
    host's clock above allows 100%), and every check passes."""
    with open(os.path.join(ROOT, "configs", "linux.dts")) as f:
        src = f.read()
    args = 'bootargs = "%s";' % BOOTARGS
    assert args in src
    src = src.replace(args, 'bootargs = "%s %s";' % (BOOTARGS, STRICT))
    dtb = bl.compile_dts(source_text=src, out=str(tmp_path / "linux-strict.dtb"))
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=300,
              extra=ICOUNT) as q:
        run = drive(q, timeout=300, early=True, partition="linux")
    assert not run.failures(), "\n".join(run.failures()) + "\n" + run.text
    assert run.info["sleep-slack-pct"] == STRICT_SLACK, run.text
    assert run.powered_off, run.text
