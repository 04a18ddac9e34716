/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the configuration parser's files share (config.c, config_io.c,
 * config_sched.c, config_ipc.c): the tree being read and the error reporting that names node and property.
 */
#ifndef CONFIG_PRIV_H
#define CONFIG_PRIV_H

#include <stdbool.h>
#include <stdint.h>

struct partition;

extern const void *cfg; /* the configuration tree */
extern int cfg_errors;  /* errors reported so far */

/* Report an error about node (and property prop, if not NULL). */
void cfg_error(int node, const char *prop, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The node's path, for messages. */
void node_path(int node, char *buf, int len);
/*
 * Report properties and subnodes of node that are not in the allowed
 * lists (subnodes NULL: any subnode is allowed); how many were reported.
 */
int check_names(int node, const char *const *props, const char *const *subnodes);
/* The /phys-mem area a phandle names: its range; false if none. */
bool cfg_area(uint32_t phandle, uint64_t *base, uint64_t *size, bool *shared);

/*
 * Disks (config_io.c). Before the partitions: read and check /disks
 * (parts: the /partitions node). For each partition
 * once its memory and devices are read (node): what its I/O resources
 * conflict with; an error refuses it.
 */
void config_io_parse(int parts);
void config_io_partition(int node, struct partition *p);

/*
 * How the cores are used (config_sched.c). Before the partitions: read and
 * check /cores (parts: the /partitions node, which windows name). For each
 * vCPU of a partition as it is read: may CPU c take it (node: the
 * partition; an error refuses it); then its priority and weight. After
 * all partitions: which partition each window names.
 */
void config_sched_parse(int parts);
bool config_sched_shared(unsigned int cpu);
void config_sched_vcpu(int node, const struct partition *p, unsigned int n, unsigned int cpu);
void config_sched_partition(int node, struct partition *p);
void config_sched_resolve(void);

/*
 * Byte channels and doorbells (config_ipc.c). Before the partitions: read
 * and check every declaration (parts: the /partitions node). For each
 * partition as it is read (node): its objects, interrupt sources and
 * handles; an error refuses it. After all partitions: who is at each end.
 */
void config_ipc_parse(int parts);
/* Its stdout (which byte channel is its console), before its devices are attached. */
void config_ipc_console(int node, struct partition *p);
void config_ipc_partition(int node, struct partition *p);
void config_ipc_bind(int parts);

#endif /* CONFIG_PRIV_H */
