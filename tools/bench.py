#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench: the same guest natively on QEMU and under beryl, both with
-icount shift=0,sleep=off (one instruction per nanosecond of guest time, so
timebase readings are deterministic instruction counts). Prints per-operation
costs, the beryl/native ratios and beryl's exit statistics, and writes them to
docs/performance.md.

    tools/bench.py [--no-write]
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import beryl_launch as bl  # noqa: E402

sys.path.insert(0, os.path.join(bl.ROOT, "tests", "system"))
import linux_guest as lg  # noqa: E402
from qemu import Qemu  # noqa: E402

BENCH_ELF = os.path.join(bl.BUILD, "guests", "bench", "bench.elf")
DOC = os.path.join(bl.ROOT, "docs", "performance.md")
BENCH_RE = re.compile(r"^(?:\[\w+\] )?bench (\S+) (\d+) (\d+)$")
STAT_RE = re.compile(r"^beryl:\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$")
TB_RE = re.compile(r"timebase (\d+) Hz")


def run(cmd, timeout=600):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, timeout=timeout)
    return p.stdout.decode(errors="replace")


def parse_bench(text):
    out = {}
    for line in text.splitlines():
        m = BENCH_RE.match(line.strip())
        if m:
            out[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return out


def parse_stats(text):
    rows = []
    for line in text.splitlines():
        m = STAT_RE.match(line.strip())
        if m:
            rows.append((m.group(1),) + tuple(int(x) for x in m.group(2, 3, 4, 5, 6)))
    return rows


def bare_metal():
    native_cmd = bl.native_cmd(BENCH_ELF, icount=True)
    dtb = bl.compile_dts(source_text=bl.single_partition_dts(BENCH_ELF, name="bench"),
                         out=os.path.join(bl.BUILD, "configs", "bench.dtb"))
    beryl_cmd = bl.beryl_cmd(dtb, icount=True)
    native = run(native_cmd)
    virt = run(beryl_cmd)
    n, b = parse_bench(native), parse_bench(virt)
    if not n or set(n) != set(b):
        sys.exit("bench: runs incomplete\n--- native ---\n%s\n--- beryl ---\n%s" % (native, virt))
    m = TB_RE.search(virt)
    tb_hz = int(m.group(1)) if m else 400000000
    ipt = 1e9 / tb_hz  # instructions per timebase tick under -icount shift=0
    return native_cmd, beryl_cmd, n, b, parse_stats(virt), ipt


PV_ELF = os.path.join(bl.BUILD, "guests", "demo", "pv.elf")


def paravirt():
    """guests/demo/pv under beryl: mfmsr trapped and read from the magic page."""
    dtb = bl.compile_dts(source_text=bl.single_partition_dts(PV_ELF, name="pv"),
                         out=os.path.join(bl.BUILD, "configs", "bench-pv.dtb"))
    cmd = bl.beryl_cmd(dtb, icount=True)
    text = run(cmd)
    res = parse_bench(text)
    if set(res) != {"pv-mfmsr-trapped", "pv-mfmsr-page"} or "0 failed" not in text:
        sys.exit("bench: the paravirt run failed:\n%s" % text)
    m = TB_RE.search(text)
    ipt = 1e9 / (int(m.group(1)) if m else 400000000)
    rows = [(k, iters, "%.1f" % (t * ipt / iters)) for k, (iters, t) in sorted(res.items())]
    return cmd, table(rows, ("operation", "iterations", "insn/op"))


LINUX_DTB = os.path.join(bl.BUILD, "configs", "linux.dtb")
LINUX_BENCHES = [("init-entry", "boot to init"), ("fork-exec", "200 fork+exec+wait"),
                 ("touch64m", "touch 64 MiB twice"), ("compute", "compute loop (user)")]


def linux():
    """The Linux guest natively and under beryl, both under icount."""
    for f in (lg.VMLINUX, lg.INITRAMFS, LINUX_DTB):
        if not os.path.exists(f):
            sys.exit("bench: missing %s (run make linux)" % f)
    native = lg.boot_native(icount=True, timeout=600)
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", LINUX_DTB], mem=512, timeout=600,
              extra=lg.ICOUNT) as q:
        virt = lg.drive(q, timeout=600, early=True, partition="linux")
    for run, what in ((native, "native"), (virt, "beryl")):
        if run.failures() or not all(b in run.bench for b, _ in LINUX_BENCHES):
            sys.exit("bench: the %s Linux run failed:\n%s" % (what, run.text))
    ncmd = " ".join(["qemu-system-ppc", "-M ppce500 -cpu e500v2 -m 512"] +
                    [os.path.relpath(a, bl.ROOT) if a.startswith(bl.ROOT) else a
                     for a in lg.native_args()] + lg.ICOUNT)
    bcmd = "qemu-system-ppc -M ppce500 -cpu e500v2 -m 512 -kernel build/beryl.elf " \
           "-initrd build/configs/linux.dtb " + " ".join(lg.ICOUNT)
    return ncmd, bcmd, native, virt, parse_stats(virt.text)


