/* graphviz.c: renders a DOT graph to SVG with Graphviz's `dot`, for the
 * HTML report.
 *
 * dot runs as a child process, without a shell: its standard input is an
 * unlinked temporary file holding the graph (so no pipe can fill up in both
 * directions and nothing is left on disk), its standard output a pipe that
 * we read until end of file, its standard error /dev/null. A child that runs
 * longer than DOT_TIMEOUT_S is killed. A third pipe, closed on exec, carries
 * the errno of a failed exec back, so "dot is not installed" is told apart
 * from "dot failed".
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rutil.h"
#include "writers.h"

#define DOT_TIMEOUT_S 60          /* a picture is not worth a hung scan */
#define DOT_MAX_OUTPUT (64u << 20) /* larger output is not inlined */

static int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Keeps the <svg ...>...</svg> element of dot's output. */
static char *svg_element(const char *out) {
  const char *start = strstr(out, "<svg");
  if (!start) return NULL;
  const char *end = NULL;
  for (const char *p = strstr(start, "</svg>"); p; p = strstr(p + 1, "</svg>")) end = p;
  if (!end) return NULL;
  size_t n = (size_t)(end + 6 - start);
  char *s = ls_xmalloc(n + 1);
  memcpy(s, start, n);
  s[n] = '\0';
  return s;
}

int lsr_dot_to_svg(const char *dot_src, size_t len, char **svg, char **why) {
  const char *prog = getenv("LAGSCAN_DOT");
  if (!prog || !*prog) prog = "dot";
  *svg = NULL;
  *why = NULL;

  FILE *in = tmpfile();
  if (!in) {
    *why = ls_xasprintf("cannot create a temporary file for 'dot': %s", strerror(errno));
    return -1;
  }
  if (write_all(fileno(in), dot_src, len) != 0 || lseek(fileno(in), 0, SEEK_SET) != 0) {
    *why = ls_xasprintf("cannot write a temporary file for 'dot': %s", strerror(errno));
    fclose(in);
    return -1;
  }
  int outp[2], errp[2];
  if (pipe2(outp, O_CLOEXEC) != 0) {
    *why = ls_xasprintf("cannot run '%s': %s", prog, strerror(errno));
    fclose(in);
    return -1;
  }
  if (pipe2(errp, O_CLOEXEC) != 0) {
    *why = ls_xasprintf("cannot run '%s': %s", prog, strerror(errno));
    close(outp[0]);
    close(outp[1]);
    fclose(in);
    return -1;
  }
  pid_t pid = fork();
  if (pid < 0) {
    *why = ls_xasprintf("cannot run '%s': %s", prog, strerror(errno));
    close(outp[0]);
    close(outp[1]);
    close(errp[0]);
    close(errp[1]);
    fclose(in);
    return -1;
  }
  if (pid == 0) {
    /* The child: only async-signal-safe calls until exec. */
    int devnull = open("/dev/null", O_WRONLY);
    if (dup2(fileno(in), 0) < 0 || dup2(outp[1], 1) < 0 || (devnull >= 0 && dup2(devnull, 2) < 0))
      _exit(127);
    char *const argv[] = {(char *)prog, (char *)"-Tsvg", NULL};
    execvp(prog, argv);
    int e = errno;
    ssize_t ignored = write(errp[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  close(outp[1]);
  close(errp[1]);
  fclose(in);

  ls_buf out = {0};
  int timed_out = 0, too_big = 0, read_error = 0;
  double deadline = now() + DOT_TIMEOUT_S;
  for (;;) {
    double left = deadline - now();
    if (left <= 0) {
      timed_out = 1;
      break;
    }
    struct pollfd pfd = {outp[0], POLLIN, 0};
    int pr = poll(&pfd, 1, (int)(left * 1000) + 1);
    if (pr < 0 && errno == EINTR) continue;
    if (pr < 0) {
      read_error = errno;
      break;
    }
    if (pr == 0) continue;
    char chunk[65536];
    ssize_t n = read(outp[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      read_error = errno;
      break;
    }
    if (n == 0) break;
    if (out.len + (size_t)n > DOT_MAX_OUTPUT) {
      too_big = 1;
      break;
    }
    ls_buf_add(&out, chunk, (size_t)n);
  }
  close(outp[0]);
  if (timed_out || too_big || read_error) kill(pid, SIGKILL);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  int exec_errno = 0;
  ssize_t got;
  do {
    got = read(errp[0], &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  close(errp[0]);

  int rc = -1;
  if (got == (ssize_t)sizeof exec_errno)
    *why = ls_xasprintf("cannot run '%s': %s", prog, strerror(exec_errno));
  else if (timed_out)
    *why = ls_xasprintf("'%s' took longer than %d s", prog, DOT_TIMEOUT_S);
  else if (too_big)
    *why = ls_xasprintf("'%s' wrote more than %u MiB", prog, DOT_MAX_OUTPUT >> 20);
  else if (read_error)
    *why = ls_xasprintf("cannot read from '%s': %s", prog, strerror(read_error));
  else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
    *why = WIFEXITED(st) ? ls_xasprintf("'%s' failed (exit status %d)", prog, WEXITSTATUS(st))
                         : ls_xasprintf("'%s' was killed by signal %d", prog, WTERMSIG(st));
  else if (!(*svg = svg_element(ls_buf_str(&out))))
    *why = ls_xasprintf("'%s' wrote no SVG", prog);
  else
    rc = 0;
  ls_buf_free(&out);
  return rc;
}
