/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt latency of a device, for `make bench`: the same image natively
 * on QEMU and under beryl with the I2C controller assigned to it (both
 * under -icount shift=0,sleep=off: the timebase counts instructions).
 *
 * The I2C controller (/soc@fe0000000/i2c@3000, MPIC source 43) is set to
 * master transmit with its interrupt enabled; the store of an address byte
 * to its data register completes the byte at once (QEMU) and asserts the
 * interrupt. irqlat_fire() reads the timebase, makes that store and spins;
 * the external-input vector's first instruction reads the timebase again.
 * Between the two: natively the core taking the interrupt, under beryl
 * also the hypervisor's way from the real MPIC to the guest's vector
 * (beryl's vector, its MPIC acknowledge, the partition's virtual MPIC,
 * the delivery). The device store itself is not trapped (the page is
 * mapped directly). Each line is
 *
 *     bench irq-latency <rounds> <timebase ticks between the two readings>
 *
 * (then "SUMMARY irqlat: ..."), and then the handler acknowledges the source on the (virtual) MPIC,
 * clears the device and ends the interrupt, outside the measurement.
 */
#include "rt.h"

#define I2C (RT_CCSR_EA + 0x3000u)
#define I2C_CR (I2C + 0x08u)
#define I2C_SR (I2C + 0x0Cu)
#define I2C_DR (I2C + 0x10u)
#define CR_MEN 0x80u
#define CR_MIEN 0x40u
#define CR_MSTA 0x20u
#define CR_MTX 0x10u
#define SR_MIF 0x02u

#define MPIC (RT_CCSR_EA + 0x40000u)
#define MPIC_GCR (MPIC + 0x1020u)
#define SRC 43u /* the I2C controller's source (ppce500's tree) */
#define MPIC_SRC_VPR (MPIC + 0x10000u + SRC * 0x20u)
#define MPIC_SRC_DR (MPIC + 0x10010u + SRC * 0x20u)
#define MPIC_CPU0_CTPR (MPIC + 0x20080u)
#define MPIC_CPU0_IACK (MPIC + 0x200a0u)
#define MPIC_CPU0_EOI (MPIC + 0x200b0u)
#define VPR_MSK 0x80000000u
#define VPR_PRIO_SHIFT 16

#define ROUNDS 64
#define SPIN 200000u /* a round that gets no interrupt gives up */

/*
 * irqlat_fire(dr, byte): t0, store byte to dr, spin with MSR[EE] = 1 until
 * the external-input vector (irqlat_vector: t1, back to irqlat_back with
 * MSR[EE] = 0) ends the spin. Returns t1 - t0, or ~0 when no interrupt
 * came within SPIN rounds.
 */
extern u32 irqlat_fire(u32 dr, u32 byte);
extern char irqlat_vector[];
__asm__(".text\n"
	".globl irqlat_fire\n"
	"irqlat_fire:\n"
	"	lis 9," RT_STR(SPIN) "@h\n"
	"	ori 9,9," RT_STR(SPIN) "@l\n"
	"	mtctr 9\n"
	"	wrteei 1\n"
	"	mfspr 6,268\n"          /* t0 */
	"	stb 4,0(3)\n"           /* the device asserts its interrupt */
	"1:	bdnz 1b\n"
	"	wrteei 0\n"
	"	li 3,-1\n"
	"	blr\n"
	"irqlat_back:\n"
	"	subf 3,6,7\n"
	"	blr\n"
	"	.balign 16\n"
	".globl irqlat_vector\n"
	"irqlat_vector:\n"
	"	mfspr 7,268\n"          /* t1 */
	"	mfsrr1 8\n"
	"	rlwinm 8,8,0,17,15\n"   /* back with MSR[EE] = 0 */
	"	mtsrr1 8\n"
	"	lis 8,irqlat_back@ha\n"
	"	addi 8,8,irqlat_back@l\n"
	"	mtsrr0 8\n"
	"	rfi\n");

int main(void)
{
	u32 i, dt, total = 0, min = ~0u, max = 0, vec, bad = 0;

	test_begin("irqlat");
	if ((u32)irqlat_vector >> 16 != mfspr(SPR_IVPR) >> 16) {
		rt_printf("irqlat: vector %08x outside IVPR's 64 KiB\n", (u32)irqlat_vector);
		rt_poweroff();
	}
	/* the (virtual) MPIC: mixed mode, source 43 to CPU 0, priority 8 */
	wr32(MPIC_GCR, 0x20000000u);
	wr32(MPIC_SRC_DR, 1);
	wr32(MPIC_SRC_VPR, (rd32(MPIC_SRC_VPR) & 0x00C00000u) | (8u << VPR_PRIO_SHIFT) | SRC);
	wr32(MPIC_CPU0_CTPR, 0);
	mtspr(404 /* IVOR4: external input */, (u32)irqlat_vector & 0xFFF0u);
	isync();
	for (i = 0; i < ROUNDS; i++) {
		wr8(I2C_CR, 0);
		wr8(I2C_SR, 0);
		wr8(I2C_CR, CR_MEN | CR_MIEN | CR_MSTA | CR_MTX);
		dt = irqlat_fire(I2C_DR, 0x68u << 1); /* the RTC, write */
		if (dt == ~0u) {
			rt_printf("irqlat: no interrupt in round %u (SR %02x)\n", i, rd8(I2C_SR));
			rt_poweroff();
		}
		vec = rd32(MPIC_CPU0_IACK);
		if (vec != SRC)
			bad++;
		wr8(I2C_SR, 0);  /* MIF cleared: the source deasserts */
		wr8(I2C_CR, CR_MEN); /* stop */
		wr32(MPIC_CPU0_EOI, 0);
		total += dt;
		min = dt < min ? dt : min;
		max = dt > max ? dt : max;
	}
	wr8(I2C_CR, 0);
	rt_printf("irqlat: %u rounds, min %u max %u ticks, %u other vectors\n", ROUNDS, min, max,
		  bad);
	rt_printf("bench irq-latency %u %u\n", ROUNDS, total);
	check("vector from IACK", bad, 0);
	return test_end();
}
