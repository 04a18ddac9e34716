# SPDX-License-Identifier: GPL-2.0-only
"""The hypervisor's shell in prefixed mode (the default console), typed
through pexpect as a person at a terminal would: Ctrl-\\ moves the input
focus past the partitions to the shell, which echoes what is typed.

Two echo guests ("a" on CPU 0, "b" on CPU 1) wait for a line each. The
shell lists them; every command that is not a lifecycle action (help,
info, partitions, stats, gtlb, mem, loglevel, bad lines) leaves their
state and boot counts as they were; bad commands and bad arguments get a
usage line; a paused partition's exit counts stand still and reset
empties them; mem shows the guest's own bytes (compared with its ELF) and
refuses what lies outside its RAM; restart and stop/start boot a partition
again; both then still echo the line typed to them and the machine powers
off. Booted once for every test here.
"""
import os
import re
import subprocess
import tempfile
import time

import pytest

from beryl import partition_output
from qemu import BUILD, Qemu

import beryl_launch as bl

ECHO = os.path.join(BUILD, "guests", "demo", "echo.elf")
SWITCH = "\x1c"  # Ctrl-\
PROMPT = "beryl> "
POWER_OFF = "beryl: all partitions stopped, powering off"

CONFIG = """/dts-v1/;
/ {
	compatible = "beryl,config";
	phys-mem {
		a_ram: a-ram { reg = <0x0 0x08000000 0x0 0x04000000>; };
		b_ram: b-ram { reg = <0x0 0x0C000000 0x0 0x04000000>; };
	};
	partitions {
		a { cpus = <0>; image = /incbin/("%(echo)s");
		    memory { ram { phys-mem = <&a_ram>; guest-addr = <0x0 0x0>; }; }; };
		b { cpus = <1>; image = /incbin/("%(echo)s");
		    memory { ram { phys-mem = <&b_ram>; guest-addr = <0x0 0x0>; }; }; };
	};
};
"""


def focus(q, name):
    """Move the input focus with Ctrl-\\ to partition name, or "the shell"."""
    for _ in range(4):
        q.send(SWITCH)
        q.expect(r"beryl: console input to (the shell|\S+)[^\n]*\n", timeout=30)
        if q.child.match.group(1) == name:
            if name == "the shell":
                q.expect(re.escape(PROMPT))
            return
    raise AssertionError("cannot focus %s\n%s" % (name, q.output()))


def run(q, line, timeout=30):
    """Type a line to the shell; what it printed (its echo of the line
    first) up to the next prompt, '\\r' removed."""
    q.send(line + "\r")
    q.expect(re.escape(PROMPT), timeout=timeout)
    return q.child.before.replace("\r", "")


def await_text(q, pattern, since):
    """Wait for pattern in the console text from offset since: beryl's
    message about an action may come before the shell's prompt or after."""
    if not re.search(pattern, q.output()[since:]):
        q.expect(pattern)


def table(listing):
    """partitions' rows: {name: (state, boots)}."""
    rows = {}
    for line in listing.splitlines():
        m = re.match(r"^(a|b)\s+(\S+)\s+(\d+)\s", line)
        if m:
            rows[m.group(1)] = (m.group(2), int(m.group(3)))
    return rows


def elf_bytes(section, n=16):
    """The first n bytes of an ELF section of echo.elf and its address."""
    out = subprocess.run(["powerpc-linux-gnu-objdump", "-s", "-j", section, ECHO],
                         capture_output=True, text=True).stdout
    m = re.search(r"^ ([0-9a-f]+) ([0-9a-f]{8}) ([0-9a-f]{8}) ([0-9a-f]{8}) ([0-9a-f]{8})",
                  out, re.M)
    assert m, out
    data = "".join(m.groups()[1:])[:2 * n]
    return int(m.group(1), 16), " ".join(re.findall("..", data))


