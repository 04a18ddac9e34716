#!/bin/sh
# build-kernel.sh SRC OBJ FRAGMENT JOBS: configure and build the Linux guest
# kernel out of tree (called by linux/linux.mk under a lock, so that two
# makes sharing the tree never build into OBJ at the same time).
#
# tinyconfig, merge FRAGMENT, olddefconfig; fail unless every option of
# FRAGMENT ended up exactly so in .config (olddefconfig silently drops
# options whose dependencies are not met); then `make vmlinux`.
# ARCH and CROSS_COMPILE come from the environment. Objects are reused.
set -eu
src=$(readlink -f "$1")
obj=$(readlink -f "$2")
frag=$(readlink -f "$3")
jobs=$4

kmake() {
	make -C "$src" O="$obj" "$@"
}

mkdir -p "$obj"
kmake tinyconfig >/dev/null
(cd "$obj" && "$src/scripts/kconfig/merge_config.sh" -m .config "$frag" >/dev/null)
kmake olddefconfig >/dev/null

bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF -- "$line" "$obj/.config" && continue
		got=$(grep "^${line%%=*}=" "$obj/.config" || echo "not set")
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		grep -q "^$sym=" "$obj/.config" || continue
		got=$(grep "^$sym=" "$obj/.config")
		;;
	*)
		continue
		;;
	esac
	echo "build-kernel: $frag wants '$line', .config has '$got'" >&2
	bad=1
done < "$frag"
[ $bad = 0 ] || exit 1
echo "build-kernel: all options of $(basename "$frag") are set"

kmake -j"$jobs" vmlinux
