// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-blk (VIRTIO 1.2, 5.2): a disk of the configuration (vio.h) as a
 * block device, one request queue. Requests are served synchronously on
 * the partition's CPU when the driver notifies: read, write, flush, get-id;
 * anything else is unsupported. A disk the partition may only read is
 * offered read-only (VIRTIO_BLK_F_RO) and a write to it fails with IOERR
 * whatever the driver believes.
 *
 * Bounds: a request moves at most VBLK_MAX_REQ bytes (the driver is told:
 * seg_max segments of size_max bytes), and one notification serves at most
 * VBLK_BUDGET_REQS requests or VBLK_BUDGET_BYTES bytes before the rest is
 * left for a poll of the partition's CPU, so that a guest's flood of
 * requests costs it its own time in slices.
 *
 * A request without its 16-byte header or its status byte is a broken
 * ring (the device needs a reset); a request outside the disk, or of a
 * length that is not whole sectors, is an I/O error.
 */
#include <arch.h>
#include <partition.h>
#include <printf.h>
#include <string.h>
#include <vio.h>
#include <virtio.h>

#include "virtio_dev.h"

#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_FLUSH 9

#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

#define VBLK_HDR 16
#define VBLK_SEG_MAX (VIRTQ_SEG_MAX - 2) /* data segments besides header and status */
#define VBLK_SIZE_MAX 0x10000u
#define VBLK_MAX_REQ ((uint64_t)VBLK_SEG_MAX * VBLK_SIZE_MAX)
#define VBLK_BUDGET_REQS 32
#define VBLK_BUDGET_BYTES (1u << 20)

struct vblk {
	struct disk *disk;
	bool writable;
	struct virtq_chain chain; /* the request being served */
	uint32_t requests, reads, writes, errors;
};

static struct vblk vblk_state[PART_MAX][VIO_PER_PARTITION];

static unsigned int vblk_count(const struct partition *p)
{
	return vio_disk_count(p);
}

static void vblk_attach(struct virtio_dev *vd, const struct partition *p, unsigned int idx)
{
	struct vblk *b = &vblk_state[p - partitions][idx];

	b->disk = vio_disk(p, idx, &b->writable);
	vd->be = b;
	vd->features = VIRTIO_FEATURE(VIRTIO_BLK_F_SIZE_MAX) | VIRTIO_FEATURE(VIRTIO_BLK_F_SEG_MAX) |
		       VIRTIO_FEATURE(VIRTIO_BLK_F_FLUSH) |
		       (b->writable ? 0 : VIRTIO_FEATURE(VIRTIO_BLK_F_RO));
	/* capacity (sectors), size_max, seg_max */
	virtio_put_le64(vd->config, b->disk->size / DISK_SECTOR);
	virtio_put_le32(vd->config + 8, VBLK_SIZE_MAX);
	virtio_put_le32(vd->config + 12, VBLK_SEG_MAX);
	vd->config_len = 24;
}

static void vblk_reset(struct virtio_dev *vd)
{
}

/* [sector, + len bytes) lies in the disk and is whole sectors. */
static bool in_disk(const struct disk *d, uint64_t sector, uint64_t len)
{
	return !(len % DISK_SECTOR) && len <= VBLK_MAX_REQ && sector <= d->size / DISK_SECTOR &&
	       len <= d->size - sector * DISK_SECTOR;
}

/* Serve request c: its status, and *written (bytes written into its writable part). */
static uint8_t serve(struct virtio_dev *vd, struct vblk *b, const struct virtq_chain *c,
		     uint32_t *written)
{
	const struct virtq *q = &vd->vq[0];
	struct disk *d = b->disk;
	uint8_t hdr[VBLK_HDR];
	uint64_t sector, len;
	uint32_t type;
	bool ok;

	virtq_read(q, c, 0, hdr, sizeof(hdr)); /* the caller checked the lengths */
	type = virtio_le32(hdr);
	sector = virtio_le64(hdr + 8);
	*written = 1;
	switch (type) {
	case VIRTIO_BLK_T_IN:
		len = c->write_len - 1;
		if (!in_disk(d, sector, len))
			return VIRTIO_BLK_S_IOERR;
		spin_lock(&d->lock);
		ok = virtq_phys(q, c, 0, d->pa + sector * DISK_SECTOR, len, true);
		spin_unlock(&d->lock);
		*written += (uint32_t)len;
		b->reads++;
		return ok ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
	case VIRTIO_BLK_T_OUT:
		len = c->read_len - VBLK_HDR;
		if (!b->writable || !in_disk(d, sector, len))
			return VIRTIO_BLK_S_IOERR;
		spin_lock(&d->lock);
		ok = virtq_phys(q, c, VBLK_HDR, d->pa + sector * DISK_SECTOR, len, false);
		spin_unlock(&d->lock);
		b->writes++;
		return ok ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
	case VIRTIO_BLK_T_FLUSH:
		arch_smp_mb(); /* the store is memory: written is written */
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_GET_ID:
		len = c->write_len - 1 < DISK_ID_MAX ? c->write_len - 1 : DISK_ID_MAX;
		if (!virtq_write(q, c, 0, d->id, len))
			return VIRTIO_BLK_S_IOERR;
		*written += (uint32_t)len;
		return VIRTIO_BLK_S_OK;
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

/* Requests until the queue is empty or the budget is spent. */
static void vblk_run(struct virtio_dev *vd)
{
	struct vblk *b = vd->be;
	struct virtq *q = &vd->vq[0];
	struct virtq_chain *c = &b->chain;
	unsigned int n = 0;
	uint64_t bytes = 0;
	uint32_t written;
	uint8_t status;
	int r;

	for (;;) {
		r = virtq_pop(q, c);
		if (r < 0)
			return;
		if (!r) {
			if (virtq_enable_notify(q))
				continue;
			break;
		}
		if (c->read_len < VBLK_HDR || !c->write_len) {
			virtio_fail(vd, "request without header or status byte");
			return;
		}
		b->requests++;
		status = serve(vd, b, c, &written);
		if (status != VIRTIO_BLK_S_OK)
			b->errors++;
		if (!virtq_write(q, c, c->write_len - 1, &status, 1) ||
		    !virtq_push(q, c->head, written))
			return;
		bytes += c->read_len + c->write_len;
		if (++n == VBLK_BUDGET_REQS || bytes >= VBLK_BUDGET_BYTES) {
			virtio_more_work(vd); /* the rest in a moment */
			break;
		}
	}
	virtio_used(vd, 0);
}

/* The run's numbers (what `make bench` and the tests read), then a fresh count. */
static void vblk_stop(struct virtio_dev *vd)
{
	struct vblk *b = vd->be;

	if (b->requests)
		pr_info("partition %s: virtio-blk %s: %u requests (%u reads, %u writes), %u errors, "
			"%u notifications, %u interrupts\n",
			vd->part->name, b->disk->name, b->requests, b->reads, b->writes, b->errors,
			vd->notifies, vd->interrupts);
	b->requests = b->reads = b->writes = b->errors = 0;
}

static void vblk_notify(struct virtio_dev *vd, unsigned int q)
{
	vblk_run(vd);
}

static const struct virtio_backend vblk_backend = {
	.name = "blk",
	.device_id = VIRTIO_ID_BLOCK,
	.nqueues = 1,
	.count = vblk_count,
	.attach = vblk_attach,
	.reset = vblk_reset,
	.notify = vblk_notify,
	.poll = vblk_run,
	.stop = vblk_stop,
};
VIRTIO_BACKEND(vblk_backend);
