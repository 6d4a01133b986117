/* cpu_loop_ok: what cpu-loop does not report: a constant exponent (1 << 4,
 * 1 << an enum constant), a linear loop (`i < n`), a counter that doubles
 * towards 1 << n (n rounds, not 2^n), and the exponential key-stretching
 * loop itself when only uv_queue_work's work callback (a worker root)
 * reaches it. */
#include <stdint.h>
#include <string.h>
#include <uv.h>

enum { TABLE_BITS = 10 };

static uint32_t state[8];
static int n_items;

static void mix(const char *pw) {
  for (size_t k = 0; k < 8; k++) state[k] = state[k] * 31u + (uint32_t)pw[k % strlen(pw)];
}

static void stretch_key(const char *pw, unsigned cost) {
  for (uint32_t i = 0; i < (1u << cost); i++) // no-warning: only a worker reaches it
    mix(pw);
}

static void hash_on_pool(uv_work_t *req) {
  stretch_key(req->data, 14);
}

static void hashed(uv_work_t *req, int status) {
  (void)req;
  (void)status;
}

static void on_tick(uv_timer_t *t) {
  (void)t;
  for (int i = 0; i < (1 << 4); i++) // no-warning: 16 rounds
    mix("x");
  for (int i = 0; i < (1 << TABLE_BITS); i++) // no-warning: a constant
    state[i % 8] = 0;
  for (int i = 0; i < n_items; i++) // no-warning: linear
    mix("y");
  for (int i = 1; i < (1 << n_items); i <<= 1) // no-warning: n_items rounds
    mix("z");
}

static uv_work_t req;

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 0, 1000);
  req.data = "hunter2";
  uv_queue_work(loop, &req, hash_on_pool, hashed);
  return uv_run(loop, UV_RUN_DEFAULT);
}