@pytest.fixture(scope="module")
def session():
    assert os.path.exists(ECHO), "missing %s (run make)" % ECHO
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-shell-"), "shell.dtb")
    dtb = bl.compile_dts(source_text=CONFIG % {"echo": ECHO}, out=out)
    s = {}
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=60,
              extra=["-smp", "2"]) as q:
        ready = set()
        while len(ready) < 2:
            q.expect(r"\[(a|b)\] echo: ready")
            ready.add(q.child.match.group(1))
        focus(q, "the shell")
        s["before"] = run(q, "partitions")
        for line in ("help", "help mem", "help nothing", "info", "bogus", "pause",
                     "pause nobody", "start a", "resume a", "stats a now", "stats",
                     "gtlb a 7", "gtlb a x", "mem a 0x0", "mem a zz 4", "mem a 0x0 0",
                     "mem nobody 0x0 4", "mem a 0x0 4 virt", "loglevel loud",
                     "loglevel info extra", "x" * 130, "partitions now",
                     "partxy\x7f\x7fitions", "   "):
            s[line] = run(q, line)
        s["loglevel"] = run(q, "loglevel")
        s["loglevel debug"] = run(q, "loglevel debug")
        s["loglevel info"] = run(q, "loglevel info")
        s["rodata"] = run(q, "mem a 0x%x 16 phys" % elf_bytes(".rodata")[0])
        s["text"] = run(q, "mem a 0x0 16")
        s["outside"] = run(q, "mem a 0x3fffff8 16 phys")
        s["gtlb"] = run(q, "gtlb a")
        s["after"] = run(q, "partitions")
        # pause: the exit counts stand still; reset empties them
        at = len(q.output())
        s["pause a"] = run(q, "pause a")
        await_text(q, r"beryl: partition a paused", at)
        s["paused"] = run(q, "partitions")
        s["pause again"] = run(q, "pause a")
        s["stats 1"] = run(q, "stats a")
        s["stats 2"] = run(q, "stats a")
        s["reset"] = run(q, "stats a reset")
        s["stats 3"] = run(q, "stats a")
        at = len(q.output())
        s["resumed"] = run(q, "resume a")
        await_text(q, r"beryl: partition a resumed", at)
        s["resume again"] = run(q, "resume a")
        # lifecycle: restart a, stop and start b
        at = len(q.output())
        s["restart a"] = run(q, "restart a")
        await_text(q, r"\[a\] echo: ready", at)
        at = len(q.output())
        s["stop b"] = run(q, "stop b")
        await_text(q, r"beryl: partition b stopped: stopped from the shell", at)
        for _ in range(50):  # its vCPU leaves the guest at its next exit
            s["stopped"] = run(q, "partitions")
            if "stopping" not in s["stopped"]:
                break
            time.sleep(0.1)
        s["stop again"] = run(q, "stop b")
        at = len(q.output())
        s["start b"] = run(q, "start b")
        await_text(q, r"\[b\] echo: ready", at)
        s["last"] = run(q, "partitions")
        for name in ("a", "b"):
            focus(q, name)
            q.send("line for %s\r" % name)
            q.expect(r"\[%s\] echo: got line for %s" % (name, name))
        q.expect(POWER_OFF)
        assert q.wait_exit(timeout=30), q.output()
        s["text all"] = q.output()
    return s


def test_bad_commands_and_arguments_get_a_usage_line(session):
    s = session
    assert "unknown command 'bogus' (help lists them)" in s["bogus"]
    assert "unknown command 'nothing'" in s["help nothing"]
    for line, usage in (("pause", "pause NAME"), ("stats a now", "stats NAME [reset]"),
                        ("stats", "stats NAME [reset]"), ("gtlb a x", "gtlb NAME [VCPU]"),
                        ("mem a 0x0", "mem NAME ADDR LEN [phys]"),
                        ("mem a zz 4", "mem NAME ADDR LEN [phys]"),
                        ("mem a 0x0 0", "mem NAME ADDR LEN [phys]"),
                        ("mem a 0x0 4 virt", "mem NAME ADDR LEN [phys]"),
                        ("loglevel loud", "loglevel [LEVEL]"),
                        ("loglevel info extra", "loglevel [LEVEL]"),
                        ("partitions now", "partitions")):
        assert re.search(r"^usage: %s$" % re.escape(usage), s[line], re.M), (line, s[line])
    assert "no partition named 'nobody'" in s["pause nobody"]
    assert "no partition named 'nobody'" in s["mem nobody 0x0 4"]
    assert "a has no vCPU 7" in s["gtlb a 7"]
    assert "a is running" in s["start a"]
    assert "a is running, not paused" in s["resume a"]
    assert "line too long (at most 128 characters)" in s["x" * 130]
    # backspace edits the line: "partxy" less two, then "itions"
    edited = s["partxy\x7f\x7fitions"]
    assert table(edited) == table(s["before"]), repr(edited)
    assert s["   "].strip() == ""


