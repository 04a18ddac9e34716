# SPDX-License-Identifier: GPL-2.0-only
"""virtio-console (docs/virtio.md): a partition whose configuration says
console = "virtio" gets a virtio-console device in its console slot, and
Linux's own virtio_console driver serves it as hvc0. The same test /init
as test_linux_beryl.py runs with console=hvc0: every check passes, its
output comes out on the partition's console channel with its prefix, the
line typed on the hypervisor console reaches it through the device's
receive queue, and beryl's count says the bytes went through virtio."""
import os
import re

import pytest

from beryl import hv_lines, partition_output
from linux_guest import BOOTARGS, CHECKS, LINE, PANIC_RE, drive
from qemu import ROOT, Qemu

import beryl_launch as bl

CONS_RE = re.compile(r"^beryl: partition linux: virtio-console: (\d+) bytes out, (\d+) in "
                     r"\((\d+) dropped\), (\d+) notifications, (\d+) interrupts, "
                     r"(\d+) waits for room$")


def test_linux_console_on_virtio(tmp_path):
    with open(os.path.join(ROOT, "configs", "linux.dts")) as f:
        src = f.read()
    args = 'bootargs = "%s";' % BOOTARGS
    assert args in src
    src = src.replace(args, 'bootargs = "console=hvc0";\n\t\t\tconsole = "virtio";')
    dtb = bl.compile_dts(source_text=src, out=str(tmp_path / "linux-vcons.dtb"))
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=300) as q:
        run = drive(q, timeout=300, partition="linux")
    detail = "\n".join(run.failures()) + "\n--- console ---\n" + run.text
    assert not run.failures(), detail
    assert list(run.checks) == CHECKS, detail
    assert run.echo == LINE, detail
    hv = hv_lines(run.text.replace("\r", ""))
    cons = [m.groups() for m in map(CONS_RE.match, hv) if m]
    assert len(cons) == 1, hv
    out, inp, dropped, notifies, irqs, _ = map(int, cons[0])
    # everything /init printed went through the device; the typed line came in whole
    assert out >= sum(len(l) + 1 for l in run.lines if l.startswith("init:")), (cons, detail)
    assert inp == len(LINE) + 1 and dropped == 0, (cons, detail)
    assert notifies > 0 and irqs > 0, cons
    assert "beryl: partition linux stopped: guest power-off" in hv, detail


# ---- a virtio console connected to another partition (docs/config.md, stdout) ----

LINK_DTS = """/dts-v1/;
/ {
	compatible = "beryl,config";
	phys-mem {
		alpha_ram: alpha-ram { reg = <0x0 0x10000000 0x0 0x08000000>; };
		beta_ram: beta-ram { reg = <0x0 0x18000000 0x0 0x08000000>; };
	};
	byte-channels {
		link { endpoints = "alpha", "beta"; };
	};
	partitions {
		alpha {
			cpus = <0>;
			image = /incbin/("%(vmlinux)s");
			initrd = /incbin/("%(initrd)s");
			bootargs = "console=ttyS0 beryl_shell=1";
			console = "virtio";
			stdout = "link";
			memory { ram { phys-mem = <&alpha_ram>; guest-addr = <0x0 0x0>; }; };
		};
		beta {
			cpus = <1>;
			image = /incbin/("%(vmlinux)s");
			initrd = /incbin/("%(initrd)s");
			bootargs = "console=ttyS0 beryl_shell=1";
			memory { ram { phys-mem = <&beta_ram>; guest-addr = <0x0 0x0>; }; };
		};
	};
};
"""
# more than the reader's buffers hold (alpha: 256 receive buffers of a page), so
# that each writer meets a full channel while the reader stalls
LINK_BYTES = 2 * 1024 * 1024
LINK_STALL_MS = 3000
LINK_CONS_RE = re.compile(r"^beryl: partition alpha: virtio-console: (\d+) bytes out, (\d+) in "
                          r"\((\d+) dropped\), (\d+) notifications, (\d+) interrupts, "
                          r"(\d+) waits for room, byte channel link$")
SENT_RE = re.compile(r"bctest: sent (\d+) bytes, crc32 (\w+), waited (\d+) times for (\d+) ms, "
                     r"(\d+) ms in all$")
RECV_RE = re.compile(r"bctest: received (\d+) bytes, crc32 (\w+), (\d+) wrong, stalled (\d+) ms$")


