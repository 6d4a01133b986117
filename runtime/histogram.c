/* histogram.c: the log-linear histogram behind the lag monitor (see
 * histogram.h for the bucket layout).
 *
 * Invariant: for every value v <= TL__HIST_MAX_VALUE,
 *   tl__hist_bucket_top(b) - v < v / 64 + 1, where b = tl__hist_bucket(v),
 * and buckets are ordered like their values. */
#include <math.h>
#include <string.h>

#include "histogram.h"

unsigned tl__hist_bucket(uint64_t v) {
  if (v > TL__HIST_MAX_VALUE) v = TL__HIST_MAX_VALUE;
  if (v < 128) return (unsigned)v;
  unsigned msb = 63u - (unsigned)__builtin_clzll(v); /* >= 7 */
  unsigned shift = msb - 6;                          /* v >> shift is in [64, 127] */
  return 128 + (shift - 1) * 64 + (unsigned)((v >> shift) - 64);
}

uint64_t tl__hist_bucket_top(unsigned b) {
  if (b < 128) return b;
  unsigned shift = (b - 128) / 64 + 1;
  uint64_t sub = (b - 128) % 64 + 64;
  return ((sub + 1) << shift) - 1;
}

void tl__hist_reset(tl__hist *h) { memset(h, 0, sizeof *h); }

void tl__hist_record(tl__hist *h, uint64_t v) {
  if (v > TL__HIST_MAX_VALUE) v = TL__HIST_MAX_VALUE;
  h->counts[tl__hist_bucket(v)]++;
  if (h->count == 0 || v < h->min) h->min = v;
  if (v > h->max) h->max = v;
  h->count++;
  h->sum += (double)v;
  h->sumsq += (double)v * (double)v;
}

uint64_t tl__hist_percentile(const tl__hist *h, double p) {
  if (h->count == 0) return 0;
  if (p > 100) p = 100;
  double want = ceil(p / 100.0 * (double)h->count);
  uint64_t rank = want < 1 ? 1 : (uint64_t)want;
  uint64_t seen = 0;
  for (unsigned b = 0; b < TL__HIST_BUCKETS; b++) {
    seen += h->counts[b];
    if (seen >= rank) {
      uint64_t top = tl__hist_bucket_top(b);
      if (top > h->max) top = h->max;
      if (top < h->min) top = h->min;
      return top;
    }
  }
  return h->max;
}

double tl__hist_mean(const tl__hist *h) { return h->count ? h->sum / (double)h->count : 0; }

double tl__hist_stddev(const tl__hist *h) {
  if (h->count == 0) return 0;
  double mean = tl__hist_mean(h);
  double var = h->sumsq / (double)h->count - mean * mean;
  return var > 0 ? sqrt(var) : 0;
}
