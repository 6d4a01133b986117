/* lifecycle.h: what a long-running payment-api needs around its loop: enough
 * file descriptors for many connections, and a clean shutdown on SIGTERM or
 * SIGINT (the loop returns, tl_loop_close succeeds, nothing leaks). */
#ifndef PAYMENT_API_LIFECYCLE_H
#define PAYMENT_API_LIFECYCLE_H

#include "tickloop.h"

/* Raises the soft RLIMIT_NOFILE to the hard limit (one descriptor per
 * connection). Returns the soft limit in effect afterwards, or -1 when it
 * cannot be read. */
long raise_nofile_limit(void);

/* Installs SIGTERM and SIGINT handlers that make the loop close `server`
 * (its listener and every connection) and then themselves, so that tl_run
 * returns once the work in flight on the pool has completed. The handler
 * only writes the signal's number to a socketpair; the loop reads it like
 * any other socket (Node does the same on libuv's signal pipe). Returns 0 or
 * a negative errno. */
int stop_on_signals(tl_loop *loop, tl_http_server *server);

/* After tl_run: restores the default actions and closes the socketpair's
 * write end. */
void signals_restore(void);

/* The signal that stopped the loop, or 0. */
int stopped_by_signal(void);

#endif
