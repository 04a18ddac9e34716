# SPDX-License-Identifier: GPL-2.0-only
"""Partition management (configs/linux-manager.dts): a partition marked
start = "wait" is loaded at boot but runs only when its manager starts it.
The manager is Linux, using its own Freescale hypervisor management driver
(/dev/fsl-hv, CONFIG_FSL_HV_MANAGER) — a client nobody here wrote — which
issues the partition-management hypercalls through the ePAPR hypercall
stub Linux patches from the guest tree's hcall-instructions."""
import os
import re

import pytest

from beryl import hv_lines, partition_output
from linux_guest import LinuxRun, drive
from qemu import BUILD, Qemu

import beryl_launch as bl

DTB = os.path.join(BUILD, "configs", "linux-manager.dtb")


@pytest.fixture(scope="module")
def run():
    assert os.path.exists(DTB), "missing %s (run make linux)" % DTB
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", DTB], mem=512, timeout=300,
              extra=["-smp", "2"]) as q:
        return drive(q, timeout=300, partition="manager")


def manage_lines(run):
    return [line for line in run.lines if line.startswith("manage worker:")]


def test_worker_waits_until_started(run):
    text = run.text
    hv = hv_lines(text)
    assert "beryl: partition worker: waiting to be started" in hv, text
    started = hv.index("beryl: partition worker: started by manager")
    # nothing of the worker ran before its manager started it
    first = text.splitlines().index("[worker] control: 5000 periods of 1000 us")
    assert text.splitlines().index(hv[started]) < first, text
    assert re.search(r"^manage worker: handle 2, status 0 \(ret 0\)$",
                     "\n".join(manage_lines(run)), re.M), text


def test_start_stop_restart_through_the_driver(run):
    lines = "\n".join(manage_lines(run))
    text = run.text
    assert re.search(r"^manage worker: start ret 0, running after \d+ ms$", lines, re.M), text
    assert re.search(r"^manage worker: stopped by itself after \d+ ms$", lines, re.M), text
    assert re.search(r"^manage worker: start again ret 0, running after \d+ ms$", lines,
                     re.M), text
    assert re.search(r"^manage worker: restart ret 0, running after \d+ ms$", lines,
                     re.M), text
    assert re.search(r"^manage worker: stop ret 0, stopped after \d+ ms$", lines, re.M), text
    # its own status (handle -1): running
    assert "manage worker: own status 1 (ret 0)" in lines, text
    # a handle it does not manage: EV_EINVAL (8)
    assert "manage worker: stop of handle 0 ret 8" in lines, text
    hv = hv_lines(text)
    assert hv.count("beryl: partition worker: started by manager") == 2, text
    assert "beryl: partition worker stopped: guest power-off" in hv, text
    assert "beryl: partition worker stopped: stopped by its manager" in hv, text
    # the restart went through the partition's own restart path, once
    restart = hv.index("beryl: partition worker stopped: restart by its manager")
    assert hv.index("beryl: partition worker: restarting") > restart, text
    assert hv.count("beryl: partition worker: restarting") == 1, text
    # the first run finished its work: the same result as natively (test_consolidation)
    assert partition_output(text, "worker").count("CONTROL DONE ok") == 1, text


def test_manager_checks_still_pass(run):
    assert not run.failures(), "\n".join(run.failures()) + "\n" + run.text
    assert run.powered_off, run.text
