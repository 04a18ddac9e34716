# SPDX-License-Identifier: GPL-2.0-only
"""Restart soak: one partition (guests/demo/soak.c, CPU 1) restarted N
times, by a reset request, a crash and its manager in turn (the manager,
guests/demo/soak_mgr.c on CPU 2, issues FH_PARTITION_RESTART), while a
watching neighbour (guests/demo/watch.c, CPU 0) keeps re-reading its own
memory and timing its wake-ups until the manager has finished.

Used by tests/system/test_soak.py (a short soak) and, as a script, by
`make soak RESTARTS=1000`:

    python3 tests/system/soak.py --restarts 1000

A soak passes when every boot of the soaked partition finds its memory
cleared and its vCPU and device state reset, every restart happens the
way it was asked for, beryl's heap (hvmem_alloc) does not grow from the
first restart to the power-off, the neighbour is never disturbed (its
memory unchanged, it never restarts, it wakes on time), and beryl's
canary and text checksum are intact.
"""
import argparse
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gfuzz  # noqa: E402
from beryl import hv_lines, partition_output  # noqa: E402
from qemu import BUILD, Qemu, QemuTimeout  # noqa: E402

import beryl_launch as bl  # noqa: E402

SOAK_ELF = os.path.join(BUILD, "guests", "demo", "soak.elf")
MGR_ELF = os.path.join(BUILD, "guests", "demo", "soak_mgr.elf")
WATCH_ELF = os.path.join(BUILD, "guests", "demo", "watch.elf")

DTS = """/dts-v1/;
/ {
	compatible = "beryl,config";
	phys-mem {
		watch_ram: watch-ram { reg = <0x0 0x08000000 0x0 0x04000000>; };
		soak_ram: soak-ram { reg = <0x0 0x0C000000 0x0 0x02000000>; };
		mgr_ram: mgr-ram { reg = <0x0 0x0E000000 0x0 0x02000000>; };
		mailbox: mailbox { reg = <0x0 0x10000000 0x0 0x00100000>; shared; };
	};
	partitions {
		watch {
			cpus = <0>;
			image = /incbin/("%(watch)s");
			bootargs = "handle=3";
			manages = "mgr";
			memory { ram { phys-mem = <&watch_ram>; guest-addr = <0x0 0x0>; }; };
		};
		soak {
			cpus = <1>;
			image = /incbin/("%(soak)s");
			bootargs = "restarts=%(restarts)d";
			on-crash = "restart";
			on-reset = "restart";
			memory {
				ram { phys-mem = <&soak_ram>; guest-addr = <0x0 0x0>; };
				mbox { phys-mem = <&mailbox>; guest-addr = <0x0 0x04000000>; };
			};
		};
		mgr {
			cpus = <2>;
			image = /incbin/("%(mgr)s");
			bootargs = "handle=2";
			manages = "soak";
			memory {
				ram { phys-mem = <&mgr_ram>; guest-addr = <0x0 0x0>; };
				mbox { phys-mem = <&mailbox>; guest-addr = <0x0 0x04000000>; };
			};
		};
	};
};
"""

END = "beryl: all partitions stopped, powering off"
HEAP_RE = re.compile(r"hypervisor heap: (\d+) allocations, (\d+) bytes")
STOP_REASONS = {
    1: "beryl: partition soak stopped: guest reset request",
    2: "beryl: partition soak stopped: checkstop (machine check with MSR[ME]=0)",
    0: "beryl: partition soak stopped: restart by its manager",
}


def config(restarts):
    for elf in (SOAK_ELF, MGR_ELF, WATCH_ELF):
        assert os.path.exists(elf), "missing %s (run make)" % elf
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-soak-"), "soak.dtb")
    return bl.compile_dts(source_text=DTS % {"watch": WATCH_ELF, "soak": SOAK_ELF,
                                             "mgr": MGR_ELF, "restarts": restarts}, out=out)


class Soak:
    def __init__(self, restarts):
        self.restarts = restarts
        self.text, self.exited, self.hang, self.seconds = "", False, None, 0.0
        self.cpus = ""  # the CPUs' registers at a hang (QEMU monitor)


def run(restarts, stall=60, logfile=None):
    """Run the soak; a hang is no restart (or power-off) for `stall` seconds
    (the CPUs' registers are then taken from QEMU's monitor)."""
    s = Soak(restarts)
    dtb = config(restarts)
    mon = os.path.join(os.path.dirname(dtb), "monitor.sock")
    qlog = os.path.join(os.path.dirname(dtb), "qemu.log")
    start = time.time()
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=stall,
              extra=["-smp", "3", "-monitor", "unix:%s,server,nowait" % mon, "-D", qlog],
              logfile=logfile) as q:
        try:
            while q.expect([r"beryl: partition soak: boot \d+", END, r"beryl: PANIC"]) == 0:
                pass
            if "PANIC" in q.output()[-4096:]:
                q.expect(r"r28 [^\n]*\n", timeout=10)
            else:
                s.exited = q.wait_exit(timeout=30)
        except QemuTimeout:
            s.hang = "no restart for %d s" % stall
            s.cpus = gfuzz.cpu_state(mon, qlog)
        except AssertionError as e:  # QEMU died
            s.hang = str(e).splitlines()[0]
        s.text = q.output()
    s.seconds = time.time() - start
    return s


