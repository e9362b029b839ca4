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
  // One budget per frame for everything the plugin runs in it: frame(), its timers, on_data(),
  // enter() (leave() gets its own): not one per callback, which a plugin could multiply.
  std::chrono::microseconds frame_budget{5000};
  std::chrono::microseconds load_budget{500000};  // main chunk and load()
};

// Budgets are release-build CPU time. An ASan+UBSan build with fuzzer coverage runs the same
// plugin frame about ten times slower (the bundled quiz page: 1.3-1.7 ms release, 11-21 ms
// instrumented, docs/perf.md), so there the Budget reads the clock at a tenth of its rate: the
// plugins that pass in one build pass in the other, and a runaway plugin is still stopped. Tests
// that measure real CPU time scale their bounds by it.
#ifdef ECOLOBBY_INSTRUMENTED_BUILD
inline constexpr int64_t kInstrumentationSlowdown = 10;
#else
inline constexpr int64_t kInstrumentationSlowdown = 1;
#endif

enum class LimitHit { None, Memory, Cpu };

class Budget {
 public:
  // Nanoseconds of CPU time this thread has used (CLOCK_THREAD_CPUTIME_ID).
  using CpuClock = int64_t (*)();
  static int64_t thread_cpu_ns();

  // `cpu_clock` is for tests of the accounting itself: a clock they advance, so limits are
  // checked exactly instead of against a machine's noisy timing.
  explicit Budget(size_t memory_bytes, CpuClock cpu_clock = &Budget::thread_cpu_ns)
      : memory_limit_(memory_bytes), cpu_clock_(cpu_clock) {}

  // lua_Alloc: refuses growth past the limit (Lua turns that into "not enough memory").
  static void* allocate(void* ud, void* ptr, size_t old_size, size_t new_size);

  // CPU time is budgeted per period (one frame, or loading): every callback in it draws on the
  // same budget. begin_period() gives the full budget again and clears a previous hit.
  void begin_period(std::chrono::microseconds budget, const char* name = "frame");
  // Arms the CPU deadline for the next callback at what is left of the period's budget and
  // clears a previous memory hit; false (and a CPU hit) when nothing is left.
  bool start_callback(lua_State* L);
  // A callback in a period of its own (begin_period + start_callback).
  void start_callback(lua_State* L, std::chrono::microseconds budget);
  // Charges the CPU time the callback used to the period; false (and a CPU hit) when the period
  // ran past twice the budget without the hook seeing it: time in C (string.rep, table.sort,
  // host calls) is only checked between Lua instructions, and a callback can end before the next
  // check. Up to twice the budget is tolerated there; Lua code itself is stopped at the budget.
  bool end_callback(lua_State* L);
  // Host work done inside a callback on the plugin's behalf that is not the plugin's cost: decoding
  // an image the first time ui.image draws it (a 512 px PNG is 3-7 ms, more than a frame's
  // budget). Runs `work` and leaves its CPU time out of the callback's account and deadline, up to
  // kMaxExemptPerPeriod per period, so a plugin drawing hundreds of new images still pays for most.
  template <typename F>
  auto exempt(F&& work) {
    const int64_t started = cpu_clock_();
    struct Credit {
      Budget& b;
      int64_t started;
      ~Credit() { b.credit(b.cpu_clock_() - started); }
    } credit{*this, started};
    return work();
  }
  static constexpr std::chrono::milliseconds kMaxExemptPerPeriod{50};

  // CPU time callbacks used in the current (or last) period, counted on the thread's CPU clock.
  std::chrono::nanoseconds period_used() const { return std::chrono::nanoseconds(period_used_ns_); }
  LimitHit hit() const { return hit_; }

  // For C code the count hook cannot interrupt (EcoLobby's pattern matcher, lua/lua_pattern.cpp):
  // true once the running callback's CPU deadline has passed, and then records the hit as the
  // hook does. Outside a callback always false. One clock read; call it every few thousand steps.
  bool cpu_deadline_passed();
  // Raises the hook's CPU limit error, naming the innermost Lua line on L's stack. Never returns.
  int raise_cpu_limit(lua_State* L) const;
  void note_memory_hit() { hit_ = LimitHit::Memory; }
  std::string describe_hit() const;

  size_t used() const { return used_; }
  size_t limit() const { return memory_limit_; }
  std::chrono::microseconds cpu_budget() const { return budget_; }

 private:
  static void hook(lua_State* L, ::lua_Debug* ar);
  int64_t budget_ns() const;
  void credit(int64_t ns);
  size_t used_ = 0;
  size_t memory_limit_;
  CpuClock cpu_clock_;
  bool in_callback_ = false;
  int64_t deadline_ns_ = 0;  // on CLOCK_THREAD_CPUTIME_ID
  int64_t callback_started_ns_ = 0;
  int64_t period_used_ns_ = 0;
  int64_t period_exempt_ns_ = 0;
  const char* period_name_ = "frame";
  std::chrono::microseconds budget_{0};  // of the period
  LimitHit hit_ = LimitHit::None;
};

// The Budget of a state (stored in its extra space).
Budget& budget_of(lua_State* L);

}  // namespace eco::lua
