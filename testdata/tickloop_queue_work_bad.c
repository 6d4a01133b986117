/* tickloop_queue_work_bad: tl_queue_work's work function runs on the pool,
 * where tl_pbkdf2_sync is fine; its after_work runs on the loop, where a
 * synchronous write is not. */
#include <tickloop.h>

typedef struct job {
  unsigned char key[32];
} job;

static void derive(void *data) {
  job *j = data;
  tl_pbkdf2_sync("pw", 2, "salt", 4, 600000, sizeof j->key, "sha256", j->key);
}

static void done(tl_loop *loop, int status, void *data) {
  (void)loop;
  (void)status;
  job *j = data;
  tl_fs_write_file_sync("/var/lib/app/key", j->key, sizeof j->key); // expected-warning {{sync-fs}}
}

int main(void) {
  tl_loop *loop;
  static job j;
  if (tl_loop_new(&loop) != 0) return 1;
  tl_queue_work(loop, derive, done, &j);
  tl_run(loop);
  return tl_loop_close(loop);
}
