// SPDX-License-Identifier: GPL-2.0-only
#include <elf_loader.h>
#include <hvmem.h>
#include <string.h>

struct elf32_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define PT_LOAD 1
#define EM_PPC 20

static const struct elf32_phdr *phdr(const void *img, unsigned int i)
{
	const struct elf32_ehdr *eh = img;

	return (const struct elf32_phdr *)((const char *)img + eh->phoff + i * eh->phentsize);
}

const char *elf_check(const struct partition *p, const void *img, uint32_t size,
		      uint32_t *entry, uint64_t *end)
{
	const struct elf32_ehdr *eh = img;
	uint64_t hpa, top = 0;
	unsigned int i;

	if (size < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4))
		return "not an ELF file";
	if (eh->ident[4] != 1 || eh->ident[5] != 2 || eh->machine != EM_PPC || eh->type != 2)
		return "not a 32-bit big-endian PowerPC executable";
	if (eh->phentsize < sizeof(struct elf32_phdr) ||
	    (uint64_t)eh->phoff + (uint64_t)eh->phnum * eh->phentsize > size)
		return "program headers outside the file";
	for (i = 0; i < eh->phnum; i++) {
		const struct elf32_phdr *ph = phdr(img, i);

		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		if (ph->filesz > ph->memsz || (uint64_t)ph->offset + ph->filesz > size)
			return "segment outside the file";
		if (!partition_gpa_to_hpa(p, ph->paddr, ph->memsz, &hpa))
			return "segment does not fit in the partition's memory";
		if ((uint64_t)ph->paddr + ph->memsz > top)
			top = (uint64_t)ph->paddr + ph->memsz;
	}
	if (!top)
		return "no loadable segment";
	/*
	 * The guest starts with effective = guest physical addresses (ePAPR
	 * initial map): an entry point given as a virtual address inside a
	 * segment (Linux's vmlinux: 0xc0000000) becomes its physical address,
	 * as boot loaders do.
	 */
	for (i = 0; i < eh->phnum; i++) {
		const struct elf32_phdr *ph = phdr(img, i);

		if (ph->type == PT_LOAD && eh->entry >= ph->vaddr &&
		    eh->entry - ph->vaddr < ph->memsz) {
			*entry = eh->entry - ph->vaddr + ph->paddr;
			*end = top;
			return NULL;
		}
	}
	return "the entry point lies outside every loadable segment";
}

void elf_load(const struct partition *p, const void *img)
{
	const struct elf32_ehdr *eh = img;
	unsigned int i;

	for (i = 0; i < eh->phnum; i++) {
		const struct elf32_phdr *ph = phdr(img, i);
		uint64_t hpa;

		if (ph->type != PT_LOAD || !ph->memsz ||
		    !partition_gpa_to_hpa(p, ph->paddr, ph->memsz, &hpa))
			continue;
		hvmem_copy_to_phys(hpa, (const char *)img + ph->offset, ph->filesz);
		hvmem_zero_phys(hpa + ph->filesz, ph->memsz - ph->filesz);
		hvmem_sync_icache_phys(hpa, ph->memsz);
	}
}
