# SPDX-License-Identifier: GPL-2.0-only
"""Guest fuzzing: the fuzzer partition (guests/hostile/gfuzz*.c) on CPU 1
beside a watching partition (guests/demo/watch.c) on CPU 0 that keeps re-reading
a pattern in its memory until the fuzzer's partition stops.

Used by tests/system/test_guest_fuzz.py (fixed seeds) and, as a script, by
`make guest-fuzz SEED=... OPS=...` (any seed, any length):

    python3 tests/system/gfuzz.py --seed 7 --ops 2000000 [--runs 3] [--verbose]

A run passes when beryl neither panics nor hangs, the fuzzer finishes its
operations without an anomaly (its own checks, gfuzz.c), its partition
stops only by its own power-off, the watch never sees a changed word and
finishes, and beryl's canary and text checksum are intact at power-off.
"""
import argparse
import os
import re
import socket
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from beryl import hv_lines, partition_output  # noqa: E402
from qemu import BUILD, Qemu, QemuTimeout  # noqa: E402

import beryl_launch as bl  # noqa: E402

FUZZ_ELF = os.path.join(BUILD, "guests", "hostile", "gfuzz.elf")
WATCH_ELF = os.path.join(BUILD, "guests", "demo", "watch.elf")

DTS = """/dts-v1/;
/ {
	compatible = "beryl,config";
	phys-mem {
		watch_ram: watch-ram { reg = <0x0 0x08000000 0x0 0x04000000>; };
		fuzz_ram: fuzz-ram { reg = <0x0 0x0C000000 0x0 0x04000000>; };
	};
	partitions {
		watch {
			cpus = <0>;
			image = /incbin/("%(watch)s");
			bootargs = "handle=2";
			manages = "fuzz";
			memory { ram { phys-mem = <&watch_ram>; guest-addr = <0x0 0x0>; }; };
		};
		fuzz {
			cpus = <1>;
			image = /incbin/("%(fuzz)s");
			bootargs = "%(bootargs)s";
			memory { ram { phys-mem = <&fuzz_ram>; guest-addr = <0x0 0x0>; }; };
		};
	};
};
"""

END = "beryl: all partitions stopped, powering off"
PROGRESS_RE = r"GFUZZ op=(\d+) "


def config(seed, ops, progress=10000, verbose=False, extra=""):
    for elf in (FUZZ_ELF, WATCH_ELF):
        assert os.path.exists(elf), "missing %s (run make)" % elf
    bootargs = "seed=%d ops=%d progress=%d verbose=%d %s" % (seed, ops, progress, int(verbose),
                                                            extra)
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-gfuzz-"), "gfuzz.dtb")
    return bl.compile_dts(source_text=DTS % {"watch": WATCH_ELF, "fuzz": FUZZ_ELF,
                                             "bootargs": bootargs}, out=out)


class Run:
    """One fuzzing run: console text, whether QEMU exited by itself, timing."""

    def __init__(self, seed, ops):
        self.seed, self.ops = seed, ops
        self.text, self.exited, self.hang, self.seconds = "", False, None, 0.0
        self.cpus = ""  # the CPUs' registers at a hang (QEMU monitor)


def monitor(path, commands, timeout=10):
    """Run QEMU monitor commands on the unix socket at path; their output."""
    out = []
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(timeout)
        s.connect(path)

        def prompt():
            buf = b""
            while not buf.endswith(b"(qemu) "):
                chunk = s.recv(65536)
                if not chunk:
                    break
                buf += chunk
            return buf.decode(errors="replace")

        prompt()
        for c in commands:
            s.sendall(c.encode() + b"\n")
            out.append(prompt())
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", "".join(out).replace("\r", ""))
    return "\n".join(l for l in text.splitlines() if not l.startswith(("i", "(qemu)")))


def cpu_state(mon, log=None, snapshots=3):
    """Every CPU's registers, a few times 0.5 s apart (a loop or a wait?),
    and (with QEMU's -D log) the interrupts QEMU delivers in 0.2 s."""
    out = []
    for i in range(snapshots):
        if i:
            time.sleep(0.5)
        try:
            out.append(monitor(mon, ["info registers -a"]))
        except OSError as e:
            out.append("monitor: %s" % e)
    text = "\n--- 0.5 s later ---\n".join(out)
    if log:
        try:
            monitor(mon, ["log int"])
            time.sleep(0.2)
            monitor(mon, ["log none"])
            with open(log, errors="replace") as f:
                lines = f.readlines()
            text += "\n--- interrupts in 0.2 s (%d lines, the first 200) ---\n" % len(lines)
            text += "".join(lines[:200])
        except OSError as e:
            text += "\nmonitor: %s" % e
    return text


