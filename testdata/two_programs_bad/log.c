/* two_programs_bad: a file both programs link. */
#include <stdio.h>
#include <unistd.h>

void write_log(const char *line) {
  fputs(line, stderr);
  fsync(2); // expected-warning {{sync-fs}}
}
