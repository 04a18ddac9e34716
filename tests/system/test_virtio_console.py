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

from beryl import hv_lines
from linux_guest import BOOTARGS, CHECKS, LINE, drive
from qemu import ROOT, Qemu

import beryl_launch as bl

CONS_RE = re.compile(r"^beryl: partition linux: virtio-console: (\d+) bytes out, (\d+) in "
                     r"\((\d+) dropped\), (\d+) notifications, (\d+) interrupts$")


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
    out, inp, dropped, notifies, irqs = map(int, cons[0])
    # everything /init printed went through the device; the typed line came in whole
    assert out >= sum(len(l) + 1 for l in run.lines if l.startswith("init:")), (cons, detail)
    assert inp == len(LINE) + 1 and dropped == 0, (cons, detail)
    assert notifies > 0 and irqs > 0, cons
    assert "beryl: partition linux stopped: guest power-off" in hv, detail
