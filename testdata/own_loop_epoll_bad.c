/* own_loop_epoll_bad: a server on its own epoll loop, shaped like Redis's
 * ae.c, with no rule pack: poll_api wraps epoll_wait, process_events waits
 * through it and then calls the handlers stored in per-descriptor and
 * per-timer structures, and run_loop calls process_events in a loop. The
 * fields called there are loop slots, so create_file_event registers loop
 * callbacks; main's set-up before the loop is not loop code. */
#include <stdio.h>
#include <sys/epoll.h>
#include <unistd.h>

typedef struct event_loop event_loop;
typedef void file_proc(event_loop *el, int fd, void *data);
typedef int time_proc(event_loop *el, long long id, void *data);

typedef struct file_event {
  int mask;
  file_proc *rproc;
  void *data;
} file_event;

typedef struct time_event {
  long long id;
  time_proc *proc;
  void *data;
  struct time_event *next;
} time_event;

struct event_loop {
  int epfd, stop;
  file_event events[1024];
  time_event *timers;
  struct epoll_event fired[64];
  void (*before_sleep)(event_loop *el);
};

static event_loop loop;

int create_file_event(event_loop *el, int fd, file_proc *proc, void *data) {
  el->events[fd].rproc = proc;
  el->events[fd].data = data;
  return 0;
}

static time_event first_timer;

long long create_time_event(event_loop *el, time_proc *proc, void *data) {
  first_timer.proc = proc;
  first_timer.data = data;
  el->timers = &first_timer;
  return 1;
}

static int poll_api(event_loop *el, int timeout) {
  return epoll_wait(el->epfd, el->fired, 64, timeout);
}

static void process_time_events(event_loop *el) {
  for (time_event *te = el->timers; te; te = te->next) te->proc(el, te->id, te->data); // expected-note {{function 'server_cron' called here from 'process_time_events'}}
}

static int process_events(event_loop *el) {
  int n = poll_api(el, 100); // expected-note {{'process_events' is an event loop found in the code: it waits here (epoll_wait, through 'poll_api')}} {{'process_events' (an event loop waiting here in epoll_wait, through 'poll_api') also reaches this call}}
  for (int i = 0; i < n; i++) {
    file_event *fe = &el->events[el->fired[i].data.fd];
    fe->rproc(el, el->fired[i].data.fd, fe->data);
  }
  process_time_events(el); // expected-note {{function 'process_time_events' called here from 'process_events'}}
  return n;
}

static void run_loop(event_loop *el) {
  while (!el->stop) {
    if (el->before_sleep) el->before_sleep(el);
    process_events(el); // expected-note {{'run_loop' (an event loop waiting here in epoll_wait, through 'process_events') also reaches this call}}
  }
}

static FILE *aof;

static void read_query(event_loop *el, int fd, void *data) {
  (void)el;
  (void)data;
  char buf[512];
  (void)fd;
  fflush(aof);
  fsync(fileno(aof)); // expected-warning {{sync-fs}}
  (void)buf;
}

static int server_cron(event_loop *el, long long id, void *data) {
  (void)el;
  (void)id;
  (void)data;
  usleep(1000); // expected-warning {{sleep}}
  return 100;
}

static void before_sleep(event_loop *el) {
  (void)el;
  fdatasync(fileno(aof)); // expected-warning {{sync-fs}}
}

int main(void) {
  aof = fopen("appendonly.aof", "a"); // no-warning: set-up before the loop
  loop.epfd = epoll_create1(0);
  create_file_event(&loop, 0, read_query, NULL); // expected-note {{registered here as a loop callback (file_event.rproc, through 'create_file_event')}}
  create_time_event(&loop, server_cron, NULL);
  loop.before_sleep = before_sleep; // expected-note {{'before_sleep' registered here as a loop callback (event_loop.before_sleep)}}
  run_loop(&loop);
  fclose(aof);
  unlink("server.pid"); // no-warning: after the loop
  return 0;
}
