/* sync_process_bad: system, popen and a waitpid without WNOHANG in a loop
 * callback: sync-process. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <uv.h>

static void on_child_exit_poll(uv_timer_t *t) {
  int status;
  pid_t pid = (pid_t)(long)t->data;
  waitpid(pid, &status, 0); // expected-warning {{sync-process}}
}

static void on_deploy(uv_timer_t *t) {
  (void)t;
  int rc = system("git pull"); // expected-warning {{sync-process}}
  FILE *p = popen("make", "r"); // expected-warning {{sync-process}}
  (void)rc;
  (void)p;
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t a, b;
  uv_timer_init(loop, &a);
  uv_timer_init(loop, &b);
  uv_timer_start(&a, on_child_exit_poll, 100, 100); // expected-note {{registered here as a loop callback}}
  uv_timer_start(&b, on_deploy, 1000, 0);           // expected-note {{registered here as a loop callback}}
  return uv_run(loop, UV_RUN_DEFAULT);
}
