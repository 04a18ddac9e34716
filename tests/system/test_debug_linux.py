# SPDX-License-Identifier: GPL-2.0-only
"""Debugging and operating a running system with Linux partitions
(configs/linux-debug.dts, mux mode, three CPUs): "up", a uniprocessor
Linux on CPU 0 (the CPU that also serves the console), and "smp", a Linux
on two vCPUs (CPUs 1-2), booted once for every test here.

- The shell, on channel 0 through pexpect: the partitions and their
  state, pause of "up" as soon as /init starts (its console stays silent
  while it is held), its exit table, guest TLB and memory while paused (the
  kernel's first instructions, as vmlinux has them, through its
  translation and guest-physical), bad commands and bad arguments answered
  with a usage line.
- gdb-multiarch in batch mode (under pexpect) on "smp" with vmlinux's
  symbols: two threads, a breakpoint in the write system call /init makes,
  a backtrace through the system-call entry, the line /init is writing
  read from its user memory. While "smp" sits at the breakpoint the shell
  resumes "up", which then runs all of its checks (and "smp" writes
  nothing); then gdb continues to the end.
- Both Linux partitions then pass every check of /init: "up" all of them
  after its pause and resume.
"""
import io
import os
import re
import subprocess
import tempfile
import time

import pexpect
import pytest

from linux_guest import CHECKS, LINE, PROMPT, LinuxRun
from muxrun import MuxRun
from qemu import BUILD, ROOT

DTB = os.path.join(BUILD, "configs", "linux-debug.dtb")
VMLINUX = os.path.join(BUILD, "linux", "vmlinux")
CH_HV, CH_UP, CH_SMP, CH_GDB_SMP = 0, 1, 2, 9
START = rb"init: start"

SCRIPT = """\
set pagination off
set width 0
set confirm off
set remotetimeout 30
set architecture powerpc:e500
file {vmlinux}
target remote 127.0.0.1:{gdb_port}
info threads
break vfs_write
continue
bt
x/s $r4
python
import socket, time

def channel_text(port, until=None, timeout=600):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(0.5)
    text, deadline = b"", time.time() + timeout
    while True:
        try:
            got = s.recv(65536)
        except socket.timeout:
            got = None
        if got:
            text += got
        elif until is None or until in text:
            break
        assert time.time() < deadline, text[-2000:]
    s.close()
    return text

smp_before = len(channel_text({smp_port}))
print("MARK smp stopped", flush=True)  # the harness resumes "up" now
up = channel_text({up_port}, b"{prompt}")
s = socket.create_connection(("127.0.0.1", {up_port}))
s.sendall(b"{line}\\r")
up = channel_text({up_port}, b"init: power off")
print("MARK up done:", [l for l in up.decode(errors="replace").splitlines() if "passed" in l])
print("MARK smp silent:", len(channel_text({smp_port})) == smp_before)
gdb.execute("maintenance flush register-cache", to_string=True)
print("MARK smp pc", hex(int(gdb.parse_and_eval("$pc"))))
end
delete
continue
"""


def start_gdb(script):
    """gdb-multiarch in batch mode under pexpect (everything it prints kept)."""
    # a file of this run's own: suites running side by side (make
    # check-repeat) must not connect to each other's QEMU
    fd, path = tempfile.mkstemp(prefix="beryl-debug-linux-", suffix=".gdb")
    with os.fdopen(fd, "w") as f:
        f.write(script)
    gdb = pexpect.spawn("gdb-multiarch", ["-nx", "-batch", "-x", path], cwd=ROOT,
                        encoding="utf-8", codec_errors="replace", timeout=600,
                        dimensions=(50, 512))
    gdb.logfile_read = io.StringIO()
    return gdb


def head_bytes(n=16):
    """n bytes of the kernel's entry code (0xc0000010, past the first word,
    which the kernel reuses), as vmlinux has them."""
    out = subprocess.run(["powerpc-linux-gnu-objdump", "-s", "--start-address=0xc0000010",
                          "--stop-address=0x%x" % (0xc0000010 + n), "-j", ".head.text",
                          VMLINUX], capture_output=True, text=True).stdout
    m = re.search(r"^ c0000010 ([0-9a-f ]{35})", out, re.M)
    assert m, out
    return m.group(1).replace(" ", "")


