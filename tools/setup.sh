#!/bin/sh
# Make sure every tool beryl's build and tests need is installed. As root it
# installs the missing Debian packages; otherwise it prints the exact command.
set -eu

PKGS="gcc-powerpc-linux-gnu binutils-powerpc-linux-gnu qemu-system-ppc \
device-tree-compiler libfdt-dev python3-pytest python3-pexpect libcmocka-dev \
linux-source-6.1 clang libclang-rt-14-dev flex bison bc libc6-dev-powerpc-cross u-boot-qemu u-boot-tools e2fsprogs gdb-multiarch gcc make xz-utils patch"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "setup: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -q $missing >/dev/null
	exit 0
fi
echo "setup: missing Debian packages:$missing" >&2
echo "setup: run: sudo apt-get install -y$missing" >&2
exit 1
