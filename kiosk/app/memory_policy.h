#pragma once

namespace eco {

// Tunes glibc's allocator for a process that runs for months. By default glibc raises its mmap
// threshold each time a large block is freed, so the next big buffers (a 94 000-reading feed
// parse, a bundle check, a PNG) land in the heap, and the heap keeps its high-water mark; and
// each thread that allocates gets an arena of its own. A month's soak showed RSS climbing by
// steps through the first week (+11 % in 7 days) this way; with a fixed threshold, a lower trim
// threshold and two arenas it stayed within 1-2 % (docs/perf.md). Call first thing in main.
void apply_memory_policy();

// Hands freed heap pages back to the system (glibc keeps them otherwise: a content update or a
// feed parse leaves megabytes of free heap resident). The frame loop calls it once an hour; it
// takes well under a millisecond on this heap.
void return_free_memory();

}  // namespace eco