VIRTIO_DTB = os.path.join(bl.BUILD, "configs", "linux-virtio.dtb")
VIO_BENCH_RE = re.compile(r"^\[linux\] vio: bench (\S+) (\d+) (\d+)\r?$", re.M)
VIO_BLK_RE = re.compile(r"^beryl: partition linux: virtio-blk data: (\d+) requests .*, "
                        r"(\d+) notifications, (\d+) interrupts\r?$", re.M)


def virtio():
    """Linux's /vio (configs/linux-virtio.dts) under icount: 4 MiB O_DIRECT
    transfers on a virtio-blk disk and on brd inside the same guest."""
    if not os.path.exists(VIRTIO_DTB):
        sys.exit("bench: missing %s (run make linux)" % VIRTIO_DTB)
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", VIRTIO_DTB], mem=512, timeout=600,
              extra=lg.ICOUNT) as q:
        q.expect(r"beryl: all partitions stopped, powering off")
        text = q.output()
    res = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in VIO_BENCH_RE.finditer(text)}
    blk = VIO_BLK_RE.search(text)
    if "vio: done, 0 failed" not in text or not blk or len(res) < 5:
        sys.exit("bench: the virtio run failed:\n%s" % text)
    ipt = 1e9 / 400e6  # the machine's timebase: 400 MHz
    rows = []
    for what, v, r in (("sequential write", "data-pattern-write", "brd-write"),
                       ("sequential read", "data-pattern-read", "brd-read")):
        (vb, vt), (rb, rt) = res[v], res[r]
        rows.append((what, "%.1f" % (vb / 1048576), "%.3f" % (vb / (vt * ipt)),
                     "%.3f" % (rb / (rt * ipt)), "%.0f%%" % (100.0 * rt / vt)))
    reqs, notes, irqs = map(int, blk.groups())
    tab = table(rows, ("4 MiB O_DIRECT, 256 KiB a call", "MiB", "virtio B/insn",
                       "brd B/insn", "virtio/brd"))
    report = (
        "## virtio-blk (configs/linux-virtio.dts, linux/init/vio.c)\n\n"
        "Bytes per guest instruction (all of the machine's instructions while the\n"
        "transfer ran, beryl's included) for a disk served by beryl, beside the\n"
        "same transfers on Linux's RAM block device (brd) in the same guest:\n\n"
        "```\n%s\n```\n\nThe first run of the partition (pattern written and read back):\n"
        "%d requests, %d notifications, %d interrupts (%.2f MMIO-notify exits and\n"
        "%.2f interrupts per request).\n" % (tab, reqs, notes, irqs, notes / reqs, irqs / reqs))
    return "qemu-system-ppc -M ppce500 -cpu e500v2 -m 512 -kernel build/beryl.elf " \
           "-initrd build/configs/linux-virtio.dtb " + " ".join(lg.ICOUNT), report


