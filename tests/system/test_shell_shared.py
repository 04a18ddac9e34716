# SPDX-License-Identifier: GPL-2.0-only
"""The shell's pause and resume on a shared core: two echo guests ("a" and
"b") share CPU 0 under the priority policy. While "a" is paused, "b" keeps
running on the same core (it echoes the line typed to it): a held vCPU
gives the core up rather than waiting on it. Resumed, "a" echoes its own
line, and the machine powers off. Before the scheduler and the hold were
joined, the held vCPU waited for an interrupt on the core it shares and
"b" never got it back.
"""
import os
import re
import tempfile

import pytest

from qemu import BUILD, Qemu
from test_shell import CONFIG as DEDICATED
from test_shell import PROMPT, await_text, focus, run, table

import beryl_launch as bl

ECHO = os.path.join(BUILD, "guests", "demo", "echo.elf")
POWER_OFF = "beryl: all partitions stopped, powering off"

# test_shell's two echo partitions, both on CPU 0, made a shared core
CONFIG = DEDICATED.replace("cpus = <1>", "cpus = <0>").replace(
    "\tpartitions {",
    '\tcores { c0 { cpu = <0>; policy = "priority"; slice-us = <2000>; }; };\n\tpartitions {')


@pytest.fixture(scope="module")
def session():
    assert os.path.exists(ECHO), "missing %s (run make)" % ECHO
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-shell-shared-"), "shell.dtb")
    dtb = bl.compile_dts(source_text=CONFIG % {"echo": ECHO}, out=out)
    s = {}
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=60) as q:
        ready = set()
        while len(ready) < 2:
            q.expect(r"\[(a|b)\] echo: ready")
            ready.add(q.child.match.group(1))
        focus(q, "the shell")
        at = len(q.output())
        s["pause a"] = run(q, "pause a")
        await_text(q, r"beryl: partition a paused", at)
        s["paused"] = run(q, "partitions")
        # b, on the same core, is served while a is held
        focus(q, "b")
        q.send("line for b\r")
        q.expect(r"\[b\] echo: got line for b")
        s["b done"] = len(q.output())
        focus(q, "the shell")
        s["still paused"] = run(q, "partitions")
        at = len(q.output())
        s["resume a"] = run(q, "resume a")
        await_text(q, r"beryl: partition a resumed", at)
        focus(q, "a")
        q.send("line for a\r")
        q.expect(r"\[a\] echo: got line for a")
        q.expect(POWER_OFF)
        assert q.wait_exit(timeout=30), q.output()
        s["text"] = q.output()
    return s


def test_the_core_is_shared(session):
    assert re.search(r"beryl: CPU 0: 2 vCPUs share it \(priority\)", session["text"]), \
        session["text"]


def test_paused_partition_gives_its_shared_core_to_the_other(session):
    s = session
    assert "pausing a" in s["pause a"], s["pause a"]
    assert table(s["paused"]) == {"a": ("paused", 1), "b": ("running", 1)}, s["paused"]
    # both vCPUs on CPU 0, marked shared
    assert re.search(r"^a\s.*\s0:0s$", s["paused"], re.M), s["paused"]
    assert re.search(r"^b\s.*\s0:0s$", s["paused"], re.M), s["paused"]
    # b echoed while a was paused, and a said nothing meanwhile
    assert table(s["still paused"])["a"] == ("paused", 1), s["still paused"]
    assert "[a] echo: got" not in s["text"][:s["b done"]], s["text"]


def test_resumed_partition_runs_again(session):
    text = session["text"]
    assert text.index("[b] echo: got line for b") < text.index("[a] echo: got line for a")
    assert PROMPT in text
