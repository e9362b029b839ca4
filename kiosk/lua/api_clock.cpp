// clock: the kiosk's one Clock (so --now and --time-scale reach plugins), and os.time,
// os.date and os.clock rebuilt on it (the real os library is not available).
#include <cstdio>
#include <cstring>
#include <ctime>

#include <lua.hpp>

#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

// os.date's time argument: years 1 to 9999 (what the calendar code and std::chrono handle).
constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z

// The formatted strings are copied into plain buffers before anything is pushed: a push can raise
// (out of memory) and a Lua error longjmps past C++ destructors.
void push_local(lua_State* L, const LocalTime& t, TimePoint utc, int offset) {
  char iso[64] = {0}, date[32] = {0};
  std::snprintf(iso, sizeof iso, "%s", format_iso8601(utc, offset).c_str());
  std::snprintf(date, sizeof date, "%s", format_date(t.day_number()).c_str());
  lua_createtable(L, 0, 10);
  auto set = [&](const char* k, lua_Integer v) {
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
  };
  set("year", t.year);
  set("month", t.month);
  set("day", t.day);
  set("hour", t.hour);
  set("minute", t.minute);
  set("second", t.second);
  set("weekday", t.weekday);
  set("epoch", unix_seconds(utc));
  lua_pushstring(L, iso);
  lua_setfield(L, -2, "iso");
  lua_pushstring(L, date);
  lua_setfield(L, -2, "date");
}

int clock_now(lua_State* L) {
  const Clock& c = PluginRuntime::of(L).clock();
  TimePoint now = c.now();
  push_local(L, to_local(now, c.utc_offset_minutes()), now, c.utc_offset_minutes());
  return 1;
}

int clock_today(lua_State* L) {
  char date[32] = {0};
  std::snprintf(date, sizeof date, "%s", format_date(PluginRuntime::of(L).clock().local_now().day_number()).c_str());
  lua_pushstring(L, date);
  return 1;
}

int clock_seconds(lua_State* L) {  // virtual seconds since the epoch, with milliseconds
  auto ms = PluginRuntime::of(L).clock().now().time_since_epoch().count();
  lua_pushnumber(L, static_cast<double>(ms) / 1000.0);
  return 1;
}

int os_time(lua_State* L) {
  auto ms = PluginRuntime::of(L).clock().now().time_since_epoch().count();
  lua_pushinteger(L, ms / 1000);
  return 1;
}

// os.date(fmt, t): fmt is a strftime format (under 100 bytes) or "*t"; t in seconds, years 1-9999.
int os_date(lua_State* L) {
  const Clock& c = PluginRuntime::of(L).clock();
  size_t fmt_len = 0;
  const char* fmt = lua_isnoneornil(L, 1) ? "%Y-%m-%d %H:%M:%S" : luaL_checklstring(L, 1, &fmt_len);
  if (lua_isnoneornil(L, 1)) fmt_len = std::strlen(fmt);
  TimePoint t = lua_isnoneornil(L, 2) ? c.now() : from_unix_seconds(check_integer_in(L, 2, "os.date", "time", kMinSeconds, kMaxSeconds));
  LocalTime lt = to_local(t, c.utc_offset_minutes());
  if (std::strcmp(fmt, "*t") == 0 || std::strcmp(fmt, "!*t") == 0) {
    push_local(L, lt, t, c.utc_offset_minutes());
    return 1;
  }
  std::tm tm{};
  tm.tm_year = lt.year - 1900;
  tm.tm_mon = lt.month - 1;
  tm.tm_mday = lt.day;
  tm.tm_hour = lt.hour;
  tm.tm_min = lt.minute;
  tm.tm_sec = lt.second;
  tm.tm_wday = lt.weekday % 7;
  char buf[256];
  size_t n = fmt_len < 100 && std::strlen(fmt) == fmt_len ? std::strftime(buf, sizeof buf, fmt, &tm) : 0;
  lua_pushlstring(L, buf, n);
  return 1;
}

int os_clock(lua_State* L) { return clock_seconds(L); }

}  // namespace

void open_clock_api(lua_State* L) {
  const luaL_Reg clock_fns[] = {{"now", clock_now}, {"today", clock_today}, {"seconds", clock_seconds}, {nullptr, nullptr}};
  luaL_newlib(L, clock_fns);
  make_read_only(L, "clock");
  lua_setglobal(L, "clock");
  const luaL_Reg os_fns[] = {{"time", os_time}, {"date", os_date}, {"clock", os_clock}, {nullptr, nullptr}};
  luaL_newlib(L, os_fns);
  make_read_only(L, "os");
  lua_setglobal(L, "os");
}

}  // namespace eco::lua
