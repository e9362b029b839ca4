#include "base/fault_injection.h"

#include <csignal>
#include <cstdlib>
#include <thread>

#include <unistd.h>

#include <spdlog/spdlog.h>

namespace eco {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

void act(FaultAction action) {
  switch (action) {
    case FaultAction::None:
      return;
    case FaultAction::Kill:
      ::kill(::getpid(), SIGKILL);
      return;
    case FaultAction::Abort:
      std::abort();
    case FaultAction::Freeze:
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  }
}

}  // namespace

FaultAction crash_action(const std::string& spec, const std::string& step) {
  if (spec.empty()) return FaultAction::None;
  if (spec == step) return FaultAction::Kill;
  if (spec == step + ":abort") return FaultAction::Abort;
  return FaultAction::None;
}

void crash_point(const char* step) {
  static const std::string spec = env("ECOLOBBY_CRASH_AT");
  if (spec.empty()) return;
  act(crash_action(spec, step));
}

FrameFault parse_frame_fault(const std::string& spec) {
  FrameFault f;
  if (spec.empty()) return f;
  auto at = spec.find('@');
  std::string what = spec.substr(0, at);
  f.action = what == "abort" ? FaultAction::Abort : what == "freeze" ? FaultAction::Freeze : FaultAction::None;
  f.after_frames = at == std::string::npos ? 0 : std::atoi(spec.c_str() + at + 1);
  return f;
}

void frame_fault_point(int frames) {
  static const FrameFault fault = [] {
    std::string spec = env("ECOLOBBY_TEST_FAULT");
    FrameFault f = parse_frame_fault(spec);
    if (f.action != FaultAction::None) spdlog::warn("test fault injection: {}", spec);
    return f;
  }();
  if (fault.action == FaultAction::None || frames < fault.after_frames) return;
  act(fault.action);
}

}  // namespace eco
