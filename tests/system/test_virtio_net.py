# SPDX-License-Identifier: GPL-2.0-only
"""virtio-net on beryl's virtual switch (docs/virtio.md), with Linux's own
virtio-mmio and virtio_net drivers and IPv4 stack as the clients:
configs/linux-net.dts puts two Linux partitions on two cores on the switch
"lan"; /net (linux/init/net.c, run as the first process) uses only sockets.

One boot of the machine, shared by the tests: both partitions bring eth0
up with the configuration's MAC, wait for the link, ping each other; the
client ("two") starts a TCP transfer and reboots half way (beryl restarts
its partition); the server ("one") keeps running, drops that connection
and serves the next, a whole transfer each way whose bytes both sides
check; they ping again. A third, hostile partition on the switch breaks
its own rings and spoofs the server's address all the while.
The oracles: Linux's own stack and drivers on both sides; each receiver's
byte-by-byte check and checksum against its sender's."""
import os
import re

import pytest

from beryl import hv_lines, partition_output
from linux_guest import PANIC_RE
from qemu import BUILD, Qemu

import beryl_launch as bl

DTB = os.path.join(BUILD, "configs", "linux-net.dtb")
XFER = 64 << 20  # netlen= in configs/linux-net.dts
MACS = {"one": "02:be:01:00:00:01", "two": "02:be:01:00:00:02"}

RESULT_RE = re.compile(r"^net: (\S+): (ok|FAIL) ?(.*)$")
BENCH_RE = re.compile(r"^net: bench (\S+) (\d+) (\d+)$")
NET_RE = re.compile(r"^beryl: partition (\w+): virtio-net lan: tx (\d+) frames \((\d+) dropped\), "
                    r"rx (\d+) frames \((\d+) dropped\), (\d+) notifications, (\d+) interrupts, "
                    r"\d+ ticks sending$")


class Part:
    def __init__(self, lines):
        start = [i for i, l in enumerate(lines) if l.startswith("net: start")]
        self.boots = [lines[a:b] for a, b in zip(start, start[1:] + [len(lines)])]
        self.results = []  # (boot, name, ok, detail)
        self.bench = {}
        for n, boot in enumerate(self.boots):
            for l in boot:
                m = RESULT_RE.match(l)
                if m:
                    self.results.append((n, m.group(1), m.group(2) == "ok", m.group(3)))
                m = BENCH_RE.match(l)
                if m:
                    self.bench[m.group(1)] = (int(m.group(2)), int(m.group(3)))

    def result(self, boot, name):
        found = [r for r in self.results if r[0] == boot and r[1] == name]
        assert len(found) == 1, "no single result %s in boot %d: %s" % (name, boot + 1,
                                                                       self.results)
        return found[0]


class Run:
    def __init__(self, text):
        self.text = text.replace("\r", "")
        self.hv = hv_lines(self.text)
        self.part = {n: Part(partition_output(self.text, n)) for n in ("one", "two")}
        self.hostile = partition_output(self.text, "h")
        self.net = [m.groups() for m in map(NET_RE.match, self.hv) if m]


@pytest.fixture(scope="module")
def run():
    assert os.path.exists(DTB), "missing %s (run make linux)" % DTB
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", DTB], mem=512, timeout=600,
              extra=["-smp", "3"]) as q:
        if q.expect([r"beryl: all partitions stopped, powering off", PANIC_RE],
                    timeout=600) == 1:
            q.expect(r"---\[ end[^\n]*\n", timeout=10)
            raise AssertionError("a guest kernel crashed\n" + q.output())
        q.wait_exit(timeout=30)
        return Run(q.output())


def test_no_failure(run):
    one, two = run.part["one"], run.part["two"]
    assert len(one.boots) == 1 and len(two.boots) == 2, run.text
    for p in (one, two):
        assert p.results and all(ok for _, _, ok, _ in p.results), run.text
    assert "net: done, 0 failed" in one.boots[0], run.text
    assert "net: done, 0 failed" in two.boots[1], run.text


def test_mac_from_configuration_and_link(run):
    for name, p in run.part.items():
        for boot in p.boots:
            assert any(re.fullmatch(r"net: if eth0 mac %s" % MACS[name], l) for l in boot), \
                run.text
        assert p.result(0, "link")[2], run.text


def test_ping_both_ways(run):
    for name, p in run.part.items():
        for n in range(len(p.boots)):
            _, _, ok, detail = p.result(n, "ping")
            assert ok and detail.startswith("10/10 replies from 10.0.0.%d" %
                                            (2 if name == "one" else 1)), run.text
    assert run.part["one"].result(0, "ping-after")[2], run.text
    assert run.part["two"].result(1, "ping-after")[2], run.text


def test_tcp_both_ways_checked(run):
    """64 MiB each way: each receiver checked every byte against the pattern
    it expects, and the checksum each receiver computed over what arrived
    equals the one its sender (the other partition) computed over what it
    sent."""
    one, two = run.part["one"], run.part["two"]
    fnv = re.compile(r"(?:connection \d+: )?(\d+) bytes fnv ([0-9a-f]{16})$")
    for recv_part, recv_boot, send_part, send_boot in ((one, 0, two, 1), (two, 1, one, 0)):
        _, _, ok, detail = recv_part.result(recv_boot, "tcp-recv")
        _, _, sok, sdetail = send_part.result(send_boot, "tcp-send")
        assert ok and sok, run.text
        got, sent = fnv.search(detail), fnv.search(sdetail)
        assert got and sent, (detail, sdetail)
        assert int(got.group(1)) == int(sent.group(1)) == XFER, run.text
        assert got.group(2) == sent.group(2), (detail, sdetail)


