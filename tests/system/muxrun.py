# SPDX-License-Identifier: GPL-2.0-only
"""beryl in QEMU with its serial line on a socket and tools/beryl-mux on it
(console = "mux", docs/console.md): each channel on a TCP port of its own.

    run = MuxRun(dtb, smp=2)
    run.read_until(1, rb"ready")          # partition 0's console
    run.send(0, b"partitions\\r")          # the shell
    run.close()                           # always: QEMU and beryl-mux killed
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import pexpect
import pexpect.fdpexpect

from qemu import QEMU, ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import beryl_launch as bl  # noqa: E402


def free_port_base(span=16):
    """A base port p with p .. p + span - 1 free (as far as one can tell)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1] + 1
        if base + span >= 65536:
            continue
        ok = True
        for p in range(base, base + span):
            with socket.socket() as t:
                try:
                    t.bind(("127.0.0.1", p))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise AssertionError("no free range of ports")


class _Append:
    """pexpect's logfile_read: what it reads joins a MuxRun channel's text."""

    def __init__(self, data, n):
        self.data, self.n = data, n

    def write(self, b):
        self.data[self.n] += b

    def flush(self):
        pass


class MuxRun:
    """beryl in QEMU with its serial line on a socket, and tools/beryl-mux on it."""

    def __init__(self, dtb, smp=2, mem=512):
        d = tempfile.mkdtemp(prefix="beryl-mux-")
        self.sock = os.path.join(d, "line.sock")
        self.port = free_port_base()
        self.qemu = subprocess.Popen(
            [QEMU, "-M", "ppce500", "-cpu", "e500v2", "-m", str(mem), "-smp", str(smp),
             "-display", "none", "-monitor", "none", "-no-reboot", "-kernel", bl.HV_ELF,
             "-initrd", dtb, "-chardev",
             "socket,id=line,path=%s,server=on,wait=on" % self.sock,
             "-serial", "chardev:line"], stdin=subprocess.DEVNULL)
        self.mux = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "tools", "beryl-mux"), "--connect",
             "unix:" + self.sock, "--port", str(self.port)],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        self.conns = {}
        self.data = {}

    def channel(self, n, timeout=30):
        if n not in self.conns:
            deadline = time.time() + timeout
            while True:
                try:
                    self.conns[n] = socket.create_connection(("127.0.0.1", self.port + n))
                    break
                except OSError:
                    assert time.time() < deadline, "beryl-mux serves no port %d" % n
                    time.sleep(0.1)
            self.conns[n].settimeout(0.2)
            self.data[n] = b""
        return self.conns[n]

    def poll(self, n):
        """Whatever channel n carried since the last look; its whole text."""
        c = self.channel(n)
        while True:
            try:
                got = c.recv(65536)
            except socket.timeout:
                break
            if not got:
                break
            self.data[n] += got
        return self.data[n]

    def read_until(self, n, pattern, timeout=60, start=0):
        """Wait until pattern appears in channel n's text (from offset start)."""
        c = self.channel(n)
        deadline = time.time() + timeout
        while not re.search(pattern, self.data[n][start:]):
            assert time.time() < deadline, "channel %d: no %r in %r" % (
                n, pattern, self.data[n][start:][-3000:])
            try:
                got = c.recv(65536)
            except socket.timeout:
                continue
            if got:
                self.data[n] += got
        return self.data[n]

    def send(self, n, data):
        self.channel(n).sendall(data)

    def shell(self, command, timeout=30):
        """Run a shell command on channel 0 through pexpect; returns what it
        printed before the prompt. What pexpect reads is kept in channel 0's
        text too, so read_until(0, ...) still sees every byte."""
        self.poll(0)
        child = pexpect.fdpexpect.fdspawn(self.channel(0).fileno(), timeout=timeout)
        child.logfile_read = _Append(self.data, 0)
        child.send(command.encode() + b"\r")
        child.expect_exact(b"beryl> ")
        return child.before.decode(errors="replace").replace("\r", "")

    def close(self):
        for c in self.conns.values():
            c.close()
        for p in (self.qemu, self.mux):
            if p.poll() is None:
                p.kill()
            p.wait()
