/* watchdog.c: a thread that watches the loop thread and names the callback
 * that holds it. The loop thread only records, under a mutex, which
 * callback it entered and when (a stack: scopes nest); the watchdog thread
 * does the rest, including the symbol lookup and the printing, so that
 * watching costs the loop two clock reads and two uncontended locks per
 * callback and no I/O.
 *
 * Two reports per offending callback: one from the watchdog thread while it
 * still runs (it may never return), one when it returned, with the time it
 * held the loop. When nested callbacks both overran (an HTTP handler inside
 * a TCP read callback), only the innermost is reported.
 *
 * Invariants: `depth` counts enters minus leaves since the watchdog started
 * (a leave at depth 0 is ignored, so starting or stopping inside a callback
 * is safe); frames beyond MAX_FRAMES are counted but not recorded. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#define MAX_FRAMES 16
#define MAX_DONE 32          /* final reports waiting for the thread */
#define MAX_PERIOD_MS 50     /* the thread checks at least this often */

typedef struct frame {
  const void *fn;
  const char *kind;
  uint64_t start_ns;
  int live_reported;   /* the "still running" report was made */
  int child_reported;  /* a nested callback was reported: skip this one */
} frame;

typedef struct done_report {
  const void *fn;
  const char *kind;
  uint64_t ns;
} done_report;

struct tl__watchdog {
  pthread_mutex_t mu;
  pthread_cond_t cond;
  pthread_t thread;
  int thread_running; /* loop thread only */
  int active;         /* loop thread only: enter/leave record frames */
  int stop;
  unsigned threshold_ms;
  frame frames[MAX_FRAMES];
  unsigned depth;
  done_report done[MAX_DONE];
  unsigned ndone;
  unsigned long dropped; /* final reports lost because `done` was full */
  tl_block_report_cb reporter;
  void *reporter_arg;
};

int tl__wd_active(const struct tl__watchdog *wd) { return wd && wd->active; }

void tl__wd_enter(struct tl__watchdog *wd, const void *fn, const char *kind) {
  uint64_t now = tl_hrtime();
  pthread_mutex_lock(&wd->mu);
  if (wd->depth < MAX_FRAMES) wd->frames[wd->depth] = (frame){fn, kind, now, 0, 0};
  wd->depth++;
  pthread_mutex_unlock(&wd->mu);
}

void tl__wd_leave(struct tl__watchdog *wd) {
  uint64_t now = tl_hrtime();
  pthread_mutex_lock(&wd->mu);
  if (wd->depth == 0) goto out;
  wd->depth--;
  if (wd->depth >= MAX_FRAMES) goto out;
  frame *f = &wd->frames[wd->depth];
  uint64_t ns = now - f->start_ns;
  int reported = f->child_reported;
  if (!reported && ns >= (uint64_t)wd->threshold_ms * 1000000u) {
    if (wd->ndone < MAX_DONE)
      wd->done[wd->ndone++] = (done_report){f->fn, f->kind, ns};
    else
      wd->dropped++;
    reported = 1;
    pthread_cond_signal(&wd->cond);
  }
  if (reported && wd->depth > 0) wd->frames[wd->depth - 1].child_reported = 1;
out:
  pthread_mutex_unlock(&wd->mu);
}

static void default_reporter(const tl_block_report *r, void *arg) {
  (void)arg;
  if (r->still_running)
    fprintf(stderr, "tickloop: callback '%s' (%s) has held the loop for %.0f ms and is still running\n",
            r->name, r->kind, r->elapsed_ms);
  else
    fprintf(stderr, "tickloop: callback '%s' (%s) held the loop for %.0f ms\n", r->name, r->kind,
            r->elapsed_ms);
}

/* Called with wd->mu held; drops it around the reporter. */
static void report(struct tl__watchdog *wd, const void *fn, const char *kind, uint64_t ns,
                   int still_running) {
  tl_block_report_cb cb = wd->reporter ? wd->reporter : default_reporter;
  void *arg = wd->reporter ? wd->reporter_arg : NULL;
  pthread_mutex_unlock(&wd->mu);
  char name[256];
  tl__symbol_name(fn, name, sizeof name);
  tl_block_report r = {fn, name, kind, (double)ns / 1e6, still_running};
  cb(&r, arg);
  pthread_mutex_lock(&wd->mu);
}

