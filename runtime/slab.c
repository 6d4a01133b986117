/* slab.c: id tables for timers and immediates. Ids stay safe to use after
 * the object is gone: a slot's generation changes when it is freed, so a
 * stale id looks up nothing instead of someone else's object.
 *
 * Invariant: slot i is free iff slots[i].ptr == NULL, and then it is on the
 * free list (threaded through next_free, indexes stored plus one). */
#include <stdlib.h>

#include "internal.h"

static uint32_t id_index(uint64_t id) { return (uint32_t)(id & 0xffffffffu) - 1; }
static uint32_t id_gen(uint64_t id) { return (uint32_t)(id >> 32); }

uint64_t tl__slab_add(tl__slab *slab, void *ptr) {
  uint32_t i;
  if (slab->free_head) {
    i = slab->free_head - 1;
    slab->free_head = slab->slots[i].next_free;
  } else {
    if (slab->len == slab->cap) {
      uint32_t cap = slab->cap ? slab->cap * 2 : 16;
      if (cap > 0x7fffffffu) return 0; /* ids would overflow their index half */
      tl__slot *s = realloc(slab->slots, (size_t)cap * sizeof *s);
      if (!s) return 0;
      slab->slots = s;
      slab->cap = cap;
    }
    i = slab->len++;
    slab->slots[i].gen = 1; /* generation 0 never occurs, so no id is 0 */
  }
  slab->slots[i].ptr = ptr;
  slab->slots[i].next_free = 0;
  return ((uint64_t)slab->slots[i].gen << 32) | (uint64_t)(i + 1);
}

void *tl__slab_get(const tl__slab *slab, uint64_t id) {
  if (id == 0) return NULL;
  uint32_t i = id_index(id);
  if (i >= slab->len || slab->slots[i].gen != id_gen(id)) return NULL;
  return slab->slots[i].ptr;
}

void tl__slab_remove(tl__slab *slab, uint64_t id) {
  if (!tl__slab_get(slab, id)) return;
  uint32_t i = id_index(id);
  slab->slots[i].ptr = NULL;
  slab->slots[i].gen = slab->slots[i].gen == 0xffffffffu ? 1 : slab->slots[i].gen + 1;
  slab->slots[i].next_free = slab->free_head;
  slab->free_head = i + 1;
}

void tl__slab_free(tl__slab *slab) {
  free(slab->slots);
  slab->slots = NULL;
  slab->len = slab->cap = slab->free_head = 0;
}
