#pragma once
// The two budgets every plugin runs under (Wikimedia LuaSandbox style): memory, enforced in the
// allocator so an allocation over the cap fails cleanly with LUA_ERRMEM, and CPU time per
// callback, enforced by a count hook that checks the thread's CPU clock (not the wall clock: a
// plugin preempted while the machine unpacks an update or parses a feed has not overrun). Once a
// limit is hit, the hook keeps
// raising and the sandbox's pcall rethrows, so plugin code cannot catch its way past a limit.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

struct lua_State;
struct lua_Debug;

namespace eco::lua {

struct Limits {
  size_t memory_bytes = 32u << 20;
  std::chrono::microseconds frame_budget{5000};  // frame(), enter(), on_data(), timers
  std::chrono::microseconds load_budget{500000};  // main chunk and load()
};

enum class LimitHit { None, Memory, Cpu };

class Budget {
 public:
  explicit Budget(size_t memory_bytes) : memory_limit_(memory_bytes) {}

  // lua_Alloc: refuses growth past the limit (Lua turns that into "not enough memory").
  static void* allocate(void* ud, void* ptr, size_t old_size, size_t new_size);

  // Arms the CPU deadline for the next callback and clears a previous hit.
  void start_callback(lua_State* L, std::chrono::microseconds budget);
  void end_callback(lua_State* L);
  LimitHit hit() const { return hit_; }
  void note_memory_hit() { hit_ = LimitHit::Memory; }
  std::string describe_hit() const;

  size_t used() const { return used_; }
  size_t limit() const { return memory_limit_; }
  std::chrono::microseconds cpu_budget() const { return budget_; }

 private:
  static void hook(lua_State* L, ::lua_Debug* ar);
  size_t used_ = 0;
  size_t memory_limit_;
  bool in_callback_ = false;
  int64_t deadline_ns_ = 0;  // on CLOCK_THREAD_CPUTIME_ID
  std::chrono::microseconds budget_{0};
  LimitHit hit_ = LimitHit::None;
};

// The Budget of a state (stored in its extra space).
Budget& budget_of(lua_State* L);

}  // namespace eco::lua
