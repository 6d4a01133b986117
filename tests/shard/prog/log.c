/* log.c: a sleep behind a static helper named like storage.c's. */
#include <unistd.h>

#include "app.h"

static void helper(const char *msg) {
  (void)msg;
  usleep(1000);
}

void log_line(const char *msg) { helper(msg); }
