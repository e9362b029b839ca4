// clock: the kiosk's one Clock (so --now and --time-scale reach plugins), and os.time,
// os.date and os.clock rebuilt on it (the real os library is not available).
#include <ctime>

#include <lua.hpp>

#include "lua/api.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

void push_local(lua_State* L, const LocalTime& t, TimePoint utc, int offset) {
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
  lua_pushstring(L, format_iso8601(utc, offset).c_str());
  lua_setfield(L, -2, "iso");
  lua_pushstring(L, format_date(t.day_number()).c_str());
  lua_setfield(L, -2, "date");
}

int clock_now(lua_State* L) {
  const Clock& c = PluginRuntime::of(L).clock();
  TimePoint now = c.now();
  push_local(L, to_local(now, c.utc_offset_minutes()), now, c.utc_offset_minutes());
  return 1;
}

int clock_today(lua_State* L) {
  lua_pushstring(L, format_date(PluginRuntime::of(L).clock().local_now().day_number()).c_str());
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

int os_date(lua_State* L) {
  const Clock& c = PluginRuntime::of(L).clock();
  std::string fmt = luaL_optstring(L, 1, "%Y-%m-%d %H:%M:%S");
  TimePoint t = lua_isnoneornil(L, 2) ? c.now() : TimePoint{std::chrono::seconds(luaL_checkinteger(L, 2))};
  LocalTime lt = to_local(t, c.utc_offset_minutes());
  if (fmt == "*t" || fmt == "!*t") {
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
  size_t n = fmt.size() < 100 ? std::strftime(buf, sizeof buf, fmt.c_str(), &tm) : 0;
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
