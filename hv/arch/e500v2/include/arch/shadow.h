/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shadow MMU: the real TLB's entries for a guest, derived from its
 * software TLB (gtlb.h) through the partition's memory map (shadow.c), and
 * the TLB-miss path that installs them (tlbmiss.c).
 */
#ifndef ARCH_SHADOW_H
#define ARCH_SHADOW_H

#include <stdbool.h>
#include <stdint.h>

struct gtlb_entry;
struct vcpu;

/* A real TLB miss while the guest ran (fetch or data); returns the exit kind. */
unsigned int shadow_tlb_miss(struct vcpu *v, bool ifetch);
/* Load the hardware PID for the guest's current translation context. */
void shadow_prepare_entry(struct vcpu *v);
/* The guest's TLB lost or changed translations: drop every shadow entry. */
void shadow_flush(struct vcpu *v);
/* Drop the shadows of guest effective range [ea, ea + size) (any context). */
void shadow_inval(struct vcpu *v, uint32_t ea, uint64_t size);
/* A 4 KiB shadow of ea -> hpa with the guest entry's permissions and attributes wimge. */
void shadow_install(struct vcpu *v, uint32_t ea, uint64_t hpa, const struct gtlb_entry *e,
		    uint32_t wimge);
/* A large TLB1 shadow of size bytes (a power of 4, at least 1 MiB) around ea. */
void shadow_install_large(struct vcpu *v, uint32_t ea, uint64_t hpa, uint64_t size,
			  const struct gtlb_entry *e);

#endif /* ARCH_SHADOW_H */
