/* fuzz_common.h: helpers shared by the libFuzzer targets: the loaders under
 * test read files, so each input is written to one temporary file per
 * process (in /dev/shm when it exists) and read back by the loader. */
#ifndef LAGSCAN_FUZZ_COMMON_H
#define LAGSCAN_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_path[64];

/* Writes the input to the process's temporary file; returns its path. */
static const char *fuzz_file(const uint8_t *data, size_t size) {
  if (!fuzz_path[0]) {
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fuzz_path, sizeof fuzz_path, "%s/lagscan-fuzz-%ld.yml", dir, (long)getpid());
  }
  FILE *f = fopen(fuzz_path, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  if (fclose(f) != 0) abort();
  return fuzz_path;
}

#endif
