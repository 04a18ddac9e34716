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
%(areas)s	};
	partitions {
		watch {
			cpus = <0>;
			image = /incbin/("%(watch)s");
			bootargs = "handles=%(handles)#x";
			manages = %(names)s;
			memory { ram { phys-mem = <&watch_ram>; guest-addr = <0x0 0x0>; }; };
		};
%(fuzzers)s	};
};
"""
AREA = """		%(name)s_ram: %(name)s-ram { reg = <%(hi)#x %(lo)#x 0x0 0x04000000>; };
"""
# Where the fuzzers' RAM is: low (beryl's direct map), or above 4 GiB on a
# 5 GiB machine, where beryl reaches it only through its window.
LOW_BASE, HIGH_BASE = 0x0C000000, 0x100000000
FUZZER = """		%(name)s {
			cpus = <%(cpu)d>;
			image = /incbin/("%(fuzz)s");
			bootargs = "%(bootargs)s";
			memory { ram { phys-mem = <&%(name)s_ram>; guest-addr = <0x0 0x0>; }; };
		};
"""

END = "beryl: all partitions stopped, powering off"
PROGRESS_RE = r"GFUZZ op=(\d+) "


def fuzzer_names(n):
    """The fuzzer partitions of a run with n of them: fuzz, fuzz2, ..."""
    return ["fuzz"] + ["fuzz%d" % i for i in range(2, n + 1)]


def fuzzer_seed(seed, i):
    """The seed of the i-th fuzzer (0: the run's seed)."""
    return seed + 0x10000 * i


def config(seed, ops, progress=10000, verbose=False, extra="", fuzzers=1, high=False):
    """A watch on CPU 0 and `fuzzers` fuzzer partitions on CPUs 1...; the
    i-th gets fuzzer_seed(seed, i); high: their RAM above 4 GiB."""
    for elf in (FUZZ_ELF, WATCH_ELF):
        assert os.path.exists(elf), "missing %s (run make)" % elf
    names = fuzzer_names(fuzzers)
    areas = fuzz = ""
    for i, name in enumerate(names):
        bootargs = "seed=%d ops=%d progress=%d verbose=%d %s" % (
            fuzzer_seed(seed, i), ops, progress, int(verbose), extra)
        base = (HIGH_BASE if high else LOW_BASE) + i * 0x04000000
        areas += AREA % {"name": name, "hi": base >> 32, "lo": base & 0xFFFFFFFF}
        fuzz += FUZZER % {"name": name, "cpu": i + 1, "fuzz": FUZZ_ELF, "bootargs": bootargs}
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-gfuzz-"), "gfuzz.dtb")
    return bl.compile_dts(source_text=DTS % {
        "watch": WATCH_ELF, "areas": areas, "fuzzers": fuzz,
        "handles": sum(1 << (i + 2) for i in range(fuzzers)),
        "names": ", ".join('"%s"' % n for n in names)}, out=out)


class Run:
    """One fuzzing run: console text, whether QEMU exited by itself, timing."""

    def __init__(self, seed, ops, fuzzers=1):
        self.seed, self.ops, self.fuzzers = seed, ops, fuzzers
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


def run(seed, ops, progress=10000, verbose=False, stall=120, logfile=None, extra="",
        fuzzers=1, high=False):
    """Run the fuzzer(s) for ops operations. A hang is no console progress
    (a progress line, beryl's power-off) for `stall` seconds; the CPUs'
    registers are then taken from QEMU's monitor. extra: more bootargs for
    the fuzzer (gfuzz.c)."""
    r = Run(seed, ops, fuzzers)
    dtb = config(seed, ops, progress, verbose, extra, fuzzers, high)
    mon = os.path.join(os.path.dirname(dtb), "monitor.sock")
    qlog = os.path.join(os.path.dirname(dtb), "qemu.log")
    start = time.time()
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem="5G" if high else 512, timeout=stall,
              extra=["-smp", str(fuzzers + 1), "-monitor", "unix:%s,server,nowait" % mon,
                     "-D", qlog],
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
    watch = partition_output(text, "watch")
    names = fuzzer_names(r.fuzzers)
    bad = []
    if r.hang:
        bad.append("hang: " + r.hang)
    if any("PANIC" in l for l in hv):
        bad.append("beryl panicked")
    for name in names:
        fuzz = partition_output(text, name)
        done = [l for l in fuzz if l.startswith("GFUZZ DONE ")]
        if not done or " ops=%d " % r.ops not in done[-1]:
            bad.append("%s did not finish its %d operations" % (name, r.ops))
        bad += ["%s: %s" % (name, l) for l in fuzz
                if l.startswith(("GFUZZ ANOMALY", "GFUZZ STUCK", "GFUZZ RESTARTED"))]
        if "GFUZZ RESULT ok" not in fuzz:
            bad.append("the result of %s is not ok" % name)
    stops = [l for l in hv if " stopped: " in l]
    for name in names + ["watch"]:
        want = "beryl: partition %s stopped: guest power-off" % name
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
    """One line: seed, operations, time, rate, exceptions, the watch's wake-ups."""
    exc = []
    for name in fuzzer_names(r.fuzzers):
        done = next((l for l in partition_output(r.text, name)
                     if l.startswith("GFUZZ DONE ")), "")
        m = re.search(r"exceptions=(\d+)", done)
        exc.append(m.group(1) if m else "?")
    watch = partition_output(r.text, "watch")
    w = next((l for l in watch if l.startswith("watch: partitions stopped")), "")
    lp = re.search(r"woke at most (\d+) ms late, longest console line (\d+) ms", w)
    n = r.ops * r.fuzzers
    return ("seed %d: %d operations%s in %.1f s (%.0f/s), %s exceptions; the watch woke at "
            "most %s ms late, its longest console line took %s ms"
            % (r.seed, n, " (%d fuzzers)" % r.fuzzers if r.fuzzers > 1 else "", r.seconds,
               n / r.seconds if r.seconds else 0, "+".join(exc),
               lp.group(1) if lp else "?", lp.group(2) if lp else "?"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=lambda s: int(s, 0), default=None,
                    help="first seed (default: a random one)")
    ap.add_argument("--ops", type=int, default=100000, help="operations per run")
    ap.add_argument("--runs", type=int, default=1, help="runs, seeds seed, seed+1, ...")
    ap.add_argument("--progress", type=int, default=10000)
    ap.add_argument("--verbose", action="store_true", help="print every operation's words")
    ap.add_argument("--stall", type=int, default=120, help="seconds without progress = hang")
    ap.add_argument("--fuzzers", type=int, choices=(1, 2, 3), default=1,
                    help="fuzzer partitions side by side (seeds seed, seed+0x10000, ...)")
    ap.add_argument("--high", action="store_true",
                    help="the fuzzers' RAM above 4 GiB (a 5 GiB machine): beryl's window")
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
            r = run(s, a.ops, a.progress, a.verbose, a.stall, logfile=f, extra=a.args,
                    fuzzers=a.fuzzers, high=a.high)
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