def run(seed, ops, progress=10000, verbose=False, stall=120, logfile=None, extra=""):
    """Run the fuzzer for ops operations. A hang is no console progress
    (a progress line, beryl's power-off) for `stall` seconds; the CPUs'
    registers are then taken from QEMU's monitor. extra: more bootargs for
    the fuzzer (gfuzz.c)."""
    r = Run(seed, ops)
    dtb = config(seed, ops, progress, verbose, extra)
    mon = os.path.join(os.path.dirname(dtb), "monitor.sock")
    qlog = os.path.join(os.path.dirname(dtb), "qemu.log")
    start = time.time()
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=stall,
              extra=["-smp", "2", "-monitor", "unix:%s,server,nowait" % mon, "-D", qlog],
              logfile=logfile) as q:
        try:
            while True:
                i = q.expect([PROGRESS_RE, END, r"beryl: PANIC"])
                if i == 1:
                    r.exited = q.wait_exit(timeout=30)
                    break
                if i == 2:
                    q.expect(r"r28 [^\n]*\n", timeout=10)
                    break
        except QemuTimeout:
            r.hang = "no progress for %d s" % stall
            r.cpus = cpu_state(mon, qlog)
        except AssertionError as e:  # QEMU died
            r.hang = str(e).splitlines()[0]
        r.text = q.output()
    r.seconds = time.time() - start
    return r


def problems(r):
    """What is wrong with a run (empty: it passed)."""
    text = r.text
    hv = hv_lines(text)
    fuzz = partition_output(text, "fuzz")
    watch = partition_output(text, "watch")
    bad = []
    if r.hang:
        bad.append("hang: " + r.hang)
    if any("PANIC" in l for l in hv):
        bad.append("beryl panicked")
    done = [l for l in fuzz if l.startswith("GFUZZ DONE ")]
    if not done or " ops=%d " % r.ops not in done[-1]:
        bad.append("the fuzzer did not finish its %d operations" % r.ops)
    bad += ["fuzzer: " + l for l in fuzz if l.startswith(("GFUZZ ANOMALY", "GFUZZ STUCK",
                                                          "GFUZZ RESTARTED"))]
    if "GFUZZ RESULT ok" not in fuzz:
        bad.append("the fuzzer's result is not ok")
    stops = [l for l in hv if " stopped: " in l]
    for want in ("beryl: partition fuzz stopped: guest power-off",
                 "beryl: partition watch stopped: guest power-off"):
        if want not in stops:
            bad.append("missing: " + want)
    bad += ["unexpected: " + l for l in stops if not l.endswith("stopped: guest power-off")]
    bad += ["unexpected: " + l for l in hv if "restarting" in l]
    if "WATCH DONE ok" not in watch or not any(re.search(r" 0 bad words", l) for l in watch):
        bad.append("the watching partition saw a change or did not finish")
    if "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" not in hv:
        bad.append("beryl's canary changed (or was not printed)")
    if not any(re.match(r"beryl: text checksum (\w{8}) at boot, \1 now: unchanged$", l)
               for l in hv):
        bad.append("beryl's text checksum changed (or was not printed)")
    if not r.exited:
        bad.append("QEMU did not power off by itself")
    return bad


def summary(r):
    """One line: seed, operations, time, rate, exceptions, the watch's longest pass."""
    fuzz = partition_output(r.text, "fuzz")
    watch = partition_output(r.text, "watch")
    done = next((l for l in fuzz if l.startswith("GFUZZ DONE ")), "")
    m = re.search(r"exceptions=(\d+)", done)
    w = next((l for l in watch if l.startswith("watch: partition stopped")), "")
    lp = re.search(r"woke at most (\d+) ms late, longest console line (\d+) ms", w)
    return ("seed %d: %d operations in %.1f s (%.0f/s), %s exceptions; the watch woke at most "
            "%s ms late, its longest console line took %s ms"
            % (r.seed, r.ops, r.seconds, r.ops / r.seconds if r.seconds else 0,
               m.group(1) if m else "?", lp.group(1) if lp else "?",
               lp.group(2) if lp else "?"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=lambda s: int(s, 0), default=None,
                    help="first seed (default: a random one)")
    ap.add_argument("--ops", type=int, default=100000, help="operations per run")
    ap.add_argument("--runs", type=int, default=1, help="runs, seeds seed, seed+1, ...")
    ap.add_argument("--progress", type=int, default=10000)
    ap.add_argument("--verbose", action="store_true", help="print every operation's words")
    ap.add_argument("--stall", type=int, default=120, help="seconds without progress = hang")
    ap.add_argument("--args", default="",
                    help="more fuzzer bootargs: from=N (verbose from operation N), checksum=N")
    ap.add_argument("--logdir", default=os.path.join(BUILD, "gfuzz"))
    a = ap.parse_args()
    if a.progress < 1 and not a.verbose:
        ap.error("--progress must be at least 1: hangs are told by missing progress lines")
    seed = a.seed if a.seed is not None else int.from_bytes(os.urandom(4), "big") >> 1
    os.makedirs(a.logdir, exist_ok=True)
    failed = 0
    for s in range(seed, seed + a.runs):
        log = os.path.join(a.logdir, "seed-%d.log" % s)
        print("gfuzz: seed %d, %d operations (console: %s)" % (s, a.ops, log), flush=True)
        with open(log, "w") as f:
            r = run(s, a.ops, a.progress, a.verbose, a.stall, logfile=f, extra=a.args)
            if r.cpus:
                f.write("\n--- hang: the CPUs (QEMU monitor) ---\n" + r.cpus)
        bad = problems(r)
        print(summary(r))
        for b in bad:
            print("  " + b)
        print("gfuzz: seed %d %s" % (s, "FAIL" if bad else "ok"), flush=True)
        failed += bool(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
