#include "app/memory_policy.h"

#include <malloc.h>

namespace eco {

void apply_memory_policy() {
  // Setting the threshold explicitly also switches off glibc's dynamic raising of it.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  mallopt(M_TRIM_THRESHOLD, 256 * 1024);
  // The frame loop, the data worker and the update worker allocate; the HTTP status thread
  // rarely does. Two arenas keep them from contending much and from each keeping a high-water mark.
  mallopt(M_ARENA_MAX, 2);
}

void return_free_memory() { malloc_trim(0); }

}  // namespace eco