def table(rows, header):
    w = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = "  ".join("%%%ds" % x if i else "%%-%ds" % x for i, x in enumerate(w))
    lines = [fmt % tuple(header), fmt % tuple("-" * x for x in w)]
    lines += [fmt % tuple(r) for r in rows]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-write", action="store_true", help="do not update docs/performance.md")
    a = ap.parse_args()

    lncmd, lbcmd, ln, lb, lstats = linux()
    ipt_l = 1e9 / ln.tb_freq
    rows = []
    for name, what in LINUX_BENCHES:
        nt, bt = ln.bench[name], lb.bench[name]
        rows.append((what, "%.1f" % (nt * ipt_l / 1e6), "%.1f" % (bt * ipt_l / 1e6),
                     "%.2f" % (bt / nt)))
    lin = table(rows, ("Linux guest", "native Minsn", "beryl Minsn", "beryl/native"))
    total = sum(s[2] for s in lstats if s[0] != "all") or 1
    srt = sorted((s for s in lstats if s[0] != "all"), key=lambda s: -s[2])
    lrows = [(s[0], s[1], "%.0f" % (s[3] * ipt_l), "%.1f%%" % (100.0 * s[2] / total))
             for s in srt]
    lex = table(lrows, ("exit", "count", "mean insn", "share of exit time"))
    linux_report = (
        "## Linux guest (linux/, `make linux`)\n\n"
        "Guest instructions (millions) from the timebase readings /init prints;\n"
        "\"boot to init\" is the timebase at /init's first instruction.\n\n"
        "```\n%s\n```\n\nExit statistics of the beryl run (mean in instructions, "
        "share of all\ntime spent handling exits), most expensive first:\n\n```\n%s\n```\n"
        % (lin, lex))

    ncmd, bcmd, n, b, stats, ipt = bare_metal()
    rows = []
    for name, (iters, nt) in n.items():
        bt = b[name][1]
        extra = (bt - nt) * ipt / iters
        rows.append((name, iters, "%.1f" % (nt * ipt / iters), "%.1f" % (bt * ipt / iters),
                     "%.2f" % (bt / nt if nt else float("inf")), "%.0f" % extra))
    ops = table(rows, ("operation", "iterations", "native insn/op", "beryl insn/op",
                       "ratio", "added insn/op"))
    srows = [(s[0], s[1], "%.0f" % (s[3] * ipt), "%.0f" % (s[4] * ipt), "%.0f" % (s[5] * ipt))
             for s in stats if s[0] != "all"]
    ex = table(srows, ("exit", "count", "mean insn", "min insn", "max insn"))
    report = (
        "## Bare-metal micro-benchmarks (guests/bench)\n\n"
        "Per operation, in guest instructions (1 instruction = 1 ns under icount;\n"
        "timebase ticks x %.1f). \"added\" is what beryl adds per operation: trap,\n"
        "emulation and return for emulated instructions.\n\n```\n%s\n```\n\n"
        "Exit handling inside beryl (from the exit statistics of the same run;\n"
        "excludes the vector entry and exit path):\n\n```\n%s\n```\n" % (ipt, ops, ex))
    # The issue-3 target: mean cost of an emulated privileged instruction
    # on the common path, per instruction (bare-metal loops) and weighted
    # by how often the Linux guest executes each (its exit counts).
    per = {k: (b[k][1] - n[k][1]) * ipt / n[k][0] for k in n}
    common = {"mtmsr": per["mtmsr"], "wrtee": per["wrteei"], "mfspr": per["mfspr-sprg0"],
              "mtspr": per["mtspr-srr0"],
              "rfi": per["rfi"] - 2 * per["mtspr-srr0"]}  # the loop also writes SRR0/1
    counts = {s[0]: s[1] for s in lstats}
    weight = sum(counts.get(k, 0) for k in common) or 1
    weighted = sum(common[k] * counts.get(k, 0) for k in common) / weight
    crows = [(k, "%.0f" % common[k], counts.get(k, 0)) for k in common]
    creport = (
        "## Cost of an emulated privileged instruction (target: under 150)\n\n"
        "Added guest instructions per emulated instruction (trap, emulation, return;\n"
        "from the loops below, where rfi and mtmsr keep the privilege and\n"
        "translation context), and how often the Linux run above executed each:\n\n"
        "```\n%s\n```\n\nUnweighted mean: %.0f; weighted by the Linux run's counts: %.0f.\n"
        "An rfi or mtmsr that changes privilege or translation space (kernel to\n"
        "user and back) still takes the C exit path: about 400 instructions.\n"
        % (table(crows, ("instruction", "added insn", "Linux exits")),
           sum(common.values()) / len(common), weighted))
    pcmd, ptab = paravirt()
    preport = (
        "## Paravirtual interface (guests/demo/pv, paravirt = \"on\")\n\n"
        "The same mfmsr loop trapped and emulated, and reading the MSR from the\n"
        "KVM magic page instead (what CONFIG_KVM_GUEST's patching does), in guest\n"
        "instructions per operation including the loop:\n\n```\n%s\n```\n" % ptab)
    vcmd, vreport = virtio()
    report = linux_report + "\n" + creport + "\n" + report + "\n" + preport + "\n" + vreport
    print(report)
    if not a.no_write:
        write_doc(report, [lncmd, lbcmd, " ".join(ncmd), " ".join(bcmd), " ".join(pcmd), vcmd])
        print("wrote", os.path.relpath(DOC, bl.ROOT))


def write_doc(report, cmds):
    head = open(DOC).read().split("<!-- bench -->")[0] if os.path.exists(DOC) else ""
    if not head:
        head = "# Performance\n\n"
    cmds = [" ".join(os.path.relpath(x, bl.ROOT) if x.startswith(bl.ROOT) else x
                     for x in c.split()) for c in cmds]
    body = ("<!-- bench -->\n"
            "Generated by `make bench` (tools/bench.py); QEMU command lines:\n\n"
            + "".join("    %s\n" % c for c in cmds) + "\n" + report)
    with open(DOC, "w") as f:
        f.write(head + body)


if __name__ == "__main__":
    main()
