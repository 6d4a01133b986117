/* uv_queue_work_ok: everything that blocks runs in uv_queue_work's work_cb
 * (a worker root): file reads, a sleep, PBKDF2. after_work_cb only stores the
 * result. Nothing is reported. */
#include <openssl/evp.h>
#include <stdio.h>
#include <unistd.h>
#include <uv.h>

struct job {
  uv_work_t req;
  char line[128];
  unsigned char key[32];
  int done;
};

static void read_and_derive(uv_work_t *req) {
  struct job *j = req->data;
  FILE *f = fopen("/etc/app/secret", "r");            // no-warning
  if (f && fgets(j->line, sizeof j->line, f) == NULL) // no-warning
    j->line[0] = '\0';
  sleep(1);                                           // no-warning
  PKCS5_PBKDF2_HMAC(j->line, 8, (const unsigned char *)"s", 1, 100000, EVP_sha256(), 32, j->key); // no-warning
}

static void finished(uv_work_t *req, int status) {
  struct job *j = req->data;
  j->done = status == 0;
}

static struct job job;

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  job.req.data = &job;
  uv_queue_work(loop, &job.req, read_and_derive, finished);
  return uv_run(loop, UV_RUN_DEFAULT);
}
