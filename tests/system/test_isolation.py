# SPDX-License-Identifier: GPL-2.0-only
"""Isolation: a hostile guest attacks everything it can name. beryl must
survive, the guest must get the architected exception for each attempt, and
the hypervisor's own memory (a canary in its data, a checksum of its text
and read-only data) must be unchanged at shutdown."""
import os
import re

import pytest

from beryl import config_for, hv_lines, partition_output, run_beryl
from qemu import BUILD

IVOR_MCHECK, IVOR_ISI, IVOR_PROGRAM, IVOR_ITLB = 1, 3, 6, 14
MCSR_MCP = 0x80000000
ESR_PIL, ESR_PPR = 0x08000000, 0x04000000


@pytest.fixture(scope="module")
def hostile():
    elf = os.path.join(BUILD, "guests", "hostile", "hostile.elf")
    assert os.path.exists(elf), "missing %s (run make)" % elf
    text, exited = run_beryl(config_for(elf, name="h"), timeout=180)
    return text, exited, partition_output(text, "h")


def exceptions(lines, attempt):
    """(vector, info) pairs the guest logged for one attempt."""
    out = []
    for line in lines:
        m = re.match(r"^%s: exc=(\d+) info=([0-9a-f]{8})$" % re.escape(attempt), line)
        if m:
            out.append((int(m.group(1)), int(m.group(2), 16)))
    return out


def test_hypervisor_survives_and_powers_off(hostile):
    text, exited, lines = hostile
    assert exited, text
    assert any(re.match(r"HOSTILE DONE attempts=\d+", l) for l in lines), text
    assert "beryl: partition h stopped: guest power-off" in hv_lines(text), text


def test_hypervisor_memory_unchanged(hostile):
    text = hostile[0]
    hv = hv_lines(text)
    assert "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" in hv, text
    m = [re.match(r"beryl: text checksum ([0-9a-f]{8}) at boot, ([0-9a-f]{8}) now: (\w+)", l)
         for l in hv]
    m = [x for x in m if x]
    assert len(m) == 1 and m[0].group(1) == m[0].group(2) and m[0].group(3) == "unchanged", text


@pytest.mark.parametrize("attempt", [
    "ram 0x04000000", "ram 0x08000000", "ram 0x10000000", "ram 0x1F000000",
    "phys 0x8_0000_0000",
    "ccsr ddr", "ccsr pci", "ccsr i2c", "ccsr uart page"])
def test_foreign_physical_address_machine_checks(hostile, attempt):
    """tlbwe to a real address outside the partition is accepted into the
    guest TLB, but the load and the store both take a machine check with a
    bus-error MCSR (as a bus error would on silicon); nothing is reached."""
    text, _, lines = hostile
    exc = exceptions(lines, attempt)
    assert len(exc) == 2, "\n".join(lines)
    for vec, mcsr in exc:
        assert vec == IVOR_MCHECK and mcsr & MCSR_MCP and mcsr & ~MCSR_MCP, exc
    assert "%s: survived" % attempt in lines


@pytest.mark.parametrize("attempt", ["ccsr mpic", "ccsr guts"])
def test_emulated_devices_are_the_partitions_own(hostile, attempt):
    """The MPIC and GUTS addresses reach the partition's emulated MPIC and
    GUTS (no exception); the real ones are never mapped."""
    lines = hostile[2]
    assert exceptions(lines, attempt) == [], "\n".join(lines)
    assert "%s: survived" % attempt in lines


@pytest.mark.parametrize("attempt", [
    "user mtmsr", "user tlbwe", "user mtspr ivpr", "user rfi", "user mtspr dec"])
def test_user_privileged_is_guest_program_interrupt(hostile, attempt):
    exc = exceptions(hostile[2], attempt)
    assert exc == [(IVOR_PROGRAM, ESR_PPR)], exc


def test_wild_jumps(hostile):
    lines = hostile[2]
    for target in ("0x40000000", "0xC0000000"):
        assert exceptions(lines, "jump unmapped " + target) == [(IVOR_ITLB, 0)]
        assert "jump unmapped %s: back" % target in lines
    # CCSR is mapped without execute permission: an ISI, as the core
    # raises it before any bus access (a machine check before beryl
    # checked the guest's own permissions for device space, issue 8)
    assert exceptions(lines, "jump ccsr") == [(IVOR_ISI, 0)]
    # mapped executable, device space outside the partition: a bus error
    ccsr = exceptions(lines, "jump ccsr ddr executable")
    assert len(ccsr) == 1 and ccsr[0][0] == IVOR_MCHECK, ccsr
    assert exceptions(lines, "jump zeroed ram") == [(IVOR_PROGRAM, ESR_PIL)]


