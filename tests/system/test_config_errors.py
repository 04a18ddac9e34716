# SPDX-License-Identifier: GPL-2.0-only
"""Broken configurations are refused before any guest starts, with an error
that names the node and the property; beryl then powers off cleanly."""
import os
import re
import tempfile

import pytest

from beryl import hv_lines, run_beryl
from qemu import BUILD, ROOT

import beryl_launch as bl

DEMO = os.path.join(BUILD, "guests", "demo", "hello.elf")


def dts(partition_body=None, phys_mem=None, root_extra="", compatible="beryl,config",
        partitions=None, root_props=""):
    """A configuration with one partition p; pieces can be replaced."""
    if phys_mem is None:
        phys_mem = "a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; };"
    if partition_body is None:
        partition_body = PART_OK
    if partitions is None:
        partitions = "p { %s };" % partition_body
    return """/dts-v1/;
/ { compatible = "%s"; %s
    phys-mem { %s };
    partitions { %s };
    %s
};
""" % (compatible, root_props, phys_mem, partitions, root_extra)


PART_OK = ('cpus = <0>; image = /incbin/("%s"); '
           'memory { ram { phys-mem = <&a>; guest-addr = <0x0 0x0>; }; };' % DEMO)


def part(cpus="<0>", image='/incbin/("%s")' % DEMO, mem="phys-mem = <&a>; guest-addr = <0x0 0x0>;",
         extra=""):
    s = extra + " "
    if cpus is not None:
        s += "cpus = %s; " % cpus
    if image is not None:
        s += "image = %s; " % image
    if mem is not None:
        s += "memory { ram { %s }; }; " % mem
    return s


NOT_ELF = os.path.join(ROOT, "configs", "default.dts")

