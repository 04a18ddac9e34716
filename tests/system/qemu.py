# SPDX-License-Identifier: GPL-2.0-only
"""Start QEMU (ppce500/e500v2) under pexpect, bounded in time, always killed.

    with Qemu(["-kernel", elf]) as q:
        q.expect(r"SUMMARY .*\n")
        q.wait_exit()
        text = q.output()

run_native(elf) runs a bare-metal guest directly on QEMU and returns its
console text (without '\r'). run_beryl() can be built on the same class.
"""
import io
import os
import re
import shlex

import pexpect

from hoststall import HostStalls

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
QEMU = os.environ.get("QEMU", "qemu-system-ppc")
BASE_ARGS = ["-M", "ppce500", "-cpu", "e500v2", "-nographic", "-no-reboot"]


class QemuTimeout(AssertionError):
    pass


class Qemu:
    """One QEMU process. Use as a context manager; QEMU is always killed."""

    def __init__(self, args, mem="64", timeout=60, extra=None, logfile=None, stalls=None):
        """stalls: HostStalls arguments (a dict, e.g. HostStalls.DEFAULT):
        QEMU is stopped at random moments while it runs (hoststall.py)."""
        self.argv = [QEMU] + BASE_ARGS + ["-m", str(mem)] + list(args) + list(extra or [])
        self.timeout = timeout
        self.logfile = logfile
        self.stalls = stalls
        self.injector = None
        self.child = None
        self.exited = False
        self.exitstatus = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def start(self):
        self.child = pexpect.spawn(self.argv[0], self.argv[1:], encoding="utf-8",
                                   codec_errors="replace", timeout=self.timeout,
                                   maxread=65536, searchwindowsize=None,
                                   echo=False, dimensions=(50, 512))
        # pexpect forgets consumed text: keep a copy of everything read.
        self._buf_log = io.StringIO()
        self.child.logfile_read = _Tee(self._buf_log, self.logfile)
        if self.stalls is not None:
            self.injector = HostStalls(self.child.pid, **self.stalls).start()
        return self

    @property
    def command(self):
        return " ".join(shlex.quote(a) for a in self.argv)

    def expect(self, pattern, timeout=None):
        """Wait for a regex (or list); bounded; raises QemuTimeout with the text so far."""
        try:
            return self.child.expect(pattern, timeout=timeout or self.timeout)
        except pexpect.TIMEOUT:
            raise QemuTimeout("timeout waiting for %r\n--- console so far ---\n%s"
                              % (pattern, self.output())) from None
        except pexpect.EOF:
            self._reap()
            raise AssertionError("QEMU exited (status %r) before %r\n--- console ---\n%s"
                                 % (self.exitstatus, pattern, self.output())) from None

    def wait_exit(self, timeout=None):
        """Wait until QEMU exits by itself (guest power-off). Returns True if it did."""
        try:
            self.child.expect(pexpect.EOF, timeout=timeout or self.timeout)
        except pexpect.TIMEOUT:
            return False
        self._reap()
        return True

    def _reap(self):
        self.exited = True
        try:
            self.child.wait()
        except Exception:
            pass
        self.exitstatus = self.child.exitstatus

    def send(self, text):
        self.child.send(text)

    def output(self):
        """Full console text so far, '\r' stripped."""
        if self.child is None:
            return ""
        return self._buf_log.getvalue().replace("\r", "")

    def close(self):
        if self.injector is not None:
            self.injector.stop()
        if self.child is not None:
            try:
                if self.child.isalive():
                    self.child.terminate(force=True)
            finally:
                try:
                    self.child.close(force=True)
                except Exception:
                    pass


class _Tee:
    def __init__(self, *files):
        self.files = [f for f in files if f is not None]

    def write(self, s):
        for f in self.files:
            f.write(s)

    def flush(self):
        for f in self.files:
            try:
                f.flush()
            except Exception:
                pass


END_MARKERS = r"SUMMARY [^\n]*\n|(HOSTILE|DEMO|TICKER|CANARY|CONTROL) DONE[^\n]*\n"


def run_elf(args, timeout=60, end=END_MARKERS, mem="64", extra=None, stalls=None):
    """Run QEMU with args until `end` appears and QEMU exits by itself.

    Returns (text, exited_by_itself)."""
    with Qemu(args, mem=mem, timeout=timeout, extra=extra, stalls=stalls) as q:
        q.expect(end)
        exited = q.wait_exit(timeout=min(timeout, 20))
        return q.output(), exited


def run_native(elf, timeout=60, want_exit=True, stalls=None):
    """Run a bare-metal guest ELF directly on QEMU; return its console text.

    Raises if the end marker does not come within timeout or (want_exit)
    QEMU does not exit by itself (guest power-off)."""
    text, exited = run_elf(["-kernel", elf], timeout=timeout, stalls=stalls)
    if want_exit and not exited:
        raise AssertionError("QEMU did not power off after the guest finished\n" + text)
    return text


SUMMARY_RE = re.compile(r"^SUMMARY (\S+): (\d+) passed, (\d+) failed$", re.M)


def parse_summary(text):
    """(name, passed, failed) of the SUMMARY line, or None."""
    m = SUMMARY_RE.search(text)
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None
