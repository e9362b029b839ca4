// participation: anonymous records of what people did at the screen, for plugins with the
// "participation" permission. Fields are checked against the manifest's [participation] keys.
#include <cstring>

#include <lua.hpp>

#include "base/iso8601.h"
#include "base/utf8.h"
#include "lua/api.h"
#include "lua/api_permissions.h"
#include "lua/lua_values.h"
#include "lua/option_checks.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

ParticipationService& service(lua_State* L, const char* fn) {
  return permitted_service(L, PluginRuntime::of(L).services().participation, "participation", fn);
}

constexpr int64_t kMaxDays = 36500;  // a hundred years

// Arguments first (plain values, strings checked for valid UTF-8: they go into JSON and SQLite),
// then the service, inside call_service. Nothing here may hold a C++ object with a destructor
// across a luaL_error (it longjmps): strings stay on the Lua stack, ranges are plain numbers.
int p_log(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.log");
  const char* kind = check_utf8(L, 1, "participation.log", "kind");
  return call_service(L, "participation.log", [&] {
    nlohmann::json fields = lua_isnoneornil(L, 2) ? nlohmann::json::object() : to_json(L, 2);
    if (fields.is_array() && fields.empty()) fields = nlohmann::json::object();
    svc.log(rt.manifest().id, kind, fields, rt.manifest().participation_keys);
    return 0;
  });
}

// The windows are days of the screen's clock (its UTC offset): the week starts on Monday (ISO 8601).
const char* const kWindows[] = {"today", "week", "month", nullptr};
const OptionSpec kTodayOptions[] = {{"kind", OptionKind::String}, {"by", OptionKind::String}, {nullptr, OptionKind::String}};
const OptionSpec kCountOptions[] = {{"kind", OptionKind::String}, {"by", OptionKind::String},
                                    {"window", OptionKind::Enum, kWindows}, {"days", OptionKind::Integer},
                                    {"since", OptionKind::String}, {nullptr, OptionKind::String}};
const OptionSpec kLeaderboardOptions[] = {{"kind", OptionKind::String},  {"by", OptionKind::String},
                                          {"field", OptionKind::String}, {"average", OptionKind::Boolean},
                                          {"n", OptionKind::Integer},    {"window", OptionKind::Enum, kWindows},
                                          {"days", OptionKind::Integer}, {"since", OptionKind::String},
                                          {nullptr, OptionKind::String}};

// A string option, kept on the stack; must be valid UTF-8.
const char* utf8_field(lua_State* L, int table, const char* fn, const char* field, const char* fallback) {
  size_t len = 0;
  const char* s = opt_string_field(L, table, field, &len);
  if (!s) return fallback;
  if (!is_valid_utf8({s, len})) luaL_error(L, "%s: %s is not valid UTF-8 text", fn, field);
  return s;
}

// A payload field named by `by` or `field`: only the manifest's [participation] keys exist in
// payloads (and they are the ones privacy.h keeps free of personal data).
void check_declared(lua_State* L, const char* fn, const char* option, const char* name) {
  const auto& keys = PluginRuntime::of(L).manifest().participation_keys;
  for (const auto& k : keys)
    if (k == name) return;
  char list[512] = {0};
  for (const auto& k : keys) {
    if (list[0]) std::strncat(list, ", ", sizeof list - std::strlen(list) - 1);
    std::strncat(list, k.c_str(), sizeof list - std::strlen(list) - 1);
  }
  luaL_error(L, "%s: %s = '%s' is not one of the plugin's [participation] keys (%s)", fn, option, name,
             list[0] ? list : "none declared");
}

// The days of window = "today" | "week" | "month", days = N (the last N, today included) or
// since = "YYYY-MM-DD" (to today); at most one of them. None: `fallback`.
DayRange window_of(lua_State* L, int opts, const char* fn, DayRange fallback) {
  const LocalTime now = PluginRuntime::of(L).clock().local_now();
  const int64_t today = now.day_number();
  int given = 0;
  DayRange days = fallback;
  if (const char* w = opt_string_field(L, opts, "window")) {
    ++given;
    int64_t from = std::strcmp(w, "today") == 0 ? today : std::strcmp(w, "week") == 0 ? today - (now.weekday - 1)
                                                                                        : today - (now.day - 1);
    days = {from, today};
  }
  lua_getfield(L, opts, "days");
  bool has_days = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (has_days) {
    ++given;
    days = {today - (opt_integer_field_in(L, opts, "days", fn, 1, kMaxDays, 1) - 1), today};
  }
  size_t len = 0;
  if (const char* since = opt_string_field(L, opts, "since", &len)) {
    ++given;
    auto day = parse_date({since, len});
    if (!day) luaL_error(L, "%s: since must be a date like \"2026-06-01\", got \"%s\"", fn, since);
    days = {*day, today};
  }
  if (given > 1) luaL_error(L, "%s: give one of window, days and since", fn);
  return days;
}

// What count, today and leaderboard were asked: `kind` positionally or as an option, the
// options table (0: none) checked against `specs`.
struct Ask {
  const char* kind = "";
  const char* by = nullptr;  // group by this payload field
  int opts = 0;
};

