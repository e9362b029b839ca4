// The calendar behind os.time and os.date (lua/os_calendar.h), with plugin-chosen fields and
// formats: any fields either give a time in years 1-9999 whose broken-down form gives the same
// time back, or nullopt; any format either formats or names its bad conversion, never crashes.
//
// Input: 6 × 8 bytes of fields (year, month, day, hour, min, sec as signed 64-bit), 2 bytes of
// UTC offset in minutes (clamped to ±14 h), the rest the format.
#include <cstdlib>
#include <cstring>
#include <string>

#include "lua/os_calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr size_t kHeader = 6 * 8 + 2;
  if (size < kHeader) return 0;
  int64_t v[6];
  std::memcpy(v, data, sizeof v);
  int16_t offset = 0;
  std::memcpy(&offset, data + 48, sizeof offset);
  const int offset_minutes = offset % (14 * 60 + 1);
  eco::lua::CalendarFields f;
  f.year = v[0];
  f.month = v[1];
  f.day = v[2];
  f.hour = v[3];
  f.min = v[4];
  f.sec = v[5];
  auto seconds = eco::lua::seconds_from_fields(f, offset_minutes);
  if (seconds) {
    if (*seconds < eco::lua::kMinCalendarSeconds || *seconds > eco::lua::kMaxCalendarSeconds) std::abort();
    auto back = eco::lua::fields_at(*seconds, offset_minutes);
    if (eco::lua::seconds_from_fields(back, offset_minutes) != seconds) std::abort();
  }
  // os.date formats the fields of a time (api_clock.cpp: fields_at), never raw ones: when the
  // fields were out of range, format the first field taken as seconds, brought into range.
  int64_t t = seconds ? *seconds : v[0];
  const int64_t span = eco::lua::kMaxCalendarSeconds - eco::lua::kMinCalendarSeconds + 1;
  if (t < eco::lua::kMinCalendarSeconds || t > eco::lua::kMaxCalendarSeconds)
    t = eco::lua::kMinCalendarSeconds + static_cast<int64_t>(static_cast<uint64_t>(t) % static_cast<uint64_t>(span));
  f = eco::lua::fields_at(t, offset_minutes);
  std::string out, error;
  std::string_view format(reinterpret_cast<const char*>(data + kHeader), size - kHeader);
  bool ok = eco::lua::format_calendar(format, f, offset_minutes, eco::lua::zone_name(offset_minutes), out, error);
  if (!ok && error.empty()) std::abort();
  return 0;
}
