# SPDX-License-Identifier: GPL-2.0-only
"""KVM's paravirtual interface (issue 13; hv/arch/e500v2/paravirt.c).

A bare-metal guest (guests/demo/pv.c) uses the magic page as Linux's
CONFIG_KVM_GUEST code does: features, the page at -4096, registers through
it both ways, tlbwe from its MAS words, int_pending while an interrupt
waits, no delivery while critical == r1. Then it does what a hostile guest
could: fakes user mode in the page's MSR, lies in int_pending, maps the
page at 0 and over its own device tree. It may only hurt itself: beryl
survives with its canary and text intact, and a partition beside it runs
undisturbed. With paravirt = "off" the interface is not there.

Linux 6.1 itself cannot use the page on 32-bit PowerPC: kvm_use_magic_page()
self-tests it with fault_in_readable(-4096), which access_ok() refuses
(above TASK_SIZE) since Linux 5.16, so Linux skips the patching without a
word. The Linux tests run with paravirt on (the default) and show nothing
breaks; docs/performance.md says what that leaves.
"""
import os
import re
import tempfile

from beryl import hv_lines, partition_output, run_beryl
from qemu import BUILD

import beryl_launch as bl

PV = os.path.join(BUILD, "guests", "demo", "pv.elf")
TICKER = os.path.join(BUILD, "guests", "demo", "ticker.elf")


def config(paravirt=""):
    src = """/dts-v1/;
/ { compatible = "beryl,config";
    phys-mem { a: a { reg = <0x0 0x08000000 0x0 0x04000000>; };
               b: b { reg = <0x0 0x0C000000 0x0 0x04000000>; }; };
    partitions {
        pv { cpus = <0>; image = /incbin/("%s"); %s
             memory { ram { phys-mem = <&a>; guest-addr = <0x0 0x0>; }; }; };
        ticker { cpus = <1>; image = /incbin/("%s");
             memory { ram { phys-mem = <&b>; guest-addr = <0x0 0x0>; }; }; };
    };
};
""" % (PV, paravirt, TICKER)
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-pv-"), "pv.dtb")
    return bl.compile_dts(source_text=src, out=out)


def test_magic_page_as_linux_uses_it_and_hostile_use_hurts_only_the_guest():
    text, exited = run_beryl(config(), timeout=120, smp=2)
    assert exited, text
    out = partition_output(text, "pv")
    assert "SUMMARY pv: 27 passed, 0 failed" in out, text
    assert "TICKER DONE ok" in partition_output(text, "ticker"), text
    hv = hv_lines(text)
    assert "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" in hv, text
    assert any(re.match(r"beryl: text checksum (\w+) at boot, \1 now: unchanged", l)
               for l in hv), text


def test_paravirt_off():
    text, exited = run_beryl(config('paravirt = "off";'), timeout=120, smp=2)
    assert exited, text
    out = partition_output(text, "pv")
    assert "no paravirtual interface: features: 0000000c ok" in out, text
    assert "no paravirtual interface: map: 0000000c ok" in out, text
    assert "SUMMARY pv: 2 passed, 0 failed" in out, text
