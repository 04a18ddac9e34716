#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Regenerate the fuzzers' committed seed inputs (run from the tree's root).

tests/fuzz/corpus/config/*.dtb: every configs/*.dts, compiled with dtc as make
compiles it, but with each /incbin/ guest image replaced by a tiny ELF (one
loadable segment at guest physical 0; see tiny_elf() for its byte order),
each initrd by a few bytes and each disk image (*.img) by one sector, so the
seeds are small (the real ones embed the guests: 100-200 KiB); plus seeds/*.dts written for the fuzzers (every
property the validator knows). NAME-512m.dtb: the same with one byte more,
which makes fuzz_config.c use the 1-CPU 512 MiB machine.

tests/fuzz/hw/*.dtb and tests/fuzz/corpus/guest_fdt/: QEMU's own ppce500
hardware trees (qemu-system-ppc -M ppce500,dumpdtb=...) for 1 CPU/512 MiB
and 4 CPUs/3 GiB, with the configuration passed as the initrd as beryl-run
does, compacted by dtc. Needs build/beryl.elf (make) and qemu-system-ppc.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

FUZZ = "tests/fuzz"


def tiny_elf(entry=0x100, paddr=0, memsz=0x2000):
    """A 32-bit big-endian PowerPC executable, one PT_LOAD segment, as the
    host build of elf_loader.c sees it: that reads the header fields in the
    CPU's own byte order (big-endian on the e500), so for the host fuzzers
    they are written little-endian (the identification still says MSB)."""
    code = struct.pack(">4I", 0x60000000, 0x60000000, 0x48000000, 0)  # nop; nop; b .
    phoff, ehsize, phsize = 52, 52, 32
    ident = b"\x7fELF" + bytes([1, 2, 1, 0]) + bytes(8)
    eh = ident + struct.pack("<HHIIIIIHHHHHH", 2, 20, 1, entry, phoff, 0, 0, ehsize, phsize,
                             1, 0, 0, 0)
    filesz = ehsize + phsize + len(code)
    ph = struct.pack("<8I", 1, 0, paddr, paddr, filesz, memsz, 5, 0x1000)
    return eh + ph + code


def compile_dts(text, out, incdir):
    with tempfile.NamedTemporaryFile("w", suffix=".dts", dir=incdir, delete=False) as f:
        f.write(text)
        name = f.name
    try:
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", incdir, "-o", out, name],
                       check=True)
    finally:
        os.unlink(name)


def config_seeds(tmp):
    os.makedirs(f"{FUZZ}/corpus/config", exist_ok=True)
    with open(f"{tmp}/guest.elf", "wb") as f:
        f.write(tiny_elf())
    with open(f"{tmp}/initrd.bin", "wb") as f:
        f.write(b"070701" + bytes(58))
    with open(f"{tmp}/disk.img", "wb") as f:  # a disk's image: one sector
        f.write(bytes(512))
    sources = sorted(f"configs/{n}" for n in os.listdir("configs") if n.endswith(".dts"))
    sources += sorted(f"{FUZZ}/seeds/{n}" for n in os.listdir(f"{FUZZ}/seeds"))
    for src in sources:
        text = open(src).read()
        text = re.sub(r'image = /incbin/\("[^"]*\.img"\)', 'image = /incbin/("disk.img")', text)
        text = re.sub(r'image = /incbin/\("(?!disk\.img")[^"]*"\)', 'image = /incbin/("guest.elf")',
                      text)
        text = re.sub(r'initrd = /incbin/\("[^"]*"\)', 'initrd = /incbin/("initrd.bin")', text)
        out = f"{FUZZ}/corpus/config/{os.path.basename(src)[:-4]}.dtb"
        compile_dts(text, out, tmp)
        print(out, os.path.getsize(out))
        if "linux" not in src:  # the same, on the 1-CPU 512 MiB machine (fuzz_config.c)
            with open(out, "rb") as f, open(out[:-4] + "-512m.dtb", "wb") as g:
                g.write(f.read() + b"\0")


def hw_trees(tmp):
    os.makedirs(f"{FUZZ}/hw", exist_ok=True)
    os.makedirs(f"{FUZZ}/corpus/guest_fdt", exist_ok=True)
    for name, smp, mem, cfg in (("qemu-1cpu-512m", 1, "512", "default"),
                                ("qemu-4cpu-3g", 4, "3G", "combo")):
        raw = f"{tmp}/{name}.raw"
        subprocess.run(["qemu-system-ppc", "-M", f"ppce500,dumpdtb={raw}", "-cpu", "e500v2",
                        "-smp", str(smp), "-m", mem, "-nographic", "-kernel", "build/beryl.elf",
                        "-initrd", f"{FUZZ}/corpus/config/{cfg}.dtb"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = f"{FUZZ}/hw/{name}.dtb"
        subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", out, raw], check=True)
        shutil.copy(out, f"{FUZZ}/corpus/guest_fdt/{name}.dtb")
        print(out, os.path.getsize(out))
        # the same with the other configurations (blobs.S: the byte after the tree);
        # on one CPU, only default's partition can start
        for k, cfgname in ((1, "linux-assign"), (2, "linux-manager"), (3, "linux-smp4"),
                           (4, "default"), (5, "linux-ipc"), (6, "sched-priority"),
                           (7, "linux-virtio")):
            if smp == 1 and cfgname != "default":
                continue
            with open(out, "rb") as f, \
                 open(f"{FUZZ}/corpus/guest_fdt/{name}-{cfgname}.dtb", "wb") as g:
                g.write(f.read() + bytes([k]))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        config_seeds(tmp)
        if "--no-hw" not in sys.argv:
            hw_trees(tmp)


if __name__ == "__main__":
    main()