static void flush_done(struct tl__watchdog *wd) {
  while (wd->ndone > 0) {
    done_report d = wd->done[0];
    memmove(&wd->done[0], &wd->done[1], (wd->ndone - 1) * sizeof d);
    wd->ndone--;
    report(wd, d.fn, d.kind, d.ns, 0);
  }
  if (wd->dropped) {
    fprintf(stderr, "tickloop: watchdog: %lu reports dropped\n", wd->dropped);
    wd->dropped = 0;
  }
}

static void *watch(void *arg) {
  struct tl__watchdog *wd = arg;
  unsigned period_ms = wd->threshold_ms / 4;
  if (period_ms < 1) period_ms = 1;
  if (period_ms > MAX_PERIOD_MS) period_ms = MAX_PERIOD_MS;
  pthread_mutex_lock(&wd->mu);
  while (!wd->stop) {
    flush_done(wd);
    if (wd->stop) break;
    if (wd->depth > 0 && wd->depth <= MAX_FRAMES) {
      frame *top = &wd->frames[wd->depth - 1];
      uint64_t ns = tl_hrtime() - top->start_ns;
      if (!top->live_reported && ns >= (uint64_t)wd->threshold_ms * 1000000u) {
        top->live_reported = 1;
        report(wd, top->fn, top->kind, ns, 1);
        continue;
      }
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)period_ms * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&wd->cond, &wd->mu, &until);
  }
  flush_done(wd); /* nothing reported is lost at stop */
  pthread_mutex_unlock(&wd->mu);
  return NULL;
}

static int ensure(tl_loop *loop) {
  if (loop->wd) return 0;
  struct tl__watchdog *wd = calloc(1, sizeof *wd);
  if (!wd) return -ENOMEM;
  int r = pthread_mutex_init(&wd->mu, NULL);
  if (r != 0) {
    free(wd);
    return -r;
  }
  if ((r = pthread_cond_init(&wd->cond, NULL)) != 0) {
    pthread_mutex_destroy(&wd->mu);
    free(wd);
    return -r;
  }
  loop->wd = wd;
  return 0;
}

int tl_watchdog_start(tl_loop *loop, unsigned threshold_ms) {
  if (threshold_ms == 0) return -EINVAL;
  int r = ensure(loop);
  if (r != 0) return r;
  struct tl__watchdog *wd = loop->wd;
  if (wd->thread_running) tl_watchdog_stop(loop);
  wd->threshold_ms = threshold_ms;
  wd->stop = 0;
  wd->depth = 0;
  wd->ndone = 0;
  if ((r = pthread_create(&wd->thread, NULL, watch, wd)) != 0) return -r;
  wd->thread_running = 1;
  wd->active = 1;
  return 0;
}

int tl_watchdog_stop(tl_loop *loop) {
  struct tl__watchdog *wd = loop->wd;
  if (!wd || !wd->thread_running) return 0;
  wd->active = 0;
  pthread_mutex_lock(&wd->mu);
  wd->stop = 1;
  pthread_cond_signal(&wd->cond);
  pthread_mutex_unlock(&wd->mu);
  pthread_join(wd->thread, NULL);
  wd->thread_running = 0;
  return 0;
}

void tl_watchdog_set_reporter(tl_loop *loop, tl_block_report_cb cb, void *arg) {
  if (ensure(loop) != 0) return;
  pthread_mutex_lock(&loop->wd->mu);
  loop->wd->reporter = cb;
  loop->wd->reporter_arg = arg;
  pthread_mutex_unlock(&loop->wd->mu);
}

void tl__wd_free(tl_loop *loop) {
  if (!loop->wd) return;
  tl_watchdog_stop(loop);
  pthread_cond_destroy(&loop->wd->cond);
  pthread_mutex_destroy(&loop->wd->mu);
  free(loop->wd);
  loop->wd = NULL;
}