def test_reboot_mid_transfer(run):
    """The client's first boot stopped half way and rebooted: beryl restarted
    only that partition; the server saw the connection break, stayed up and
    served the second boot's connection whole."""
    one, two = run.part["one"], run.part["two"]
    assert "net: rebooting mid-transfer" in two.boots[0], run.text
    assert "beryl: partition two: restarting" in run.hv, run.text
    assert not any(l.startswith("beryl: partition one: restarting") for l in run.hv), run.hv
    assert any(re.fullmatch(r"net: connection 1: broken after \d+ of %d bytes "
                            r"\(the peer went away\)" % XFER, l) for l in one.boots[0]), run.text
    assert one.result(0, "tcp-recv")[3].startswith("connection 2:"), run.text


def test_switch_counters(run):
    """beryl's own count, as each run of a partition stops: frames went both
    ways, and nothing was dropped at a sender (every frame well formed)."""
    by = {}
    for name, tx, txd, rx, rxd, notif, irqs in run.net:
        by.setdefault(name, []).append(tuple(map(int, (tx, txd, rx, rxd, notif, irqs))))
    by.pop("h", None)  # the hostile one: test_hostile_port_resets_alone
    assert len(by.get("one", [])) == 1 and len(by.get("two", [])) == 2, run.hv
    for runs in by.values():
        for tx, txd, rx, rxd, notif, irqs in runs:
            assert tx > 0 and rx > 0 and txd == 0, run.hv
    tx, _, rx, _, _, _ = by["one"][0]
    assert rx >= XFER // 1514 and tx >= XFER // 1514, run.hv
    print("virtio-net counters:", run.net)
    print("bench:", {n: p.bench for n, p in run.part.items()})


def test_hostile_port_resets_alone(run):
    """The hostile partition broke its transmit ring every way, again and
    again, for as long as the Linux partitions ran: each time only its own
    device needed a reset; its frames spoofing one's address were dropped
    by the switch (had they been learned, two's frames for one would have
    gone to it and the transfer above would not have finished); the Linux
    partitions' ports never failed."""
    h = run.hostile
    assert "vnet_hostile: link up, attacking" in h, run.text
    m = [re.fullmatch(r"vnet_hostile: link down after (\d+) rounds, (\d+) rounds without a "
                      r"reset, (\d+) frames sent, (\d+) not given back", l) for l in h]
    m = [x for x in m if x]
    assert len(m) == 1, run.text
    rounds, missed, sent, lost = map(int, m[0].groups())
    assert rounds >= 10 and missed == 0 and lost == 0 and sent == rounds * 33, m[0].group(0)
    assert h[-1] == "vnet_hostile: done", run.text
    asks = int(hostile_rx(run)[3])
    port = [x for x in run.net if x[0] == "h"]
    assert len(port) == 1, run.hv
    _, tx, txd, _, _, _, _ = port[0]
    # every spoofed frame dropped; its ARP requests (below) went out
    assert int(txd) == rounds * 32 and int(tx) == sent + asks, port
    resets = [l for l in run.hv if "needs a reset" in l]
    assert resets and all(l.startswith("beryl: warning: h: virtio net0: ") for l in resets), resets


def hostile_rx(run):
    m = [re.fullmatch(r"vnet_hostile: receive buffers outside its RAM: (\d+) reset by a frame, "
                      r"(\d+) without a frame, (\d+) written, (\d+) ARP requests", l)
         for l in run.hostile]
    m = [x for x in m if x]
    assert len(m) == 1, run.text
    return tuple(map(int, m[0].groups()))


def test_receive_buffers_outside_ram(run):
    """The hostile partition offered receive buffers outside its RAM (past
    it, across its end, at the host addresses of one's, two's and the
    canary's memory, above 4 GiB, at CCSR, at its device page, wrapping),
    alone or behind a good buffer, and asked one's Linux for its address:
    one's answers, sent to it, landed nowhere (not even in the good buffer,
    its used ring untouched); its device needed a reset each time, one's
    and two's never (test_hostile_port_resets_alone), and their transfers
    finished with every byte checked (test_tcp_both_ways_checked). The
    canary, sharing h's core, found its memory (where h aimed, by host
    address) unchanged all the while."""
    reset, quiet, written, asks = hostile_rx(run)
    assert written == 0, (reset, quiet, written)
    assert reset >= 50 and asks >= reset, (reset, quiet, written, asks)
    canary = partition_output(run.text, "canary")
    done = [l for l in canary if l.startswith("canary: ")]
    assert any(re.fullmatch(r"canary: \d+ checks until told to stop, 0 bad words", l)
               for l in done), canary
    assert "CANARY DONE ok" in canary, run.text
    assert "beryl: partition canary stopped: guest power-off" in run.hv, run.hv


def test_beryl_survives(run):
    assert any("text checksum" in l and "unchanged" in l for l in run.hv), run.hv
