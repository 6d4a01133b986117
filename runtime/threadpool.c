/* threadpool.c: the worker pool shared by all loops. tl_queue_work, the
 * asynchronous file functions and tl_pbkdf2 run their blocking part here;
 * the finished item goes to its loop's `done` queue and the loop is woken
 * through its eventfd, so the completion callback runs on the loop in the
 * poll phase.
 *
 * The size comes from TL_THREADPOOL_SIZE, read once (pthread_once) and fixed
 * from then on, like UV_THREADPOOL_SIZE; threads start at the first queued
 * work and are joined when the program exits.
 *
 * Invariants: a pool thread holds the pool mutex or a loop's done_mutex, never
 * both, so pool threads and loops cannot deadlock; a pool thread touches a
 * loop only inside that loop's done_mutex (see finish). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define DEFAULT_SIZE 4
#define MAX_SIZE 1024

static pthread_once_t size_once = PTHREAD_ONCE_INIT;
static unsigned pool_size;

static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cond = PTHREAD_COND_INITIALIZER;
static tl_queue pool_queue = {&pool_queue, &pool_queue}; /* tl__work.node, oldest first */
static pthread_t *threads;
static unsigned nthreads;  /* threads started */
static int started;        /* start was attempted */
static int stopping;       /* the program is exiting */

unsigned tl__threadpool_parse_size(const char *value) {
  if (!value || !*value) return DEFAULT_SIZE;
  char *end;
  errno = 0;
  long n = strtol(value, &end, 10);
  if (errno != 0 || *end != '\0') return DEFAULT_SIZE;
  if (n < 1) return 1;
  if (n > MAX_SIZE) return MAX_SIZE;
  return (unsigned)n;
}

static void read_size(void) { pool_size = tl__threadpool_parse_size(getenv("TL_THREADPOOL_SIZE")); }

unsigned tl_threadpool_size(void) {
  pthread_once(&size_once, read_size);
  return pool_size;
}

/* Hands a finished item to its loop and wakes the loop.
 *
 * The eventfd is written while done_mutex is held, and that is what makes
 * tl_loop_close safe: the loop can only run (and free) `w` after taking it
 * from `done` under the same mutex, so every pool thread has finished
 * touching the loop (its eventfd included) before the last completion
 * callback runs and the loop may be closed. Writing after the unlock let a
 * pool thread write to a closed (or reused) descriptor of a freed loop when
 * the loop had been woken by another item's write (ThreadSanitizer found it:
 * many short loops, each with a few work items). */
static void finish(tl__work *w) {
  tl_loop *loop = w->loop;
  uint64_t one = 1;
  pthread_mutex_lock(&loop->done_mutex);
  tl__queue_insert_tail(&loop->done, &w->node);
  /* A full eventfd counter (EAGAIN) still wakes the loop. */
  while (write(loop->wakefd, &one, sizeof one) < 0 && errno == EINTR) {
  }
  pthread_mutex_unlock(&loop->done_mutex);
}

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&pool_mutex);
  for (;;) {
    while (tl__queue_empty(&pool_queue) && !stopping) pthread_cond_wait(&pool_cond, &pool_mutex);
    if (tl__queue_empty(&pool_queue)) break; /* stopping, nothing left */
    tl__work *w = tl__container_of(tl__queue_head(&pool_queue), tl__work, node);
    tl__queue_remove(&w->node);
    pthread_mutex_unlock(&pool_mutex);
    w->work(w);
    finish(w);
    pthread_mutex_lock(&pool_mutex);
  }
  pthread_mutex_unlock(&pool_mutex);
  return NULL;
}

/* Called with pool_mutex held. */
static void start_threads(void) {
  started = 1;
  unsigned n = tl_threadpool_size();
  threads = calloc(n, sizeof *threads);
  if (!threads) return;
  for (unsigned i = 0; i < n; i++) {
    if (pthread_create(&threads[i], NULL, worker, NULL) != 0) break;
    nthreads++;
  }
}

/* Joins the pool at exit so that no thread outlives the program's data
 * (and memory checkers see no leaked thread). Skipped when exit() is called
 * by a pool thread itself. */
__attribute__((destructor)) static void stop_threads(void) {
  pthread_mutex_lock(&pool_mutex);
  if (!started) {
    pthread_mutex_unlock(&pool_mutex);
    return;
  }
  for (unsigned i = 0; i < nthreads; i++) {
    if (pthread_equal(threads[i], pthread_self())) {
      pthread_mutex_unlock(&pool_mutex);
      return;
    }
  }
  stopping = 1;
  pthread_cond_broadcast(&pool_cond);
  pthread_mutex_unlock(&pool_mutex);
  for (unsigned i = 0; i < nthreads; i++) pthread_join(threads[i], NULL);
  free(threads);
  threads = NULL;
  nthreads = 0;
}

int tl__work_submit(tl_loop *loop, tl__work *w) {
  tl_threadpool_size(); /* fixes the size */
  pthread_mutex_lock(&pool_mutex);
  if (!started) start_threads();
  if (nthreads == 0) {
    pthread_mutex_unlock(&pool_mutex);
    return -EAGAIN;
  }
  w->loop = loop;
  tl__queue_insert_tail(&pool_queue, &w->node);
  pthread_cond_signal(&pool_cond);
  pthread_mutex_unlock(&pool_mutex);
  tl__queue_insert_tail(&loop->reqs, &w->loop_node);
  loop->active_reqs++;
  return 0;
}

void tl__work_done(tl_loop *loop) {
  uint64_t count;
  while (read(loop->wakefd, &count, sizeof count) < 0 && errno == EINTR) {
  }
  tl_queue batch;
  pthread_mutex_lock(&loop->done_mutex);
  tl__queue_move(&loop->done, &batch);
  pthread_mutex_unlock(&loop->done_mutex);
  while (!tl__queue_empty(&batch)) {
    tl__work *w = tl__container_of(tl__queue_head(&batch), tl__work, node);
    tl__queue_remove(&w->node);
    tl__queue_remove(&w->loop_node);
    loop->active_reqs--;
    w->done(w); /* enters a scope around the user callback, frees w */
  }
}

/* tl_queue_work: the public form, one allocation per request. */
typedef struct user_work {
  tl__work w;
  tl_work_cb work;
  tl_after_work_cb after_work;
  void *data;
} user_work;

static void user_work_run(tl__work *w) {
  user_work *u = (user_work *)w;
  u->work(u->data);
}

static void user_work_done(tl__work *w) {
  user_work *u = (user_work *)w;
  tl_loop *loop = w->loop;
  tl_after_work_cb cb = u->after_work;
  void *data = u->data;
  free(u);
  tl__cb_enter(loop, TL__FN(cb), "after-work");
  cb(loop, 0, data);
  tl__cb_leave(loop);
}

int tl_queue_work(tl_loop *loop, tl_work_cb work, tl_after_work_cb after_work, void *data) {
  if (!work || !after_work) return -EINVAL;
  user_work *u = calloc(1, sizeof *u);
  if (!u) return -ENOMEM;
  u->w.work = user_work_run;
  u->w.done = user_work_done;
  u->w.kind = "work";
  u->w.user_cb = TL__FN(after_work);
  u->work = work;
  u->after_work = after_work;
  u->data = data;
  int r = tl__work_submit(loop, &u->w);
  if (r != 0) free(u);
  return r;
}
