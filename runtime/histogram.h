/* histogram.h: This file is private to tickloop. A log-linear histogram of
 * non-negative integers (the lag monitor records microseconds), in the
 * manner of HdrHistogram: values below 128 are exact, larger ones fall into
 * 64 buckets per power of two, so a bucket is at most 1/64 (1.6%) wide
 * relative to its values. Memory is fixed (TL__HIST_BUCKETS counters). */
#ifndef TL_HISTOGRAM_H
#define TL_HISTOGRAM_H

#include <stdint.h>

#define TL__HIST_MAX_VALUE ((uint64_t)1 << 40) /* larger values are clamped */
#define TL__HIST_BUCKETS (128 + 34 * 64)

typedef struct tl__hist {
  uint64_t counts[TL__HIST_BUCKETS];
  uint64_t count, min, max;
  double sum, sumsq; /* for mean and standard deviation */
} tl__hist;

void tl__hist_reset(tl__hist *h);
void tl__hist_record(tl__hist *h, uint64_t value);
/* The smallest value v such that at least p% of samples are <= v, rounded
 * up to its bucket's top and capped at max; 0 when empty. 0 < p <= 100. */
uint64_t tl__hist_percentile(const tl__hist *h, double p);
double tl__hist_mean(const tl__hist *h);
double tl__hist_stddev(const tl__hist *h);

/* Exposed for tests: the bucket of a value and the largest value in it. */
unsigned tl__hist_bucket(uint64_t value);
uint64_t tl__hist_bucket_top(unsigned bucket);

#endif /* TL_HISTOGRAM_H */
