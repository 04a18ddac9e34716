# SPDX-License-Identifier: GPL-2.0-only
"""Several partitions on several cores: beryl releases the secondary CPUs
the configuration names through their ePAPR spin tables and runs each
partition on its own CPU, at the same time. Every guest prints exactly
what it prints natively, console lines of different partitions never mix
within a line, the last partition to stop powers the machine off, and the
hypervisor's memory is intact."""
import difflib
import os
import re
import tempfile
import time

import pytest

from beryl import hv_lines, partition_output, run_beryl
from conftest import guest_elf
from qemu import BUILD, Qemu, run_native

import beryl_launch as bl

DEMO = os.path.join(BUILD, "guests", "demo", "hello.elf")
TICKER = os.path.join(BUILD, "guests", "demo", "ticker.elf")
AREA_BASE = 0x08000000
AREA_SIZE = 0x04000000

CANARY = "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed"
CHECKSUM_RE = re.compile(r"^beryl: text checksum ([0-9a-f]{8}) at boot, \1 now: unchanged$", re.M)
POWER_OFF = "beryl: all partitions stopped, powering off"


def multi_dts(parts, extra=None):
    """Configuration source: parts = [(name, cpu, image)], each partition in
    its own 64 MiB area (from 128 MiB up), guest-physical 0. extra maps a
    partition name to more properties."""
    areas, nodes = [], []
    for i, (name, cpu, image) in enumerate(parts):
        areas.append("r%d: %s-ram { reg = <0x0 %#x 0x0 %#x>; };"
                     % (i, name, AREA_BASE + i * AREA_SIZE, AREA_SIZE))
        nodes.append('%s { cpus = <%d>; image = /incbin/("%s"); %s '
                     'memory { ram { phys-mem = <&r%d>; guest-addr = <0x0 0x0>; }; }; };'
                     % (name, cpu, os.path.abspath(image), (extra or {}).get(name, ""), i))
    return """/dts-v1/;
/ { compatible = "beryl,config";
    phys-mem { %s };
    partitions { %s };
};
""" % (" ".join(areas), " ".join(nodes))


def compile_config(parts, name, extra=None):
    for _, _, image in parts:
        assert os.path.exists(image), "missing %s (run make)" % image
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-smp-"), name + ".dtb")
    return bl.compile_dts(source_text=multi_dts(parts, extra), out=out)


def run_config(parts, smp, name, timeout=180):
    text, exited = run_beryl(compile_config(parts, name), smp=smp, timeout=timeout)
    assert exited, "beryl did not power off\n" + text
    return text


def assert_same(native, virt, text):
    diff = list(difflib.unified_diff(native, virt, "native", "beryl", lineterm=""))
    assert not diff, "\n".join(diff) + "\n--- beryl console ---\n" + text


def assert_clean_end(text, names):
    hv = hv_lines(text)
    for n in names:
        assert "beryl: partition %s stopped: guest power-off" % n in hv, text
    # exactly one CPU decided to stop the machine, after every partition stopped
    assert hv.count(POWER_OFF) == 1, text
    assert hv.index(POWER_OFF) > max(hv.index("beryl: partition %s stopped: guest power-off" % n)
                                     for n in names), text
    assert CANARY in hv and CHECKSUM_RE.search(text), text


@pytest.fixture(scope="module")
def native():
    """Native console output of the images used here (the oracle), by path."""
    cache = {}

    def get(elf):
        if elf not in cache:
            cache[elf] = run_native(elf, timeout=60).splitlines()
        return cache[elf]
    return get


def test_two_partitions_on_two_cores(native):
    """The demo on CPU 0 and a differential test program on CPU 1."""
    prog = guest_elf("tlbwe_tlbre")
    text = run_config([("demo", 0, DEMO), ("t", 1, prog)], smp=2, name="two")
    assert_same(native(DEMO), partition_output(text, "demo"), text)
    assert_same(native(prog), partition_output(text, "t"), text)
    assert "beryl: CPU 1 started" in hv_lines(text), text
    assert_clean_end(text, ["demo", "t"])


@pytest.mark.parametrize("prog", ["decrementer", "idle", "tlbmiss", "exceptions", "watchdog"])
def test_partition_on_cpu1_only(native, prog):
    """CPU 0 runs no guest (it only serves the console); the partition on
    CPU 1 behaves exactly as natively: timers, idling, TLB misses and
    exceptions all work on a secondary core."""
    elf = guest_elf(prog)
    text = run_config([("g", 1, elf)], smp=2, name="cpu1-" + prog)
    assert_same(native(elf), partition_output(text, "g"), text)
    assert "beryl: CPU 1 started" in hv_lines(text), text
    assert_clean_end(text, ["g"])


def test_three_partitions_on_four_cores(native):
    """CPUs 0, 1 and 3 each run a partition; CPU 2 is not used and stays in
    its spin loop."""
    prog = guest_elf("tlbwe_tlbre")
    parts = [("demo", 0, DEMO), ("tick", 1, TICKER), ("t", 3, prog)]
    text = run_config(parts, smp=4, name="three")
    hv = hv_lines(text)
    assert_same(native(DEMO), partition_output(text, "demo"), text)
    assert_same(native(TICKER), partition_output(text, "tick"), text)
    assert_same(native(prog), partition_output(text, "t"), text)
    assert "beryl: 4 CPU(s), 512 MiB RAM" in text, text
    assert "beryl: CPU 1 started" in hv, text
    assert "beryl: CPU 3 started" in hv, text
    assert not any(l.startswith("beryl: CPU 2") for l in hv), text
    assert_clean_end(text, ["demo", "tick", "t"])


