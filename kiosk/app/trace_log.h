#pragma once
// A machine-readable account of what the screen did (--trace FILE): one JSON object a line for
// each scene change, tap and key, stamped with the virtual clock. Tests and proof-of-play read it.
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "base/iso8601.h"

namespace eco {

class TraceLog {
 public:
  TraceLog() = default;
  explicit TraceLog(const std::string& path, int utc_offset_minutes);  // throws on an unwritable path
  void write(TimePoint at, const std::string& event, nlohmann::json fields = nlohmann::json::object());
  bool enabled() const { return file_ != nullptr; }

 private:
  std::unique_ptr<FILE, int (*)(FILE*)> file_{nullptr, fclose};
  int offset_ = 480;
};

}  // namespace eco
