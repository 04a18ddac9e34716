"""Building QEMU command lines for beryl and for guests run natively.

Shared by tools/beryl-run (the launcher people use) and tests/system.
"""
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
HV_ELF = os.path.join(BUILD, "beryl.elf")
QEMU = os.environ.get("QEMU", "qemu-system-ppc")

# Host memory given to a single test partition (guest physical 0).
TEST_PART_BASE = 0x08000000
TEST_PART_SIZE = 0x04000000

SINGLE_PARTITION_DTS = """/dts-v1/;
/ {{
	compatible = "beryl,config";
	phys-mem {{
		ram0: {name}-ram {{ reg = <0x0 {base:#x} 0x0 {size:#x}>; }};
	}};
	partitions {{
		{name} {{
			cpus = <0>;
			image = /incbin/("{image}");
			memory {{ ram {{ phys-mem = <&ram0>; guest-addr = <0x0 0x0>; }}; }};
		}};
	}};
}};
"""


def single_partition_dts(image, name="guest", base=TEST_PART_BASE, size=TEST_PART_SIZE):
    """Configuration source running one ELF image in one partition."""
    return SINGLE_PARTITION_DTS.format(name=name, base=base, size=size,
                                       image=os.path.abspath(image))


def compile_dts(source_text=None, path=None, out=None):
    """Compile a configuration with dtc (include paths: the tree root); return the .dtb path."""
    if out is None:
        fd, out = tempfile.mkstemp(suffix=".dtb", prefix="beryl-cfg-")
        os.close(fd)
    args = ["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", ROOT, "-o", out]
    if source_text is not None:
        subprocess.run(args + ["-"], input=source_text.encode(), check=True, cwd=ROOT)
    else:
        subprocess.run(args + [path], check=True, cwd=ROOT)
    return out


# The console on this terminal, raw: with "-monitor none" QEMU's plain stdio
# would leave the terminal's signal keys on, and Ctrl-\ (beryl's focus
# switch, docs/console.md) would kill QEMU with SIGQUIT.
STDIO_CONSOLE = ["-nographic", "-chardev", "stdio,id=console,signal=off",
                 "-serial", "chardev:console"]


def machine_args(mem="512M", smp=1, icount=False, extra=(), console=True):
    """console=False: no serial line on this terminal (give one in extra)."""
    args = [QEMU, "-M", "ppce500", "-cpu", "e500v2", "-m", mem, "-smp", str(smp),
            "-no-reboot", "-monitor", "none"]
    args += STDIO_CONSOLE if console else ["-display", "none"]
    if icount:
        args += ["-icount", "shift=0,sleep=off"]
    return args + list(extra)


def beryl_cmd(config_dtb, mem="512M", smp=1, icount=False, extra=(), console=True):
    """QEMU running beryl with the given compiled configuration."""
    return machine_args(mem, smp, icount, extra, console) + ["-kernel", HV_ELF, "-initrd",
                                                             config_dtb]


def native_cmd(elf, mem="64M", smp=1, icount=False, extra=(), console=True):
    """QEMU running a guest image directly on the emulated e500 (the oracle)."""
    return machine_args(mem, smp, icount, extra, console) + ["-kernel", elf]