@pytest.fixture(scope="module")
def system():
    for f in (DTB, VMLINUX):
        assert os.path.exists(f), "missing %s (run make linux)" % f
    run = MuxRun(DTB, smp=3, mem=1024)
    shell, gdb = {}, None
    try:
        run.read_until(CH_UP, START, timeout=300)
        run.read_until(CH_SMP, START, timeout=300)
        # ------------------------------------------------------- the shell
        # "up" is paused at once, before its checks (its sleeps would see
        # the time it is held), and resumed only once "smp" sits at its
        # breakpoint: every check of "up" runs after the pause, while "smp"
        # is stopped by gdb. gdb comes next at once: its breakpoint must be
        # armed before smp's /init reaches its prompt (it waits 60 s for the
        # line there, and the line is typed only after up's checks).
        shell["partitions"] = run.shell("partitions")
        shell["pause up"] = run.shell("pause up")
        run.read_until(CH_HV, rb"partition up paused")
        held = len(run.poll(CH_UP))
        shell["paused"] = run.shell("partitions")
        # --------------------------------------------------------- gdb
        gdb = start_gdb(SCRIPT.format(
            vmlinux=VMLINUX, gdb_port=run.port + CH_GDB_SMP, up_port=run.port + CH_UP,
            smp_port=run.port + CH_SMP, prompt=PROMPT, line=LINE))
        for cmd in ("help", "bogus", "pause", "pause nobody", "mem up 0x0", "mem up zz 4",
                    "stats up now", "gtlb up 7", "loglevel loud", "info"):
            shell[cmd] = run.shell(cmd)
        shell["pause again"] = run.shell("pause up")
        shell["stats up"] = run.shell("stats up")
        shell["gtlb up"] = run.shell("gtlb up")
        shell["mem"] = run.shell("mem up 0xc0000010 16")
        shell["mem phys"] = run.shell("mem up 0x10 16 phys")
        time.sleep(3)
        shell["silent"] = len(run.poll(CH_UP)) == held
        gdb.expect_exact("MARK smp stopped")
        shell["debug-stop"] = run.shell("partitions")
        shell["resume up"] = run.shell("resume up")
        run.read_until(CH_HV, rb"partition up resumed")
        shell["resumed"] = run.shell("partitions")
        shell["resume again"] = run.shell("resume up")
        # smp's own line, once gdb let it go on (its prompt comes after the breakpoint)
        run.read_until(CH_SMP, re.escape(PROMPT).encode(), timeout=600)
        run.send(CH_SMP, LINE.encode() + b"\r")
        gdb.expect(pexpect.EOF)
        out = gdb.logfile_read.getvalue().replace("\r", "")
        hv = run.read_until(CH_HV, rb"all partitions stopped, powering off", timeout=300)
        assert run.qemu.wait(timeout=60) == 0
        yield (shell, out, hv.decode().replace("\r", ""),
               {n: run.poll(ch).decode(errors="replace").replace("\r", "")
                for n, ch in (("up", CH_UP), ("smp", CH_SMP))})
    finally:
        if gdb is not None:
            gdb.close(force=True)
        run.close()


def test_shell_lists_and_refuses(system):
    shell = system[0]
    for cmd in ("partitions", "pause", "resume", "stats", "gtlb", "mem", "info", "loglevel",
                "start", "stop", "restart", "help"):
        assert re.search(r"^  %s\b.*\S" % cmd, shell["help"], re.M), shell["help"]
    assert re.search(r"^up\s+running\s+1\s+\d+\.\d{3} s\s+0:0$", shell["partitions"], re.M), \
        shell["partitions"]
    assert re.search(r"^smp\s+running\s+1\s+\d+\.\d{3} s\s+0:1 1:2$", shell["partitions"],
                     re.M), shell["partitions"]
    assert "unknown command 'bogus'" in shell["bogus"]
    assert "usage: pause NAME" in shell["pause"]
    assert "no partition named 'nobody'" in shell["pause nobody"]
    assert "usage: mem NAME ADDR LEN [phys]" in shell["mem up 0x0"]
    assert "usage: mem NAME ADDR LEN [phys]" in shell["mem up zz 4"]
    assert "usage: stats NAME [reset]" in shell["stats up now"]
    assert "up has no vCPU 7" in shell["gtlb up 7"]
    assert "usage: loglevel [LEVEL]" in shell["loglevel loud"]
    info = shell["info"]
    assert re.search(r"^partition smp: CPUs 1,2, image \d+ bytes", info, re.M), info
    assert "ram      guest 0x000000000-0x00fffffff  host 0x020000000" in info, info
    assert re.search(r"^machine: 3 CPU\(s\).*console mux$", info, re.M), info


