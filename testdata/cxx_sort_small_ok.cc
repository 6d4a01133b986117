/* cxx_sort_small_ok: sorting a range of a constant number of elements
 * within the sort bound (64) is not unbounded-sort: a std::array's whole
 * range, a C array through std::begin/std::end or `a, a + 4`, the first
 * three elements of a vector, a partial sort of a small std::array. */
#include <algorithm>
#include <array>
#include <iterator>
#include <vector>
#include <uv.h>

static std::array<int, 8> ranks;
static int top[4];
static std::vector<int> scores;

struct Board {
  std::array<int, 16> cells;
  void tidy() { std::sort(cells.begin(), cells.end()); } // no-warning: 16 elements
};

static void on_tick(uv_timer_t *t) {
  (void)t;
  std::sort(ranks.begin(), ranks.end()); // no-warning: 8 elements
  std::stable_sort(std::begin(top), std::end(top)); // no-warning: 4 elements
  std::sort(top, top + 4); // no-warning: 4 elements
  std::sort(scores.begin(), scores.begin() + 3); // no-warning: 3 elements
  std::partial_sort(ranks.begin(), ranks.begin() + 2, ranks.end()); // no-warning: 8 elements
  Board b;
  b.tidy();
}

int main() {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t t;
  uv_timer_init(loop, &t);
  uv_timer_start(&t, on_tick, 100, 100);
  return uv_run(loop, UV_RUN_DEFAULT);
}
