/* annot_worker_param_ok: a user API whose callback parameter is declared
 * LAGSCAN_WORKER_CALLBACK runs its functions off the loop: blocking there is
 * fine. */
#include <lagscan.h>
#include <stdio.h>
#include <unistd.h>

typedef void (*job_fn)(void *arg);

void pool_submit(job_fn fn LAGSCAN_WORKER_CALLBACK, void *arg);
void pool_wait_all(void);

static char buf[4096];

static void load_blob(void *arg) {
  FILE *f = fopen(arg, "rb");               // no-warning
  if (f) fread(buf, 1, sizeof buf, f);      // no-warning
  sleep(1);                                 // no-warning
}

int main(void) {
  pool_submit(load_blob, "/var/lib/app/blob");
  pool_wait_all();
  return 0;
}
