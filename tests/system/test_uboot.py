# SPDX-License-Identifier: GPL-2.0-only
"""The boot path of a real board: Debian's U-Boot for this machine
(u-boot-qemu) loads beryl and a configuration as U-Boot images and starts
them with bootm, passing its own device tree; beryl boots the configured
partition. No -kernel trick: the images come from a virtio disk with an
ext2 file system, read by U-Boot's own commands."""
import os

import pytest

from beryl import hv_lines, partition_output
from qemu import BUILD, Qemu

UBOOT = "/usr/lib/u-boot/qemu-ppce500/uboot.elf"
DISK = os.path.join(BUILD, "uboot", "disk.img")
BERYL_UIMG = os.path.join(BUILD, "uboot", "beryl.uimg")
CONFIG_DTB = os.path.join(BUILD, "configs", "default.dtb")
PROMPT = "=> "


def check_demo(text):
    assert partition_output(text, "demo") == [
        "Hello from a beryl guest (PVR 80210022)",
        "timer: 5 decrementer interrupts",
        "DEMO DONE ok"], text
    hv = hv_lines(text)
    assert "beryl: partition demo stopped: guest power-off" in hv, text
    assert "beryl: all partitions stopped, powering off" in hv, text


def test_uboot_loads_beryl_and_config_from_disk():
    for f in (UBOOT, DISK):
        assert os.path.exists(f), "missing %s" % f
    args = ["-bios", UBOOT, "-drive", "file=%s,if=none,id=d0,format=raw,snapshot=on" % DISK,
            "-device", "virtio-blk-pci,drive=d0"]
    with Qemu(args, mem=512, timeout=60) as q:
        q.expect("Hit any key to stop autoboot")
        q.send("\n")
        q.expect(PROMPT)
        for cmd in ("virtio scan",
                    "ext2load virtio 0 0x2000000 beryl.uimg",
                    "ext2load virtio 0 0x3000000 config-default.uimg"):
            q.send(cmd + "\n")
            q.expect(PROMPT)
        q.send("bootm 0x2000000 0x3000000 $fdtcontroladdr\n")
        q.expect("Loading Ramdisk to")
        q.expect("beryl: all partitions stopped, powering off")
        assert q.wait_exit(timeout=20), q.output()
        text = q.output()
    assert "## Booting kernel from Legacy Image at 02000000" in text, text
    assert "## Loading init Ramdisk from Legacy Image at 03000000" in text, text
    check_demo(text)


def test_uboot_autoboots_qemu_loaded_image():
    """QEMU loads the uImage beside U-Boot (-kernel) and U-Boot's default
    boot command runs bootm on it, with QEMU's initrd as the configuration."""
    for f in (UBOOT, BERYL_UIMG, CONFIG_DTB):
        assert os.path.exists(f), "missing %s" % f
    args = ["-bios", UBOOT, "-kernel", BERYL_UIMG, "-initrd", CONFIG_DTB]
    with Qemu(args, mem=512, timeout=60) as q:
        q.expect("## Booting kernel from Legacy Image")
        q.expect("beryl: all partitions stopped, powering off")
        assert q.wait_exit(timeout=20), q.output()
        text = q.output()
    check_demo(text)
