#pragma once
// For worker threads whose work can wait: a name that shows in `top -H` and /proc, and a lower
// CPU priority (Linux keeps nice per thread), so on a two-core box the frame loop keeps its
// share. Processes the thread starts inherit the lower priority.
#include <string>

namespace eco {

// `name`: at most 15 bytes (the kernel's limit). `nice_increment`: added to the thread's nice value.
void make_background_thread(const std::string& name, int nice_increment = 10);

}  // namespace eco
