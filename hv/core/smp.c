// SPDX-License-Identifier: GPL-2.0-only
/*
 * Releasing secondary CPUs through their ePAPR spin tables. A released CPU
 * starts at the entry address we write, with r3 from the table and a
 * 64 MiB TLB1 mapping around that address (QEMU: EA 0 = PA of the 64 MiB
 * block holding the entry, which is the identity for the hypervisor linked
 * at 0); secondary_start (entry.S) takes it to hv_secondary_main().
 */
#include <arch.h>
#include <hvirq.h>
#include <hvmem.h>
#include <platform.h>
#include <smp.h>

/* One ePAPR spin table entry (big-endian, 32 bytes), written as 32-bit words. */
struct epapr_spin_entry {
	uint32_t addr_hi, addr_lo; /* the CPU spins while bit 0 of addr_lo is 1 */
	uint32_t r3_hi, r3_lo;
	uint32_t rsvd;
	uint32_t pir;
	uint32_t rsvd2[2];
};

static volatile uint32_t smp_online[PLATFORM_MAX_CPUS];

void smp_cpu_online(unsigned int cpu)
{
	smp_online[cpu] = 1;
	arch_smp_mb();
	hvirq_kick(0); /* the boot CPU waits for this in smp_start_cpu() */
}

int smp_start_cpu(unsigned int cpu)
{
	uint64_t pa = cpu < PLATFORM_MAX_CPUS ? platform.spin_table_pa[cpu] : 0;
	uintptr_t va = pa ? hvmem_phys_to_virt(pa) : 0;
	bool temp = pa && !va;
	uint64_t t0, wait = platform.tb_freq, avail;
	struct epapr_spin_entry *e;

	if (!pa)
		return -1;
	if (smp_online[cpu]) /* a shared core: started for an earlier vCPU */
		return 0;
	if (temp)
		va = arch_mem_window_map(pa, &avail);
	e = (struct epapr_spin_entry *)va;
	/*
	 * Everything the CPU will read is in memory before the release; the
	 * address goes last (QEMU's spin table device releases the CPU on the
	 * store that leaves bit 0 clear, and takes 32-bit stores at most).
	 */
	arch_smp_mb();
	arch_mmio_write32((uintptr_t)&e->r3_hi, 0);
	arch_mmio_write32((uintptr_t)&e->r3_lo, cpu);
	arch_mmio_write32((uintptr_t)&e->pir, cpu);
	arch_mmio_write32((uintptr_t)&e->addr_hi, 0);
	arch_dcache_flush(e, sizeof(*e));
	arch_mmio_write32((uintptr_t)&e->addr_lo, (uint32_t)arch_secondary_entry());
	arch_dcache_flush(e, sizeof(*e));
	if (temp)
		arch_mem_window_unmap();

	/*
	 * Sleep until the CPU's IPI says it is up (or 1 ms passed): spinning
	 * would gain nothing on silicon, and under QEMU, whose TCG runs all
	 * CPUs in one thread, it held that thread for a whole time slice
	 * (100 ms) per CPU before the new one got to run.
	 */
	t0 = arch_timebase();
	while (!smp_online[cpu]) {
		if (arch_timebase() - t0 > wait)
			return -1;
		arch_cpu_wait_ticks(platform.tb_freq / 1000);
		hvirq_handle();
	}
	arch_smp_mb();
	return 0;
}
