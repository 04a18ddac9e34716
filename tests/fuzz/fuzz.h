/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the host fuzz targets (tests/fuzz/fuzz_*.c): reading structured
 * values out of libFuzzer's input, and failing an invariant so that
 * libFuzzer records the input (a crash: abort()).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The input, consumed from the front; exhausted, it reads as zeros. */
struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline bool fuzz_left(const struct fuzz_in *in)
{
	return in->n != 0;
}

static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t v = fuzz_u8(in);

	return (uint16_t)(v << 8 | fuzz_u8(in));
}

static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
	uint32_t v = fuzz_u16(in);

	return v << 16 | fuzz_u16(in);
}

static inline uint64_t fuzz_u64(struct fuzz_in *in)
{
	uint64_t v = fuzz_u32(in);

	return v << 32 | fuzz_u32(in);
}

/* An invariant of the module under test does not hold: report and crash. */
#define FUZZ_CHECK(cond, ...)                                                            \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr,                                                  \
				"fuzz: %s:%d: invariant failed: %s\nfuzz: ", __FILE__,   \
				__LINE__, #cond);                                        \
			fprintf(stderr, __VA_ARGS__);                                    \
			fprintf(stderr, "\n");                                           \
			abort();                                                         \
		}                                                                        \
	} while (0)

/* Blobs linked into the fuzzers (blobs.S): hardware trees and configurations. */
struct fuzz_blob {
	const char *name;
	const uint8_t *data;
	size_t size;
};

extern const struct fuzz_blob fuzz_hw_trees[];
extern const unsigned int fuzz_nhw_trees;
extern const struct fuzz_blob fuzz_configs[];
extern const unsigned int fuzz_nconfigs;

#endif /* FUZZ_H */