@pytest.fixture(scope="module")
def link(tmp_path_factory):
    """alpha's hvc0 (virtio console) is its end of byte channel "link"; beta's
    end is ttyEHV1 (Linux's ehv_bytechan). 2 MiB each way, the reader
    stalling first; both /inits are driven on their UART consoles."""
    from test_ipc_linux import Consoles  # the focus-and-type helper of the IPC tests

    src = LINK_DTS % {"vmlinux": os.path.join(bl.BUILD, "linux", "vmlinux"),
                      "initrd": os.path.join(bl.BUILD, "linux", "initramfs.cpio.gz")}
    dtb = bl.compile_dts(source_text=src,
                         out=str(tmp_path_factory.mktemp("vcons") / "vcons-link.dtb"))
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=600,
              extra=["-smp", "2"]) as q:
        c = Consoles(q)
        ready = set()
        while len(ready) < 2:
            idx = q.expect([r"\[(alpha|beta)\] init: ready", PANIC_RE], timeout=300)
            assert idx == 0, "a guest kernel crashed\n" + q.output()
            ready.add(q.child.match.group(1))
        # alpha -> beta: beta reads late
        c.run("beta", "bctest recv /dev/ttyEHV1 %d 11 %d &" % (LINK_BYTES, LINK_STALL_MS))
        c.seen(r"\[beta\] bctest: ready")
        c.run("alpha", "bctest send /dev/hvc0 %d 11" % LINK_BYTES, timeout=300)
        c.seen(r"\[beta\] bctest: received", timeout=300)
        # beta -> alpha: alpha reads late
        c.run("alpha", "bctest recv /dev/hvc0 %d 22 %d &" % (LINK_BYTES, LINK_STALL_MS))
        c.seen(r"\[alpha\] bctest: ready")
        c.run("beta", "bctest send /dev/ttyEHV1 %d 22" % LINK_BYTES, timeout=300)
        c.seen(r"\[alpha\] bctest: received", timeout=300)
        for name in ("beta", "alpha"):
            c.focus(name)
            q.send("poweroff\n")
            q.expect(r"beryl: partition %s stopped" % name, timeout=120)
        q.expect(r"beryl: all partitions stopped, powering off", timeout=60)
        return q.output().replace("\r", "")


def link_transfer(text, sender, receiver):
    s = [m for m in map(SENT_RE.match, partition_output(text, sender)) if m]
    r = [m for m in map(RECV_RE.match, partition_output(text, receiver)) if m]
    assert len(s) == 1 and len(r) == 1, text
    return s[0], r[0]


@pytest.mark.parametrize("sender,receiver", [("alpha", "beta"), ("beta", "alpha")])
def test_virtio_console_to_another_partition(link, sender, receiver):
    """Every byte arrives, in order and unchanged, both ways; the reader
    stalled and the writer waited for it (alpha's hvc0 write blocks in its
    driver while beryl holds the chain: its send takes at least the stall)."""
    s, r = link_transfer(link, sender, receiver)
    assert int(s.group(1)) == LINK_BYTES and int(r.group(1)) == LINK_BYTES, (s.group(0),
                                                                           r.group(0))
    assert int(r.group(3)) == 0 and s.group(2) == r.group(2), (s.group(0), r.group(0))
    assert int(s.group(5)) >= LINK_STALL_MS * 2 // 3, s.group(0)
    if sender == "beta":  # ehv_bytechan's writer found the channel full and polled
        assert int(s.group(3)) >= 1, s.group(0)


def test_virtio_console_link_counts(link):
    """beryl's count: alpha's bytes went through the virtio console into the
    channel (its output waited for room: flow control), none dropped; alpha
    has no ePAPR node for the channel (its end is the device's)."""
    hv = hv_lines(link)
    cons = [m.groups() for m in map(LINK_CONS_RE.match, hv) if m]
    assert len(cons) == 1, hv
    out, inp, dropped, _, _, waits = map(int, cons[0])
    assert out >= LINK_BYTES + 4 and inp >= LINK_BYTES + 4 and dropped == 0, cons
    assert waits >= 1, cons
    alpha = partition_output(link, "alpha")
    assert not any("ehv-bc" in line or "ttyEHV" in line for line in alpha), alpha
    assert "beryl: partition alpha stopped: guest power-off" in hv, hv
