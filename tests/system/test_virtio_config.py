# SPDX-License-Identifier: GPL-2.0-only
"""Broken /disks and /networks nodes (docs/config.md, "/disks/NAME",
"/networks/NAME") and a partition's bad `console` (or the byte channel
`stdout` connects its virtio console to) are refused before any
guest starts, with an error naming node and property; a partition that uses
a refused disk or network is refused too, others still run. The checks are those of
test_config_errors.py, on the same template."""
import pytest

from test_config_errors import dts, part, test_broken_configuration_is_refused as refused

RO_IMG = '/incbin/("build/vio/ro.img")'

CASES = [
    ("disk-image-not-sectors",
     dts(root_extra='disks { d { image = [01 02 03]; writers = "p"; }; };'),
     r"config: /disks/d: property 'image': 3 bytes: not a nonzero multiple of 512", []),
    ("disk-no-store", dts(root_extra='disks { d { writers = "p"; }; };'),
     r"config: /disks/d: needs either 'image' or 'phys-mem'", []),
    ("disk-user-of-refused-disk", dts(root_extra='disks { d { writers = "p"; }; };'),
     r"config: /partitions/p: /disks/d, which it uses, is not valid", []),
    ("disk-unknown-partition",
     dts(root_extra='disks { d { image = %s; writers = "nobody"; }; };' % RO_IMG),
     r"config: /disks/d: property 'writers': no partition named nobody", ["p"]),
    ("disk-reader-and-writer",
     dts(root_extra='disks { d { image = %s; writers = "p"; readers = "p"; }; };' % RO_IMG),
     r"config: /disks/d: property 'readers': partition p is listed twice", []),
    ("disk-unused", dts(root_extra='disks { d { image = %s; }; };' % RO_IMG),
     r"config: /disks/d: no partition uses it", ["p"]),
    ("disk-serial-too-long",
     dts(root_extra='disks { d { image = %s; readers = "p"; serial = "%s"; }; };'
         % (RO_IMG, "s" * 21)),
     r"config: /disks/d: property 'serial': must be a string of 1 to 20 characters", []),
    ("disk-area-is-partition-memory",
     dts(root_extra='disks { d { phys-mem = <&a>; writers = "p"; }; };'),
     r"config: /disks/d: property 'phys-mem': the area is also memory of partition p", []),
    ("disk-area-shared",
     dts(phys_mem="a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; }; "
                  "s: area-s { reg = <0x0 0x0C000000 0x0 0x00100000>; shared; };",
         root_extra='disks { d { phys-mem = <&s>; writers = "p"; }; };'),
     r"config: /disks/d: property 'phys-mem': the area is marked 'shared'", []),
    ("disk-unknown-property",
     dts(root_extra='disks { d { image = %s; readers = "p"; colour = "blue"; }; };'
         % RO_IMG),
     r"config: /disks/d: property 'colour': unknown property", []),
    ("net-unknown-partition", dts(root_extra='networks { n { partitions = "nobody"; }; };'),
     r"config: /networks/n: property 'partitions': no partition named nobody", ["p"]),
    ("net-no-partitions", dts(root_extra='networks { n { }; };'),
     r"config: /networks/n: property 'partitions': missing", ["p"]),
    ("net-mac-length",
     dts(root_extra='networks { n { partitions = "p"; mac-addresses = [02 00 00]; }; };'),
     r"config: /networks/n: property 'mac-addresses': 3 bytes: must be 6 for each of the 1 "
     r"partitions", []),
    ("net-mac-multicast",
     dts(root_extra='networks { n { partitions = "p"; '
                    'mac-addresses = [01 00 5e 00 00 01]; }; };'),
     r"config: /networks/n: property 'mac-addresses': the address for p is not a unicast one",
     []),
    ("net-unknown-property",
     dts(root_extra='networks { n { partitions = "p"; speed = <100>; }; };'),
     r"config: /networks/n: property 'speed': unknown property", []),
    ("console-kind", dts(part(extra='console = "tty";')),
     r"config: /partitions/p: property 'console': must be \"uart\" or \"virtio\"", []),
    # a virtio console connected to a byte channel (stdout): one of the partition's
    ("console-virtio-foreign-channel",
     dts(part(extra='console = "virtio"; stdout = "other";'),
         root_extra='byte-channels { mine { endpoints = "p"; console; }; };'),
     r"config: /partitions/p: property 'stdout': no byte channel other of this partition", []),
    ("console-virtio-stdout-not-string",
     dts(part(extra='console = "virtio"; stdout = <1>;'),
         root_extra='byte-channels { mine { endpoints = "p"; console; }; };'),
     r"config: /partitions/p: property 'stdout': must be a string", []),
]


@pytest.mark.parametrize("name,source,expected,runs", CASES, ids=[c[0] for c in CASES])
def test_broken_disk_is_refused(name, source, expected, runs):
    refused(name, source, expected, runs, {})
