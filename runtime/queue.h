/* queue.h: This file is private to tickloop. Intrusive circular doubly-linked
 * lists (tl_queue, declared in tickloop.h because handles embed it).
 *
 * Invariant: a list head whose next points to itself is empty; a node that is
 * in no list points to itself too (tl__queue_remove re-initialises it), so
 * removing a node twice is harmless. */
#ifndef TL_QUEUE_H
#define TL_QUEUE_H

#include <stddef.h>

#include "tickloop.h"

#define tl__container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

static inline void tl__queue_init(tl_queue *q) {
  q->next = q;
  q->prev = q;
}

static inline int tl__queue_empty(const tl_queue *q) { return q->next == q; }

static inline tl_queue *tl__queue_head(const tl_queue *q) { return q->next; }

static inline void tl__queue_insert_tail(tl_queue *head, tl_queue *node) {
  node->next = head;
  node->prev = head->prev;
  head->prev->next = node;
  head->prev = node;
}

static inline void tl__queue_insert_head(tl_queue *head, tl_queue *node) {
  node->prev = head;
  node->next = head->next;
  head->next->prev = node;
  head->next = node;
}

static inline void tl__queue_remove(tl_queue *node) {
  node->prev->next = node->next;
  node->next->prev = node->prev;
  tl__queue_init(node);
}

/* Moves every node of `from` to the empty list `to`; `from` ends up empty. */
static inline void tl__queue_move(tl_queue *from, tl_queue *to) {
  if (tl__queue_empty(from)) {
    tl__queue_init(to);
    return;
  }
  to->next = from->next;
  to->prev = from->prev;
  to->next->prev = to;
  to->prev->next = to;
  tl__queue_init(from);
}

#define tl__queue_foreach(q, head) for ((q) = (head)->next; (q) != (head); (q) = (q)->next)

#endif /* TL_QUEUE_H */
