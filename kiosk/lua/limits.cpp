#include "lua/limits.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <lua.hpp>

namespace eco::lua {

namespace {
constexpr int kHookEveryInstructions = 1000;

// Lua code is stopped at the budget (the hook), but time in C is only seen between instructions
// or when the callback returns: overshooting there by up to this factor is tolerated, not failed
// (a page's ui and store calls on a loaded machine), while C time far past it, frame after frame,
// disables the plugin like a loop does.
constexpr int64_t kOvershootAllowance = 2;

}

// A vDSO-free syscall of well under a microsecond, made once per thousand Lua instructions.
int64_t Budget::thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int64_t Budget::budget_ns() const { return std::chrono::duration_cast<std::chrono::nanoseconds>(budget_).count(); }

Budget& budget_of(lua_State* L) {
  Budget* b = nullptr;
  std::memcpy(&b, lua_getextraspace(L), sizeof b);
  return *b;
}

void* Budget::allocate(void* ud, void* ptr, size_t old_size, size_t new_size) {
  auto* self = static_cast<Budget*>(ud);
  if (ptr == nullptr) old_size = 0;  // for new blocks Lua passes the object type in old_size
  if (new_size == 0) {
    std::free(ptr);
    self->used_ -= old_size;
    return nullptr;
  }
  if (new_size > old_size && self->used_ + (new_size - old_size) > self->memory_limit_) {
    self->hit_ = LimitHit::Memory;
    return nullptr;
  }
  void* p = std::realloc(ptr, new_size);
  if (p) self->used_ = self->used_ - old_size + new_size;
  return p;
}

void Budget::hook(lua_State* L, lua_Debug* ar) {
  Budget& b = budget_of(L);
  if (!b.in_callback_) return;
  if (b.hit_ == LimitHit::Cpu || b.cpu_clock_() > b.deadline_ns_) {
    b.hit_ = LimitHit::Cpu;
    // Name the line that was running, from the hook's own record of it.
    lua_getinfo(L, "Sl", ar);
    // Raised again at every hook until control is back in the host: a pcall in the plugin
    // that catches this only runs into the next one.
    luaL_error(L, "%s:%d: CPU limit: the plugin ran longer than %d ms in one %s", ar->short_src, ar->currentline,
               static_cast<int>(b.budget_.count() / 1000), b.period_name_);
  }
}

bool Budget::cpu_deadline_passed() {
  if (!in_callback_) return false;
  if (hit_ == LimitHit::Cpu) return true;
  if (cpu_clock_() <= deadline_ns_) return false;
  hit_ = LimitHit::Cpu;
  return true;
}

int Budget::raise_cpu_limit(lua_State* L) const {
  const int ms = static_cast<int>(budget_.count() / 1000);
  lua_Debug ar;
  for (int level = 0; lua_getstack(L, level, &ar); ++level) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline > 0) {
      // The hook's message (Budget::hook), positioned the same way.
      lua_pushfstring(L, "%s:%d: CPU limit: the plugin ran longer than %d ms in one %s", ar.short_src, ar.currentline,
                      ms, period_name_);
      return lua_error(L);
    }
  }
  lua_pushfstring(L, "CPU limit: the plugin ran longer than %d ms in one %s", ms, period_name_);
  return lua_error(L);
}

void Budget::begin_period(std::chrono::microseconds budget, const char* name) {
  hit_ = LimitHit::None;
  budget_ = budget;
  period_name_ = name;
  period_used_ns_ = 0;
  period_exempt_ns_ = 0;
}

void Budget::credit(int64_t ns) {
  if (!in_callback_ || ns <= 0) return;
  const int64_t cap = std::chrono::duration_cast<std::chrono::nanoseconds>(kMaxExemptPerPeriod).count() *
                      kInstrumentationSlowdown;
  ns = std::min(ns, cap - period_exempt_ns_);
  if (ns <= 0) return;
  period_exempt_ns_ += ns;
  callback_started_ns_ += ns;  // as if the callback had started later
  deadline_ns_ += ns;
}

bool Budget::start_callback(lua_State* L) {
  int64_t left = budget_ns() - period_used_ns_;
  // Earlier callbacks overshot in C, which the hook cannot stop: this one may still run in what
  // is left of the overshoot allowance, so a frame drawn on a busy machine is not refused.
  if (left <= 0) left = kOvershootAllowance * budget_ns() - period_used_ns_;
  if (left <= 0) {
    hit_ = LimitHit::Cpu;
    return false;
  }
  hit_ = LimitHit::None;
  callback_started_ns_ = cpu_clock_();
  deadline_ns_ = callback_started_ns_ + left * kInstrumentationSlowdown;
  in_callback_ = true;
  lua_sethook(L, &Budget::hook, LUA_MASKCOUNT, kHookEveryInstructions);
  return true;
}

void Budget::start_callback(lua_State* L, std::chrono::microseconds budget) {
  begin_period(budget);
  start_callback(L);
}

bool Budget::end_callback(lua_State*) {
  if (in_callback_) period_used_ns_ += (cpu_clock_() - callback_started_ns_) / kInstrumentationSlowdown;
  in_callback_ = false;
  if (period_used_ns_ <= kOvershootAllowance * budget_ns()) return true;
  if (hit_ == LimitHit::None) hit_ = LimitHit::Cpu;  // a memory hit stays the reason
  return false;
}

std::string Budget::describe_hit() const {
  switch (hit_) {
    case LimitHit::Memory:
      return "memory limit of " + std::to_string(memory_limit_ >> 20) + " MB reached";
    case LimitHit::Cpu:
      return "CPU limit of " + std::to_string(budget_.count() / 1000) + " ms per " + period_name_ + " reached";
    case LimitHit::None:
      break;
  }
  return {};
}

}  // namespace eco::lua
