# SPDX-License-Identifier: GPL-2.0-only
"""The hypervisor's console (docs/console.md).

- Prefixed mode (the default): a guest's bytes are shown inside its own
  "[name] " line, each byte outside printable ASCII as \\xNN: a NUL no
  longer cuts the line short, escape sequences, carriage returns and
  backspaces cannot erase the prefix or forge a "beryl:" line (issue 8,
  defect 5).
- A partition flooding beryl with refused device accesses gets its
  warnings rate-limited, and its neighbour on another CPU keeps its ticks
  (issue 8, defect 4: 20,000 warnings stalled a neighbour by 1.4-3.8 s).
- Mux mode: each channel on its own TCP port through tools/beryl-mux, the
  guest's bytes exact (the same bytes the guest writes natively), typed
  input reaching only its partition (issue 10, item 3).
- A byte channel to the console (docs/config.md, "Byte channels"): in
  prefixed mode a line stream "[channel] ..." made safe like a partition's,
  taking typed input when it has the focus; in mux mode a channel of its
  own carrying the bytes exactly, both ways.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

from beryl import hv_lines, partition_output, run_beryl
from muxrun import MuxRun
from qemu import BUILD, QEMU, ROOT

import beryl_launch as bl

sys.path.insert(0, os.path.join(ROOT, "tools"))
import beryl_mux  # noqa: E402

FORGER = os.path.join(BUILD, "guests", "demo", "forger.elf")
ECHO = os.path.join(BUILD, "guests", "demo", "echo.elf")
TICKLATE = os.path.join(BUILD, "guests", "demo", "ticklate.elf")
FLOOD = os.path.join(BUILD, "guests", "hostile", "flood.elf")
BCECHO = os.path.join(BUILD, "guests", "ipc", "bcecho.elf")

AREAS = ("a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
         "b: area-b { reg = <0x0 0x0C000000 0x0 0x04000000>; };")


def config(parts, root="", extra=""):
    """parts: [(name, cpu, image)]; the first gets area a, the second b."""
    body = ""
    for (name, cpu, image), area in zip(parts, "ab"):
        body += ('%s { cpus = <%d>; image = /incbin/("%s"); '
                 'memory { ram { phys-mem = <&%s>; guest-addr = <0x0 0x0>; }; }; };\n'
                 % (name, cpu, image, area))
    src = ('/dts-v1/;\n/ { compatible = "beryl,config"; %s\n phys-mem { %s };\n'
           ' partitions { %s };\n%s\n};\n' % (root, AREAS, body, extra))
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-console-"), "c.dtb")
    return bl.compile_dts(source_text=src, out=out)


def test_guest_output_cannot_forge_hypervisor_lines():
    text, exited = run_beryl(config([("forger", 0, FORGER)]), timeout=60)
    assert exited, text
    out = partition_output(text, "forger")
    assert out == [
        "forger: start",
        "nul:\\x00after the nul",
        "\\x1b[2K\\x1b[1A\\x1b[2Kberyl: partition demo stopped: forged",
        "beryl: all partitions stopped, powering off",
        "\\x08" * 9 + "beryl: text checksum forged",
        "bell\\x07 del\\x7f high\\xff",
        "forger: done",
    ], text
    # nothing the guest wrote reaches the terminal as a control character
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text), repr(text)
    # every line that starts with "beryl:" is the hypervisor's own
    for line in text.splitlines():
        if line.startswith("beryl:"):
            assert "forged" not in line, text
    assert hv_lines(text)[-1] == "beryl: all partitions stopped, powering off", text


def test_warning_flood_does_not_stall_neighbour():
    start = time.time()
    text, exited = run_beryl(config([("tick", 0, TICKLATE), ("flood", 1, FLOOD)]),
                             timeout=180, smp=2)
    wall = time.time() - start
    assert exited, text
    assert "flood: 20000 machine checks" in partition_output(text, "flood"), text
    warnings = [l for l in hv_lines(text) if "flood: unsupported access" in l]
    suppressed = [int(m.group(1)) for m in
                  re.finditer(r"flood: (\d+) more such messages suppressed", text)]
    # 10 at once, then 10 a second (a second of slack), the rest counted
    assert 0 < len(warnings) <= 10 + 10 * (wall + 1), (len(warnings), wall)
    assert len(warnings) + sum(suppressed) <= 20000
    assert sum(suppressed) >= 20000 - len(warnings) - 20, text
    tick = partition_output(text, "tick")
    worst = int(re.search(r"ticklate: worst (\d+) us", "\n".join(tick)).group(1))
    # before the fix the neighbour's ticks came 1.4-3.8 s late; what is left
    # is QEMU sharing one host thread between the two CPUs
    assert worst < 1000000, "\n".join(tick)


def native_bytes(elf):
    """What the guest writes on its UART, byte for byte, run on QEMU itself."""
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-native-"), "serial.bin")
    subprocess.run([QEMU, "-M", "ppce500", "-cpu", "e500v2", "-m", "64", "-display", "none",
                    "-monitor", "none", "-no-reboot", "-serial", "file:" + out,
                    "-kernel", elf], timeout=60, check=True)
    with open(out, "rb") as f:
        return f.read()


def test_mux_channels_carry_exact_bytes_and_input():
    dtb = config([("forger", 0, FORGER), ("echo", 1, ECHO)], root='console = "mux";')
    expected = native_bytes(FORGER)
    assert b"\0after the nul" in expected and b"\x1b[2K" in expected
    run = MuxRun(dtb)
    try:
        hv = run.read_until(0, rb"console channel 2: partition echo")
        assert b"console channel 1: partition forger" in hv
        forger = run.read_until(1, rb"forger: done\r\n")
        # the guest's bytes, as it wrote them natively, nothing added or escaped
        assert forger == expected, (forger, expected)
        run.read_until(2, rb"echo: ready")
        run.channel(2).sendall(b"typed through the mux\r")
        echo = run.read_until(2, rb"echo: got [^\r\n]*\r\n")
        assert b"echo: got typed through the mux\r\n" in echo, echo
        assert b"typed" not in run.read_until(1, rb"forger: done")
        hv = run.read_until(0, rb"all partitions stopped, powering off")
        assert b"text checksum" in hv and b"unchanged" in hv, hv
        # the hypervisor's channel carries its lines, no guest byte
        assert b"forger: start" not in hv and b"echo: ready" not in hv, hv
        assert run.qemu.wait(timeout=60) == 0
    finally:
        run.close()


def test_mux_decoder_resynchronises():
    """The host side: noise, a damaged frame and a cut one cost only themselves."""
    good = beryl_mux.encode(3, b"first") + beryl_mux.encode(4, b"\0second\0")
    damaged = bytearray(beryl_mux.encode(5, b"damaged"))
    damaged[2] ^= 0x10
    cut = beryl_mux.encode(6, b"cut short")[:5] + b"\0"
    stream = (b"plain banner\r\n\0" + good + b"\x41\x42\x43\0" + bytes(damaged) + cut +
              beryl_mux.encode(7, b"last"))
    dec = beryl_mux.Decoder()
    got = []
    for i in range(0, len(stream), 7):  # in pieces, as a socket delivers them
        got += dec.feed(stream[i:i + 7])
    assert got == [(0, b"plain banner\r\n"), (3, b"first"), (4, b"\0second\0"),
                   (7, b"last")], got
    assert dec.bad == 3
    # every length round-trips, long data in several frames
    for n in (0, 1, 239, 240, 241, 600):
        data = bytes((i * 31) & 0xFF for i in range(n))
        d = beryl_mux.Decoder()
        d.synced = True
        frames = d.feed(beryl_mux.encode(1, data))
        assert b"".join(f[1] for f in frames) == data and all(f[0] == 1 for f in frames)


BC_CONSOLE = "byte-channels { bce-con { endpoints = \"bce\"; console; }; };"
RAW = b"bcecho: raw \0\x1b[2K\rbytes\n"


def test_byte_channel_console_prefixed():
    """The channel's lines come out as "[bce-con] ...", bytes made safe; Ctrl-\\
    gives it the focus and what is typed reaches the guest through it."""
    from qemu import Qemu
    dtb = config([("bce", 0, BCECHO)], extra=BC_CONSOLE)
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=60) as q:
        q.expect(r"\[bce-con\] bcecho: ready\r*\n")
        q.send("\x1c")
        q.expect(r"beryl: console input to (\S+)\r*\n")
        assert q.child.match.group(1) == "bce-con", q.output()
        q.send("typed into a byte channel\r")
        q.expect(r"beryl: all partitions stopped, powering off")
        assert q.wait_exit(timeout=20), q.output()
        text = q.output()
    out = partition_output(text, "bce-con")
    assert out == ["bcecho: ready", "bcecho: raw \\x00\\x1b[2Kbytes",
                   "bcecho: got typed into a byte channel"], text
    # its partition's own console (the UART) is a stream of its own
    assert partition_output(text, "bce") == ["bcecho: on its byte channel"], text
    assert "\x1b" not in text, text


FLOOD_LINES = 4000


def test_byte_channel_console_with_a_stalled_reader():
    """A partition floods its console byte channel (4000 lines, about 210 KB)
    faster than the serial line takes them, and nobody reads the line for
    the first 4 s: the console's share and the channel's queue fill, the
    sender sees EV_EAGAIN (it counts how often) and goes on when the
    console drained. Every line comes out, in order: a slow reader loses
    no byte, toward the console too."""
    from qemu import Qemu
    src = ('/dts-v1/;\n/ { compatible = "beryl,config";\n phys-mem { %s };\n'
           ' partitions { bce { cpus = <0>; image = /incbin/("%s"); bootargs = "flood"; '
           'memory { ram { phys-mem = <&a>; guest-addr = <0x0 0x0>; }; }; }; };\n%s\n};\n'
           % (AREAS, BCECHO, BC_CONSOLE))
    dtb = bl.compile_dts(source_text=src, out=os.path.join(
        tempfile.mkdtemp(prefix="beryl-console-"), "c.dtb"))
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=120) as q:
        time.sleep(4)  # nobody reads: QEMU's serial backs up
        q.expect(r"\[bce-con\] bcecho: flood done\r*\n")
        q.expect(r"beryl: all partitions stopped, powering off")
        assert q.wait_exit(timeout=20), q.output()
        text = q.output()
    out = [l for l in partition_output(text, "bce-con") if l.startswith("bcecho: flood ")]
    want = ["bcecho: flood %07d %s" % (i, "." * 31) for i in range(FLOOD_LINES)]
    assert out == want + ["bcecho: flood done"], text[-3000:]
    m = re.search(r"^\[bce\] bcecho: the channel was full (\d+) times", text, re.M)
    assert m and int(m.group(1)) > 0, text[-3000:]


def test_byte_channel_console_mux():
    """In mux mode the channel is the next channel after the partitions',
    announced by name, and carries the bytes exactly, both ways."""
    dtb = config([("bce", 0, BCECHO)], root='console = "mux";', extra=BC_CONSOLE)
    run = MuxRun(dtb, smp=1)
    try:
        hv = run.read_until(0, rb"console channel 2: byte channel bce-con")
        assert b"console channel 1: partition bce" in hv, hv
        got = run.read_until(2, rb"bytes\n")
        assert got == b"bcecho: ready\n" + RAW, got
        # its partition's own console (the UART) is a channel of its own
        assert run.read_until(1, rb"on its byte channel\r\n") == \
            b"bcecho: on its byte channel\r\n"
        run.channel(2).sendall(b"typed through the mux\r")
        got = run.read_until(2, rb"bcecho: got [^\n]*\n")
        assert got.endswith(b"bcecho: got typed through the mux\n"), got
        run.read_until(0, rb"all partitions stopped, powering off")
        assert run.qemu.wait(timeout=60) == 0
    finally:
        run.close()