CASES = [
    ("wrong-compatible", dts(compatible="acme,config"),
     r"config: /: property 'compatible': must be \"beryl,config\""),
    ("no-partitions", """/dts-v1/; / { compatible = "beryl,config"; phys-mem { }; };""",
     r"config: /: property 'partitions': missing node"),
    ("unknown-root-node", dts(root_extra="widgets { };"),
     r"config: /widgets: unknown node", ["p"]),
    ("unknown-property", dts(part(extra='colour = "blue";')),
     r"config: /partitions/p: property 'colour': unknown property"),
    ("overlapping-areas",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
                  "b: area-b { reg = <0x0 0x0A000000 0x0 0x04000000>; };"),
     r"config: /phys-mem/area-b: property 'reg': overlaps /phys-mem/area-a", ["p"]),
    ("area-outside-ram",
     dts(phys_mem="a: area-a { reg = <0x0 0x40000000 0x0 0x04000000>; };"),
     r"config: /phys-mem/area-a: property 'reg': 0x40000000\+0x4000000 is outside RAM"),
    # base + size wraps around 2^64 back below the base: before the fix the
    # area was accepted and its partition reached the real UART, the GPIO
    # power-off line and another partition's RAM
    ("area-size-wraps",
     dts(phys_mem="a: area-a { reg = <0x0 0x10000000 0xFFFFFFFF 0xF0001000>; };"),
     r"config: /phys-mem/area-a: property 'reg': 0x10000000\+0xfffffffff0001000 wraps "
     r"around the address space"),
    ("guest-addr-wraps",
     dts(part(mem="phys-mem = <&a>; guest-addr = <0xFFFFFFFF 0xFC000000>;")),
     r"config: /partitions/p/memory/ram: property 'guest-addr': memory must lie below 4 GiB"),
    ("area-beyond-ram-2g",
     dts(phys_mem="a: area-a { reg = <0x0 0x7E000000 0x0 0x04000000>; };"),
     r"config: /phys-mem/area-a: property 'reg': 0x7e000000\+0x4000000 is outside RAM "
     r"\(0x0\+0x80000000\)", [], {"mem": "2048M"}),
    # issue 8, defect 7
    ("name-too-long", dts(partitions="%s { %s };" % ("p" * 40, part())),
     r"config: /partitions/p{40}: the name is longer than 31 characters"),
    ("memory-range-unknown-node",
     dts(part(mem="phys-mem = <&a>; guest-addr = <0x0 0x0>; extra { };")),
     r"config: /partitions/p/memory/ram/extra: unknown node"),
    ("bootargs-too-long", dts(part(extra='bootargs = "%s";' % ("x" * 70000))),
     r"config: /partitions/p: property 'bootargs': 70001 bytes: longer than the 2048 a "
     r"guest kernel takes"),
    ("paravirt-bad-value", dts(part(extra='paravirt = "maybe";')),
     r"config: /partitions/p: property 'paravirt': must be \"on\" or \"off\""),
    ("console-bad-mode", dts(root_props='console = "fancy";'),
     r"config: /: property 'console': must be \"prefixed\" or \"mux\"", ["p"]),
    ("console-cpu-unused", dts(root_props='console-cpu = <1>;'),
     r"config: /: property 'console-cpu': CPU 1 runs no partition's vCPU: nobody would "
     r"take the console's interrupts", ["p"]),
    ("console-cpu-two-cells", dts(root_props='console-cpu = <0 1>;'),
     r"config: /: property 'console-cpu': must be one cell", ["p"]),
    ("area-over-hypervisor",
     dts(phys_mem="a: area-a { reg = <0x0 0x0 0x0 0x04000000>; };"),
     r"config: /phys-mem/area-a: property 'reg': overlaps the hypervisor"),
    ("area-unaligned",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000100 0x0 0x04000000>; };"),
     r"config: /phys-mem/area-a: property 'reg': size must be nonzero and both 4 KiB aligned"),
    ("cpu-absent", dts(part(cpus="<3>")),
     r"config: /partitions/p: property 'cpus': CPU 3 does not exist \(the machine has 1\)"),
    # with -smp 1 (run_beryl's default) the machine has CPU 0 only
    ("cpu-1-absent", dts(part(cpus="<1>")),
     r"config: /partitions/p: property 'cpus': "
     r"CPU 1 does not exist \(the machine has 1\)"),
    ("cpu-listed-twice", dts(part(cpus="<0 0>")),
     r"config: /partitions/p: property 'cpus': CPU 0 listed twice"),
    ("too-many-cpus", dts(part(cpus="<0 1 2 3 4>")),
     r"config: /partitions/p: property 'cpus': at most 4 CPUs per partition"),
    ("memory-above-4g",
     dts(part(mem="phys-mem = <&a>; guest-addr = <0x1 0x0>;")),
     r"config: /partitions/p/memory/ram: property 'guest-addr': memory must lie below 4 GiB"),
    ("cpus-empty", dts(part(cpus="<>")),
     r"config: /partitions/p: property 'cpus': must list CPU numbers"),
    ("cpus-missing", dts(part(cpus=None)),
     r"config: /partitions/p: property 'cpus': missing"),
    ("start-bad-value", dts(part(extra='start = "later";')),
     r"config: /partitions/p: property 'start': must be \"boot\" or \"wait\""),
    ("start-wait-unmanaged", dts(part(extra='start = "wait";')),
     r"config: /partitions/p: property 'start': \"wait\": no partition manages p, "
     r"it would never start"),
    ("manages-unknown", dts(part(extra='manages = "nobody";')),
     r"config: /partitions/p: property 'manages': no partition named nobody"),
    ("manages-itself", dts(part(extra='manages = "p";')),
     r"config: /partitions/p: property 'manages': a partition cannot manage itself"),
    ("cpu-in-two-partitions",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
                  "b: area-b { reg = <0x0 0x0C000000 0x0 0x04000000>; };",
         partitions="p { %s }; q { %s };" % (
             part(), part(mem="phys-mem = <&b>; guest-addr = <0x0 0x0>;"))),
     r"config: /partitions/q: property 'cpus': CPU 0 already belongs to p", ["p"]),
    ("area-in-two-partitions",
     dts(partitions="p { %s }; q { %s };" % (part(), part(cpus="<0>"))),
     r"config: /partitions/q/memory/ram: property 'phys-mem': area already used by partition p",
     ["p"]),
    ("phys-mem-not-an-area", dts(part(mem="phys-mem = <0x1234>; guest-addr = <0x0 0x0>;")),
     r"config: /partitions/p/memory/ram: property 'phys-mem': does not name a valid /phys-mem area"),
    ("guest-addr-unaligned", dts(part(mem="phys-mem = <&a>; guest-addr = <0x0 0x10>;")),
     r"config: /partitions/p/memory/ram: property 'guest-addr': must be 4 KiB aligned"),
    ("memory-missing", dts(part(mem=None)),
     r"config: /partitions/p: property 'memory': missing node"),
    ("image-missing", dts(part(image=None)),
     r"config: /partitions/p: property 'image': missing"),
    ("image-not-elf", dts(part(image='/incbin/("%s")' % NOT_ELF)),
     r"config: /partitions/p: property 'image': not an ELF file"),
    ("image-does-not-fit",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x00010000>; };"),
     r"config: /partitions/p: property 'image': no room for the guest device tree"),
    ("image-segment-outside-memory",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x00001000>; };"),
     r"config: /partitions/p: property 'image': segment does not fit in the partition's memory"),
    ("on-reset-unknown", dts(part(extra='on-reset = "reboot";')),
     r"config: /partitions/p: property 'on-reset': must be \"restart\" or \"stop\""),
    ("shared-with-value",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; shared = <1>; };"),
     r"config: /phys-mem/area-a: property 'shared': takes no value"),
    ("on-crash-unknown", dts(part(extra='on-crash = "reboot";')),
     r"config: /partitions/p: property 'on-crash': must be \"restart\" or \"stop\""),
    ("claimable-without-active", dts(part(extra='claimable = "/soc@fe0000000/i2c@3000";')),
     r"config: /partitions/p: property 'claimable': /soc@fe0000000/i2c@3000 is in no other "
     r"partition's devices: there is nothing to take over"),
    ("claimable-and-own-device",
     dts(part(extra='devices = "/soc@fe0000000/i2c@3000"; '
                    'claimable = "/soc@fe0000000/i2c@3000";')),
     r"config: /partitions/p: property 'claimable': /soc@fe0000000/i2c@3000 is listed twice"),
    ("claimable-not-strings", dts(part(extra='claimable = <1>;')),
     r"config: /partitions/p: property 'claimable': must be a list of strings"),
    ("claim-unknown",
     dts(part(extra='devices = "/soc@fe0000000/i2c@3000"; claim = "always";')),
     r"config: /partitions/p: property 'claim': must be \"stopped\" or \"running\""),
    ("claim-without-devices", dts(part(extra='claim = "running";')),
     r"config: /partitions/p: property 'claim': the partition has no device to claim "
     r"\(no claimable, no devices\)"),
    ("watchdog-unknown", dts(part(extra='watchdog = "bark";')),
     r"config: /partitions/p: property 'watchdog': must be \"reset\", \"stop\", \"notify\" "
     r"or \"interrupt\""),
    ("watchdog-notify-unmanaged", dts(part(extra='watchdog = "notify";')),
     r"config: /partitions/p: property 'watchdog': \"notify\": no partition manages p, "
     r"nobody would be told"),
    ("initrd-does-not-fit",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x01811000>; };",
         partitions="p { %s };" % part(extra='initrd = /incbin/("%s");' % DEMO)),
     r"config: /partitions/p: property 'initrd': \d+ bytes do not fit"),
    ("bootargs-not-string", dts(part(extra="bootargs = <1>;")),
     r"config: /partitions/p: property 'bootargs': must be a string"),
    # device assignment (QEMU's ppce500 tree: only i2c@3000 can be assigned).
    # UART1 exists with a second -serial: it shares UART0's page (and source).
    ("device-shares-console-page", dts(part(extra='devices = "serial1";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/serial@4600 shares its "
     r"4 KiB page with /soc@fe0000000/serial@4500: cannot be mapped directly", [],
     {"extra": ["-serial", "stdio", "-serial", "null"]}),
    ("device-absent", dts(part(extra='devices = "/soc@fe0000000/spi@7000";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/spi@7000: "
     r"no such device in the hardware tree"),
    ("device-in-two-partitions",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
                  "b: area-b { reg = <0x0 0x0C000000 0x0 0x04000000>; };",
         partitions="p { %s }; q { %s };" % (
             part(extra='devices = "i2c";'),
             part(cpus="<1>", mem="phys-mem = <&b>; guest-addr = <0x0 0x0>;",
                  extra='devices = "/soc@fe0000000/i2c@3000";'))),
     r"config: /partitions/q: property 'devices': /soc@fe0000000/i2c@3000 is already "
     r"assigned to partition p", ["p"], {"smp": 2}),
    ("device-listed-twice",
     dts(part(extra='devices = "i2c", "/soc@fe0000000/i2c@3000";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/i2c@3000 is listed twice"),
    ("device-is-hypervisor-console", dts(part(extra='devices = "serial0";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/serial@4500 is the "
     r"hypervisor's console UART: it cannot be assigned"),
    ("device-is-mpic", dts(part(extra='devices = "/soc@fe0000000/pic@40000";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/pic@40000 is the "
     r"interrupt controller \(beryl emulates one for each partition\)"),
    ("device-is-poweroff-gpio", dts(part(extra='devices = "/soc@fe0000000/gpio@ff000";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/gpio@ff000 is the "
     r"GPIO controller of the power-off line"),
    ("device-in-mpic-page", dts(part(extra='devices = "/soc@fe0000000/msi@41600";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/msi@41600 shares its "
     r"4 KiB page with /soc@fe0000000/pic@40000"),
    ("device-without-reg", dts(part(extra='devices = "/soc@fe0000000/power-off";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/power-off has no 'reg'"),
    # the RTC sits on the I2C bus (no ranges): the CPU cannot address it
    ("device-not-memory-mapped", dts(part(extra='devices = "rtc";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000/i2c@3000/rtc@68 is not "
     r"memory-mapped"),
    ("device-is-a-bus", dts(part(extra='devices = "/soc@fe0000000";')),
     r"config: /partitions/p: property 'devices': /soc@fe0000000 is a bus"),
    ("devices-not-strings", dts(part(extra="devices = <1>;")),
     r"config: /partitions/p: property 'devices': must be a list of strings"),
    # shared cores (/cores, issue 12)
    ("core-cpu-missing", dts(root_extra='cores { c { policy = "priority"; }; };'),
     r"config: /cores/c: property 'cpu': missing", ["p"]),
    ("core-cpu-absent", dts(root_extra='cores { c { cpu = <3>; policy = "priority"; }; };'),
     r"config: /cores/c: property 'cpu': CPU 3 does not exist \(the machine has 1\)", ["p"]),
    ("core-policy-unknown", dts(root_extra='cores { c { cpu = <0>; policy = "lottery"; }; };'),
     r"config: /cores/c: property 'policy': must be \"dedicated\", \"cyclic\" or "
     r"\"priority\""),
    ("core-described-twice",
     dts(root_extra='cores { c { cpu = <0>; policy = "priority"; }; '
                    'd { cpu = <0>; policy = "cyclic"; }; };'),
     r"config: /cores/d: property 'cpu': CPU 0 is described by /cores/c already", ["p"]),
    ("core-slice-on-cyclic",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; slice-us = <1000>; '
                    'frame-us = <1000>; w { partition = "p"; offset-us = <0>; '
                    'length-us = <500>; }; }; };'),
     r"config: /cores/c: property 'slice-us': only for policy \"priority\""),
    ("core-slice-too-short",
     dts(root_extra='cores { c { cpu = <0>; policy = "priority"; slice-us = <10>; }; };'),
     r"config: /cores/c: property 'slice-us': 10 us: must lie between 100 and 1000000"),
    ("core-cyclic-without-frame",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; w { partition = "p"; '
                    'offset-us = <0>; length-us = <500>; }; }; };'),
     r"config: /cores/c: property 'frame-us': missing"),
    ("core-cyclic-without-windows",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; frame-us = <1000>; }; };'),
     r"config: /cores/c: a cyclic schedule without windows"),
    ("core-window-under-priority",
     dts(root_extra='cores { c { cpu = <0>; policy = "priority"; w { partition = "p"; }; }; };'),
     r"config: /cores/c/w: unknown node \(windows are for policy \"cyclic\"\)"),
    ("window-unknown-partition",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; frame-us = <1000>; '
                    'w { partition = "nobody"; offset-us = <0>; length-us = <500>; }; }; };'),
     r"config: /cores/c/w: property 'partition': no partition named nobody"),
    ("window-unknown-vcpu",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; frame-us = <1000>; '
                    'w { partition = "p"; vcpu = <1>; offset-us = <0>; length-us = <500>; }; '
                    '}; };'),
     r"config: /cores/c/w: property 'vcpu': partition p has 1 vCPU\(s\): no vCPU 1"),
    ("window-vcpu-on-another-cpu",
     dts(root_extra='cores { c { cpu = <1>; policy = "cyclic"; frame-us = <1000>; '
                    'w { partition = "p"; offset-us = <0>; length-us = <500>; }; }; };'),
     r"config: /cores/c/w: property 'partition': vCPU 0 of p runs on CPU 0 \(its 'cpus'\), "
     r"not on CPU 1", ["p"], {"smp": 2}),
    ("window-beyond-frame",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; frame-us = <10000>; '
                    'w { partition = "p"; offset-us = <8000>; length-us = <5000>; }; }; };'),
     r"config: /cores/c/w: property 'length-us': the window ends at 13000 us, after the "
     r"frame of 10000 us"),
    ("windows-overlap",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; frame-us = <10000>; '
                    'w1 { partition = "p"; offset-us = <0>; length-us = <5000>; }; '
                    'w2 { partition = "p"; offset-us = <3000>; length-us = <3000>; }; }; };'),
     r"config: /cores/c/w2: property 'offset-us': \[3000, 6000\) us overlaps /cores/c/w1 "
     r"\[0, 5000\) us"),
    ("window-length-missing",
     dts(root_extra='cores { c { cpu = <0>; policy = "cyclic"; frame-us = <1000>; '
                    'w { partition = "p"; offset-us = <0>; }; }; };'),
     r"config: /cores/c/w: property 'length-us': missing"),
    # q shares the cyclic core of p but has no window: q is refused, p runs
    ("vcpu-without-window",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
                  "b: area-b { reg = <0x0 0x0C000000 0x0 0x04000000>; };",
         partitions="p { %s }; q { %s };" % (
             part(), part(mem="phys-mem = <&b>; guest-addr = <0x0 0x0>;")),
         root_extra='cores { c { cpu = <0>; policy = "cyclic"; frame-us = <1000>; '
                    'w { partition = "p"; offset-us = <0>; length-us = <500>; }; }; };'),
     r"config: /partitions/q: property 'cpus': vCPU 0 on CPU 0: no window of /cores/c names "
     r"it, it would never run", ["p"]),
    ("partition-on-refused-core",
     dts(root_extra='cores { c { cpu = <0>; policy = "priority"; slice-us = <1>; }; };'),
     r"config: /partitions/p: property 'cpus': CPU 0: its /cores node is refused"),
    ("priority-on-dedicated-core", dts(part(extra="priority = <3>;")),
     r"config: /partitions/p: property 'priority': none of its vCPUs is on a core with policy "
     r"\"priority\""),
    ("priority-too-high",
     dts(part(extra="priority = <300>;"),
         root_extra='cores { c { cpu = <0>; policy = "priority"; }; };'),
     r"config: /partitions/p: property 'priority': 300: at most 255"),
    ("weight-zero",
     dts(part(extra="weight = <0>;"),
         root_extra='cores { c { cpu = <0>; policy = "priority"; }; };'),
     r"config: /partitions/p: property 'weight': 0: must lie between 1 and 1000"),
]

# Byte channels and doorbells (docs/config.md): a broken declaration is
# refused, and so is every partition it names; a partition it does not
# name (q) still runs.
TWO = ("p { %s }; q { %s };" % (
    part(), part(cpus="<1>", mem="phys-mem = <&b>; guest-addr = <0x0 0x0>;")))
TWO_AREAS = ("a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
             "b: area-b { reg = <0x0 0x0C000000 0x0 0x04000000>; };")


def ipc(decl, runs=("q",), partitions=None):
    """Partitions p and q (CPUs 0 and 1) and declarations decl at the root."""
    return dts(phys_mem=TWO_AREAS, partitions=partitions or TWO, root_extra=decl)


IPC_CASES = [
    ("channel-unknown-partition",
     ipc('byte-channels { x { endpoints = "p", "nobody"; }; };'),
     r"config: /byte-channels/x: property 'endpoints': no partition named nobody"),
    ("channel-one-endpoint", ipc('byte-channels { x { endpoints = "p"; }; };'),
     r"config: /byte-channels/x: property 'endpoints': one partition: the other endpoint is "
     r"missing"),
    ("channel-three-endpoints", ipc('byte-channels { x { endpoints = "p", "q", "p"; }; };'),
     r"config: /byte-channels/x: property 'endpoints': must list 1 to 2 partition names", ()),
    ("channel-partition-twice", ipc('byte-channels { x { endpoints = "p", "p"; }; };'),
     r"config: /byte-channels/x: property 'endpoints': partition p is listed twice"),
    ("channel-two-endpoints-and-console",
     ipc('byte-channels { x { endpoints = "p", "q"; console; }; };'),
     r"config: /byte-channels/x: property 'console': a channel has two endpoints", ()),
    ("channel-console-with-value",
     ipc('byte-channels { x { endpoints = "p"; console = <1>; }; };'),
     r"config: /byte-channels/x: property 'console': takes no value"),
    # names nobody it can read: refused alone
    ("channel-endpoints-not-strings", ipc('byte-channels { x { endpoints = <1 2>; }; };'),
     r"config: /byte-channels/x: property 'endpoints': must list 1 to 2 partition names",
     ("p", "q")),
    ("channel-unknown-property",
     ipc('byte-channels { x { endpoints = "p", "q"; speed = <9600>; }; };'),
     r"config: /byte-channels/x: property 'speed': unknown property", ()),
    ("channel-named-like-a-partition", ipc('byte-channels { q { endpoints = "p"; console; }; };'),
     r"config: /byte-channels/q: a byte channel cannot have the name of a partition"),
    ("stdout-not-its-channel",
     ipc('byte-channels { x { endpoints = "q"; console; }; };',
         partitions="p { %s }; q { %s };" % (
             part(extra='stdout = "x";'),
             part(cpus="<1>", mem="phys-mem = <&b>; guest-addr = <0x0 0x0>;"))),
     r"config: /partitions/p: property 'stdout': no byte channel x of this partition"),
    ("doorbell-receivers-missing", ipc('doorbells { d { senders = "p"; }; };'),
     r"config: /doorbells/d: property 'receivers': missing"),
    ("doorbell-unknown-sender", ipc('doorbells { d { senders = "r"; receivers = "p"; }; };'),
     r"config: /doorbells/d: property 'senders': no partition named r"),
    ("doorbell-shutdown-with-value",
     ipc('doorbells { d { senders = "p"; receivers = "p"; shutdown = "now"; }; };'),
     r"config: /doorbells/d: property 'shutdown': takes no value"),
    ("doorbell-named-like-a-partition",
     ipc('doorbells { p { senders = "q"; receivers = "q"; }; };'),
     r"config: /doorbells/p: a doorbell cannot have the name of a partition", ("p",)),
    ("unknown-ipc-container-property", ipc('doorbells { colour = "red"; };'),
     r"config: /doorbells: property 'colour': unknown property", ("p", "q")),
]
CASES += [(n, src, exp, list(runs), {"smp": 2}) for n, src, exp, *rest in IPC_CASES
          for runs in [rest[0] if rest else ("q",)]]


# (name, source, expected regex, partitions that run = [], run_beryl options = {})
CASES = [c + ([], {})[len(c) - 3:] for c in CASES]


@pytest.mark.parametrize("name,source,expected,runs,opts", CASES, ids=[c[0] for c in CASES])
def test_broken_configuration_is_refused(name, source, expected, runs, opts):
    """The error names node and property; the offending partition never
    starts; valid partitions (runs) still do."""
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-cfgerr-"), name + ".dtb")
    dtb = bl.compile_dts(source_text=source, out=out)
    text, exited = run_beryl(dtb, timeout=60, **opts)
    assert exited, text
    hv = hv_lines(text)
    assert any(re.search(expected, l) for l in hv), "expected /%s/ in:\n%s" % (expected, text)
    ran = sorted({l[1:l.index("]")] for l in text.splitlines() if l.startswith("[")})
    assert ran == sorted(runs), text
    errors = [l for l in hv if "config:" in l]
    assert errors, text
    # all configuration errors come before any guest output
    first_guest = next((i for i, l in enumerate(text.splitlines()) if l.startswith("[")), None)
    last_error = max(i for i, l in enumerate(text.splitlines()) if "config:" in l)
    assert first_guest is None or last_error < first_guest, text
    if not runs:
        assert any("no partition to run" in l for l in hv), text


def test_enough_broken_configurations():
    assert len(CASES) >= 10


def test_valid_configuration_runs():
    """The same template without a fault boots the demo (so the cases above
    fail only for their fault)."""
    dtb = bl.compile_dts(source_text=dts(), out=os.path.join(tempfile.mkdtemp(), "ok.dtb"))
    text, exited = run_beryl(dtb, timeout=60)
    assert exited and "[p] DEMO DONE" in text, text


# ---------------------------------------------------------------------------
# Configurations only a binary editor makes (issue 8, defect 7): dtc would
# merge two nodes of one name, and always ends a string with its NUL.

def compile_patched(source, patches, name):
    """Compile source, then replace each (old, new) byte string once (same length)."""
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-cfgerr-"), name + ".dtb")
    bl.compile_dts(source_text=source, out=out)
    with open(out, "rb") as f:
        blob = f.read()
    for old, new in patches:
        assert len(old) == len(new) and blob.count(old) == 1, (old, blob.count(old))
        blob = blob.replace(old, new)
    with open(out, "wb") as f:
        f.write(blob)
    return out


def refused(dtb, expected, runs, smp=1):
    text, exited = run_beryl(dtb, timeout=60, smp=smp)
    assert exited, text
    assert any(re.search(expected, l) for l in hv_lines(text)), \
        "expected /%s/ in:\n%s" % (expected, text)
    ran = sorted({l[1:l.index("]")] for l in text.splitlines() if l.startswith("[")})
    assert ran == sorted(runs), text
    return text


def test_two_partitions_of_one_name():
    src = dts(partitions="pa { %s }; pb { %s };" % (
        part(), part(cpus="<1>", mem="phys-mem = <&b>; guest-addr = <0x0 0x0>;")),
        phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
                 "b: area-b { reg = <0x0 0x0C000000 0x0 0x04000000>; };")
    dtb = compile_patched(src, [(b"pb\0\0", b"pa\0\0")], "same-name")
    text = refused(dtb, r"config: /partitions/pa: a second partition named pa", ["pa"], smp=2)
    assert text.count("partition pa: entry") == 1, text


def test_second_partitions_node():
    src = dts(root_extra="partitionz { q { %s }; };" % part(cpus="<1>"))
    dtb = compile_patched(src, [(b"partitionz\0", b"partitions\0")], "two-partitions")
    refused(dtb, r"config: /partitions: a second node of this name", ["p"], smp=2)


def test_compatible_without_its_nul():
    src = dts(compatible="beryl,config").replace(
        'compatible = "beryl,config";', "compatible = [62 65 72 79 6c 2c 63 6f 6e 66 69 67];")
    dtb = compile_patched(src, [], "compat-nul")
    refused(dtb, r"config: /: property 'compatible': must be \"beryl,config\"", [])


def test_truncated_configuration():
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-cfgerr-"), "cut.dtb")
    bl.compile_dts(source_text=dts(), out=out)
    with open(out, "rb") as f:
        blob = f.read()
    with open(out, "wb") as f:
        f.write(blob[:len(blob) // 2])
    text = refused(out, r"config: the configuration is cut short: \d+ bytes given, its header "
                        r"says %d" % len(blob), [])
    assert "no partition to run" in text, text


def test_entry_point_outside_every_segment():
    with open(DEMO, "rb") as f:
        elf = bytearray(f.read())
    elf[24:28] = (0x30000000).to_bytes(4, "big")  # e_entry: far past the image
    bad = os.path.join(tempfile.mkdtemp(prefix="beryl-cfgerr-"), "bad-entry.elf")
    with open(bad, "wb") as f:
        f.write(elf)
    dtb = compile_patched(dts(part(image='/incbin/("%s")' % bad)), [], "bad-entry")
    refused(dtb, r"config: /partitions/p: property 'image': the entry point lies outside "
                 r"every loadable segment", [])


def test_long_messages_end_their_line():
    """A 300-character property name: its message is cut, and the next one
    still starts a line of its own."""
    dtb = compile_patched(dts(part(extra="%s = <1>;" % ("x" * 300))), [], "long-prop")
    text = refused(dtb, r"config: /partitions/p: property 'xxxx", [])
    for line in text.splitlines():
        assert line.count("beryl:") <= 1, line
