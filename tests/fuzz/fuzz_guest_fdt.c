// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzzer of the guest device-tree generator (guest_fdt.c) and of the reading
 * of the hardware tree it starts from (platform.c, platform_reg.c): the
 * input is a hardware tree (seeds: QEMU's ppce500 trees), loaded as main.c
 * does, with one of the seed configurations (the byte after the tree, past
 * its header's size, chooses: combo by default; linux-assign, linux-manager,
 * linux-smp4, default, linux-ipc, sched-priority, linux-virtio: blobs.S). Every partition accepted must boot and get a sound
 * tree showing its memory, its vCPUs and its devices only (check_config.c);
 * from a damaged hardware tree, booting must only never crash.
 */
#include <string.h>

#include <libfdt.h>

#include <platform.h>

#include "check_config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int c = 0;
	uint8_t *hw;
	bool sound;

	/* The boot loader's tree is as long as its header says (nothing else tells). */
	if (size < sizeof(struct fdt_header) || fdt_totalsize(data) > size)
		return 0;
	if (size > fdt_totalsize(data))
		c = data[fdt_totalsize(data)] % fuzz_nconfigs;
	/* alone: ASan sees reads past its end (or past the header, if it claims less) */
	hw = calloc(1, fdt_totalsize(data) < size ? size : fdt_totalsize(data));
	FUZZ_CHECK(hw, "out of memory");
	memcpy(hw, data, fdt_totalsize(data));
	sound = check_tree_sound(hw);
	if (!check_platform(hw)) { /* refused: beryl stops there */
		platform_keep_tree();
		check_config(fuzz_configs[c].data, fuzz_configs[c].size);
		check_boot(sound);
		if (platform.fdt != hw)
			free((void *)platform.fdt);
	}
	free(hw);
	return 0;
}
