# SPDX-License-Identifier: GPL-2.0-only
"""Running beryl in QEMU for the system tests (built on qemu.Qemu)."""
import os
import re
import sys
import tempfile

from qemu import ROOT, Qemu

sys.path.insert(0, os.path.join(ROOT, "tools"))
import beryl_launch as bl  # noqa: E402

PREFIX_RE = re.compile(r"^\[([^\]]+)\] ?(.*)$")


def config_for(elf, name="g"):
    """Compile a one-partition configuration running elf; returns the .dtb path."""
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-test-"), name + ".dtb")
    return bl.compile_dts(source_text=bl.single_partition_dts(elf, name=name), out=out)


def run_beryl(dtb, timeout=120, end=r"beryl: all partitions stopped, powering off",
              mem="512M", smp=1, extra=(), stalls=None):
    """Boot beryl with a compiled configuration until it powers off
    (stalls: see qemu.Qemu).

    Returns (text, exited_by_itself)."""
    args = bl.beryl_cmd(dtb, mem=mem, smp=smp, extra=extra)[1:]
    # qemu.Qemu adds the machine options itself: keep only what follows them
    args = args[args.index("-kernel"):] + [a for a in extra]
    with Qemu(args, mem=mem.rstrip("M"), timeout=timeout,
              extra=["-smp", str(smp), "-monitor", "none"], stalls=stalls) as q:
        q.expect(end)
        exited = q.wait_exit(timeout=20)
        return q.output(), exited


def partition_output(text, name):
    """Console lines of one partition, prefix removed."""
    out = []
    for line in text.splitlines():
        m = PREFIX_RE.match(line)
        if m and m.group(1) == name:
            out.append(m.group(2))
    return out


def hv_lines(text):
    return [line for line in text.splitlines() if line.startswith("beryl:")]
