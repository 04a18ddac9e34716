/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Blobs linked into the configuration and guest device-tree fuzzers (fuzz.h):
 * QEMU's ppce500 hardware trees and seed configurations. Paths are relative
 * to the tree's root, where make runs the compiler.
 */
	.section .rodata
	.balign 8

.macro BLOB label, file
\label:
	.incbin "\file"
\label\()_end:
	.balign 8
.endm

	BLOB hw0, "tests/fuzz/hw/qemu-1cpu-512m.dtb"
	BLOB hw1, "tests/fuzz/hw/qemu-4cpu-3g.dtb"
	BLOB cfg0, "tests/fuzz/corpus/config/combo.dtb"
	BLOB cfg1, "tests/fuzz/corpus/config/linux-assign.dtb"
	BLOB cfg2, "tests/fuzz/corpus/config/linux-manager.dtb"
	BLOB cfg3, "tests/fuzz/corpus/config/linux-smp4.dtb"
	BLOB cfg4, "tests/fuzz/corpus/config/default.dtb"
	BLOB cfg5, "tests/fuzz/corpus/config/linux-ipc.dtb"
	BLOB cfg6, "tests/fuzz/corpus/config/sched-priority.dtb"
	BLOB cfg7, "tests/fuzz/corpus/config/linux-virtio.dtb"

name_hw0: .asciz "qemu-1cpu-512m"
name_hw1: .asciz "qemu-4cpu-3g"
name_cfg0: .asciz "combo"
name_cfg1: .asciz "linux-assign"
name_cfg2: .asciz "linux-manager"
name_cfg3: .asciz "linux-smp4"
name_cfg4: .asciz "default"
name_cfg5: .asciz "linux-ipc"
name_cfg6: .asciz "sched-priority"
name_cfg7: .asciz "linux-virtio"

/* struct fuzz_blob { const char *name; const uint8_t *data; size_t size; } */
.macro ENTRY label
	.balign 8
	.quad name_\label, \label, \label\()_end - \label
.endm

	/* tables of addresses: relocated at load time (PIE), so not .rodata */
	.section .data.rel.ro, "aw"
	.global fuzz_hw_trees, fuzz_nhw_trees, fuzz_configs, fuzz_nconfigs
	.balign 8
fuzz_hw_trees:
	ENTRY hw0
	ENTRY hw1
fuzz_nhw_trees:
	.long 2
	.balign 8
fuzz_configs:
	ENTRY cfg0
	ENTRY cfg1
	ENTRY cfg2
	ENTRY cfg3
	ENTRY cfg4
	ENTRY cfg5
	ENTRY cfg6
	ENTRY cfg7
fuzz_nconfigs:
	.long 8

	.section .note.GNU-stack, "", @progbits
