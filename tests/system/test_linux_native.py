# SPDX-License-Identifier: GPL-2.0-only
"""The Linux test guest (make linux) booted directly on QEMU ppce500: every
check of its /init passes, it reads the line typed on the console, prints
its benchmarks and powers the machine off by itself. This is the reference
the same kernel under beryl is compared with."""
import pytest

from linux_guest import (BENCHES, CHECKS, LINE, STRICT_SLACK, boot_native, rtc_off_host,
                         utc_now)


def assert_good(run, t0, t1):
    detail = "\n".join(run.failures()) + "\n--- console ---\n" + run.text
    assert not run.failures(), detail
    assert list(run.checks) == CHECKS, detail
    # the machine's RTC on its I2C bus, read through Linux's drivers
    assert run.status["rtc"] == "ok", detail
    assert rtc_off_host(run, t0, t1) == 0, (run.info.get("rtc-time"), t0, t1)
    assert int(run.info["i2c-irqs"]) > 0, detail
    assert run.echo == LINE, detail
    assert all(b in run.bench for b in BENCHES), detail
    assert run.tb_freq > 0, detail
    assert run.powered_off, "QEMU did not exit after /init's power-off\n" + run.text


@pytest.mark.parametrize("smp", [1, 2])
def test_linux_native(smp):
    t0 = utc_now()
    run = boot_native(smp=smp, timeout=120)
    assert_good(run, t0, utc_now())
    assert ("smp: Brought up 1 node, %d CPU" % smp) in run.text, run.text


def test_linux_native_icount():
    """Deterministic guest clock (-icount shift=0,sleep=off): same checks,
    sleeps bounded strictly (the host's load does not show in guest time)."""
    t0 = utc_now()
    run = boot_native(icount=True, timeout=120)
    assert_good(run, t0, utc_now())
    assert run.info["sleep-slack-pct"] == STRICT_SLACK, run.text
