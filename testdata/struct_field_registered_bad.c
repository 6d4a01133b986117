/* struct_field_registered_bad: a callback stored in a struct field and
 * registered later from that field (ctx->on_tick) is a loop root; the
 * registration note is where its address entered the program (the
 * assignment). */
#include <unistd.h>
#include <uv.h>

struct ctx {
  uv_timer_t timer;
  uv_timer_cb on_tick;
};

static void rotate_logs(uv_timer_t *t) {
  (void)t;
  unlink("/var/log/app.log.9"); // expected-warning {{sync-fs}}
}

static void arm(struct ctx *ctx) {
  uv_timer_start(&ctx->timer, ctx->on_tick, 0, 0);
}

static void configure(struct ctx *ctx) {
  ctx->on_tick = rotate_logs; // expected-note {{registered here as a loop callback}}
}

int main(void) {
  static struct ctx ctx;
  uv_loop_t *loop = uv_default_loop();
  uv_timer_init(loop, &ctx.timer);
  configure(&ctx);
  arm(&ctx);
  return uv_run(loop, UV_RUN_DEFAULT);
}
