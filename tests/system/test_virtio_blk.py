# SPDX-License-Identifier: GPL-2.0-only
"""virtio-blk over virtio-mmio (docs/virtio.md), with Linux's unmodified
virtio-mmio and virtio-blk drivers as the client: configs/linux-virtio.dts
gives the Linux partition two disks, /vio (linux/init/vio.c, run as the
first process) uses them through /dev and /sys only.

One boot, shared by the tests: boot 1 writes a 4 MiB pattern to the
writable disk with O_DIRECT, reads it back and reboots; beryl restarts the
partition; boot 2 reads the pattern again, finds the read-only disk
read-only, mounts the ext2 file system the host's mke2fs made at build time
and checksums a file on it, and runs the same transfers on Linux's RAM
block device (brd) for comparison. The oracles are the host: its file's
checksum, its mke2fs's file system read by Linux's ext2 driver, the
pattern Linux wrote through the device before the restart."""
import os
import re

import pytest

from beryl import hv_lines, partition_output
from qemu import BUILD, Qemu

import beryl_launch as bl

DTB = os.path.join(BUILD, "configs", "linux-virtio.dtb")
HOST_FILE = os.path.join(BUILD, "vio", "ro-files", "hello.bin")
XFER = 4 << 20

RESULT_RE = re.compile(r"^vio: (\S+): (ok|FAIL) ?(.*)$")
BENCH_RE = re.compile(r"^vio: bench (\S+) (\d+) (\d+)$")
BLK_RE = re.compile(r"^beryl: partition linux: virtio-blk (\S+): (\d+) requests \((\d+) reads, "
                    r"(\d+) writes\), (\d+) errors, (\d+) notifications, (\d+) interrupts$")


def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


class Run:
    def __init__(self, text):
        self.text = text
        self.lines = partition_output(text.replace("\r", ""), "linux")
        self.hv = hv_lines(text.replace("\r", ""))
        start = [i for i, l in enumerate(self.lines) if l.startswith("vio: start, boot")]
        self.boots = [self.lines[a:b] for a, b in zip(start, start[1:] + [len(self.lines)])]
        self.results = []  # (boot index, name, ok, detail)
        self.bench = {}
        for n, boot in enumerate(self.boots):
            for l in boot:
                m = RESULT_RE.match(l)
                if m:
                    self.results.append((n, m.group(1), m.group(2) == "ok", m.group(3)))
                m = BENCH_RE.match(l)
                if m:
                    self.bench[m.group(1)] = (int(m.group(2)), int(m.group(3)))
        self.blk = [m.groups() for m in map(BLK_RE.match, self.hv) if m]

    def result(self, boot, name):
        found = [r for r in self.results if r[0] == boot and r[1] == name]
        assert len(found) == 1, "no single result %s in boot %d\n%s" % (name, boot + 1,
                                                                       self.text)
        return found[0]


@pytest.fixture(scope="module")
def run():
    assert os.path.exists(DTB), "missing %s (run make linux)" % DTB
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", DTB], mem=512, timeout=300) as q:
        q.expect(r"vio: done, \d+ failed")
        q.expect(r"beryl: all partitions stopped, powering off")
        q.wait_exit(timeout=30)
        return Run(q.output())


def test_two_boots_no_failure(run):
    assert len(run.boots) == 2, run.text
    assert run.boots[0][0] == "vio: start, boot 1", run.text
    assert run.boots[1][0] == "vio: start, boot 2", run.text
    assert "vio: rebooting" in run.boots[0], run.text
    assert "beryl: partition linux: restarting" in run.hv, run.text
    assert run.results and all(ok for _, _, ok, _ in run.results), run.text
    assert "vio: done, 0 failed" in run.boots[1], run.text


def test_linux_finds_both_disks(run):
    """virtio,mmio nodes in its tree, Linux's drivers probe them; the serial
    numbers come from virtio-blk GET_ID, the sizes from the configuration
    space, the read-only flag from VIRTIO_BLK_F_RO."""
    disks = sorted(l for l in run.boots[0] if l.startswith("vio: disk "))
    assert len(disks) == 2, run.text
    assert any(re.fullmatch(r"vio: disk vd[a-z] serial data sectors 16384 ro 0", d)
               for d in disks), disks
    size = os.path.getsize(os.path.join(BUILD, "vio", "ro.img")) // 512
    assert any(re.fullmatch(r"vio: disk vd[a-z] serial ro sectors %d ro 1" % size, d)
               for d in disks), disks


def test_pattern_written_and_read_back(run):
    assert run.result(0, "data-writable")[2], run.text
    assert run.result(0, "data-pattern")[2], run.text


def test_writes_survive_partition_restart(run):
    _, _, ok, detail = run.result(1, "data-survives-restart")
    assert ok, run.text
    # the pattern /vio writes: xorshift32 from "berl", low byte of each step
    x, data = 0x6265726c, bytearray(XFER)
    for i in range(XFER):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        data[i] = x & 0xFF
    assert detail == "%d bytes, fnv %016x" % (XFER, fnv1a(data)), run.text


def test_read_only_disk(run):
    """Linux sees the flag and refuses writes itself (so they never reach the
    device: beryl counts no write and no error on that disk)."""
    assert run.result(1, "ro-flag")[2], run.text
    assert run.result(1, "ro-write-refused")[2], run.text
    ro = [b for b in run.blk if b[0] == "ro"]
    assert ro and all(b[3] == "0" and b[4] == "0" for b in ro), run.hv


def test_ext2_from_host_tools(run):
    assert run.result(1, "ext2-mount")[2], run.text
    with open(HOST_FILE, "rb") as f:
        host = f.read()
    _, _, ok, detail = run.result(1, "ext2-file")
    assert ok, run.text
    assert detail == "/mnt/hello.bin %d bytes fnv %016x" % (len(host), fnv1a(host)), run.text


def test_device_counters(run):
    """beryl's own count of what it served (printed as each run of the
    partition stops): boot 1 wrote and read the 4 MiB pattern in requests
    of at most 62 segments of 64 KiB; no request failed; the driver's event
    index keeps notifications and interrupts at most one per request."""
    data = [b for b in run.blk if b[0] == "data"]
    assert len(data) == 2, run.hv
    requests, reads, writes, errors, notifies, irqs = map(int, data[0][1:])
    assert writes >= XFER // (62 * 65536) and reads >= XFER // (62 * 65536), data
    assert reads + writes <= requests and errors == 0, data
    assert 0 < notifies <= requests and 0 < irqs <= requests, data
    print("virtio-blk counters (boot 1, data):", data[0])


def test_beryl_survives(run):
    assert "beryl: all partitions stopped, powering off" in run.hv, run.text
    assert any("text checksum" in l and "unchanged" in l for l in run.hv), run.hv
