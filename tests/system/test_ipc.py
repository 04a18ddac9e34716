# SPDX-License-Identifier: GPL-2.0-only
"""Byte channels, doorbells and the ePAPR hypercalls with bare-metal guests
(docs/config.md, "Byte channels" and "Doorbells"; issue 10, items 1-3).

- configs/ipc-peers.dts: two partitions on a byte channel and a doorbell
  each way, taking their interrupts only through the ePAPR interrupt
  hypercalls (guests/ipc/ipc_peer.c). 64 KiB each way, every byte checked;
  the reader of the first stream sleeps first, so the writer must find the
  channel full and wait for its transmit interrupt; doorbells reach the
  other partition's handler.
- A hostile guest (guests/hostile/hcall_fuzz.c) calls every hypercall, and
  tokens nobody serves, with random arguments and handles for 4000 rounds
  of 8: every answer is the one the ABI allows (an error code for whatever
  is not its own or out of range), and the objects of the partition beside
  it that it was not given (a doorbell, a byte channel to the console)
  never interrupt or carry a byte. beryl's own text is unchanged after.
"""
import os
import re
import tempfile

import pytest

from beryl import hv_lines, partition_output, run_beryl
from qemu import BUILD

import beryl_launch as bl

PEERS = os.path.join(BUILD, "configs", "ipc-peers.dtb")
FUZZ = os.path.join(BUILD, "guests", "hostile", "hcall_fuzz.elf")


@pytest.fixture(scope="module")
def peers():
    text, exited = run_beryl(PEERS, timeout=120, smp=2)
    assert exited, text
    return text


def test_streams_arrive_whole_both_ways(peers):
    a, b = partition_output(peers, "a"), partition_output(peers, "b")
    text = "\n".join(a + b)
    for line in (r"a->b sent 65536 bytes in \d+ ticks, \d+ waits for room",
                 r"a->b received 65536 bytes in \d+ ticks, 0 wrong",
                 r"b->a sent 65536 bytes in \d+ ticks, \d+ waits for room",
                 r"b->a received 65536 bytes in \d+ ticks, 0 wrong"):
        assert re.search(r"^ipc: " + line + "$", text, re.M), peers


def test_a_slow_reader_makes_the_writer_wait(peers):
    """b sleeps 20 ms before reading: a fills the 2 KiB queue and waits for
    the transmit interrupt at least once; no byte is lost (above)."""
    m = re.search(r"^ipc: a->b sent 65536 bytes in \d+ ticks, (\d+) waits for room$",
                  "\n".join(partition_output(peers, "a")), re.M)
    assert m and int(m.group(1)) >= 1, peers


def test_doorbells_reach_the_handler(peers):
    a, b = partition_output(peers, "a"), partition_output(peers, "b")
    assert "ipc: answered 20 rings" in b, peers
    assert any(re.match(r"ipc: doorbell latency over 20 rings: min \d+ mean \d+ max \d+ ticks$",
                        line) for line in a), peers
    assert "ipc: answer doorbell rung" in a and "ipc: rang answer: 0" in b, peers
    # every interrupt taken through INT_IACK was a real one
    assert a.count("ipc: spurious 0") == 1 and b.count("ipc: spurious 0") == 1, peers
    assert "IPC DONE" in a and "IPC DONE" in b, peers


def test_objects_in_the_guest_tree(peers):
    """Each guest found its channel (the same handle number in both: each
    partition has its own handle table) and two distinct interrupts."""
    for name in ("a", "b"):
        m = re.search(r"^ipc: %s, channel handle (\d+), interrupts (\d+) (\d+)$" % name,
                      "\n".join(partition_output(peers, name)), re.M)
        assert m and int(m.group(1)) >= 16 and m.group(2) != m.group(3), peers


