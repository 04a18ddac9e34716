# SPDX-License-Identifier: GPL-2.0-only
"""Partition lifecycle with bare-metal guests: a partition that crashes
(checkstop: machine check with MSR[ME] clear) is restarted by its on-crash
policy again and again while the partition beside it keeps running
without any reset; without the policy a crash stops only its partition."""
import os
import re
import tempfile

from beryl import hv_lines, partition_output, run_beryl
from qemu import BUILD, Qemu

import beryl_launch as bl

CRASHER = os.path.join(BUILD, "guests", "demo", "crasher.elf")
TICKER = os.path.join(BUILD, "guests", "demo", "ticker.elf")

DTS = """/dts-v1/;
/ {
	compatible = "beryl,config";
	phys-mem {
		a: area-a { reg = <0x0 0x08000000 0x0 0x04000000>; };
		b: area-b { reg = <0x0 0x0C000000 0x0 0x04000000>; };
	};
	partitions {
		ticker {
			cpus = <0>;
			image = /incbin/("%s");
			memory { ram { phys-mem = <&a>; guest-addr = <0x0 0x0>; }; };
		};
		crasher {
			cpus = <1>;
			image = /incbin/("%s");
			%s
			memory { ram { phys-mem = <&b>; guest-addr = <0x0 0x0>; }; };
		};
	};
};
"""


RESTART = r"beryl: partition crasher: restarting"


def config(policy):
    out = os.path.join(tempfile.mkdtemp(prefix="beryl-life-"), "crash.dtb")
    return bl.compile_dts(source_text=DTS % (TICKER, CRASHER, policy), out=out)


def test_crash_restarts_by_policy_others_keep_running():
    dtb = config('on-crash = "restart";')
    with Qemu(["-kernel", bl.HV_ELF, "-initrd", dtb], mem=512, timeout=120,
              extra=["-smp", "2"]) as q:
        q.expect(r"\[ticker\] TICKER DONE ok")
        q.expect(r"beryl: partition ticker stopped: guest power-off")
        # The ticker's 300 ms are the host's (no icount): how many crashes
        # fit in them is how fast the host runs QEMU (seen: one). The
        # crasher goes on after the ticker stopped: wait for its second
        # restart if it has not come yet.
        while len(re.findall(RESTART, q.output())) < 2:
            q.expect(RESTART)
        text = q.output()
    crashes = re.findall(r"beryl: partition crasher stopped: checkstop", text)
    restarts = re.findall(RESTART, text)
    assert len(crashes) >= 2 and len(restarts) >= 2, text
    assert "crasher: still alive?" not in text, text
    assert partition_output(text, "crasher").count("crasher: up") >= len(restarts), text
    # the ticker was never reset: one start, ticks 1..30 in order
    ticker = partition_output(text, "ticker")
    assert ticker[0].startswith("ticker: 30 ticks") and ticker.count(ticker[0]) == 1, text
    assert [l for l in ticker if l.startswith("tick ")] == \
        ["tick %d" % i for i in range(1, 31)], text


def test_crash_without_policy_stops_only_that_partition():
    text, exited = run_beryl(config(""), timeout=120, smp=2)
    assert exited, text
    hv = hv_lines(text)
    assert "beryl: partition crasher stopped: checkstop (machine check with MSR[ME]=0)" in hv, text
    assert "beryl: partition crasher: restarting" not in text, text
    assert "TICKER DONE ok" in partition_output(text, "ticker"), text
    assert "beryl: all partitions stopped, powering off" in hv, text