TICK_LINE_RE = re.compile(r"^\[(a|b)\] (ticker: 30 ticks, one every 10 ms|tick (\d+)|TICKER DONE ok)$")


def test_partitions_run_concurrently(native):
    """Two tickers (busy-waiting 10 ms of timebase between lines, never
    yielding) on CPUs 0 and 1: their output overlaps (each one's first line
    comes before the other's last), so both ran at the same time; every
    line is whole.

    Not more than that: QEMU runs both vCPUs in one host thread, in turns
    of up to 100 ms, so on a loaded host the lines come in bursts (seen,
    while console output was still synchronous: all 31 lines of one ticker
    between two of the other's). Run one after the other, the two would
    not overlap at all."""
    text = run_config([("a", 0, TICKER), ("b", 1, TICKER)], smp=2, name="tickers")
    for n in "ab":
        assert_same(native(TICKER), partition_output(text, n), text)
    guest = [l for l in text.splitlines() if l.startswith("[")]
    assert all(TICK_LINE_RE.match(l) for l in guest), text
    who = [l[1] for l in guest]
    for x, y in (("a", "b"), ("b", "a")):
        last_y = len(who) - 1 - who[::-1].index(y)
        assert who.index(x) < last_y, "[%s] began after [%s] ended:\n%s" % (x, y, text)
    assert_clean_end(text, ["a", "b"])


def test_spin_table_release_is_per_cpu():
    """The partition's CPU number is the one it runs on: with three CPUs and
    a partition on CPU 2 only, CPU 2 (not CPU 1) is released."""
    text = run_config([("g", 2, DEMO)], smp=3, name="cpu2")
    hv = hv_lines(text)
    assert "beryl: CPU 2 started" in hv, text
    assert not any(l.startswith("beryl: CPU 1") for l in hv), text
    assert "[g] DEMO DONE ok" in text, text
    assert_clean_end(text, ["g"])


# ---------------------------------------------------------------------------
# Linux on a secondary CPU (needs `make linux`)

VMLINUX = os.path.join(BUILD, "linux", "vmlinux")
INITRAMFS = os.path.join(BUILD, "linux", "initramfs.cpio.gz")


@pytest.mark.skipif(not os.path.exists(VMLINUX), reason="needs make linux")
def test_linux_on_cpu1_reboots_and_takes_console_input():
    """Linux on CPU 1 beside the demo on CPU 0: it reboots once (the restart
    runs on CPU 1), passes every check of /init, and console input typed
    after the demo stopped reaches it through CPU 0 promptly (CPU 0 queues
    it and wakes CPU 1 with an IPI; Linux idles tickless meanwhile)."""
    from linux_guest import CHECKS, LINE, PROMPT, LinuxRun

    extra = {"linux": 'initrd = /incbin/("%s"); bootargs = "console=ttyS0 beryl_test=reboot";'
             % INITRAMFS}
    parts = [("demo", 0, DEMO), ("linux", 1, VMLINUX)]
    # Linux needs more than 64 MiB: give it 256 MiB from 256 MiB up.
    src = multi_dts(parts, extra).replace(
        "linux-ram { reg = <0x0 %#x 0x0 %#x>;" % (AREA_BASE + AREA_SIZE, AREA_SIZE),
        "linux-ram { reg = <0x0 0x10000000 0x0 0x10000000>;")
    dtb = bl.compile_dts(source_text=src, out=os.path.join(tempfile.mkdtemp(), "lin.dtb"))
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=300,
              extra=["-smp", "2"]) as q:
        q.expect(r"\[linux\] init: boot 1, test reboot")
        q.expect(r"beryl: partition linux: restarting")
        q.expect(r"\[linux\] init: boot 2, test reboot")
        q.expect(re.escape("[linux] " + PROMPT))
        assert "beryl: partition demo stopped: guest power-off" in q.output()
        t0 = time.monotonic()
        q.send(LINE + "\n")
        q.expect(r"\[linux\] echo: ")
        latency = time.monotonic() - t0
        q.expect(re.escape(POWER_OFF))
        exited = q.wait_exit(timeout=30)
        text = q.output()
    run = LinuxRun(text, "linux")
    assert exited, text
    assert not run.failures(), "\n".join(run.failures()) + "\n" + text
    assert list(run.checks) == CHECKS and run.echo == LINE, text
    assert run.status["rtc"] == "skipped", text  # no devices assigned
    assert len(re.findall(r"\[linux\] Linux version 6\.1", text)) == 2, text
    # without the wake-up IPI the line waits for Linux's next timer (seconds)
    assert latency < 3, "console input took %.1f s to reach CPU 1" % latency
    assert_clean_end(text, ["demo", "linux"])


def test_example_configuration():
    """configs/multicore.dts (the example docs/config.md names) runs."""
    dtb = os.path.join(BUILD, "configs", "multicore.dtb")
    assert os.path.exists(dtb), "missing %s (run make)" % dtb
    text, exited = run_beryl(dtb, smp=2, timeout=120)
    assert exited, text
    assert "[demo] DEMO DONE ok" in text and "[ticker] TICKER DONE ok" in text, text
    assert_clean_end(text, ["demo", "ticker"])
