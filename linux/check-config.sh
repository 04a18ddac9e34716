#!/bin/sh
# check-config.sh FRAGMENT DOTCONFIG: fail unless every option the Kconfig
# fragment asks for ended up exactly so in the final .config (olddefconfig
# silently drops options whose dependencies are not met).
set -eu
frag=$1
config=$2
bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF -- "$line" "$config" && continue
		echo "check-config: wanted '$line', got '$(grep "^${line%%=*}=" "$config" || echo not set)'" >&2
		bad=1
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		grep -q "^$sym=" "$config" || continue
		echo "check-config: wanted '$line', got '$(grep "^$sym=" "$config")'" >&2
		bad=1
		;;
	esac
done < "$frag"
[ $bad = 0 ] || { echo "check-config: $config does not match $frag" >&2; exit 1; }
echo "check-config: all options of $frag are set"
