// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding of the integer loads and stores a guest may use on an emulated
 * device page: D-form (opcodes 32-45) and X-form (opcode 31) byte, halfword
 * and word accesses, with update, algebraic and byte-reversed variants.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/mmio_decode.h>

/* Flags of one table entry */
#define MD_STORE 0x01
#define MD_UPDATE 0x02
#define MD_SIGN 0x04
#define MD_BREV 0x08
#define MD_VALID 0x80

struct mmio_form {
	uint8_t size;
	uint8_t flags;
};

/* D-form, indexed by primary opcode - 32 */
static const struct mmio_form mmio_dform[14] = {
    [0] = {4, MD_VALID},			 /* lwz */
    [1] = {4, MD_VALID | MD_UPDATE},		 /* lwzu */
    [2] = {1, MD_VALID},			 /* lbz */
    [3] = {1, MD_VALID | MD_UPDATE},		 /* lbzu */
    [4] = {4, MD_VALID | MD_STORE},		 /* stw */
    [5] = {4, MD_VALID | MD_STORE | MD_UPDATE},	 /* stwu */
    [6] = {1, MD_VALID | MD_STORE},		 /* stb */
    [7] = {1, MD_VALID | MD_STORE | MD_UPDATE},	 /* stbu */
    [8] = {2, MD_VALID},			 /* lhz */
    [9] = {2, MD_VALID | MD_UPDATE},		 /* lhzu */
    [10] = {2, MD_VALID | MD_SIGN},		 /* lha */
    [11] = {2, MD_VALID | MD_SIGN | MD_UPDATE},	 /* lhau */
    [12] = {2, MD_VALID | MD_STORE},		 /* sth */
    [13] = {2, MD_VALID | MD_STORE | MD_UPDATE}, /* sthu */
};

/* X-form (primary opcode 31) extended opcodes */
static bool mmio_xform(unsigned int xo, struct mmio_form *f)
{
	switch (xo) {
	case 23: /* lwzx */
		*f = (struct mmio_form){4, MD_VALID};
		return true;
	case 55: /* lwzux */
		*f = (struct mmio_form){4, MD_VALID | MD_UPDATE};
		return true;
	case 87: /* lbzx */
		*f = (struct mmio_form){1, MD_VALID};
		return true;
	case 119: /* lbzux */
		*f = (struct mmio_form){1, MD_VALID | MD_UPDATE};
		return true;
	case 151: /* stwx */
		*f = (struct mmio_form){4, MD_VALID | MD_STORE};
		return true;
	case 183: /* stwux */
		*f = (struct mmio_form){4, MD_VALID | MD_STORE | MD_UPDATE};
		return true;
	case 215: /* stbx */
		*f = (struct mmio_form){1, MD_VALID | MD_STORE};
		return true;
	case 247: /* stbux */
		*f = (struct mmio_form){1, MD_VALID | MD_STORE | MD_UPDATE};
		return true;
	case 279: /* lhzx */
		*f = (struct mmio_form){2, MD_VALID};
		return true;
	case 311: /* lhzux */
		*f = (struct mmio_form){2, MD_VALID | MD_UPDATE};
		return true;
	case 343: /* lhax */
		*f = (struct mmio_form){2, MD_VALID | MD_SIGN};
		return true;
	case 375: /* lhaux */
		*f = (struct mmio_form){2, MD_VALID | MD_SIGN | MD_UPDATE};
		return true;
	case 407: /* sthx */
		*f = (struct mmio_form){2, MD_VALID | MD_STORE};
		return true;
	case 439: /* sthux */
		*f = (struct mmio_form){2, MD_VALID | MD_STORE | MD_UPDATE};
		return true;
	case 534: /* lwbrx */
		*f = (struct mmio_form){4, MD_VALID | MD_BREV};
		return true;
	case 662: /* stwbrx */
		*f = (struct mmio_form){4, MD_VALID | MD_STORE | MD_BREV};
		return true;
	case 790: /* lhbrx */
		*f = (struct mmio_form){2, MD_VALID | MD_BREV};
		return true;
	case 918: /* sthbrx */
		*f = (struct mmio_form){2, MD_VALID | MD_STORE | MD_BREV};
		return true;
	default:
		return false;
	}
}

bool mmio_decode(uint32_t insn, struct mmio_insn *out)
{
	unsigned int op = insn >> 26;
	struct mmio_form f;

	if (op >= 32 && op <= 45)
		f = mmio_dform[op - 32];
	else if (op != 31 || !mmio_xform((insn >> 1) & 0x3ff, &f))
		return false;

	out->store = (f.flags & MD_STORE) != 0;
	out->size = f.size;
	out->rt = (insn >> 21) & 0x1f;
	out->ra = (insn >> 16) & 0x1f;
	out->update = (f.flags & MD_UPDATE) != 0;
	out->sign_extend = (f.flags & MD_SIGN) != 0;
	out->byte_reverse = (f.flags & MD_BREV) != 0;

	/* Invalid update forms: no base register, or a load overwriting it. */
	if (out->update && (out->ra == 0 || (!out->store && out->ra == out->rt)))
		return false;
	return true;
}

bool mmio_cache_op(uint32_t insn)
{
	if (insn >> 26 != 31)
		return false;
	switch ((insn >> 1) & 0x3ff) {
	case 86:  /* dcbf */
	case 54:  /* dcbst */
	case 470: /* dcbi */
	case 278: /* dcbt */
	case 246: /* dcbtst */
	case 982: /* icbi */
		return true;
	default:
		return false;
	}
}
