/* conf.h: what the tickloop twins of the conformance scenarios share
 * (tests/conformance/scenarios/NAME.c, each the twin of NAME.js). A twin
 * prints the same labels as its script, one per line, with say(); the
 * runner (run.py) compares the two outputs. lib.js is the scripts' side of
 * the same helpers. */
#ifndef CONF_H
#define CONF_H

#include <stddef.h>

#include "tickloop.h"

/* Prints one label line (printf format) and flushes it at once, so that the
 * order on stdout is the order of the calls. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A tick, microtask, timer or immediate callback that says its `arg`. */
void say_cb(tl_loop *loop, void *arg);

/* Holds the thread for `ms` milliseconds (synchronous work, like the
 * scripts' busy loop). */
void busy(unsigned ms);

/* $CONF_DIR/name: the fixtures the runner made (small.txt, big.bin,
 * empty.txt, sub/). The string stays valid for the next 7 calls. */
const char *conf_path(const char *name);

/* A new loop; exits with status 2 when none can be made. */
tl_loop *conf_loop(void);

/* Runs the loop to its end, says "exit" (the scripts' process 'exit'
 * event) and closes it. Returns the exit status: 0, or 1 when the loop
 * could not be closed (something left open). */
int conf_finish(tl_loop *loop);

/* A blocking HTTP GET of 127.0.0.1:port/path on a worker-pool thread (the
 * scripts use node's http client); on the loop it then says
 * "response STATUS BODY" and calls `then(loop, arg)` (may be NULL).
 * Returns 0 or a negative errno. */
int conf_http_get(tl_loop *loop, int port, const char *path, tl_timer_cb then, void *arg);

/* "ENOENT", "EISDIR", ... for a negative errno, "ok" for 0 or more (the
 * scripts print err.code). */
const char *conf_err(long err);
/* The read-file and stat scenarios' callbacks: "readFile NAME: N bytes" (or
 * the error) and "stat NAME: ok" (or the error), NAME being the argument. */
void conf_on_read(tl_loop *loop, int status, const char *data, size_t len, void *name);
void conf_on_stat(tl_loop *loop, int status, const struct stat *st, void *name);

#endif
