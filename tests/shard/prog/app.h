/* app.h: the small multi-TU program of the shard test. Its loop callbacks,
 * the functions they reach and the blocking calls sit in different TUs, so
 * the findings exist only when every shard's facts are in the graph. */
#ifndef APP_H
#define APP_H

#include <tickloop.h>
#include <uv.h>

struct handler_ops {
  void (*on_event)(int fd);
};

extern const struct handler_ops file_ops;

void start_periodic(uv_loop_t *loop, uv_timer_t *t, uv_timer_cb cb);
void storage_save(const char *path);
void log_line(const char *msg);
void pump(tl_loop *loop, void *arg);

#endif
