/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Doorbells (docs/config.md): an event one partition rings and others
 * receive as an interrupt, as the configuration allows (senders ring it
 * with the ePAPR DOORBELL_SEND hypercall and its handle; each receiver
 * gets a pulse on its own source). And the state notifications a manager
 * receives the same way about each partition it manages: its state
 * changed (started, stopped), it crashed, it asked for a reset.
 */
#ifndef DOORBELL_H
#define DOORBELL_H

#include <stdbool.h>
#include <stdint.h>

struct partition;

#define DB_MAX 16

struct doorbell {
	const char *name; /* its node's name (inside the configuration blob) */
	bool shutdown;    /* receivers treat it as a shutdown request */
	uint32_t receivers;         /* partition indices, bound after configuration */
	uint16_t rx_src[4];         /* each receiver's source (indexed like partitions[]) */
};

extern struct doorbell doorbells[DB_MAX];
extern unsigned int ndoorbells;

/*
 * What a manager is told about a managed partition, one doorbell each: its
 * state changed (Freescale's state-change doorbell: started, stopped, and
 * stopped for good once every vCPU settled, so FH_PARTITION_GET_STATUS
 * says STOPPED), and, one event each, so that none hides another: it
 * started, it stopped, it crashed, it asked for a reset, its watchdog
 * expired.
 */
enum notify_kind {
	NOTIFY_STATE,
	NOTIFY_START,
	NOTIFY_STOP,
	NOTIFY_CRASH,
	NOTIFY_RESET,
	NOTIFY_WATCHDOG, /* its watchdog expired (watchdog.c) */
	NOTIFY_KINDS
};

/* Ring it: every receiver gets its interrupt (any CPU). */
void doorbell_ring(const struct doorbell *d);
/* t's managers get notification k about it (any CPU). */
void doorbell_notify_managers(const struct partition *t, enum notify_kind k);
/* After the configuration: which partitions receive each doorbell. */
void doorbell_bind(void);

#endif /* DOORBELL_H */
