#pragma once
// Test hooks that make the real program fail at a named point, so the tests can show what the
// supervision, the crash guard and the release store do about it. Both read their variable once;
// unset (in production) a point costs one comparison. They live here, below every folder, because
// the release store (update/) and the frame loop (app/) both have points.
#include <string>

namespace eco {

enum class FaultAction { None, Kill, Abort, Freeze };

// ECOLOBBY_CRASH_AT=<step> SIGKILLs the process at that install step (a power cut, the OOM
// killer); "<step>:abort" aborts instead (a crash in the install code).
void crash_point(const char* step);
// What ECOLOBBY_CRASH_AT=`spec` does at `step`: None, Kill or Abort.
FaultAction crash_action(const std::string& spec, const std::string& step);

// ECOLOBBY_TEST_FAULT="abort@N" aborts, "freeze@N" stops the frame loop for good (as a deadlock
// would, for the watchdog to notice) once N frames are drawn.
void frame_fault_point(int frames);
struct FrameFault {
  FaultAction action = FaultAction::None;  // None, Abort or Freeze
  int after_frames = 0;
};
FrameFault parse_frame_fault(const std::string& spec);

}  // namespace eco
