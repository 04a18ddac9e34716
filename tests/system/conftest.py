# SPDX-License-Identifier: GPL-2.0-only
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from qemu import BUILD  # noqa: E402


def guest_tests():
    """Names of the differential test programs (build/guests/tests.list,
    else the ELFs present in build/guests/tests/)."""
    lst = os.path.join(BUILD, "guests", "tests.list")
    if os.path.exists(lst):
        with open(lst) as f:
            return [l.strip() for l in f if l.strip()]
    d = os.path.join(BUILD, "guests", "tests")
    if not os.path.isdir(d):
        return []
    return sorted(n[:-4] for n in os.listdir(d) if n.endswith(".elf"))


def guest_elf(name):
    return os.path.join(BUILD, "guests", "tests", name + ".elf")
