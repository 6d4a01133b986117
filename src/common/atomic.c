/* atomic.c: the one way lagscan replaces a file (common.h, ls_atomic_open
 * and ls_atomic_commit).
 *
 * The contents go to a temporary file created (mkostemp) in the target's
 * directory, so the rename cannot cross file systems; it is flushed,
 * fsync'ed, closed and renamed over the target, each step checked. On any
 * failure the temporary file is removed and the target is left as it was: a
 * reader sees the old file or the whole new one, never a part.
 *
 * One permission policy: the file gets the mode a plain creat() would give
 * it, 0666 less the umask (0644 under umask 022), or 0777 less the umask for
 * an executable (LS_ATOMIC_EXEC), never mkstemp's 0600.
 *
 * Only a regular file, or a path that does not exist yet, is replaced. What
 * is not a regular file (a character device such as /dev/null, a FIFO, a
 * socket) and "-" (standard output) are opened and written in place, so
 * `-o /dev/null` never replaces the device, even as root. A symbolic link
 * is followed to its final target, as compilers do with -o: the link stays
 * a link and its target is the file replaced (or created, for a dangling
 * link), with the temporary file in the target's directory.
 */
#define _GNU_SOURCE /* mkostemp, fopencookie */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static mode_t file_mode(int flags) {
  mode_t mask = umask(0);
  umask(mask);
  return ((flags & LS_ATOMIC_EXEC) ? 0777 : 0666) & ~mask;
}

/* The stream writes through this cookie, which keeps the first write error:
 * errno alone could be overwritten by the caller's later calls before it
 * checks. */
static ssize_t sink_write(void *cookie, const char *buf, size_t n) {
  ls_atomic *a = cookie;
  if (a->error) return 0;
  size_t done = 0;
  while (done < n) {
    ssize_t w = write(a->fd, buf + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      a->error = errno;
      errno = a->error;
      return 0;
    }
    done += (size_t)w;
  }
  return (ssize_t)n;
}

#define MAX_LINKS 40 /* as the kernel's ELOOP limit */

/* The path a write to `path` lands on: symbolic links followed, the last
 * one's target kept even when it does not exist yet. Returns a malloc'ed
 * path, or NULL with errno set (ELOOP for a cycle). */
static char *follow_links(const char *path) {
  char *cur = ls_xstrdup(path);
  for (int hops = 0;; hops++) {
    struct stat st;
    if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
    if (hops == MAX_LINKS) {
      free(cur);
      errno = ELOOP;
      return NULL;
    }
    char target[4096];
    ssize_t n = readlink(cur, target, sizeof target - 1);
    if (n < 0 || (size_t)n >= sizeof target - 1) {
      int e = n < 0 ? errno : ENAMETOOLONG;
      free(cur);
      errno = e;
      return NULL;
    }
    target[n] = 0;
    char *next;
    const char *slash = strrchr(cur, '/');
    if (target[0] == '/' || !slash) next = ls_xstrdup(target);
    else next = ls_xasprintf("%.*s/%s", (int)(slash - cur), cur, target);
    free(cur);
    cur = next;
  }
}

/* Opens what is not a regular file (a device, a FIFO, a socket) or "-" for
 * writing in place: no temporary file, no rename, no fsync. */
static int open_in_place(ls_atomic *a, const char *path) {
  int fd = strcmp(path, "-") == 0 ? fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0)
                                  : open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return -errno;
  a->fd = fd;
  a->in_place = 1;
  a->path = ls_xstrdup(path);
  cookie_io_functions_t io = {.write = sink_write};
  a->f = fopencookie(a, "w", io);
  if (!a->f) {
    int rc = -errno;
    ls_atomic_commit(a, rc);
    return rc;
  }
  return 0;
}

int ls_atomic_open(ls_atomic *a, const char *path, int flags) {
  memset(a, 0, sizeof *a);
  a->fd = -1;
  if (!*path) return -ENOENT;
  if (strcmp(path, "-") == 0) return open_in_place(a, path);
  char *target = follow_links(path);
  if (!target) return -errno;
  struct stat st;
  if (stat(target, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    int rc = open_in_place(a, target);
    free(target);
    return rc;
  }
  path = target;
  /* "dir/report.sarif" -> "dir/.report.sarif.XXXXXX" */
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  char *tmp = ls_xasprintf("%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
  int fd = mkostemp(tmp, O_CLOEXEC);
  if (fd < 0) {
    int rc = -errno;
    free(tmp);
    free(target);
    return rc;
  }
  a->fd = fd;
  a->tmp = tmp;
  a->path = target;
  cookie_io_functions_t io = {.write = sink_write};
  int rc = 0;
  a->f = fopencookie(a, "w", io);
  if (!a->f) rc = -errno;
  else if (fchmod(fd, file_mode(flags)) != 0) rc = -errno;
  if (rc) ls_atomic_commit(a, rc);
  return rc;
}

int ls_atomic_commit(ls_atomic *a, int rc) {
  if (!a->tmp && !a->in_place) return rc ? rc : -EBADF;
  if (a->f) {
    if (fflush(a->f) != 0 && !rc) rc = -(errno ? errno : EIO);
    if (fclose(a->f) != 0 && !rc) rc = -(errno ? errno : EIO);
    a->f = NULL;
  }
  if (a->error) rc = -a->error; /* the cause, whatever the caller saw */
  if (a->in_place) {
    /* Written as it went: nothing to rename, and a device or a pipe has
     * nothing to fsync. */
    if (close(a->fd) != 0 && !rc) rc = -errno;
    free(a->path);
    memset(a, 0, sizeof *a);
    a->fd = -1;
    return rc;
  }
  if (!rc && fsync(a->fd) != 0) rc = -errno;
  if (close(a->fd) != 0 && !rc) rc = -errno;
  if (!rc && rename(a->tmp, a->path) != 0) rc = -errno;
  if (rc) unlink(a->tmp);
  free(a->tmp);
  free(a->path);
  memset(a, 0, sizeof *a);
  a->fd = -1;
  return rc;
}
