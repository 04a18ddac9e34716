/* SPDX-License-Identifier: GPL-2.0-only */
/* Loading a 32-bit big-endian PowerPC ELF image into a partition's memory. */
#ifndef ELF_LOADER_H
#define ELF_LOADER_H

#include <stdint.h>

#include <partition.h>

/*
 * Check the image (ELF32, big-endian, PowerPC, executable) and that every
 * loadable segment lies inside the partition's RAM. On success *entry is the
 * entry point and *end the first guest-physical address past the image.
 * Returns NULL or an error message.
 */
const char *elf_check(const struct partition *p, const void *img, uint32_t size,
		      uint32_t *entry, uint64_t *end);
/* Copy the segments (elf_check must have passed). */
void elf_load(const struct partition *p, const void *img);

#endif /* ELF_LOADER_H */
