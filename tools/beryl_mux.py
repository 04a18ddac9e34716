# SPDX-License-Identifier: GPL-2.0-only
"""The host side of beryl's multiplexed console (docs/console.md).

beryl, configured with `console = "mux"`, sends every channel of its
serial line (0: the hypervisor's messages and its shell, 1 + i: partition
i's console, then the byte channels to the console, up to 7; 8 + i:
partition i's debug stub) in frames: COBS(channel |
data | CRC-16/CCITT-FALSE, big-endian) 0x00. This module decodes and
encodes them, and `tools/beryl-mux` serves each channel on a TCP port of
its own (and, with --pty, a pseudo-terminal). Bytes before the first frame
delimiter are the hypervisor's plain-text banner: they count as channel
0's. beryl announces each channel on channel 0 ("console channel N:
partition NAME", "... N: byte channel NAME", "... N: gdb stub of partition
NAME"); a debug
stub's channel keeps no backlog (gdb starts a session afresh) and, when
the debugger's connection goes without a goodbye, beryl-mux detaches for
it (`$D#44`), so that its partition is not left stopped.
"""
import os
import pty
import re
import selectors
import socket
import sys
import tty

FRAME_DATA_MAX = 240
ANNOUNCE_RE = re.compile(r"console channel (\d+): (gdb stub of )?(?:partition|byte channel) (\S+)")
DETACH = b"$D#44"


