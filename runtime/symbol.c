/* symbol.c: names a callback for humans. dladdr finds exported symbols
 * (link executables with -rdynamic, CMake's ENABLE_EXPORTS, to export
 * theirs); a static function has no dynamic symbol, so it is named by its
 * module and offset, which `addr2line -f -e MODULE OFFSET` turns into a name.
 *
 * dladdr takes the dynamic linker's lock; the watchdog calls this without
 * holding its own mutex, so the loop thread never waits for a lookup. */
#define _GNU_SOURCE /* dladdr, accept4 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void tl__symbol_name(const void *fn, char *buf, size_t size) {
  Dl_info info;
  memset(&info, 0, sizeof info);
  if (!fn) {
    snprintf(buf, size, "(null)");
    return;
  }
  if (dladdr(fn, &info) != 0) {
    if (info.dli_sname && info.dli_saddr == fn) {
      snprintf(buf, size, "%s", info.dli_sname);
      return;
    }
    if (info.dli_fname && info.dli_fbase) {
      const char *base = strrchr(info.dli_fname, '/');
      base = base ? base + 1 : info.dli_fname;
      snprintf(buf, size, "%s+0x%lx", base,
               (unsigned long)((uintptr_t)fn - (uintptr_t)info.dli_fbase));
      return;
    }
  }
  snprintf(buf, size, "%p", fn);
}
