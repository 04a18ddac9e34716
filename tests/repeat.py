#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run the whole system suite (tests/system) again and again, several suites
at a time in this checkout, as a busy CI machine would, and report every test
that failed at least once, with its log.

    tests/repeat.py --rounds 10 --parallel 2      (make check-repeat)

The tree must be built first (make all linux): the suites only read build/.
Each suite runs with its own TMPDIR (every file a test writes goes through
tempfile, see tests/system), no pytest cache and no bytecode files; after
the last round the checkout is compared with a snapshot taken before the
first, and any file a suite created, changed or removed there is reported
as a collision. Everything goes to --out (default
build/check-repeat/<date>-<time>): per suite its log, its JUnit XML and its
TMPDIR; report.txt has the summary and the log of every failure.

Exit status: 0 when every round ran, every suite passed and nothing collided.
"""
import argparse
import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")


def snapshot(skip):
    """{path: (size, mtime_ns)} of the checkout's files, but .git and skip."""
    files = {}
    for top, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs
                   if d != ".git" and os.path.join(top, d) != skip]
        for n in names:
            p = os.path.join(top, n)
            try:
                st = os.lstat(p)
            except FileNotFoundError:
                continue
            files[os.path.relpath(p, ROOT)] = (st.st_size, st.st_mtime_ns)
    return files


def collisions(before, after):
    out = ["created %s" % p for p in sorted(set(after) - set(before))]
    out += ["removed %s" % p for p in sorted(set(before) - set(after))]
    out += ["changed %s" % p for p in sorted(set(before) & set(after)) if before[p] != after[p]]
    return out


class Suite:
    """One run of the system suite in the background."""

    def __init__(self, out, rnd, idx, pytest_args):
        self.name = "round%02d-suite%d" % (rnd, idx)
        self.dir = os.path.join(out, self.name)
        self.tmp = os.path.join(self.dir, "tmp")
        os.makedirs(self.tmp)
        self.xml = os.path.join(self.dir, "junit.xml")
        self.log = os.path.join(self.dir, "pytest.log")
        env = dict(os.environ, TMPDIR=self.tmp, PYTHONDONTWRITEBYTECODE="1")
        argv = [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "--junitxml=" + self.xml] + pytest_args
        self.t0 = time.monotonic()
        with open(self.log, "w") as logf:
            self.proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=logf,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        self.seconds = None

    def wait(self, deadline):
        try:
            self.proc.wait(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.kill()
            self.proc.wait()
        self.seconds = time.monotonic() - self.t0
        return self.proc.returncode

    def kill(self):
        """The suite and everything it started (its own process group)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def results(self):
        """(passed, [(test id, failure text)]), from the JUnit XML; a suite
        that wrote none failed as a whole."""
        try:
            root = ET.parse(self.xml).getroot()
        except (OSError, ET.ParseError):
            with open(self.log, errors="replace") as f:
                return 0, [("(the whole suite: exit %s, no JUnit XML)" % self.proc.returncode,
                            f.read())]
        passed, failed = 0, []
        for case in root.iter("testcase"):
            mod = case.get("classname", "").split(".")[-1]
            tid = "%s.py::%s" % (mod, case.get("name"))
            bad = [e for e in case if e.tag in ("failure", "error")]
            if bad:
                for e in bad:
                    failed.append((tid, "%s: %s" % (e.tag, e.text or e.get("message", ""))))
            elif not any(e.tag == "skipped" for e in case):
                passed += 1
        return passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--parallel", type=int, default=2)
    ap.add_argument("--out", help="directory for logs (default build/check-repeat/<now>)")
    ap.add_argument("--suite-timeout", type=int, default=3600,
                    help="seconds before a suite is killed (default 3600)")
    ap.add_argument("pytest_args", nargs="*", default=["tests/system"],
                    help="what each suite runs (default tests/system)")
    a = ap.parse_args()

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = os.path.abspath(a.out or os.path.join(ROOT, "build", "check-repeat",
                                                "%s-%d" % (stamp, os.getpid())))
    os.makedirs(out, exist_ok=True)
    before = snapshot(out)
    failures = {}  # test id -> [(suite, text)]
    summary = []
    suites_run = 0
    t_all = time.monotonic()

    def say(line):
        print(line, flush=True)
        summary.append(line)

    say("check-repeat: %d round(s) of %d parallel suite(s) of %s; logs in %s"
        % (a.rounds, a.parallel, " ".join(a.pytest_args), out))
    running = []
    interrupted = False
    try:
        for rnd in range(1, a.rounds + 1):
            t0 = time.monotonic()
            running = [Suite(out, rnd, i, a.pytest_args) for i in range(1, a.parallel + 1)]
            deadline = time.monotonic() + a.suite_timeout
            parts = []
            for s in running:
                code = s.wait(deadline)
                passed, failed = s.results()
                suites_run += 1
                for tid, text in failed:
                    failures.setdefault(tid, []).append((s.name, text))
                parts.append("suite %s: %d passed, %d failed, %.0f s%s"
                             % (s.name[-1], passed, len(failed), s.seconds,
                                "" if code == 0 or failed else " (exit %d)" % code))
                if code != 0 and not failed:
                    failures.setdefault("(suite exit status)", []).append(
                        (s.name, "pytest exited with %d; see %s" % (code, s.log)))
            running = []
            say("round %d/%d: %s; round %.0f s" % (rnd, a.rounds, "; ".join(parts),
                                                    time.monotonic() - t0))
    except KeyboardInterrupt:
        for s in running:
            s.kill()
        interrupted = True
        say("interrupted")

    coll = collisions(before, snapshot(out))
    say("check-repeat: %d suite(s) in %.0f s" % (suites_run, time.monotonic() - t_all))
    if coll:
        say("files the suites wrote in the checkout (outside their TMPDIR):")
        for c in coll:
            say("  " + c)
    if failures:
        say("tests that failed at least once:")
        for tid, runs in sorted(failures.items()):
            say("  %s: %d of %d suite(s) (%s)" % (tid, len(runs), suites_run,
                                                  ", ".join(n for n, _ in runs)))
    else:
        say("no test failed")

    report = os.path.join(out, "report.txt")
    with open(report, "w") as f:
        f.write("\n".join(summary) + "\n")
        for tid, runs in sorted(failures.items()):
            for name, text in runs:
                f.write("\n%s\n=== %s in %s\n%s\n%s\n" % ("=" * 78, tid, name, "=" * 78, text))
    # the failures' logs here too, so that a CI log has them
    for tid, runs in sorted(failures.items()):
        for name, text in runs:
            print("\n=== %s in %s\n%s" % (tid, name, text.rstrip()))
    print("\ncheck-repeat: report in %s" % report)
    # the suites' temporary files are no longer needed once read
    for top in os.listdir(out):
        tmp = os.path.join(out, top, "tmp")
        if os.path.isdir(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures or coll or interrupted else 0


if __name__ == "__main__":
    sys.exit(main())