def test_help_lists_every_command_with_its_line(session):
    s = session
    for cmd in ("gtlb", "help", "info", "loglevel", "mem", "partitions", "pause", "restart",
                "resume", "start", "stats", "stop"):
        assert re.search(r"^  %s\b.*\S" % cmd, s["help"], re.M), s["help"]
    names = re.findall(r"^  (\S+)", s["help"], re.M)
    assert names == sorted(names), names
    assert re.search(r"^  mem NAME ADDR LEN \[phys\]\s+guest memory", s["help mem"], re.M)


def test_info_and_partitions(session):
    s = session
    info = s["info"]
    assert re.search(r"^beryl e500 hypervisor, version \S+$", info, re.M), info
    assert re.search(r"^machine: 2 CPU\(s\), timebase \d+ Hz, .*console prefixed$", info,
                     re.M), info
    assert "ram      guest 0x000000000-0x003ffffff  host 0x008000000" in info, info
    assert "ram      guest 0x000000000-0x003ffffff  host 0x00c000000" in info, info
    assert re.search(r"^partition b: CPUs 1, image \d+ bytes", info, re.M), info
    before = s["before"]
    assert re.search(r"^a\s+running\s+1\s+\d+\.\d{3} s\s+0:0$", before, re.M), before
    assert re.search(r"^b\s+running\s+1\s+\d+\.\d{3} s\s+0:1$", before, re.M), before


def test_commands_that_are_not_lifecycle_actions_change_nothing(session):
    s = session
    assert table(s["before"]) == {"a": ("running", 1), "b": ("running", 1)}
    assert table(s["after"]) == table(s["before"]), s["after"]
    assert "log level info" in s["loglevel"]
    assert "log level debug" in s["loglevel debug"]
    assert "log level info" in s["loglevel info"]
    text = s["text all"]
    # each guest booted once before the lifecycle commands, once after
    assert text.count("[a] echo: ready") == 2, text  # restart below
    assert text.count("[b] echo: ready") == 2, text  # stop/start below


def test_mem_shows_the_guests_bytes_and_refuses_outside(session):
    s = session
    addr, want = elf_bytes(".rodata")
    assert re.search(r"^%09x: %s " % (addr, want), s["rodata"], re.M), (want, s["rodata"])
    _, code = elf_bytes(".text")
    assert re.search(r"^000000000: %s " % code, s["text"], re.M), (code, s["text"])
    # the last 8 bytes of its 64 MiB, then the end of its RAM
    assert re.search(r"^003fffff8:( [0-9a-f]{2}){8}\s", s["outside"], re.M), s["outside"]
    assert "004000000: not guest-physical RAM of a" in s["outside"], s["outside"]
    assert re.search(r"^guest TLB of a vCPU 0: PID0 \d+", s["gtlb"], re.M), s["gtlb"]


def test_pause_holds_counts_and_reset_empties_them(session):
    s = session
    assert "pausing a" in s["pause a"]
    assert table(s["paused"]) == {"a": ("paused", 1), "b": ("running", 1)}, s["paused"]
    assert "a is paused" in s["pause again"]

    def counts(t):
        return [l for l in t.splitlines() if re.match(r"^  (?!exit )\S+\s+\d+", l)]
    # a polls its UART: many MMIO exits, none while it is held
    assert re.search(r"^  mmio\s+\d{3,}", s["stats 1"], re.M), s["stats 1"]
    assert counts(s["stats 1"]) == counts(s["stats 2"]), (s["stats 1"], s["stats 2"])
    assert "exit statistics of a reset" in s["reset"]
    assert counts(s["stats 3"]) == ["  all                     0            0"], s["stats 3"]
    assert "a is running, not paused" in s["resume again"]


def test_restart_stop_start_and_both_still_echo(session):
    s = session
    assert "stopped from the shell" in s["stopped"], s["stopped"]
    assert table(s["stopped"]) == {"a": ("running", 2), "b": ("stopped", 1)}, s["stopped"]
    assert "b is stopped" in s["stop again"]
    assert "starting b" in s["start b"]
    assert table(s["last"]) == {"a": ("running", 2), "b": ("running", 2)}, s["last"]
    text = s["text all"]
    for name in ("a", "b"):
        assert "echo: got line for %s" % name in partition_output(text, name), text


def test_partition_lines_start_on_a_line_of_their_own(session):
    """The shell's prompt is an unfinished line: a partition's line after
    it (the echo guest started anew says it is ready) starts a line of its
    own, so that it still begins with its prefix."""
    text = session["text all"]
    glued = re.findall(r"[^\n]\[(?:a|b)\] [^\n]*", text)
    assert not glued, glued
    assert text.count("[b] echo: ready") == 2, text
