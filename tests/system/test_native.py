# SPDX-License-Identifier: GPL-2.0-only
"""Every differential test program, run directly on QEMU (the oracle), must
pass all its checks and power the machine off by itself."""
import os

import pytest

from conftest import guest_elf, guest_tests
from qemu import BUILD, parse_summary, run_native

TESTS = guest_tests()


@pytest.mark.parametrize("name", TESTS)
def test_guest_native(name):
    elf = guest_elf(name)
    assert os.path.exists(elf), "missing %s (run make)" % elf
    text = run_native(elf, timeout=60)
    lines = text.splitlines()
    assert "TEST %s" % name in lines, text
    summ = parse_summary(text)
    assert summ is not None, text
    assert summ[0] == name, text
    assert summ[2] == 0, text
    assert summ[1] > 0, text
    assert " FAIL " not in text and "UNEXPECTED" not in text, text


def test_some_tests_exist():
    assert len(TESTS) >= 15, TESTS


def test_demo_native():
    elf = os.path.join(BUILD, "guests", "demo", "hello.elf")
    assert os.path.exists(elf)
    text = run_native(elf, timeout=60)
    assert "Hello from a beryl guest" in text, text
    assert "DEMO DONE" in text, text


def test_hostile_native_terminates():
    """Natively the hostile guest behaves differently; it must just finish."""
    elf = os.path.join(BUILD, "guests", "hostile", "hostile.elf")
    assert os.path.exists(elf)
    text = run_native(elf, timeout=120)
    assert "HOSTILE DONE attempts=" in text, text
