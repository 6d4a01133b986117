/* jtree.h: reading JSON back in tests (yajl_tree), by path. */
#ifndef LAGSCAN_JTREE_H
#define LAGSCAN_JTREE_H

#include <yajl/yajl_tree.h>

/* Follows a path of keys and array indices ("0", "1", ...), ending with
 * NULL: jt_get(root, "runs", "0", "tool", NULL). NULL when absent. */
yajl_val jt_get(yajl_val v, ...);
/* The string at the path, or NULL. */
const char *jt_str(yajl_val v, ...);
/* The integer at the path, or -1. */
long long jt_int(yajl_val v, ...);
/* The length of the array at the path, or -1. */
long jt_len(yajl_val v, ...);
/* Parses text; NULL (and a message on stderr) when it is not JSON. */
yajl_val jt_parse(const char *text);

#endif
