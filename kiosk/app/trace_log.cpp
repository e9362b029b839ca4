#include "app/trace_log.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace eco {

TraceLog::TraceLog(const std::string& path, int utc_offset_minutes) : offset_(utc_offset_minutes) {
  file_.reset(std::fopen(path.c_str(), "w"));
  if (!file_) throw std::runtime_error(path + ": cannot write trace (" + std::strerror(errno) + ")");
}

void TraceLog::write(TimePoint at, const std::string& event, nlohmann::json fields) {
  if (!file_) return;
  fields["t"] = format_iso8601(at, offset_);
  fields["event"] = event;
  std::string line = fields.dump() + "\n";
  std::fwrite(line.data(), 1, line.size(), file_.get());
  std::fflush(file_.get());
}

}  // namespace eco
