/* nonblocking_helper_tu_bad (net.c): the helpers of nonblocking_helper_tu_ok,
 * and one that clears the flag. Helpers that make their parameter
 * non-blocking, in another file than their callers and named by no pack:
 * unconditionally through a helper of a helper, and with the mode in a
 * parameter (tmux's setblocking, libuv's uv__nonblock_ioctl). */
#include <fcntl.h>
#include <sys/ioctl.h>

int set_nonblocking(int fd) {
  int fl = fcntl(fd, F_GETFL, 0);
  return fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

int make_async(int fd) { return set_nonblocking(fd); }

void setblocking(int fd, int state) {
  int mode;
  if ((mode = fcntl(fd, F_GETFL)) != -1) {
    if (!state)
      mode |= O_NONBLOCK;
    else
      mode &= ~O_NONBLOCK;
    fcntl(fd, F_SETFL, mode);
  }
}

int nonblock_ioctl(int fd, int set) { return ioctl(fd, FIONBIO, &set); }

/* The mode passed on to another helper's mode parameter. */
int nonblock_wrap(int fd, int on) { return nonblock_ioctl(fd, on); }

/* Clears O_NONBLOCK: its descriptor blocks. */
int set_blocking(int fd) {
  int fl = fcntl(fd, F_GETFL, 0);
  return fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
}
