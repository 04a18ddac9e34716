# SPDX-License-Identifier: GPL-2.0-only
"""Partition lifecycle with the Linux guest: a reset request (reboot)
restarts only that partition, from a fresh image and cleared memory, and
the restarted guest passes its checks; with on-reset = "stop" a guest that
panics (and so asks for a reset, panic=-1) stops its partition, beryl says
why and powers off cleanly."""
import os
import re
import tempfile

from beryl import hv_lines
from linux_guest import CHECKS, INITRAMFS, LINE, VMLINUX, drive
from qemu import Qemu

import beryl_launch as bl

DTS = """/dts-v1/;
/ {
	compatible = "beryl,config";
	phys-mem { ram: linux-ram { reg = <0x0 0x10000000 0x0 0x10000000>; }; };
	partitions {
		linux {
			cpus = <%s>;
			image = /incbin/("%s");
			initrd = /incbin/("%s");
			bootargs = "%s";
			%s
			memory { ram { phys-mem = <&ram>; guest-addr = <0x0 0x0>; }; };
		};
	};
};
"""


def config(bootargs, extra="", cpus="0"):
    for f in (VMLINUX, INITRAMFS):
        assert os.path.exists(f), "missing %s (run make linux)" % f
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-life-"), "linux.dtb")
    return bl.compile_dts(source_text=DTS % (cpus, VMLINUX, INITRAMFS, bootargs, extra),
                          out=out)


def test_reboot_restarts_partition():
    dtb = config("console=ttyS0 beryl_test=reboot")
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=300) as q:
        q.expect(r"\[linux\] init: boot 1, test reboot")
        q.expect(r"\[linux\] init: rebooting")
        q.expect(r"beryl: partition linux stopped: guest reset request")
        q.expect(r"beryl: partition linux: restarting")
        q.expect(r"\[linux\] init: boot 2, test reboot")
        run = drive(q, timeout=300, partition="linux")
    assert not run.failures(), "\n".join(run.failures()) + "\n" + run.text
    assert list(run.checks) == CHECKS and run.echo == LINE, run.text
    assert run.status["rtc"] == "skipped", run.text  # no devices assigned
    # the kernel booted twice, each time from the start
    assert len(re.findall(r"\[linux\] Linux version 6\.1", run.text)) == 2, run.text
    hv = hv_lines(run.text)
    assert "beryl: partition linux stopped: guest power-off" in hv, run.text
    assert run.powered_off, run.text


def test_smp_partition_reboots_with_both_vcpus():
    """An SMP partition (vCPUs on CPUs 0 and 1) resets as a whole: its second
    vCPU is parked, the partition restarts from its image, and the new
    kernel releases the second vCPU again through the spin table."""
    dtb = config("console=ttyS0 beryl_test=reboot", cpus="0 1")
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=300,
              extra=["-smp", "2"]) as q:
        q.expect(r"\[linux\] init: boot 1, test reboot")
        q.expect(r"beryl: partition linux: restarting")
        q.expect(r"\[linux\] init: boot 2, test reboot")
        run = drive(q, timeout=300, partition="linux")
    assert not run.failures(), "\n".join(run.failures()) + "\n" + run.text
    assert run.info["cpus"] == "2" and int(run.info["ipis"]) > 0, run.text
    released = [l for l in hv_lines(run.text)
                if l == "beryl: partition linux: vCPU 1 started on CPU 1 at 0x0000001c"]
    assert len(released) == 2, run.text  # once per boot
    assert run.powered_off, run.text


def test_panic_stops_only_partition():
    dtb = config("console=ttyS0 panic=-1 beryl_test=panic", 'on-reset = "stop";')
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=300) as q:
        q.expect(r"\[linux\] init: exiting")
        q.expect(r"\[linux\] Kernel panic - not syncing: Attempted to kill init!")
        q.expect(r"beryl: partition linux stopped: guest reset request")
        q.expect(r"beryl: all partitions stopped, powering off")
        assert q.wait_exit(timeout=30), q.output()
        text = q.output()
    assert "beryl: partition linux: restarting" not in text, text
    assert "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" in text, text
