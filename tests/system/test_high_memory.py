# SPDX-License-Identifier: GPL-2.0-only
"""RAM beyond what beryl maps for itself (issue 8, defect 2).

beryl maps at most 3 GiB of RAM one-to-one for its own use; everything
else the hardware tree describes (RAM above that, 36-bit RAM above 4 GiB)
it reaches through a window. A Linux partition placed there boots, its
guest tree and initrd written through the window, reboots (its memory
cleared through the window) and passes every check of /init the second
time. Before the fix the 2 GiB case panicked beryl at boot (the tree was
written through a null pointer) and the restart wrote over the hypervisor.

A bare-metal partition in the same places proves the clearing itself: it
fills memory with a pattern, asks for a reset, and after the restart finds
only zeros."""
import os
import tempfile

import pytest

from beryl import hv_lines, partition_output
from linux_guest import CHECKS, INITRAMFS, LINE, VMLINUX, drive
from qemu import BUILD, Qemu

import beryl_launch as bl

MEMCLEAR = os.path.join(BUILD, "guests", "demo", "memclear.elf")

DTS = """/dts-v1/;
/ {
	compatible = "beryl,config";
	phys-mem { ram: high-ram { reg = <%#x %#x 0x0 %#x>; }; };
	partitions {
		%s {
			cpus = <0>;
			image = /incbin/("%s");
			%s
			memory { ram { phys-mem = <&ram>; guest-addr = <0x0 0x0>; }; };
		};
	};
};
"""

# (QEMU memory, host physical base of the partition): above the 1.25 GiB the
# old direct map reached, above the 3 GiB the new one reaches, above 4 GiB.
PLACES = [("2G", 0x60000000), ("3G", 0xA0000000), ("5G", 0x100000000)]


def config(name, image, base, size, extra=""):
    src = DTS % (base >> 32, base & 0xFFFFFFFF, size, name, image, extra)
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-high-"), name + ".dtb")
    return bl.compile_dts(source_text=src, out=out)


@pytest.mark.parametrize("mem,base", PLACES, ids=[m for m, _ in PLACES])
def test_memory_cleared_on_restart(mem, base):
    dtb = config("mc", MEMCLEAR, base, 0x04000000)
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=mem, timeout=120,
              extra=["-monitor", "none"]) as q:
        q.expect(r"beryl: all partitions stopped, powering off")
        assert q.wait_exit(timeout=20), q.output()
        text = q.output()
    out = partition_output(text, "mc")
    assert "memclear: boot 1: pattern written, resetting" in out, text
    assert "memclear: boot 2: all 8 MiB zero" in out, text
    assert "beryl: partition mc: restarting" in text, text
    assert "beryl: text checksum" in text and "unchanged" in text, text


@pytest.mark.parametrize("mem,base", PLACES, ids=[m for m, _ in PLACES])
def test_linux_in_high_memory_boots_and_reboots(mem, base):
    for f in (VMLINUX, INITRAMFS):
        assert os.path.exists(f), "missing %s (run make linux)" % f
    dtb = config("linux", VMLINUX, base, 0x10000000,
                 'initrd = /incbin/("%s"); bootargs = "console=ttyS0 beryl_test=reboot";'
                 % INITRAMFS)
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=mem, timeout=300,
              extra=["-monitor", "none"]) as q:
        q.expect(r"\[linux\] init: boot 1, test reboot")
        q.expect(r"beryl: partition linux: restarting")
        q.expect(r"\[linux\] init: boot 2, test reboot")
        run = drive(q, timeout=300, partition="linux")
    assert not run.failures(), "\n".join(run.failures()) + "\n" + run.text
    assert list(run.checks) == CHECKS and run.echo == LINE, run.text
    assert run.powered_off, run.text
    assert any("unchanged" in l for l in hv_lines(run.text)), run.text
