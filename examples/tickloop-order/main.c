/* tickloop-order: the event-loop ordering example from the end of
 * "Node.js event loop" (seeds/004), written on tickloop. It prints one line
 * per callback, the label first, and must print 1 2 3 3.5 4 5 6 7 8 9 10 in
 * that order on every run (tests/runtime runs it 20 times).
 *
 * The JavaScript it mirrors:
 *
 *   console.log("1: top of stack");
 *   setTimeout(() => console.log("7: setTimeout 0"), 0);
 *   setImmediate(() => console.log("8: setImmediate (top level)"));
 *   Promise.resolve().then(() => console.log("4: promise microtask 1"));
 *   process.nextTick(() => console.log("3: nextTick 1"));
 *   process.nextTick(() => {
 *     console.log("3.5: nextTick 2 (drains in same batch as 3)");
 *     Promise.resolve().then(() => console.log("5: promise scheduled from nextTick"));
 *   });
 *   queueMicrotask(() => console.log("6: queueMicrotask"));
 *   console.log("2: bottom of stack");
 *   import("node:fs/promises").then(async (fs) => {
 *     await fs.readFile(import.meta.url);
 *     setTimeout(() => console.log("10: setTimeout 0 inside I/O"), 0);
 *     setImmediate(() => console.log("9: setImmediate inside I/O"));
 *   });
 *
 * One deliberate difference. The microtask queue is first-in, first-out in
 * Node and in tickloop, so a queueMicrotask(6) made at top level enters the
 * queue before the second next-tick runs and queues 5: Node itself prints
 * 4, 6, 5 for the snippet as written (CommonJS). The article lists 4, 5, 6.
 * To print the article's order under the real rules, "6" is queued where it
 * runs after 5: by the second next-tick, right after it queued 5.
 *
 * Why 7 comes before 8 every time: tl_run counts start-up as at least 1 ms
 * (see tl_run in tickloop.h), so the 0 ms (= 1 ms) timeout set here is due in
 * the first timers phase, which runs before the first check phase. Why 9
 * comes before 10: the file callback runs in the poll phase; the check phase
 * (9) follows it, the timers phase (10) comes later. */
#include <stdio.h>
#include <stdlib.h>

#include "tickloop.h"

static void say(const char *line) {
  /* One write per line, flushed, so the order survives pipes and buffering. */
  puts(line);
  fflush(stdout);
}

static void timeout_7(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("7 setTimeout 0");
}

static void immediate_8(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("8 setImmediate (top level)");
}

static void promise_4(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("4 promise microtask 1");
}

static void tick_3(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("3 nextTick 1");
}

static void promise_5(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("5 promise scheduled from nextTick");
}

static void microtask_6(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("6 queueMicrotask");
}

static void tick_3_5(tl_loop *loop, void *arg) {
  (void)arg;
  say("3.5 nextTick 2 (drains in same batch as 3)");
  tl_queue_microtask(loop, promise_5, NULL);
  tl_queue_microtask(loop, microtask_6, NULL); /* see the note at the top */
}

static void timeout_10(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("10 setTimeout 0 inside I/O");
}

static void immediate_9(tl_loop *loop, void *arg) {
  (void)loop, (void)arg;
  say("9 setImmediate inside I/O");
}

static void file_read(tl_loop *loop, int status, const char *data, size_t len, void *arg) {
  (void)data, (void)len, (void)arg;
  if (status < 0) {
    fprintf(stderr, "tickloop-order: cannot read own executable: error %d\n", status);
    exit(1);
  }
  /* Inside an I/O callback: setImmediate beats setTimeout(0). */
  tl_set_timeout(loop, timeout_10, NULL, 0, NULL);
  tl_set_immediate(loop, immediate_9, NULL, NULL);
}

int main(void) {
  tl_loop *loop;
  if (tl_loop_new(&loop) != 0) {
    fprintf(stderr, "tickloop-order: cannot create a loop\n");
    return 1;
  }
  say("1 top of stack");
  tl_set_timeout(loop, timeout_7, NULL, 0, NULL);
  tl_set_immediate(loop, immediate_8, NULL, NULL);
  tl_queue_microtask(loop, promise_4, NULL);
  tl_next_tick(loop, tick_3, NULL);
  tl_next_tick(loop, tick_3_5, NULL);
  say("2 bottom of stack");
  /* fs.readFile(import.meta.url): the program reads its own executable. */
  tl_fs_read_file(loop, "/proc/self/exe", file_read, NULL);
  tl_run(loop);
  return tl_loop_close(loop) == 0 ? 0 : 1;
}
