#include "core/memory.h"

#include <malloc.h>

namespace cohort {

void KeepFreedMemory() {
  // Blocks up to 32 MiB (glibc's largest allowed threshold on 64-bit) come
  // from the heap; up to 1 GiB of free heap top is kept. Measured: the
  // selection pipeline over 300,000 applications runs 3× faster than with
  // glibc's defaults (docs/PERFORMANCE.md).
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
}

}  // namespace cohort
