// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzzer of the configuration validator (config.c) and of what follows it at
 * boot (partition_boot: ELF loader, guest device tree): the input is a
 * configuration blob, validated against one of QEMU's hardware trees: 4
 * CPUs and 3 GiB, or 1 CPU and 512 MiB if the byte after the blob (past
 * its header's size) is even (one tree per input: a run costs about a
 * millisecond). Whatever it accepts must hold
 * every rule docs/config.md states, boot, and give a sound guest tree
 * (check_config.c).
 */
#include <string.h>

#include <libfdt.h>

#include "check_config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int h = 1;
	uint8_t *cfg;

	/* a header that claims more bytes than there are must be refused, not read past */
	if (size >= sizeof(struct fdt_header) && size > fdt_totalsize(data))
		h = data[fdt_totalsize(data)] & 1;
	cfg = malloc(size); /* alone: ASan sees any read past its end */
	FUZZ_CHECK(cfg, "out of memory");
	memcpy(cfg, data, size);
	FUZZ_CHECK(check_platform(fuzz_hw_trees[h].data) == 0, "hardware tree %s refused",
		   fuzz_hw_trees[h].name);
	check_config(cfg, size);
	check_boot(true);
	free(cfg);
	return 0;
}
