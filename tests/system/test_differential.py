# SPDX-License-Identifier: GPL-2.0-only
"""The differential test: every bare-metal test program runs directly on
QEMU's e500v2 (the oracle) and as a guest of beryl; the guest's console
output must be identical line for line, and every check must pass."""
import difflib
import os

import pytest

from beryl import config_for, hv_lines, partition_output, run_beryl
from conftest import guest_elf, guest_tests
from qemu import parse_summary, run_native

TESTS = guest_tests()


@pytest.mark.parametrize("name", TESTS)
def test_native_equals_beryl(name):
    elf = guest_elf(name)
    assert os.path.exists(elf), "missing %s (run make)" % elf
    native = run_native(elf, timeout=60).splitlines()
    text, exited = run_beryl(config_for(elf), timeout=180)
    virt = partition_output(text, "g")
    assert exited, "beryl did not power off\n" + text
    assert any("partition g stopped: guest power-off" in l for l in hv_lines(text)), text
    diff = list(difflib.unified_diff(native, virt, "native", "beryl", lineterm=""))
    assert not diff, "\n".join(diff) + "\n--- beryl console ---\n" + text
    summ = parse_summary("\n".join(virt))
    assert summ and summ[0] == name and summ[1] > 0 and summ[2] == 0, text


def test_enough_programs():
    assert len(TESTS) >= 15, TESTS