def test_pause_holds_and_resume_lets_go(system):
    shell, _, hv, _ = system
    assert "pausing up" in shell["pause up"]
    assert re.search(r"^up\s+paused\s", shell["paused"], re.M), shell["paused"]
    assert re.search(r"^smp\s+running\s", shell["paused"], re.M), shell["paused"]
    assert shell["silent"], "up wrote to its console while paused"
    assert "up is paused" in shell["pause again"]
    # while gdb holds smp at its breakpoint, up paused by the shell
    assert re.search(r"^up\s+paused\s", shell["debug-stop"], re.M), shell["debug-stop"]
    assert re.search(r"^smp\s+debug-stop\s", shell["debug-stop"], re.M), shell["debug-stop"]
    assert re.search(r"^up\s+running\s", shell["resumed"], re.M), shell["resumed"]
    assert "up is running, not paused" in shell["resume again"]
    assert hv.count("partition up paused") == 1 and hv.count("partition up resumed") == 1, hv


def test_shell_reads_a_paused_linux(system):
    shell = system[0]
    assert re.search(r"^  mmio\s+\d+", shell["stats up"], re.M), shell["stats up"]
    # Linux maps its lowmem with TLB1 entries at 0xc0000000
    assert re.search(r"^  tlb1 \d+\s+0xc0000000 -> 0x000000000", shell["gtlb up"], re.M), \
        shell["gtlb up"]
    want = " ".join(re.findall("..", head_bytes()))
    assert re.search(r"^0c0000010: %s " % want, shell["mem"], re.M), (want, shell["mem"])
    assert re.search(r"^000000010: %s " % want, shell["mem phys"], re.M), shell["mem phys"]


def test_gdb_breaks_in_a_system_call(system):
    _, gdb, _, _ = system
    assert re.search(r"Thread 1 \(vCPU 0 on CPU 1\)", gdb), gdb
    assert re.search(r"Thread 2 \(vCPU 1 on CPU 2\)", gdb), gdb
    assert re.search(r"hit Breakpoint 1, 0x[0-9a-f]+ in vfs_write \(\)", gdb), gdb
    # the backtrace, through the system call's entry
    bt = re.search(r"#0 .*? in vfs_write \(\)\n#1 .*? in ksys_write \(\)\n"
                   r"#2 .*? in transfer_to_syscall \(\)", gdb)
    assert bt, gdb
    # what /init is writing, read from its memory through its translation
    assert re.search(r'0x[0-9a-f]+:\s+"(check |info |init: )', gdb), gdb


def test_other_partition_ran_its_checks_meanwhile(system):
    _, gdb, _, _ = system
    assert re.search(r"MARK up done: \['init: \d+ passed, 0 failed, \d+ skipped'\]", gdb), gdb
    assert "MARK smp silent: True" in gdb, gdb
    pc = int(re.search(r"MARK smp pc (0x[0-9a-f]+)", gdb).group(1), 16)
    at = int(re.search(r"Breakpoint 1 at (0x[0-9a-f]+)", gdb).group(1), 16)
    assert pc == at, gdb
    assert "[Inferior 1 (Remote target) exited normally]" in gdb, gdb


def test_both_linux_pass_every_check(system):
    _, _, hv, consoles = system
    for name, ncpus in (("up", 1), ("smp", 2)):
        run = LinuxRun(consoles[name])
        assert not run.failures(), "%s: %s\n%s" % (name, run.failures(), consoles[name])
        assert list(run.checks) == CHECKS
        assert run.info["cpus"] == str(ncpus)
        assert run.echo == LINE, consoles[name]
    assert "partition smp: a debugger attached" in hv, hv
    assert "text checksum" in hv and "unchanged" in hv, hv
