# SPDX-License-Identifier: GPL-2.0-only
"""The Linux test guest (build/linux/vmlinux + initramfs.cpio.gz, see
linux/linux.mk): drive its /init (linux/init/init.c) and parse what it prints.

    run = boot_native()                  # straight on QEMU
    assert run.powered_off and not run.failures()

Under the hypervisor, start QEMU with qemu.Qemu yourself and call
drive(q, partition="g"): it answers the console prompt, waits for the
power-off and returns the same LinuxRun (guest lines taken from the "[g] "
prefixed console lines), so native and virtualised runs compare directly.
"""
import datetime
import os
import re
import time

import pexpect

from qemu import BUILD, Qemu

VMLINUX = os.path.join(BUILD, "linux", "vmlinux")
INITRAMFS = os.path.join(BUILD, "linux", "initramfs.cpio.gz")
BOOTARGS = "console=ttyS0"

# Every check /init runs, in order. "rtc" is skipped where the guest has no
# RTC (a beryl partition not given the I2C controller): tests say which case
# they expect (run.status["rtc"]).
CHECKS = ["mount", "rtc", "fork-wait", "fork-exec", "memory-pattern", "memory-cow",
          "memory-churn", "sleep-monotonic", "sleep-timebase", "timer-irqs",
          "smp", "console-echo"]
BENCHES = ["init-entry", "fork-exec", "touch64m", "touch64m-fault", "touch64m-warm",
           "compute"]

START = "init: start"
PROMPT = "init: type a line:"
LINE = "hello from the beryl test harness"
END = "init: power off"
ICOUNT = ["-icount", "shift=0,sleep=off"]
# Under ICOUNT the guest's time is its instruction count, not the host's:
# /init then bounds sleeps strictly (see sleep_slack_pct() in init.c).
STRICT = "beryl_timing=strict"
STRICT_SLACK = "10"  # info sleep-slack-pct with STRICT; 100 without

CHECK_RE = re.compile(r"^check (\S+): (ok|FAIL|skipped:)(?: (.*))?$")
SUMMARY_RE = re.compile(r"^init: (\d+) passed, (\d+) failed, (\d+) skipped$")
BENCH_RE = re.compile(r"^bench (\S+) (\d+)$")
INFO_RE = re.compile(r"^info (\S+) ?(.*)$")
ECHO_RE = re.compile(r"^echo: (.*)$")
PREFIX_RE = re.compile(r"^\[([^\]]+)\] ?(.*)$")
PANIC_RE = r"Kernel panic[^\n]*\n|Oops:[^\n]*\n"


class LinuxRun:
    """What one boot of the guest printed.

    checks:  {name: (ok, detail)} in output order; ok is "not failed"
    status:  {name: "ok" | "FAIL" | "skipped"}; a skipped check's reason is its detail
    summary: (passed, failed, skipped) from "init: N passed, M failed, K skipped", or None
    bench:   {name: timebase ticks};  info: {name: text}
    echo:    the line /init read from the console, or None
    text:    the whole console text;  lines: the guest's lines
    powered_off: QEMU exited by itself;  wall: seconds from start to exit
    """

    def __init__(self, text, partition=None):
        self.text = text
        self.lines = guest_lines(text, partition)
        self.checks = {}
        self.status = {}
        self.summary = None
        self.bench = {}
        self.info = {}
        self.echo = None
        self.powered_off = False
        self.wall = None
        for line in self.lines:
            m = CHECK_RE.match(line)
            if m:
                self.status[m.group(1)] = m.group(2).rstrip(":")
                self.checks[m.group(1)] = (m.group(2) != "FAIL", m.group(3) or "")
                continue
            m = SUMMARY_RE.match(line)
            if m:
                self.summary = tuple(int(g) for g in m.groups())
                continue
            m = BENCH_RE.match(line)
            if m:
                self.bench[m.group(1)] = int(m.group(2))
                continue
            m = INFO_RE.match(line)
            if m:
                self.info[m.group(1)] = m.group(2)
                continue
            m = ECHO_RE.match(line)
            if m and self.echo is None:
                self.echo = m.group(1)

    @property
    def tb_freq(self):
        return int(self.info.get("tb-freq", "0").split()[0] or 0)

    def seconds(self, bench):
        """A benchmark in seconds of guest time."""
        return self.bench[bench] / self.tb_freq

    def failures(self):
        """Human-readable problems: failed or missing checks, bad summary.
        Skipped checks are not problems here: see status."""
        bad = ["check %s: FAIL %s" % (n, d) for n, (ok, d) in self.checks.items() if not ok]
        bad += ["check %s: missing" % n for n in CHECKS if n not in self.checks]
        if self.summary is None:
            bad.append("no summary line")
        elif self.summary[1] or self.summary[0] + self.summary[2] != len(CHECKS):
            bad.append("summary: %d passed, %d failed, %d skipped" % self.summary)
        if END not in self.lines:
            bad.append("no '%s' line (/init drains the console before the power-off)" % END)
        return bad

    def rtc_time(self):
        """The RTC's date and time /init read (UTC), as a datetime, or None."""
        text = self.info.get("rtc-time")
        if not text:
            return None
        return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=datetime.timezone.utc)


