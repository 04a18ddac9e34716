# SPDX-License-Identifier: GPL-2.0-only
"""A guest corrupts its virtqueue every way it can while another partition,
on the other core, uses its own disk (guests/hostile/virtio_hostile.c, two
partitions of the same image told apart by their disk's serial number). The
hostile guest's disk is an image in the configuration, which it may only
read; the polite one's is a /phys-mem area (as a flash partition would be).

Each broken ring must put only that device in DEVICE_NEEDS_RESET (status
bit 0x40) with a configuration interrupt; requests the device must refuse
get IOERR (a write to a disk the partition may only read, a read past the
end); a storm of notifications changes nothing; after a reset the device
works again; the polite partition's transfers all succeed with the
checksum of the pattern it wrote; beryl survives with its text intact."""
import os
import re

import pytest

from beryl import hv_lines, partition_output, run_beryl
from qemu import BUILD

import beryl_launch as bl

ELF = os.path.join(BUILD, "guests", "hostile", "virtio_hostile.elf")

DTS = """/dts-v1/;
/ {
    compatible = "beryl,config";
    phys-mem {
        h_ram: h-ram { reg = <0x0 0x08000000 0x0 0x04000000>; };
        p_ram: p-ram { reg = <0x0 0x0C000000 0x0 0x04000000>; };
        p_disk: p-disk { reg = <0x0 0x10000000 0x0 0x00400000>; };   /* 4 MiB */
    };
    disks {
        hostile { image = /incbin/("build/vio/ro.img"); readers = "h"; };
        peer { phys-mem = <&p_disk>; writers = "p"; };   /* a flash partition, say */
    };
    partitions {
        h { cpus = <0>; image = /incbin/("%(elf)s");
            memory { ram { phys-mem = <&h_ram>; guest-addr = <0x0 0x0>; }; }; };
        p { cpus = <1>; image = /incbin/("%(elf)s");
            memory { ram { phys-mem = <&p_ram>; guest-addr = <0x0 0x0>; }; }; };
    };
};
"""

ROUNDS = ["outside-ram", "straddles-end", "at-ccsr", "at-device-page", "wraps", "huge-length",
          "loop", "next-out-of-range", "head-out-of-range", "index-jump",
          "readable-after-writable", "ring-outside-ram"]


def peer_checksum(rounds=64, block=0x10000):
    """The FNV-1a (32-bit) of what the polite guest reads back: its xorshift
    pattern, stored as big-endian words."""
    h, x = 2166136261, 12345
    for _ in range(rounds):
        for _ in range(block // 4):
            x ^= (x << 13) & 0xFFFFFFFF
            x ^= x >> 17
            x ^= (x << 5) & 0xFFFFFFFF
            for b in x.to_bytes(4, "big"):
                h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


@pytest.fixture(scope="module")
def run():
    assert os.path.exists(ELF), "missing %s (run make)" % ELF
    out = os.path.join(BUILD, "vio", "hostile.dtb")
    dtb = bl.compile_dts(source_text=DTS % {"elf": ELF}, out=out)
    text, exited = run_beryl(dtb, timeout=120, smp=2)
    return text.replace("\r", ""), exited


def test_each_broken_ring_resets_only_the_device(run):
    text, _ = run
    h = partition_output(text, "h")
    assert "virtio_hostile: disk hostile" in h, text
    for name in ROUNDS:
        line = next((l for l in h if l.startswith(name + ": status=")), None)
        assert line, "no line for %s\n%s" % (name, text)
        m = re.match(r"\S+: status=([0-9a-f]+) isr=([0-9a-f]+)$", line)
        status, isr = int(m.group(1), 16), int(m.group(2), 16)
        assert status & 0x40, line   # DEVICE_NEEDS_RESET
        assert isr & 2, line         # configuration change interrupt


def test_refused_requests_and_recovery(run):
    text, _ = run
    h = partition_output(text, "h")
    assert "hostile: 300 more times, 0 rounds without a reset" in h, text
    assert "ro-write: blk-status=1" in h, text      # IOERR: it may only read the disk
    assert "past-end: blk-status=1" in h, text      # IOERR
    assert "storm: status=0f" in h, text            # notifications alone break nothing
    assert "after: blk-status=0" in h, text         # a reset brings the device back
    assert h[-1] == "virtio_hostile: done", text


def test_other_partition_unaffected(run):
    text, _ = run
    p = partition_output(text, "p")
    assert "virtio_hostile: disk peer" in p, text
    assert "peer: 64 rounds ok, 0 failed, fnv %08x" % peer_checksum() in p, text
    # 2 MiB offered at once: beryl serves 1 MiB per notification and the
    # rest from a poll of the partition's CPU, with no second notification
    assert "peer: batch of 8 reads of 256 KiB, one notification: 8 done, 8 ok" in p, text
    assert p[-1] == "virtio_hostile: done", text


def test_beryl_survives(run):
    text, exited = run
    hv = hv_lines(text)
    assert exited, text
    assert any(l.startswith("beryl: warning: h: virtio blk0: ") and "needs a reset" in l
               for l in hv), hv
    assert not any(l.startswith("beryl: warning: p:") for l in hv), hv
    assert any("text checksum" in l and "unchanged" in l for l in hv), hv
    assert "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" in hv, hv
    assert "beryl: all partitions stopped, powering off" in hv, hv
