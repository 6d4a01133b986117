/* cpu_loop_bad: loops whose trip count is exponential in a variable, on the
 * loop thread (cpu-loop): the key-stretching loop of a hand-written
 * bcrypt-like hash (`i < (1u << cost)`) reached from a libuv timer, a
 * `rounds = 1 << log_rounds; while (rounds--)` countdown reached from a
 * tickloop timer, and a pow(2, n) bound. The finding is at the loop, with
 * the path from the root to its function. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <tickloop.h>
#include <uv.h>

struct hash_ctx {
  uint32_t state[8];
  unsigned log_rounds;
};

static void mix(uint32_t *state, const char *pw) {
  for (size_t k = 0; k < 8; k++) state[k] = state[k] * 31u + (uint32_t)pw[k % strlen(pw)];
}

/* Key stretching: 2^cost rounds of the mixing function. */
static void stretch_key(uint32_t *state, const char *pw, unsigned cost) {
  for (uint32_t i = 0; i < (1u << cost); i++) // expected-warning {{cpu-loop}}
    mix(state, pw);
}

static void hash_password(const char *pw, unsigned cost, uint32_t *out) {
  memset(out, 0, 8 * sizeof *out);
  stretch_key(out, pw, cost); // expected-note {{called here from 'hash_password'}}
}

static void on_register(uv_timer_t *t) {
  uint32_t out[8];
  hash_password("hunter2", (unsigned)(uintptr_t)t->data, out); // expected-note {{called here from 'on_register'}}
}

/* The same work counted down from a variable computed once. */
static void expensive_blowfish_setup(struct hash_ctx *ctx, const char *pw) {
  uint64_t rounds = 1ULL << ctx->log_rounds;
  while (rounds--) // expected-warning {{cpu-loop}}
    mix(ctx->state, pw);
}

static void on_login(tl_loop *loop, void *arg) {
  (void)loop;
  expensive_blowfish_setup(arg, "hunter2"); // expected-note {{called here from 'on_login'}}
}

/* Every subset of n items: pow(2, n) of them. */
static double best_subset(const double *w, int n) {
  double best = 0;
  for (double m = 0; m < pow(2, n); m++) { // expected-warning {{cpu-loop}}
    double sum = 0;
    for (int k = 0; k < n; k++)
      if (((long)m >> k) & 1) sum += w[k];
    if (sum > best) best = sum;
  }
  return best;
}

static double weights[24];
static int nweights;

static void on_tick(uv_timer_t *t) {
  (void)t;
  weights[0] = best_subset(weights, nweights); // expected-note {{called here from 'on_tick'}}
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t, u;
  static struct hash_ctx ctx = {{0}, 12};
  uv_timer_init(loop, &t);
  uv_timer_init(loop, &u);
  t.data = (void *)(uintptr_t)14;
  uv_timer_start(&t, on_register, 0, 0); // expected-note {{registered here as a loop callback}}
  uv_timer_start(&u, on_tick, 0, 1000);  // expected-note {{registered here as a loop callback}}
  tl_loop *tl;
  if (tl_loop_new(&tl) != 0) return 1;
  tl_set_timeout(tl, on_login, &ctx, 10, NULL); // expected-note {{registered here as a loop callback}}
  tl_run(tl);
  tl_loop_close(tl);
  return uv_run(loop, UV_RUN_DEFAULT);
}