def heap(s):
    """(allocations, bytes) at the first restart and at the power-off."""
    hv = hv_lines(s.text)
    at = [HEAP_RE.search(l) for l in hv]
    at = [(int(m.group(1)), int(m.group(2))) for m in at if m]
    return (at[0], at[-1]) if len(at) >= 2 else (None, None)


def problems(s):
    """What is wrong with a soak (empty: it passed)."""
    text, n = s.text, s.restarts
    hv = hv_lines(text)
    soak = partition_output(text, "soak")
    mgr = partition_output(text, "mgr")
    watch = partition_output(text, "watch")
    bad = []
    if s.hang:
        bad.append("hang: " + s.hang)
    if any("PANIC" in l for l in hv):
        bad.append("beryl panicked")
    # every boot: clean; the last one reports
    bad += ["soak: " + l for l in soak if "FAILED" in l or " reads " in l]
    if "SOAK DONE ok" not in soak:
        bad.append("the soaked partition did not finish ok")
    if not any(re.match(r"soak: boot %d: %d restarts in \d+ ms, 0 failed checks$" % (n + 1, n), l)
               for l in soak):
        bad.append("no report of %d restarts without a failed check" % n)
    # each restart the way it was asked for, in turn
    stops = [l for l in hv if l.startswith("beryl: partition soak stopped: ")]
    want = [STOP_REASONS[b % 3] for b in range(1, n + 1)] + \
        ["beryl: partition soak stopped: guest power-off"]
    if stops != want:
        first = next((i for i, (a, b) in enumerate(zip(stops, want)) if a != b),
                     min(len(stops), len(want)))
        bad.append("restart %d: %r, wanted %r (%d stops, %d wanted)" % (
            first + 1, stops[first] if first < len(stops) else None,
            want[first] if first < len(want) else None, len(stops), len(want)))
    boots = [int(m.group(1)) for m in
             (re.match(r"beryl: partition soak: boot (\d+);", l) for l in hv) if m]
    if boots != list(range(2, n + 2)):
        bad.append("restart boots %s..., wanted 2..%d" % (boots[:5], n + 1))
    if "MGR DONE ok" not in mgr or \
            "mgr: %d restarts by hypercall, 0 errors" % (n // 3) not in mgr:
        bad.append("the manager did not restart it %d times without an error" % (n // 3))
    # no resource grows
    first, last = heap(s)
    if first is None:
        bad.append("no hypervisor heap figures")
    elif first != last:
        bad.append("hypervisor heap grew: %s at the first restart, %s at the end" % (first, last))
    # neighbours undisturbed
    for other in ("watch", "mgr"):
        if [l for l in hv if l.startswith("beryl: partition %s" % other) and "stopped:" in l] != \
                ["beryl: partition %s stopped: guest power-off" % other]:
            bad.append("partition %s did not just run and power off" % other)
        if any(l.startswith("beryl: partition %s: boot" % other) for l in hv):
            bad.append("partition %s was restarted" % other)
    m = [re.search(r"(\d+) bad words, woke at most (\d+) ms late", l) for l in watch]
    m = [x for x in m if x]
    if "WATCH DONE ok" not in watch or not m or m[-1].group(1) != "0":
        bad.append("the watching neighbour saw a change or did not finish")
    elif int(m[-1].group(2)) > 2500:  # host time: what only a defect exceeds (docs/testing.md)
        bad.append("the watching neighbour woke %s ms late" % m[-1].group(2))
    if "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" not in hv:
        bad.append("beryl's canary changed (or was not printed)")
    if not any(re.match(r"beryl: text checksum (\w{8}) at boot, \1 now: unchanged$", l)
               for l in hv):
        bad.append("beryl's text checksum changed (or was not printed)")
    if not s.exited:
        bad.append("QEMU did not power off by itself")
    return bad


def summary(s):
    first, last = heap(s)
    soak = partition_output(s.text, "soak")
    watch = partition_output(s.text, "watch")
    m = next((re.search(r"(\d+) restarts in (\d+) ms", l) for l in soak
              if re.search(r"restarts in \d+ ms", l)), None)
    w = next((re.search(r"woke at most (\d+) ms late, longest console line (\d+) ms", l)
              for l in watch if "partitions stopped" in l), None)
    guest_ms = int(m.group(2)) if m else 0
    return ("%d restarts in %.1f s wall (%.1f/s), %.1f s guest time (%.1f/s); "
            "heap %s at the first restart, %s at the end; the neighbour woke at most %s ms late"
            % (s.restarts, s.seconds, s.restarts / s.seconds if s.seconds else 0,
               guest_ms / 1000.0, s.restarts * 1000.0 / guest_ms if guest_ms else 0,
               "%d allocations/%d bytes" % first if first else "?",
               "%d allocations/%d bytes" % last if last else "?",
               w.group(1) if w else "?"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--restarts", type=int, default=1000)
    ap.add_argument("--stall", type=int, default=60, help="seconds without a restart = hang")
    ap.add_argument("--log", default=os.path.join(BUILD, "soak.log"))
    a = ap.parse_args()
    print("soak: %d restarts (console: %s)" % (a.restarts, a.log), flush=True)
    with open(a.log, "w") as f:
        s = run(a.restarts, a.stall, logfile=f)
        if s.cpus:
            f.write("\n--- hang: the CPUs (QEMU monitor) ---\n" + s.cpus)
    bad = problems(s)
    print(summary(s))
    for b in bad:
        print("  " + b)
    print("soak: %s" % ("FAIL" if bad else "ok"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
