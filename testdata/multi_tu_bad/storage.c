/* multi_tu_bad (storage.c): the blocking half of the program; storage_flush is
 * only a loop function because main.c's timer callback calls it. */
#include <unistd.h>

static int journal_fd = 3;

static void sync_journal(void) {
  fsync(journal_fd); // expected-warning {{sync-fs}}
}

void storage_flush(void) {
  sync_journal(); // expected-note {{called here from}}
}
