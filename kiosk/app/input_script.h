#pragma once
// Recorded input replayed on the virtual clock (--input-script FILE), one event a line:
//   <ms> tap <x> <y>      a tap at canvas coordinates
//   <ms> swipe <x1> <y1> <x2> <y2>   a drag from one point to the other (at least 120 px)
//   <ms> key <name>       a key, SDL names with modifiers: "F2", "ctrl+alt+q"
//   <ms> text <utf8>      typed text
// Blank lines and lines starting with # are ignored. <ms> counts from the start of the run.
#include <cstdint>
#include <string>
#include <vector>

namespace eco {

struct ScriptedInput {
  enum class Kind { Tap, Swipe, Key, Text } kind = Kind::Tap;
  int64_t at_ms = 0;
  float x = 0, y = 0;
  float x2 = 0, y2 = 0;  // where a swipe ends
  std::string value;  // key name or text
};

class InputScript {
 public:
  InputScript() = default;
  // Throws ConfigError "file:line: …" on a malformed line.
  static InputScript load(const std::string& path);
  static InputScript parse(const std::string& text, const std::string& source);

  // Events due at `elapsed_ms`, each returned once, in order.
  std::vector<ScriptedInput> take_due(int64_t elapsed_ms);
  // Milliseconds of the next event not yet taken, or -1.
  int64_t next_at() const;
  size_t size() const { return events_.size(); }

 private:
  std::vector<ScriptedInput> events_;
  size_t next_ = 0;
};

}  // namespace eco