def test_garbage_instructions_trap_in_guest(hostile):
    exc = exceptions(hostile[2], "garbage")
    assert len(exc) == 16, exc
    for vec, esr in exc:
        assert vec == IVOR_PROGRAM and esr in (ESR_PIL, ESR_PPR, 0x02000000), exc


def test_spr_sweep_completes(hostile):
    lines = hostile[2]
    m = [re.match(r"spr sweep: (\d+) reads and (\d+) writes trapped", l) for l in lines]
    m = [x for x in m if x]
    assert len(m) == 1, "\n".join(lines)
    # every architected SPR beryl emulates reads without trapping
    assert 0 < int(m[0].group(1)) < 1024 and 0 < int(m[0].group(2)) < 1024


EV_SUCCESS, EV_EINVAL, EV_UNIMPLEMENTED = 0, 8, 12
IVOR_SYSCALL = 8


def test_hypercalls_refused_to_an_unmanaging_guest(hostile):
    """A partition that manages nobody cannot start, stop, restart or query
    any handle (its own included); unknown hypercalls say so; its own status
    (handle -1) is running. The same sequence from user mode is the guest's
    own system call, not a hypercall."""
    lines = hostile[2]
    got = {}
    for line in lines:
        m = re.match(r"^hcall ([0-9a-f]{8}) ([0-9a-f]{8}): ret (\d+) out (\d+)$", line)
        if m:
            got[(m.group(1), m.group(2))] = (int(m.group(3)), int(m.group(4)))
    want = {
        # a byte channel handle it was not given (issue 10's byte channels)
        ("00010001", "00000000"): EV_EINVAL,
        ("00010008", "00000000"): EV_UNIMPLEMENTED,
        # KVM's magic page (paravirt = "on", the default): address 0 is refused
        ("002a0004", "00000000"): EV_EINVAL,
        ("00020006", "00000000"): EV_EINVAL,
        ("00020006", "00000001"): EV_EINVAL,
        ("00020006", "00000002"): EV_EINVAL,
        ("00020006", "ffffffff"): EV_EINVAL,
        ("00020007", "00000002"): EV_EINVAL,
        ("00020004", "00000002"): EV_EINVAL,
        ("00020005", "00000002"): EV_EINVAL,
        ("00020005", "ffffffff"): EV_SUCCESS,
    }
    assert {k: v[0] for k, v in got.items()} == want, "\n".join(lines)
    assert got[("00020005", "ffffffff")][1] == 1, "\n".join(lines)  # FH_PARTITION_RUNNING
    assert exceptions(lines, "user hcall") == [(IVOR_SYSCALL, 0)], "\n".join(lines)
    # nothing was started or stopped by those calls
    assert not [l for l in hv_lines(hostile[0]) if "started by" in l or "by its manager" in l]


def test_other_partition_untouched():
    """The canary partition (CPU 0) re-reads 1 MiB of its memory every 50 ms
    for three seconds while the hostile partition (CPU 1) runs all of the
    above ten times, including loads and stores at guest-physical addresses
    equal to the canary's host-physical ones; its memory never changes, it
    finishes, and so does the hostile guest."""
    dtb = os.path.join(BUILD, "configs", "isolation.dtb")
    assert os.path.exists(dtb), "missing %s (run make)" % dtb
    text, exited = run_beryl(dtb, timeout=240, smp=2)
    assert exited, text
    canary = partition_output(text, "canary")
    hostile = partition_output(text, "hostile")
    assert "canary: 60 checks, 0 bad words" in canary, text
    assert "CANARY DONE ok" in canary, text
    assert any(re.match(r"HOSTILE DONE attempts=\d+", l) for l in hostile), text
    # the attack went on while the pattern was in place (they overlapped)
    lines = text.splitlines()
    written = lines.index("[canary] canary: 1 MiB written")
    done = next(i for i, l in enumerate(lines) if l.startswith("[hostile] HOSTILE DONE"))
    assert written < done, text
    assert exceptions(hostile, "ram 0x08000000") and all(
        v == IVOR_MCHECK for v, _ in exceptions(hostile, "ram 0x08000000")), text
    hv = hv_lines(text)
    assert "beryl: partition canary stopped: guest power-off" in hv, text
    assert "beryl: partition hostile stopped: guest power-off" in hv, text
    assert "beryl: canary c0ffee00 deadbeef 8badf00d 0b5e55ed" in hv, text
