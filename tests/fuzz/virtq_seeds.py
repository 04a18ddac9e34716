#!/usr/bin/env python3
# Seed inputs for fuzz_virtq (tests/fuzz/fuzz_virtq.c): well-formed queues as
# Linux's drivers fill them (a block request, a received frame, indirect
# tables, event indices), for the fuzzer to start from. Usage:
#   tests/fuzz/virtq_seeds.py DIR
import os
import struct
import sys

OP_POP, OP_PUSH, OP_INTR, OP_NOTIFY, OP_POKE, OP_READ, OP_WRITE, OP_COPY, OP_START = range(9)


def image(num, descs, heads, tables=()):
    mem = bytearray(0x3000)
    for i, (addr, ln, flags, nxt) in enumerate(descs):
        struct.pack_into('<QIHH', mem, 16 * i, addr, ln, flags, nxt)
    for i, h in enumerate(heads):
        struct.pack_into('<H', mem, 0x1000 + 4 + 2 * (i % num), h)
    struct.pack_into('<H', mem, 0x1000 + 2, len(heads))
    for base, entries in tables:
        for i, (addr, ln, flags, nxt) in enumerate(entries):
            struct.pack_into('<QIHH', mem, base + 16 * i, addr, ln, flags, nxt)
    return bytes(mem)


def seed(flags, num_exp, ops, mem):
    hdr = bytes([(len(ops) << 3) | flags, num_exp, 0, 0])
    return hdr + b''.join(bytes(o) for o in ops) + mem


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seeds = {
        # a block read: header, data, status
        'blk': seed(0, 4, [(OP_POP, 0, 0, 0), (OP_READ, 0, 1, 0), (OP_WRITE, 1, 2, 0),
                           (OP_PUSH, 0, 2, 1), (OP_INTR, 0, 0, 0), (OP_NOTIFY, 0, 0, 0)],
                    image(16, [(0x8000, 16, 1, 1), (0x9000, 4096, 3, 2), (0xA000, 1, 2, 0)],
                          [0])),
        # two frames, one copied to B
        'net': seed(1, 8, [(OP_POP, 0, 0, 0), (OP_COPY, 3, 3, 4), (OP_PUSH, 0, 0, 0),
                           (OP_POP, 0, 0, 0), (OP_PUSH, 0, 0, 0), (OP_INTR, 0, 0, 0)],
                    image(256, [(0x8000, 12, 1, 1), (0x8100, 1500, 0, 0), (0x9000, 1514, 0, 0)],
                          [0, 2])),
        # an indirect table of three buffers
        'indirect': seed(2, 4, [(OP_POP, 0, 0, 0), (OP_READ, 0, 2, 0), (OP_PUSH, 0, 0, 9),
                                (OP_POKE, 0x08, 0x01, 7), (OP_POP, 0, 0, 0)],
                         image(16, [(0x2800, 48, 4, 0)], [0, 0],
                               [(0x2800, [(0x8000, 16, 1, 1), (0x9000, 512, 3, 2),
                                          (0xA000, 1, 2, 0)])])),
        # event index, notifications, a new start
        'event': seed(1, 2, [(OP_POP, 0, 0, 0), (OP_PUSH, 0, 0, 0), (OP_NOTIFY, 0, 0, 0),
                             (OP_INTR, 0, 0, 0), (OP_START, 1, 2, 0), (OP_POP, 0, 0, 0)],
                      image(4, [(0x8000, 64, 0, 0)], [0, 0, 0])),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