def rtc_off_host(run, t0, t1):
    """How far the RTC time the guest read lies outside the host's UTC
    clock between t0 and t1 (datetimes around the run), in seconds: 0 if
    inside. The RTC (QEMU's DS1338) keeps the host's time, so this is an
    oracle nobody here wrote. None if the guest read no RTC."""
    rtc = run.rtc_time()
    if rtc is None:
        return None
    # the RTC counts whole seconds
    lo, hi = t0.replace(microsecond=0), t1
    if rtc < lo:
        return (lo - rtc).total_seconds()
    return max(0.0, (rtc - hi).total_seconds())


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def guest_lines(text, partition=None):
    """Console lines, '\\r' removed; with partition, only that partition's
    lines ("[name] ..." under beryl) with the prefix removed."""
    lines = text.replace("\r", "").splitlines()
    if partition is None:
        return lines
    out = []
    for line in lines:
        m = PREFIX_RE.match(line)
        if m and m.group(1) == partition:
            out.append(m.group(2))
    return out


def _expect(q, pattern, timeout):
    """q.expect, failing at once on a kernel panic or oops."""
    idx = q.expect([pattern, PANIC_RE], timeout=timeout)
    if idx == 1:
        q.expect([r"---\[ end[^\n]*\n", r"Rebooting[^\n]*\n"], timeout=10)
        raise AssertionError("guest kernel crashed\n--- console ---\n" + q.output())
    return idx


def drive(q, line=LINE, timeout=120, early=False, partition=None):
    """Take a started qemu.Qemu through one boot of the guest.

    Waits for /init's prompt and types `line`, or with early=True types it
    as soon as /init starts (needed with -icount sleep=off, where the 60 s
    read timeout passes in no host time). Then waits for the power-off:
    QEMU exits (natively, or beryl powering the machine off once the
    partition stopped). Returns a LinuxRun; failures() says whether /init's
    last line, "init: power off", came before."""
    t0 = time.monotonic()
    if early:
        if START not in q.output():
            _expect(q, re.escape(START), timeout)
        q.send(line + "\n")
        _expect(q, re.escape(PROMPT), timeout)
    else:
        _expect(q, re.escape(PROMPT), timeout)
        q.send(line + "\n")
    # The exit, not /init's last line: that one is written just before the
    # power-off, and it was once lost on its way out (init.c drains the
    # console now, see console_drain()); failures() checks it came.
    _expect(q, pexpect.EOF, timeout)
    exited = q.wait_exit(timeout=30)
    run = LinuxRun(q.output(), partition)
    run.powered_off = exited
    run.wall = time.monotonic() - t0
    return run


def native_args(bootargs=BOOTARGS):
    """QEMU arguments (after the machine options) booting the guest directly."""
    return ["-kernel", VMLINUX, "-initrd", INITRAMFS, "-append", bootargs]


def boot_native(smp=1, mem=512, icount=False, timeout=120, early=None, line=LINE):
    """Boot the guest directly on QEMU ppce500; returns a LinuxRun (wall
    measured from QEMU's start). With icount, /init's timing is strict."""
    for f in (VMLINUX, INITRAMFS):
        assert os.path.exists(f), "missing %s (run make linux)" % f
    extra = ["-smp", str(smp)] + (ICOUNT if icount else [])
    args = native_args(BOOTARGS + " " + STRICT if icount else BOOTARGS)
    t0 = time.monotonic()
    with Qemu(args, mem=mem, timeout=timeout, extra=extra) as q:
        run = drive(q, line=line, timeout=timeout,
                    early=icount if early is None else early)
    run.wall = time.monotonic() - t0
    return run


SWITCH = "\x1c"  # Ctrl-\


def focus(q, name):
    """Move the console input focus to partition name (Ctrl-\\ cycles
    through the running partitions and the hypervisor shell)."""
    for _ in range(6):
        q.send(SWITCH)
        q.expect(r"beryl: console input to (the shell|\S+)[^\n]*\n", timeout=30)
        if q.child.match.group(1) == name:
            return
    raise AssertionError("cannot focus %s\n%s" % (name, q.output()))


def type_to_each(q, names, line=lambda name: "typed for %s" % name, timeout=500):
    """Answer each Linux partition's /init prompt with a line of its own
    (line(name)), moving the input focus to it first (Ctrl-\\). A prompt
    may come while the focus moves (its text consumed by that wait):
    pending prompts are found in the whole output. Returns {name: line}."""
    prompt_re = re.compile(r"^\[(%s)\] " % "|".join(names) + re.escape(PROMPT), re.M)
    typed = {}
    while len(typed) < len(names):
        pending = [n for n in prompt_re.findall(q.output()) if n not in typed]
        if not pending:
            idx = q.expect([prompt_re.pattern.lstrip("^"), PANIC_RE], timeout=timeout)
            assert idx == 0, "a guest kernel crashed\n" + q.output()
            continue
        name = pending[0]
        focus(q, name)
        typed[name] = line(name)
        q.send(typed[name] + "\n")
    return typed
