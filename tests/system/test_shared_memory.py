# SPDX-License-Identifier: GPL-2.0-only
"""Shared memory for communication: an area marked `shared` in the
configuration is mapped into two partitions on two cores (configs/shared.dts);
a message written by one is read by the other, whose answer comes back.
Without `shared`, mapping an area twice is a configuration error
(test_config_errors.py)."""
import os

from beryl import hv_lines, partition_output, run_beryl
from qemu import BUILD


def test_mailbox_between_partitions():
    dtb = os.path.join(BUILD, "configs", "shared.dtb")
    assert os.path.exists(dtb), "missing %s (run make)" % dtb
    text, exited = run_beryl(dtb, timeout=120, smp=2)
    assert exited, text
    assert partition_output(text, "receiver") == ["MBOX RECV ok, 64 of 64 words"], text
    assert partition_output(text, "sender") == [
        "mbox: sent 64 words", "MBOX SEND ok, answer 4d424f98"], text
    hv = hv_lines(text)
    for p in ("sender", "receiver"):
        assert "beryl: partition %s stopped: guest power-off" % p in hv, text
