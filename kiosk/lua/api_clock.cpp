// clock: the kiosk's one Clock (so --now and --time-scale reach plugins), and os.time,
// os.date and os.clock rebuilt on it (the real os library is not available).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>

#include <lua.hpp>

#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/os_calendar.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

// The formatted strings are copied into plain buffers before anything is pushed: a push can raise
// (out of memory) and a Lua error longjmps past C++ destructors.
struct IntegerField {
  const char* key;
  lua_Integer value;
};

// table[key] = value for each field, on the table at the top of the stack (plain data: nothing
// to destroy if a push raises).
void set_integer_fields(lua_State* L, std::initializer_list<IntegerField> fields) {
  for (const IntegerField& f : fields) {
    lua_pushinteger(L, f.value);
    lua_setfield(L, -2, f.key);
  }
}

void push_local(lua_State* L, const LocalTime& t, TimePoint utc, int offset) {
  char iso[64] = {0}, date[32] = {0};
  std::snprintf(iso, sizeof iso, "%s", format_iso8601(utc, offset).c_str());
  std::snprintf(date, sizeof date, "%s", format_date(t.day_number()).c_str());
  lua_createtable(L, 0, 10);
  set_integer_fields(L, {{"year", t.year}, {"month", t.month}, {"day", t.day}, {"hour", t.hour}, {"minute", t.minute},
                         {"second", t.second}, {"weekday", t.weekday}, {"epoch", unix_seconds(utc)}});
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

// os.time{year, month, day, hour = 12, min = 0, sec = 0, isdst}: Lua 5.4's field names and
// defaults; out-of-range fields carry over, and the table is updated with the normalised values,
// as the manual says. Without a table: now.
int64_t table_field(lua_State* L, const char* key, int64_t fallback) {
  int type = lua_getfield(L, 1, key);
  int is_integer = 0;
  lua_Integer v = lua_tointegerx(L, -1, &is_integer);
  lua_pop(L, 1);
  if (is_integer) {
    // Lua keeps each field inside a C int; so do we (and the arithmetic stays far from overflow).
    if (v < INT32_MIN || v > INT32_MAX) luaL_error(L, "os.time: field '%s' is out-of-bound", key);
    return v;
  }
  if (type != LUA_TNIL) luaL_error(L, "os.time: field '%s' is not an integer", key);
  if (fallback < 0) luaL_error(L, "os.time: field '%s' missing in date table", key);
  return fallback;
}

void set_fields(lua_State* L, const CalendarFields& f) {
  set_integer_fields(L, {{"year", f.year}, {"month", f.month}, {"day", f.day}, {"hour", f.hour}, {"min", f.min},
                         {"sec", f.sec}, {"wday", f.wday}, {"yday", f.yday}});
  lua_pushboolean(L, 0);  // a fixed UTC offset: never summer time
  lua_setfield(L, -2, "isdst");
}

int os_time(lua_State* L) {
  const Clock& c = PluginRuntime::of(L).clock();
  if (lua_isnoneornil(L, 1)) {
    lua_pushinteger(L, unix_seconds(c.now()));
    return 1;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  CalendarFields f;
  f.year = table_field(L, "year", -1);
  f.month = table_field(L, "month", -1);
  f.day = table_field(L, "day", -1);
  f.hour = table_field(L, "hour", 12);
  f.min = table_field(L, "min", 0);
  f.sec = table_field(L, "sec", 0);
  auto seconds = seconds_from_fields(f, c.utc_offset_minutes());
  if (!seconds) return luaL_error(L, "os.time: the date is outside the years 1 to 9999");
  set_fields(L, fields_at(*seconds, c.utc_offset_minutes()));
  lua_pushinteger(L, *seconds);
  return 1;
}

// os.date(format, time): "*t" or a strftime format with C99's conversions; a leading "!" formats
// in UTC instead of the screen's offset. Other conversions are refused, naming them.
int os_date(lua_State* L) {
  const Clock& c = PluginRuntime::of(L).clock();
  size_t len = 0;
  const char* format = luaL_optlstring(L, 1, "%c", &len);
  int64_t seconds = lua_isnoneornil(L, 2) ? unix_seconds(c.now())
                                          : check_integer_in(L, 2, "os.date", "time", kMinCalendarSeconds, kMaxCalendarSeconds);
  std::string_view fmt(format, len);
  int offset = c.utc_offset_minutes();
  if (!fmt.empty() && fmt[0] == '!') {
    offset = 0;
    fmt.remove_prefix(1);
  }
  if (len > 1000) return luaL_error(L, "os.date: the format is longer than 1000 bytes");
  CalendarFields f = fields_at(seconds, offset);
  if (fmt == "*t") {
    lua_createtable(L, 0, 9);
    set_fields(L, f);
    return 1;
  }
  // C++ strings: built and pushed inside call_service, which raises only once they are gone.
  return call_service(L, "os.date", [&] {
    std::string out, problem;
    if (!format_calendar(fmt, f, offset, zone_name(offset), out, problem)) throw std::invalid_argument(problem);
    return push_protected(L, [&](lua_State* S) {
      lua_pushlstring(S, out.data(), out.size());
      return 1;
    });
  });
}

int os_clock(lua_State* L) { return clock_seconds(L); }

}  // namespace

void open_clock_api(lua_State* L) {
  set_read_only_global(L, "clock", {{"now", clock_now}, {"today", clock_today}, {"seconds", clock_seconds}});
  set_read_only_global(L, "os", {{"time", os_time}, {"date", os_date}, {"clock", os_clock}});
}

}  // namespace eco::lua
