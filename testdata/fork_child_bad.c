/* fork_child_bad: fork on the loop thread copies the page tables (a cost
 * that grows with memory); what the child does runs in another process and
 * is not reported: the branch where fork's value is 0, directly, through a
 * variable, through a wrapper that returns fork's value, or in the `case 0`
 * of a switch on it (tmux's job_run). The parent's side is the loop's. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>
#include <uv.h>

static pid_t spawn_child(void) {
  pid_t pid = fork(); // expected-warning {{sync-process}}
  if (pid < 0) return -1; /* an error constant: still fork's value when 0 */
  return pid;
}

static void write_snapshot(const char *path) {
  FILE *f = fopen(path, "w"); // no-warning: only the child calls this
  if (f) fclose(f); // no-warning
}

static void on_timer(uv_timer_t *t) {
  (void)t;
  pid_t pid;
  if ((pid = fork()) == 0) { // expected-warning {{sync-process}}
    write_snapshot("dump.rdb");
    _exit(0);
  } else if (pid > 0) {
    FILE *log = fopen("parent.log", "a"); // expected-warning {{sync-fs}}
    if (log) fclose(log); // expected-warning {{sync-fs}}
  }
  pid_t child = spawn_child();
  if (!child) {
    sleep(1); // no-warning: in the child
    exit(0);
  }
  if (fork() == 0) execlp("gzip", "gzip", "dump.rdb", (char *)NULL); // expected-warning {{sync-process}}
  switch (pid = fork()) { // expected-warning {{sync-process}}
  case -1:
    return;
  case 0:
    write_snapshot("job.out");
    sleep(1); // no-warning: in the child
    _exit(0);
  default:
    sleep(1); // expected-warning {{sleep}}
    break;
  }
}

int main(void) {
  static uv_timer_t timer;
  uv_timer_init(uv_default_loop(), &timer);
  uv_timer_start(&timer, on_timer, 1000, 1000);
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
