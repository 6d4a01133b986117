/* two_programs_bad: the client, which has no loop. */
#include <unistd.h>

void write_log(const char *line);

void process(int fd) {
  sleep(1); // no-warning: the client's own process, in a program with no loop
  (void)fd;
  write_log("sent");
}

int main(void) {
  process(1);
  return 0;
}
