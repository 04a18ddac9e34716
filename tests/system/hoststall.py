# SPDX-License-Identifier: GPL-2.0-only
"""A loaded host, on demand: stop a QEMU process at random moments for a
random time (SIGSTOP ... SIGCONT), as a busy host's scheduler does when it
runs something else on QEMU's core.

Without -icount, QEMU's virtual clock (the guest's timebase and its timer
deadlines) follows the host's clock, so it runs on while QEMU is stopped:
the guest finds milliseconds gone between two of its instructions, and
timer interrupts arrive late, anywhere in the guest's (or beryl's) code.
This is what a loaded CI machine does now and then; HostStalls does it
several hundred times a second, so that a race against the clock shows up
in seconds instead of once in forty runs.

    with Qemu(args, stalls=HostStalls.DEFAULT) as q: ...

Qemu starts the injector once QEMU runs and stops it (QEMU continued)
before QEMU is killed.
"""
import os
import random
import signal
import threading
import time


class HostStalls:
    """Stops process pid for stall_ms (a uniform random range) every gap_ms."""

    # Stalls of 0.5 to 3 ms every 0 to 5 ms: longer than a 1 ms timer
    # period, short enough that a guest still makes progress.
    DEFAULT = {"stall_ms": (0.5, 3.0), "gap_ms": (0.0, 5.0)}

    def __init__(self, pid, stall_ms=(0.5, 3.0), gap_ms=(0.0, 5.0), seed=None):
        self.pid = pid
        self.stall_ms = stall_ms
        self.gap_ms = gap_ms
        self.rnd = random.Random(seed)
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _signal(self, sig):
        try:
            os.kill(self.pid, sig)
            return True
        except ProcessLookupError:
            return False

    def _run(self):
        while not self._stop.wait(self.rnd.uniform(*self.gap_ms) / 1000.0):
            if not self._signal(signal.SIGSTOP):
                return
            # not interruptible by stop(): the process always gets its SIGCONT
            time.sleep(self.rnd.uniform(*self.stall_ms) / 1000.0)
            self.count += 1
            if not self._signal(signal.SIGCONT):
                return

    def stop(self):
        """End the stalls; the process is left running (continued)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._signal(signal.SIGCONT)
