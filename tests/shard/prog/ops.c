/* ops.c: a callback stored in a struct field, called through it in main.c. */
#include <unistd.h>

#include "app.h"

static void on_file_event(int fd) {
  char buf[64];
  (void)read(fd, buf, sizeof buf);
}

const struct handler_ops file_ops = {.on_event = on_file_event};
