# SPDX-License-Identifier: GPL-2.0-only
"""Device assignment (configs/linux-assign.dts, -smp 2): Linux on CPU 1 is
given the SoC's I2C controller. Its page is mapped straight into the
partition and its MPIC source (43) routed to CPU 1 and on to the partition's
virtual MPIC: Linux's unmodified i2c-mpc and rtc-ds1307 drivers probe it and
read the RTC on it, whose time is the host's (QEMU's DS1338: an oracle
nobody here wrote), taking the controller's interrupts to do it. Meanwhile a
probe partition on CPU 0 maps the same page with its own tlbwe and reads and
writes it every 10 ms: each access is a machine check, and the Linux
partition's RTC reads still work."""
import os
import re
import tempfile

import pytest

from beryl import hv_lines, partition_output, run_beryl
from linux_guest import CHECKS, LINE, drive, rtc_off_host, utc_now
from qemu import BUILD, ROOT, Qemu, run_native

import beryl_launch as bl

ASSIGN_DTB = os.path.join(BUILD, "configs", "linux-assign.dtb")
PROBE_RE = re.compile(r"^probe: (\d+) rounds, (\d+) loads, (\d+) stores, "
                      r"(\d+) machine checks, (\d+) without a bus error$")


@pytest.fixture(scope="module")
def assign_run():
    assert os.path.exists(ASSIGN_DTB), "missing %s (run make linux)" % ASSIGN_DTB
    t0 = utc_now()
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", ASSIGN_DTB], mem=512, timeout=300,
              extra=["-smp", "2"]) as q:
        run = drive(q, timeout=300, partition="linux")
    return run, t0, utc_now()


def test_linux_drives_the_assigned_device(assign_run):
    run = assign_run[0]
    detail = "\n".join(run.failures()) + "\n--- console ---\n" + run.text
    assert not run.failures(), detail
    assert list(run.checks) == CHECKS and run.echo == LINE, detail
    assert run.status["rtc"] == "ok", detail
    # the drivers found the controller at its real address, and the RTC on it
    assert "mpc-i2c fe0003000.i2c: timeout" in run.text, detail
    assert "rtc-ds1307 0-0068: registered as rtc0" in run.text, detail
    assert run.info["rtc-name"] == "rtc-ds1307 0-0068", detail


def test_rtc_reads_the_host_time(assign_run):
    run, t0, t1 = assign_run
    off = rtc_off_host(run, t0, t1)
    assert off is not None, run.text
    assert off <= 120, "RTC %s, host %s .. %s" % (run.info["rtc-time"], t0, t1)


def test_interrupt_routed_to_the_partition(assign_run):
    """i2c-mpc moves each byte on an interrupt; /init saw the count grow
    while it read the RTC. beryl met no interrupt it did not expect."""
    run = assign_run[0]
    assert int(run.info["i2c-irqs"]) > 0, run.text
    assert not [l for l in hv_lines(run.text) if "unexpected interrupt" in l], run.text


def test_other_partition_cannot_reach_the_device(assign_run):
    run = assign_run[0]
    probe = partition_output(run.text, "probe")
    m = [PROBE_RE.match(l) for l in probe]
    m = [x for x in m if x]
    assert len(m) == 1 and "PROBE DONE ok" in probe, run.text
    rounds, loads, stores, mchecks, bad = (int(g) for g in m[0].groups())
    assert rounds > 100 and mchecks == loads + stores and bad == 0, m[0].group(0)
    # the attack went on while Linux read its RTC
    lines = run.text.replace("\r", "").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("[probe] probe: attacking"))
    rtc = lines.index("[linux] check rtc: ok")
    done = lines.index("[probe] PROBE DONE ok")
    assert start < rtc < done, run.text


def test_clean_end(assign_run):
    run = assign_run[0]
    hv = hv_lines(run.text)
    assert "beryl: partition probe stopped: guest power-off" in hv, run.text
    assert "beryl: partition linux stopped: guest power-off" in hv, run.text
    assert "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" in hv, run.text
    assert any(re.match(r"beryl: text checksum (\w+) at boot, \1 now: unchanged", l)
               for l in hv), run.text
    assert run.powered_off, run.text


def test_device_works_again_after_partition_restart():
    """Linux reboots once (a reset request, right after /init mounted its
    file systems): its partition restarts, the source is routed anew,
    masked until the new kernel's driver unmasks it, and the second boot's
    drivers probe the controller and the RTC again and /init reads it."""
    with open(os.path.join(ROOT, "configs", "linux-assign.dts")) as f:
        src = f.read()
    plain = 'bootargs = "console=ttyS0";'
    assert plain in src
    src = src.replace(plain, 'bootargs = "console=ttyS0 beryl_test=reboot";')
    dtb = bl.compile_dts(source_text=src,
                         out=os.path.join(tempfile.mkdtemp(prefix="beryl-assign-"), "r.dtb"))
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=300,
              extra=["-smp", "2"]) as q:
        q.expect(r"\[linux\] rtc-ds1307 0-0068: registered as rtc0")
        q.expect(r"beryl: partition linux: restarting")
        q.expect(r"\[linux\] init: boot 2, test reboot")
        run = drive(q, timeout=300, partition="linux")
    detail = "\n".join(run.failures()) + "\n--- console ---\n" + run.text
    assert not run.failures() and run.status["rtc"] == "ok", detail
    assert len(re.findall(r"\[linux\] rtc-ds1307 0-0068: registered as rtc0",
                          run.text)) == 2, detail
    assert int(run.info["i2c-irqs"]) > 0, detail
    assert run.powered_off, detail


IRQLAT_ELF = os.path.join(BUILD, "guests", "bench", "irqlat.elf")
IRQLAT_RE = re.compile(r"^irqlat: 64 rounds, min (\d+) max (\d+) ticks, (\d+) other vectors$")


def test_bare_metal_takes_the_device_interrupt():
    """guests/bench/irqlat (make bench's interrupt latency): a bare-metal
    partition given the I2C controller gets each of 64 interrupts the
    device raises at its external-input vector, with the source's vector
    from its (virtual) MPIC's IACK, as it does on the bare machine."""
    native = run_native(IRQLAT_ELF, timeout=60)
    assert any(IRQLAT_RE.match(l.strip()) and IRQLAT_RE.match(l.strip()).group(3) == "0"
               for l in native.splitlines()), native
    src = open(os.path.join(ROOT, "tools", "bench.py")).read()
    dts = re.search(r'IRQLAT_DTS = """(.*?)"""', src, re.S).group(1) % IRQLAT_ELF
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-test-"), "irqlat.dtb")
    text, exited = run_beryl(bl.compile_dts(source_text=dts, out=out), timeout=120)
    assert exited, text
    lines = [l.strip() for l in partition_output(text, "irqlat")]
    m = [IRQLAT_RE.match(l) for l in lines if IRQLAT_RE.match(l)]
    assert m and m[0].group(3) == "0", text
    assert any(l.startswith("bench irq-latency 64 ") for l in lines), text
