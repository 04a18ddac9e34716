/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the configuration parser's files share (config.c, config_ipc.c):
 * the tree being read and the error reporting that names node and property.
 */
#ifndef CONFIG_PRIV_H
#define CONFIG_PRIV_H

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

/*
 * Byte channels and doorbells (config_ipc.c). Before the partitions: read
 * and check every declaration (parts: the /partitions node). For each
 * partition as it is read (node): its objects, interrupt sources and
 * handles; an error refuses it. After all partitions: who is at each end.
 */
void config_ipc_parse(int parts);
void config_ipc_partition(int node, struct partition *p);
void config_ipc_bind(int parts);

#endif /* CONFIG_PRIV_H */