def crc16(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def cobs_encode(data):
    out = bytearray([0])
    code_at, code = 0, 1
    for b in data:
        if b:
            out.append(b)
            code += 1
        if not b or code == 0xFF:
            out[code_at] = code
            code = 1
            code_at = len(out)
            out.append(0)
    out[code_at] = code
    return bytes(out)


def cobs_decode(data):
    out = bytearray()
    i = 0
    while i < len(data):
        code = data[i]
        i += 1
        if code == 0 or i + code - 1 > len(data):
            return None
        out += data[i:i + code - 1]
        i += code - 1
        if code < 0xFF and i < len(data):
            out.append(0)
    return bytes(out)


def encode(chan, data):
    """Frames (bytes, delimiters included) carrying data on channel chan."""
    out = bytearray()
    for i in range(0, max(len(data), 1), FRAME_DATA_MAX):
        raw = bytes([chan]) + data[i:i + FRAME_DATA_MAX]
        c = crc16(raw)
        out += cobs_encode(raw + bytes([c >> 8, c & 0xFF])) + b"\0"
    return bytes(out)


class Decoder:
    """Feed it the line's bytes; it returns (channel, data) for each good frame."""

    def __init__(self):
        self.buf = bytearray()
        self.synced = False  # a delimiter seen: frames from here on
        self.good = self.bad = 0

    def feed(self, data):
        out = []
        for b in data:
            if b:
                self.buf.append(b)
                if len(self.buf) > 2 * FRAME_DATA_MAX + 16:
                    self.buf.clear()  # no frame is that long: noise
                    self.bad += 1
                continue
            frame, self.buf = bytes(self.buf), bytearray()
            if not self.synced:
                self.synced = True
                if frame:
                    out.append((0, frame))  # the plain-text banner
                continue
            raw = cobs_decode(frame) if frame else None
            if raw is None or len(raw) < 3 or crc16(raw[:-2]) != (raw[-2] << 8 | raw[-1]):
                if frame:
                    self.bad += 1
                continue
            self.good += 1
            out.append((raw[0], raw[1:-2]))
        return out


class Mux:
    """Serve the channels of one beryl serial line (a connected socket)."""

    def __init__(self, line, base_port, host="127.0.0.1", ptys=None, out=sys.stdout):
        self.line = line
        self.line.setblocking(False)
        self.base_port = base_port
        self.host = host
        self.out = out
        self.decoder = Decoder()
        self.sel = selectors.DefaultSelector()
        self.sel.register(line, selectors.EVENT_READ, ("line", None))
        self.backlog = {}    # channel -> every byte it carried (sent to new clients)
        self.clients = {}    # channel -> [sockets]
        self.listeners = {}  # channel -> listening socket
        self.ptys = {}       # channel -> pty master fd
        self.pty_dir = ptys
        self.names = {}
        self.raw = set()     # debug stubs' channels: no backlog
        self.talked = set()  # clients (of those) that sent something
        for chan in range(8):
            self.channel(chan)

    def channel(self, chan):
        if chan in self.listeners:
            return
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((self.host, self.base_port + chan))
        ls.listen(4)
        ls.setblocking(False)
        self.sel.register(ls, selectors.EVENT_READ, ("listen", chan))
        self.listeners[chan] = ls
        self.backlog[chan] = bytearray()
        self.clients[chan] = []
        if self.pty_dir is not None:
            master, slave = pty.openpty()
            tty.setraw(slave)
            link = os.path.join(self.pty_dir, "channel%d" % chan)
            try:
                os.unlink(link)
            except FileNotFoundError:
                pass
            os.symlink(os.ttyname(slave), link)
            os.set_blocking(master, False)
            self.ptys[chan] = master
            self.sel.register(master, selectors.EVENT_READ, ("pty", chan))

    def say(self, text):
        if self.out:
            self.out.write("beryl-mux: %s\n" % text)
            self.out.flush()

    def deliver(self, chan, data):
        if chan not in self.backlog:
            return  # a channel nobody serves
        if chan not in self.raw:
            self.backlog[chan] += data
        for c in list(self.clients[chan]):
            try:
                c.sendall(data)
            except OSError:
                self.drop(chan, c)
        if chan in self.ptys:
            try:
                os.write(self.ptys[chan], data)
            except OSError:
                pass  # nobody reading the terminal: its buffer is full
        if chan == 0:
            for line in bytes(data).decode(errors="replace").splitlines():
                m = ANNOUNCE_RE.search(line)
                if not m or int(m.group(1)) > 255:
                    continue
                n, gdb, name = int(m.group(1)), m.group(2), m.group(3)
                self.channel(n)
                if gdb:
                    self.raw.add(n)
                    self.backlog[n] = bytearray()
                self.names[n] = ("gdb " if gdb else "") + name
                self.say("channel %d (%s): tcp %s:%d" % (n, self.names[n], self.host,
                                                        self.base_port + n))

    def drop(self, chan, c):
        self.clients[chan].remove(c)
        self.sel.unregister(c)
        c.close()
        if c in self.talked:  # a debugger gone without detaching: detach for it
            self.talked.discard(c)
            self.send(chan, DETACH)

    def send(self, chan, data):
        self.line.setblocking(True)
        self.line.sendall(encode(chan, data))
        self.line.setblocking(False)

    def step(self, timeout=None):
        """Serve events for at most timeout seconds; False once the line closed."""
        for key, _ in self.sel.select(timeout):
            kind, chan = key.data
            if kind == "line":
                try:
                    data = self.line.recv(65536)
                except BlockingIOError:
                    continue
                if not data:
                    return False
                for c, payload in self.decoder.feed(data):
                    self.deliver(c, payload)
            elif kind == "listen":
                c, _ = key.fileobj.accept()
                # small writes go at once (a debugger's '+' and its reply, typed keys)
                c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                c.setblocking(True)
                c.sendall(bytes(self.backlog[chan]))
                c.setblocking(False)
                self.clients[chan].append(c)
                self.sel.register(c, selectors.EVENT_READ, ("client", chan))
            elif kind == "client":
                try:
                    data = key.fileobj.recv(4096)
                except (BlockingIOError, ConnectionError):
                    data = b""
                if not data:
                    self.drop(chan, key.fileobj)
                else:
                    if chan in self.raw:
                        self.talked.add(key.fileobj)
                        if DETACH in data:  # it said goodbye itself
                            self.talked.discard(key.fileobj)
                    self.send(chan, data)
            elif kind == "pty":
                try:
                    data = os.read(key.fileobj, 4096)
                except OSError:
                    data = b""
                if data:
                    self.send(chan, data)
        return True

    def run(self):
        while self.step():
            pass
        self.say("the line closed")