Ask read_ask(lua_State* L, const char* fn, const OptionSpec* specs, bool positional_days) {
  Ask a;
  if (lua_istable(L, 1)) {
    a.opts = 1;
  } else {
    a.kind = opt_utf8(L, 1, fn, "kind", "");
    if (lua_istable(L, 2)) a.opts = 2;
    else if (!positional_days && !lua_isnone(L, 2)) check_options(L, 2, fn, specs);  // says what the options are
  }
  if (!a.opts) return a;
  check_options(L, a.opts, fn, specs);
  if (a.opts == 2 && !lua_isnil(L, 1) && opt_string_field(L, 2, "kind"))
    luaL_error(L, "%s: kind is given twice (as the first argument and in the options)", fn);
  a.kind = utf8_field(L, a.opts, fn, "kind", a.kind);
  a.by = utf8_field(L, a.opts, fn, "by", nullptr);
  if (a.by) check_declared(L, fn, "by", a.by);
  return a;
}

// {walk = 12, bus = 3}: the count of each group.
int push_groups(lua_State* L, const std::vector<LeaderboardEntry>& rows) {
  return push_protected(L, [&](lua_State* S) {
    lua_createtable(S, 0, static_cast<int>(rows.size()));
    for (const auto& r : rows) {
      lua_pushlstring(S, r.key.data(), r.key.size());
      lua_pushinteger(S, static_cast<lua_Integer>(r.value));
      lua_rawset(S, -3);
    }
    return 1;
  });
}

// count's and today's answer over `days`: the number, or with `by` the count of each group.
int push_count(lua_State* L, const char* fn, const Ask& a, DayRange days) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, fn);
  return call_service(L, fn, [&] {
    if (a.by) return push_groups(L, svc.leaderboard(rt.manifest().id, a.kind, a.by, "", false, -1, days));
    lua_pushinteger(L, svc.count(rt.manifest().id, a.kind, days));
    return 1;
  });
}

// count(kind, days) | count(kind, {…}) | count{kind =, window =, days =, since =, by =}:
// all time unless a window is given; with `by`, a table of counts per group.
int p_count(lua_State* L) {
  const char* fn = "participation.count";
  service(L, fn);  // the permission first, before the arguments
  Ask a = read_ask(L, fn, kCountOptions, true);
  DayRange days;
  if (a.opts) {
    days = window_of(L, a.opts, fn, DayRange{});
  } else if (!lua_isnoneornil(L, 2)) {
    int64_t today = PluginRuntime::of(L).clock().local_now().day_number();
    days = {today - (check_integer_in(L, 2, fn, "days", 1, kMaxDays) - 1), today};
  }
  return push_count(L, fn, a, days);
}

// today(kind) | today(kind, {by =}) | today{kind =, by =}
int p_today(lua_State* L) {
  const char* fn = "participation.today";
  service(L, fn);  // the permission first, before the arguments
  Ask a = read_ask(L, fn, kTodayOptions, false);
  int64_t today = PluginRuntime::of(L).clock().local_now().day_number();
  DayRange days{today, today};
  return push_count(L, fn, a, days);
}

// leaderboard{kind =, by = "department", field =, average = false, n = 10, window | days | since}
// → { {key =, value =}, … } best first; all time unless a window is given.
int p_leaderboard(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.leaderboard");
  const char* fn = "participation.leaderboard";
  if (!lua_istable(L, 1)) check_options(L, 1, fn, kLeaderboardOptions);  // nil is all defaults
  lua_settop(L, 1);
  if (lua_isnil(L, 1)) {
    lua_newtable(L);
    lua_replace(L, 1);
  }
  Ask a = read_ask(L, fn, kLeaderboardOptions, false);
  int n = static_cast<int>(opt_integer_field_in(L, 1, "n", fn, 0, 1000, 10));
  bool average = opt_bool_field(L, 1, "average", false);
  DayRange days = window_of(L, 1, fn, DayRange{});
  if (!a.by) {
    a.by = "department";
    check_declared(L, fn, "by", a.by);
  }
  const char* field = utf8_field(L, 1, fn, "field", "");
  if (*field) check_declared(L, fn, "field", field);
  return call_service(L, fn, [&] {
    auto rows = svc.leaderboard(rt.manifest().id, a.kind, a.by, field, average, n, days);
    return push_protected(L, [&](lua_State* S) {
      lua_createtable(S, static_cast<int>(rows.size()), 0);
      for (size_t i = 0; i < rows.size(); ++i) {
        lua_createtable(S, 0, 2);
        lua_pushlstring(S, rows[i].key.data(), rows[i].key.size());
        lua_setfield(S, -2, "key");
        lua_pushnumber(S, rows[i].value);
        lua_setfield(S, -2, "value");
        lua_rawseti(S, -2, static_cast<lua_Integer>(i + 1));
      }
      return 1;
    });
  });
}

// participation.streak(kind, by, group) → consecutive days up to today
int p_streak(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.streak");
  const char* kind = opt_utf8(L, 1, "participation.streak", "kind", "");
  const char* by = opt_utf8(L, 2, "participation.streak", "by", "");
  const char* group = opt_utf8(L, 3, "participation.streak", "group", "");
  return call_service(L, "participation.streak", [&] {
    lua_pushinteger(L, svc.streak(rt.manifest().id, kind, by, group));
    return 1;
  });
}

}  // namespace

void open_participation_api(lua_State* L) {
  set_read_only_global(L, "participation", {{"log", p_log}, {"count", p_count}, {"today", p_today},
                                             {"leaderboard", p_leaderboard}, {"streak", p_streak}});
}

}  // namespace eco::lua