FUZZ_DTS = """/dts-v1/;
/ {
    compatible = "beryl,config";
    phys-mem {
        f_ram: f-ram { reg = <0x0 0x08000000 0x0 0x04000000>; };
        w_ram: w-ram { reg = <0x0 0x0C000000 0x0 0x04000000>; };
    };
    byte-channels {
        own { endpoints = "fuzz", "watch"; };
        watch-con { endpoints = "watch"; console; };
    };
    doorbells {
        fz-ring { senders = "fuzz"; receivers = "watch"; };
        private { senders = "watch"; receivers = "watch"; };
    };
    partitions {
        fuzz { cpus = <0>; image = /incbin/("%(elf)s"); bootargs = "fuzz";
               memory { ram { phys-mem = <&f_ram>; guest-addr = <0x0 0x0>; }; }; };
        watch { cpus = <1>; image = /incbin/("%(elf)s"); bootargs = "watch";
                memory { ram { phys-mem = <&w_ram>; guest-addr = <0x0 0x0>; }; }; };
    };
};
"""


def test_hostile_hypercalls_get_only_error_codes():
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-fuzz-"), "fuzz.dtb")
    dtb = bl.compile_dts(source_text=FUZZ_DTS % {"elf": FUZZ}, out=out)
    text, exited = run_beryl(dtb, timeout=180, smp=2)
    assert exited, text
    fuzz = partition_output(text, "fuzz")
    m = re.search(r"^fuzz: (\d+) calls, (\d+) successes, \d+ full, (\d+) unknown tokens, "
                  r"(\d+) idle, (\d+) violations$", "\n".join(fuzz), re.M)
    assert m, text
    calls, successes, unknown, idles, violations = (int(g) for g in m.groups())
    assert calls == 32000 and violations == 0, text
    # it did reach its own objects, EV_IDLE and the unknown tokens (the fuzzing was real)
    assert successes > 1000 and unknown > 1000 and idles > 100, text
    assert "FUZZ DONE ok" in fuzz, text
    watch = partition_output(text, "watch")
    assert "WATCH DONE ok" in watch, text
    assert any(re.match(r"watch: fz-ring \d+, private 0, other interrupts 0, console channel "
                        r"0 bytes waiting, \d+ bytes from fuzz$", line) for line in watch), text
    hv = hv_lines(text)
    assert any(re.match(r"beryl: text checksum (\w+) at boot, \1 now: unchanged$", line)
               for line in hv), text
    assert "beryl: partition fuzz stopped: guest power-off" in hv, text


MCP = os.path.join(BUILD, "guests", "hostile", "memcpy_probe.elf")
MCP_DTS = """/dts-v1/;
/ {
    compatible = "beryl,config";
    phys-mem {
        m_ram: m-ram { reg = <0x0 0x08000000 0x0 0x04000000>; };
        t_ram: t-ram { reg = <0x0 0x0C000000 0x0 0x04000000>; };
        both: both { reg = <0x0 0x10000000 0x0 0x00100000>; shared; };
    };
    partitions {
        mgr { cpus = <0>; image = /incbin/("%(elf)s"); bootargs = "mgr"; manages = "tgt";
              memory { ram { phys-mem = <&m_ram>; guest-addr = <0x0 0x0>; };
                       area { phys-mem = <&both>; guest-addr = <0x0 0x04000000>; }; }; };
        tgt { cpus = <1>; image = /incbin/("%(elf)s"); bootargs = "tgt"; start = "wait";
              memory { ram { phys-mem = <&t_ram>; guest-addr = <0x0 0x0>; };
                       area { phys-mem = <&both>; guest-addr = <0x0 0x04000000>; }; }; };
    };
};
"""


def test_memcpy_and_start_check_every_argument():
    """FH_PARTITION_MEMCPY and START from a manager (guests/hostile/memcpy_probe.c):
    lists, ranges and sizes outside the private RAM of either side, handles
    it does not hold, a running partition, an entry outside its RAM: each
    gets its error code, nothing moves; then a copy there and back is exact."""
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-mcp-"), "mcp.dtb")
    dtb = bl.compile_dts(source_text=MCP_DTS % {"elf": MCP}, out=out)
    text, exited = run_beryl(dtb, timeout=120, smp=2)
    assert exited, text
    mgr = partition_output(text, "mgr")
    checks = [l for l in mgr if re.match(r"mcp: [^:]+: got \d+", l)]
    assert len(checks) == 24, text
    assert not [l for l in checks if "WRONG" in l], text
    assert "MCP DONE ok" in mgr, text
    assert "mcp: tgt running" in partition_output(text, "tgt"), text
    hv = hv_lines(text)
    assert any(re.match(r"beryl: text checksum (\w+) at boot, \1 now: unchanged$", line)
               for line in hv), text
