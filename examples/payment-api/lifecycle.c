/* lifecycle.c: file descriptor limit and signal-driven shutdown for
 * payment-api.
 *
 * A signal handler may call only async-signal-safe functions, and none of
 * tickloop's is: the handler sends the signal's number over a socketpair
 * whose other end the loop reads as a tl_tcp, and the read callback closes
 * the server on the loop thread. That handle is unreferenced, so it never
 * keeps the loop alive on its own: once the server and its connections are
 * closed and the pool's work has called back, tl_run returns.
 *
 * Invariant: the write end stays open from stop_on_signals until
 * signals_restore has put the default actions back, so the handler never
 * writes to a closed (or reused) descriptor. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lifecycle.h"

static const int signals[] = {SIGTERM, SIGINT};
static int write_fd = -1;
static tl_tcp signal_tcp;
static tl_http_server *watched;
static int stop_signal; /* loop thread only */

long raise_nofile_limit(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return -1;
  if (rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0 && getrlimit(RLIMIT_NOFILE, &rl) != 0) return -1;
  }
  return rl.rlim_cur == RLIM_INFINITY ? (long)1 << 30 : (long)rl.rlim_cur;
}

static void on_signal(int signo) {
  int saved = errno;
  unsigned char b = (unsigned char)signo;
  /* Non-blocking, and no SIGPIPE when the loop already closed its end. */
  ssize_t n = send(write_fd, &b, 1, MSG_DONTWAIT | MSG_NOSIGNAL);
  (void)n;
  errno = saved;
}

static void set_actions(void (*handler)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &sa, NULL);
}

/* Runs on the loop: a signal arrived (or the read end failed). A second
 * signal gets the default action, so a shutdown that hangs can still be
 * interrupted. */
void on_signal_readable(tl_tcp *tcp, ssize_t nread, const char *buf) {
  if (nread > 0) stop_signal = (unsigned char)buf[0];
  set_actions(SIG_DFL);
  if (!tl_is_closing(&watched->handle)) {
    fprintf(stderr, "payment-api: %s, closing the server and its connections\n",
            stop_signal ? strsignal(stop_signal) : "signal socket closed");
    tl_close(&watched->handle, NULL);
  }
  tl_close(&tcp->handle, NULL);
}

int stop_on_signals(tl_loop *loop, tl_http_server *server) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return -errno;
  tl_tcp_init(loop, &signal_tcp);
  int r = tl_tcp_open(&signal_tcp, sv[0]);
  if (r != 0) close(sv[0]); /* else the handle owns it */
  if (r == 0) r = tl_tcp_read_start(&signal_tcp, on_signal_readable);
  if (r != 0) {
    tl_close(&signal_tcp.handle, NULL);
    close(sv[1]);
    return r;
  }
  tl_unref(&signal_tcp.handle);
  watched = server;
  write_fd = sv[1];
  set_actions(on_signal);
  return 0;
}

void signals_restore(void) {
  set_actions(SIG_DFL);
  if (write_fd >= 0) close(write_fd);
  write_fd = -1;
}

int stopped_by_signal(void) { return stop_signal; }
