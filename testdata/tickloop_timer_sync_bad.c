/* tickloop_timer_sync_bad: tickloop's header annotates every callback
 * parameter and every _sync function, so no rule pack is needed: a timer
 * callback that reads a file with tl_fs_read_file_sync is reported, with the
 * path back to tl_set_timeout. */
#include <stdlib.h>
#include <tickloop.h>

static void reload_config(void) {
  char *data = NULL;
  size_t len = 0;
  if (tl_fs_read_file_sync("/etc/app.conf", &data, &len) == 0) // expected-warning {{sync-fs}}
    free(data);
}

static void on_timer(tl_loop *loop, void *arg) {
  (void)loop;
  (void)arg;
  reload_config(); // expected-note {{called here from 'on_timer'}}
}

int main(void) {
  tl_loop *loop;
  if (tl_loop_new(&loop) != 0) return 1;
  tl_set_interval(loop, on_timer, NULL, 5000, NULL); // expected-note {{registered here as a loop callback}}
  tl_run(loop);
  return tl_loop_close(loop);
}
