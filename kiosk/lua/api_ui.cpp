// ui: immediate-mode drawing on the canvas, through the kiosk's Painter. Only valid inside
// frame(); every argument is checked (type, finite, clamped) before it reaches the renderer, and
// every option table against its function's list in kUi (lua/api_ui.h): an unknown key or a
// value of the wrong type is an error at the plugin's line, never silently ignored. The widgets
// are drawn by render/widgets: this file checks a plugin's arguments, calls them, records each
// widget's touch area and answers whether it was tapped.
#include "lua/api_ui.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "base/utf8.h"
#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"
#include "render/number_format.h"
#include "render/theme.h"
#include "render/widgets.h"

namespace eco::lua {
namespace {

constexpr size_t kMaxText = 4096;
constexpr lua_Integer kMaxSeries = 2000;  // bars, points, slices
constexpr lua_Integer kMaxChoices = 200;
constexpr const char* kAligns[] = {"left", "center", "right", nullptr};
constexpr const char* kLegends[] = {"right", "below", "none", nullptr};
constexpr const char* kEasings[] = {"out", "linear", "in_out", nullptr};

using K = OptionKind;
constexpr OptionSpec kEnd{nullptr, K::Number};
constexpr OptionSpec kTextOptions[] = {{"size", K::Number}, {"color", K::Color}, {"align", K::Enum, kAligns},
                                       {"width", K::Number}, {"bold", K::Boolean}, kEnd};
constexpr OptionSpec kRectOptions[] = {{"color", K::Color}, {"radius", K::Number}, {"stroke", K::Number}, kEnd};
constexpr OptionSpec kPanelOptions[] = {{"color", K::Color}, {"radius", K::Number}, kEnd};
constexpr OptionSpec kLineOptions[] = {{"color", K::Color}, {"width", K::Number}, kEnd};
constexpr OptionSpec kCircleOptions[] = {{"color", K::Color}, kEnd};
constexpr OptionSpec kButtonOptions[] = {{"label", K::String},      {"color", K::Color}, {"text_color", K::Color},
                                         {"size", K::Number},       {"selected", K::Boolean}, kEnd};
constexpr OptionSpec kChoiceOptions[] = {{"row_h", K::Number},    {"gap", K::Number},     {"size", K::Number},
                                         {"selected", K::Integer}, {"columns", K::Integer}, {"h", K::Number}, kEnd};
constexpr OptionSpec kProgressOptions[] = {{"color", K::Color}, {"bg", K::Color}, kEnd};
constexpr OptionSpec kRingOptions[] = {{"width", K::Number}, {"color", K::Color}, {"bg", K::Color}, kEnd};
constexpr OptionSpec kBarChartOptions[] = {{"labels", K::Table},  {"color", K::Color},      {"colors", K::Table},
                                           {"max", K::Number},    {"values", K::Boolean},   {"format", K::String},
                                           {"decimals", K::Integer}, {"label_size", K::Number}, kEnd};
constexpr OptionSpec kPieChartOptions[] = {{"labels", K::Table},     {"colors", K::Table},     {"values", K::Boolean},
                                           {"format", K::String},    {"decimals", K::Integer}, {"percent", K::Boolean},
                                           {"hole", K::Number},      {"label_size", K::Number},
                                           {"legend", K::Enum, kLegends}, kEnd};
constexpr OptionSpec kLineChartOptions[] = {{"min", K::Number}, {"max", K::Number}, {"color", K::Color},
                                            {"width", K::Number}, kEnd};
constexpr OptionSpec kNumberOptions[] = {{"size", K::Number}, {"decimals", K::Integer}, {"align", K::Enum, kAligns},
                                         {"color", K::Color}, kEnd};
constexpr OptionSpec kRectKeys[] = {{"x", K::Number}, {"y", K::Number}, {"w", K::Number}, {"h", K::Number}, kEnd};

// Every function below first checks its arguments with Lua calls that may raise, into plain
// values (string_views of strings anchored on the Lua stack, numbers, colours); only then does it
// build C++ objects and draw, through call_service, which raises nothing while they are alive.

Painter& painter(lua_State* L, const char* fn) {
  Painter* p = PluginRuntime::of(L).painter();
  if (!p) luaL_error(L, "%s can only be called while drawing, inside frame()", fn);
  return *p;
}

Rect check_rect(lua_State* L, int first, const char* fn) {
  Rect r{check_finite(L, first, fn, "x"), check_finite(L, first + 1, fn, "y"), check_finite(L, first + 2, fn, "w"),
         check_finite(L, first + 3, fn, "h")};
  r.w = std::max(0.0f, r.w);
  r.h = std::max(0.0f, r.h);
  return r;
}

// Argument `index` as text: a string or a number (shown as tostring shows it), nothing else (a
// nil drawn as "nil" is a bug the screen should not show). Left in its stack slot so the view
// stays valid; cut to kMaxText bytes on a character boundary.
std::string_view check_text(lua_State* L, int index, const char* fn, const char* arg) {
  index = lua_absindex(L, index);
  int type = lua_type(L, index);
  if (type != LUA_TSTRING && type != LUA_TNUMBER)
    luaL_error(L, "%s: %s must be text (a string or a number), got %s", fn, arg, luaL_typename(L, index));
  size_t len = 0;
  const char* s = luaL_tolstring(L, index, &len);
  lua_replace(L, index);
  return utf8_prefix({s, len}, kMaxText);
}

void check_table(lua_State* L, int index, const char* fn, const char* arg) {
  if (!lua_istable(L, index)) luaL_error(L, "%s: %s must be a table, got %s", fn, arg, luaL_typename(L, index));
}

Align text_align(lua_State* L, int opts) {
  int align = opt_enum_field(L, opts, "align", kAligns, 0);
  return align == 1 ? Align::Center : align == 2 ? Align::Right : Align::Left;
}

TextStyle text_style(lua_State* L, int opts, float default_size) {
  TextStyle st;
  st.size = std::clamp(opt_number_field(L, opts, "size", default_size), 8.0f, 400.0f);
  st.color = opt_color_field(L, opts, "color", theme::kText);
  st.align = text_align(L, opts);
  st.wrap_width = std::max(0.0f, opt_number_field(L, opts, "width", 0));
  st.bold = opt_bool_field(L, opts, "bold", false);
  return st;
}

bool tapped(lua_State* L, Rect hit) {
  const FrameInput* in = PluginRuntime::of(L).input();
  if (!in) return false;
  return std::any_of(in->taps.begin(), in->taps.end(), [&](Vec2 t) { return hit.contains(t); });
}

// The first swipe this frame that started inside `area`.
const Swipe* swiped(lua_State* L, Rect area) {
  const FrameInput* in = PluginRuntime::of(L).input();
  if (!in) return nullptr;
  for (const Swipe& s : in->swipes)
    if (area.contains(s.from)) return &s;
  return nullptr;
}

void push_rect(lua_State* L, Rect r) {
  lua_createtable(L, 0, 4);
  lua_pushnumber(L, r.x);
  lua_setfield(L, -2, "x");
  lua_pushnumber(L, r.y);
  lua_setfield(L, -2, "y");
  lua_pushnumber(L, r.w);
  lua_setfield(L, -2, "w");
  lua_pushnumber(L, r.h);
  lua_setfield(L, -2, "h");
}

// The entries of the array at `index` (the first kMaxSeries): each must be a number, or nil or
// false for a missing reading (false keeps the array's length where a nil would end it); raises
// naming the first that is none of these.
lua_Integer check_numbers(lua_State* L, int index, const char* fn, const char* arg) {
  check_table(L, index, fn, arg);
  lua_Integer n = std::min<lua_Integer>(static_cast<lua_Integer>(lua_rawlen(L, index)), kMaxSeries);
  for (lua_Integer i = 1; i <= n; ++i) {
    int type = lua_rawgeti(L, index, i);
    bool gap = type == LUA_TNIL || (type == LUA_TBOOLEAN && !lua_toboolean(L, -1));
    if (type != LUA_TNUMBER && !gap)
      luaL_error(L, "%s: %s[%I] must be a number (nil or false: no reading), got %s", fn, arg, i,
                 type == LUA_TBOOLEAN ? "true" : lua_typename(L, type));
    lua_pop(L, 1);
  }
  return n;
}

// The numbers of the array at `index` (NaN for gaps), after check_numbers: raw reads that cannot raise.
std::vector<float> values_of(lua_State* L, int index, lua_Integer n) {
  std::vector<float> out;
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    double v = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : NAN;
    out.push_back(std::isfinite(v) ? static_cast<float>(std::clamp(v, -1e30, 1e30)) : NAN);
    lua_pop(L, 1);
  }
  return out;
}

// A per-item option of a chart (labels = {…}, colors = {…}): opts[field] pushed, and returned as
// its stack index so the C++ part reads it raw. Each entry must be text (labels) or a colour
// (colors) or nil; raises naming the first that is not.
int check_series_option(lua_State* L, int opts, const char* field, bool colors, const char* fn) {
  if (lua_istable(L, opts)) lua_getfield(L, opts, field);
  else lua_pushnil(L);
  const int t = lua_gettop(L);
  if (!lua_istable(L, t)) return t;
  lua_Integer n = std::min<lua_Integer>(static_cast<lua_Integer>(lua_rawlen(L, t)), kMaxSeries);
  for (lua_Integer i = 1; i <= n; ++i) {
    int type = lua_rawgeti(L, t, i);
    char what[96];
    std::snprintf(what, sizeof what, "%s: %s[%lld]", fn, field, static_cast<long long>(i));
    if (colors && type != LUA_TNIL) check_color(L, -1, what);
    if (!colors && type != LUA_TNIL && type != LUA_TSTRING && type != LUA_TNUMBER)
      luaL_error(L, "%s must be text (a string or a number), got %s", what, lua_typename(L, type));
    lua_pop(L, 1);
  }
  return t;
}

// What check_series_option() accepted, as C++ values, with raw reads that cannot raise (inside
// call_service): a label that is a number reads as tostring shows it; a colour was checked already.
std::vector<std::optional<std::string>> labels_of(lua_State* L, int labels, size_t n) {
  std::vector<std::optional<std::string>> out(n);
  for (size_t i = 0; lua_istable(L, labels) && i < n; ++i) {
    int type = lua_rawgeti(L, labels, static_cast<lua_Integer>(i + 1));
    if (type == LUA_TSTRING) {
      size_t len = 0;
      const char* s = lua_tolstring(L, -1, &len);
      out[i] = std::string(utf8_prefix({s, len}, kMaxText));
    } else if (type == LUA_TNUMBER) {
      out[i] = lua_isinteger(L, -1) ? std::to_string(lua_tointeger(L, -1)) : format_number(lua_tonumber(L, -1), 1, Grouping::None);
    }
    lua_pop(L, 1);
  }
  return out;
}

std::vector<std::optional<Color>> colors_of(lua_State* L, int colors, size_t n) {
  std::vector<std::optional<Color>> out(n);
  for (size_t i = 0; lua_istable(L, colors) && i < n; ++i) {
    if (lua_rawgeti(L, colors, static_cast<lua_Integer>(i + 1)) != LUA_TNIL) out[i] = check_color(L, -1, "colors");
    lua_pop(L, 1);
  }
  return out;
}

std::vector<std::optional<std::string_view>> views_of(const std::vector<std::optional<std::string>>& labels) {
  std::vector<std::optional<std::string_view>> out;
  for (const auto& l : labels) out.push_back(l ? std::optional<std::string_view>(*l) : std::nullopt);
  return out;
}

// How a chart writes its values: {values = true, decimals = 1} or {format = "{v} kWh"}.
// The chart's value options; `format` stays anchored in the option table.
ValueFormat value_format(lua_State* L, int opts, const char* fn) {
  ValueFormat f;
  f.decimals = static_cast<int>(opt_integer_field_in(L, opts, "decimals", fn, 0, 6, 0));
  f.percent = opt_bool_field(L, opts, "percent", false);
  if (lua_istable(L, opts)) {
    lua_pushstring(L, "format");
    lua_rawget(L, opts);
    if (lua_type(L, -1) == LUA_TSTRING) {
      f.format = lua_tostring(L, -1);  // the table holds the string
      if (!std::strstr(f.format, "{v}")) luaL_error(L, "%s: option 'format' must contain {v}, where the value goes (e.g. \"{v} kWh\")", fn);
    }
    lua_pop(L, 1);
  }
  f.shown = f.format || opt_bool_field(L, opts, "values", false);
  return f;
}

// In dev mode a widget smaller than a finger is a warning, once per call site: its touch area is
// enlarged to kMinTouch about its centre and may overlap its neighbours.
void warn_if_small(lua_State* L, const char* fn, std::string_view id, Rect r) {
  PluginRuntime& rt = PluginRuntime::of(L);
  if (!rt.options().dev_mode || (r.w >= kMinTouch && r.h >= kMinTouch)) return;
  lua_Debug ar;
  std::string site = "?";
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) site = std::string(ar.short_src) + ":" + std::to_string(ar.currentline);
  if (!rt.first_warning_at(site)) return;
  spdlog::warn("plugin {}: {}: {} '{}' is {:.0f}×{:.0f}, smaller than the {:.0f}×{:.0f} a finger needs: it answers taps "
               "in {:.0f}×{:.0f} around its centre, which may overlap its neighbours",
               rt.manifest().id, site, fn, utf8_excerpt(id, 80), r.w, r.h, kMinTouch, kMinTouch,
               std::max(r.w, kMinTouch), std::max(r.h, kMinTouch));
}

int ui_text(lua_State* L) {
  Painter& p = painter(L, "ui.text");
  std::string_view text = check_text(L, 1, "ui.text", "text");
  Vec2 pos{check_finite(L, 2, "ui.text", "x"), check_finite(L, 3, "ui.text", "y")};
  TextStyle st = text_style(L, 4, theme::kBody);
  return call_service(L, "ui.text", [&] {
    Vec2 size = p.text(pos, text, st);
    lua_pushnumber(L, size.x);
    lua_pushnumber(L, size.y);
    return 2;
  });
}

int ui_measure(lua_State* L) {
  Painter& p = painter(L, "ui.measure");
  std::string_view text = check_text(L, 1, "ui.measure", "text");
  TextStyle st = text_style(L, 2, theme::kBody);
  return call_service(L, "ui.measure", [&] {
    Vec2 size = p.measure_text(text, st.size, st.wrap_width, st.bold);
    lua_pushnumber(L, size.x);
    lua_pushnumber(L, size.y);
    return 2;
  });
}

int ui_rect(lua_State* L) {
  Painter& p = painter(L, "ui.rect");
  Rect r = check_rect(L, 1, "ui.rect");
  Color c = opt_color_field(L, 5, "color", theme::kPanel);
  float radius = std::clamp(opt_number_field(L, 5, "radius", 0), 0.0f, 1000.0f);
  float stroke = opt_number_field(L, 5, "stroke", 0);
  if (stroke > 0) p.stroke_rect(r, c, radius, std::min(stroke, 100.0f));
  else p.fill_rect(r, c, radius);
  return 0;
}

int ui_panel(lua_State* L) {
  Painter& p = painter(L, "ui.panel");
  Rect r = check_rect(L, 1, "ui.panel");
  Color c = opt_color_field(L, 5, "color", theme::kPanel);
  p.fill_rect(r, c, std::clamp(opt_number_field(L, 5, "radius", 24), 0.0f, 500.0f));
  return 0;
}

int ui_line(lua_State* L) {
  Painter& p = painter(L, "ui.line");
  Vec2 a{check_finite(L, 1, "ui.line", "x1"), check_finite(L, 2, "ui.line", "y1")};
  Vec2 b{check_finite(L, 3, "ui.line", "x2"), check_finite(L, 4, "ui.line", "y2")};
  Color c = opt_color_field(L, 5, "color", theme::kText);
  p.line(a, b, c, std::clamp(opt_number_field(L, 5, "width", 3), 0.5f, 100.0f));
  return 0;
}

int ui_circle(lua_State* L) {
  Painter& p = painter(L, "ui.circle");
  Vec2 c{check_finite(L, 1, "ui.circle", "x"), check_finite(L, 2, "ui.circle", "y")};
  float r = std::clamp(check_finite(L, 3, "ui.circle", "radius"), 0.0f, 5000.0f);
  Color color = opt_color_field(L, 4, "color", theme::kAccent);
  p.fill_circle(c, r, color);
  return 0;
}

int ui_image(lua_State* L) {
  Painter& p = painter(L, "ui.image");
  if (lua_type(L, 1) != LUA_TSTRING) luaL_error(L, "ui.image: name must be a string, got %s", luaL_typename(L, 1));
  size_t len = 0;
  const char* name = lua_tolstring(L, 1, &len);
  Rect r = check_rect(L, 2, "ui.image");
  return call_service(L, "ui.image", [&] {
    std::string path = PluginRuntime::of(L).asset_path(std::string(name, len));
    if (path.empty())
      throw std::invalid_argument("'" + utf8_excerpt({name, len}, 200) + "' is not a file inside the plugin folder");
    // Decoding on first use is the host's work, not the plugin's (lua/limits.h).
    const bool drawn = budget_of(L).exempt([&] { return p.image(r, path); });
    lua_pushboolean(L, drawn);
    return 1;
  });
}

int ui_button(lua_State* L) {
  Painter& p = painter(L, "ui.button");
  std::string_view id = check_text(L, 1, "ui.button", "id");
  Rect r = check_rect(L, 2, "ui.button");
  size_t label_len = 0;
  const char* label_field = opt_string_field(L, 6, "label", &label_len);  // stays on the stack
  std::string_view label = label_field ? utf8_prefix({label_field, label_len}, kMaxText) : id;
  ButtonStyle style = button_style(opt_bool_field(L, 6, "selected", false),
                                   std::clamp(opt_number_field(L, 6, "size", theme::kBody), 8.0f, 200.0f));
  style.fill = opt_color_field(L, 6, "color", style.fill);
  style.text = opt_color_field(L, 6, "text_color", style.text);
  return call_service(L, "ui.button", [&] {
    warn_if_small(L, "ui.button", id, r);
    Rect hit = draw_button(p, r, label, style);
    PluginRuntime::of(L).add_widget({std::string(id), std::string(label), hit});
    lua_pushboolean(L, tapped(L, hit));
    return 1;
  });
}

// ui.choice(id, {"A", "B", …}, x, y, w, {row_h=, gap=, size=, selected=, columns=, h=})
//   → the index tapped or nil, and the y below the list. Rows that do not fit in h are paged.
int ui_choice(lua_State* L) {
  Painter& p = painter(L, "ui.choice");
  std::string_view id = check_text(L, 1, "ui.choice", "id");
  check_table(L, 2, "ui.choice", "labels");
  ChoiceList list{check_finite(L, 3, "ui.choice", "x"), check_finite(L, 4, "ui.choice", "y"),
                  std::max(0.0f, check_finite(L, 5, "ui.choice", "w")),
                  std::clamp(opt_number_field(L, 6, "row_h", 110), kMinTouch, 600.0f),
                  std::clamp(opt_number_field(L, 6, "gap", 20), 0.0f, 200.0f),
                  std::clamp(opt_number_field(L, 6, "size", theme::kBody), 8.0f, 200.0f),
                  static_cast<int>(opt_integer_field_in(L, 6, "selected", "ui.choice", 0, kMaxChoices, 0)),
                  static_cast<int>(opt_integer_field_in(L, 6, "columns", "ui.choice", 1, 8, 1)),
                  std::max(0.0f, opt_number_field(L, 6, "h", 0))};
  int n = static_cast<int>(std::min<lua_Integer>(static_cast<lua_Integer>(lua_rawlen(L, 2)), kMaxChoices));
  lua_settop(L, 6);
  luaL_checkstack(L, n + 4, "ui.choice");
  for (int i = 1; i <= n; ++i) {  // the labels as strings, kept on the stack at 6 + i
    lua_rawgeti(L, 2, i);
    char what[32];
    std::snprintf(what, sizeof what, "labels[%d]", i);
    check_text(L, -1, "ui.choice", what);
  }
  return call_service(L, "ui.choice", [&] {
    PluginRuntime& rt = PluginRuntime::of(L);
    std::vector<std::string_view> labels;
    for (int i = 1; i <= n; ++i) {
      size_t len = 0;
      const char* s = lua_tolstring(L, 6 + i, &len);
      labels.push_back(utf8_prefix({s, len}, kMaxText));
    }
    // The page: kept by id across frames.
    auto [page, fresh] = rt.choice_pages().try_emplace(std::string(id), 0);
    if (fresh) page->second = opening_page(labels.size(), list, p.canvas_size());
    list.page = page->second;
    ChoiceLayout layout = layout_choice(labels.size(), list, p.canvas_size());
    if (layout.pages > 1) {  // the pager's buttons, or a swipe across the list, turn the page before it is drawn
      int turn = (tapped(L, layout.next) ? 1 : 0) - (tapped(L, layout.previous) ? 1 : 0);
      if (const Swipe* s = swiped(L, {list.x, list.y, list.w, layout.bottom - list.y}))
        turn += s->direction == SwipeDirection::Left || s->direction == SwipeDirection::Up ? 1 : -1;
      list.page = page->second = turned_page(layout, turn);
    }
    layout = draw_choice(p, labels, list);
    int chosen = 0;
    for (int i = 0; i < layout.count; ++i) {
      Rect row = layout.rows[static_cast<size_t>(i)];
      int index = layout.first + i + 1;
      rt.add_widget({std::string(id) + "." + std::to_string(index), std::string(labels[static_cast<size_t>(index - 1)]), row});
      if (!chosen && tapped(L, row)) chosen = index;
    }
    if (layout.pages > 1) {
      rt.add_widget({std::string(id) + ".previous", "‹", layout.previous});
      rt.add_widget({std::string(id) + ".next", "›", layout.next});
    }
    if (chosen) lua_pushinteger(L, chosen);
    else lua_pushnil(L);
    lua_pushnumber(L, layout.bottom);
    return 2;
  });
}

int ui_progress(lua_State* L) {
  Painter& p = painter(L, "ui.progress");
  Rect r = check_rect(L, 1, "ui.progress");
  float f = std::clamp(check_finite(L, 5, "ui.progress", "fraction"), 0.0f, 1.0f);
  Color bg = opt_color_field(L, 6, "bg", theme::kTrack);
  Color fg = opt_color_field(L, 6, "color", theme::kAccent);
  draw_progress(p, r, f, bg, fg);
  return 0;
}

int ui_ring(lua_State* L) {
  Painter& p = painter(L, "ui.ring");
  Vec2 c{check_finite(L, 1, "ui.ring", "x"), check_finite(L, 2, "ui.ring", "y")};
  float r = std::clamp(check_finite(L, 3, "ui.ring", "radius"), 1.0f, 2000.0f);
  float f = std::clamp(check_finite(L, 4, "ui.ring", "fraction"), 0.0f, 1.0f);
  float width = std::clamp(opt_number_field(L, 5, "width", r * 0.18f), 1.0f, r);
  Color bg = opt_color_field(L, 5, "bg", theme::kTrack);
  Color fg = opt_color_field(L, 5, "color", theme::kAccent);
  draw_ring(p, c, r, f, width, bg, fg);
  return 0;
}

// ui.bar_chart(x, y, w, h, values, {labels=, color=, colors=, max=, values=, format=, decimals=, label_size=})
int ui_bar_chart(lua_State* L) {
  Painter& p = painter(L, "ui.bar_chart");
  Rect r = check_rect(L, 1, "ui.bar_chart");
  lua_Integer n = check_numbers(L, 5, "ui.bar_chart", "values");
  lua_settop(L, 6);
  const int labels_at = check_series_option(L, 6, "labels", false, "ui.bar_chart");
  const int colors_at = check_series_option(L, 6, "colors", true, "ui.bar_chart");
  float given_max = opt_number_field(L, 6, "max", 0);
  Color c = opt_color_field(L, 6, "color", theme::kAccent);
  float label_size = std::clamp(opt_number_field(L, 6, "label_size", theme::kSmall), 12.0f, 120.0f);
  bool has_labels = lua_istable(L, labels_at);
  ValueFormat shown = value_format(L, 6, "ui.bar_chart");
  return call_service(L, "ui.bar_chart", [&] {
    auto values = values_of(L, 5, n);
    auto labels = labels_of(L, labels_at, values.size());
    auto views = views_of(labels);
    auto colors = colors_of(L, colors_at, values.size());
    std::vector<std::string> texts;
    for (size_t i = 0; shown.shown && i < values.size(); ++i) texts.push_back(format_value(shown, values[i]));
    draw_bar_chart(p, r, BarChart{values, given_max, c, has_labels, views, colors, label_size, texts});
    return 0;
  });
}

// ui.pie_chart(x, y, radius, values, {labels=, colors=, hole=, values=, format=, decimals=, percent=,
//   label_size=, legend=}): (x, y) is the centre; hole > 0 makes it a donut.
int ui_pie_chart(lua_State* L) {
  Painter& p = painter(L, "ui.pie_chart");
  Vec2 c{check_finite(L, 1, "ui.pie_chart", "x"), check_finite(L, 2, "ui.pie_chart", "y")};
  float radius = std::clamp(check_finite(L, 3, "ui.pie_chart", "radius"), 1.0f, 2000.0f);
  lua_Integer n = check_numbers(L, 4, "ui.pie_chart", "values");
  lua_settop(L, 5);
  const int labels_at = check_series_option(L, 5, "labels", false, "ui.pie_chart");
  const int colors_at = check_series_option(L, 5, "colors", true, "ui.pie_chart");
  float hole = opt_number_field(L, 5, "hole", 0);
  if (hole < 0 || hole > 0.9f) luaL_error(L, "ui.pie_chart: option 'hole' must be from 0 (a pie) to 0.9 of the radius");
  float label_size = std::clamp(opt_number_field(L, 5, "label_size", 32), 12.0f, 120.0f);
  int legend = opt_enum_field(L, 5, "legend", kLegends, 0);
  ValueFormat shown = value_format(L, 5, "ui.pie_chart");
  return call_service(L, "ui.pie_chart", [&] {
    auto values = values_of(L, 4, n);
    auto labels = labels_of(L, labels_at, values.size());
    auto views = views_of(labels);
    auto colors = colors_of(L, colors_at, values.size());
    std::vector<std::string> texts = pie_value_texts(values, shown);
    const LegendPlace places[] = {LegendPlace::Right, LegendPlace::Below, LegendPlace::None};
    draw_pie_chart(p, c, radius, PieChart{values, colors, views, texts, hole, label_size, places[legend]});
    return 0;
  });
}

int ui_line_chart(lua_State* L) {
  Painter& p = painter(L, "ui.line_chart");
  Rect r = check_rect(L, 1, "ui.line_chart");
  lua_Integer n = check_numbers(L, 5, "ui.line_chart", "values");
  float given_min = opt_number_field(L, 6, "min", NAN), given_max = opt_number_field(L, 6, "max", NAN);
  Color c = opt_color_field(L, 6, "color", theme::kAccent);
  float width = std::clamp(opt_number_field(L, 6, "width", 4), 1.0f, 40.0f);
  return call_service(L, "ui.line_chart", [&] {
    auto values = values_of(L, 5, n);
    draw_line_chart(p, r, LineChart{values, given_min, given_max, c, width});
    return 0;
  });
}

// ui.number(value, unit, x, y, {size=, decimals=, align=, color=}) draws a big figure with its unit.
int ui_number(lua_State* L) {
  Painter& p = painter(L, "ui.number");
  bool is_number = lua_type(L, 1) == LUA_TNUMBER;
  double value = is_number ? lua_tonumber(L, 1) : 0;
  std::string_view given = is_number ? std::string_view() : check_text(L, 1, "ui.number", "value");
  std::string_view unit = lua_isnoneornil(L, 2) ? std::string_view() : check_text(L, 2, "ui.number", "unit");
  Vec2 pos{check_finite(L, 3, "ui.number", "x"), check_finite(L, 4, "ui.number", "y")};
  int decimals = static_cast<int>(opt_integer_field_in(L, 5, "decimals", "ui.number", 0, 6, 0));
  BigNumberStyle style{std::clamp(opt_number_field(L, 5, "size", theme::kNumeral), 8.0f, 400.0f),
                       opt_color_field(L, 5, "color", theme::kText), text_align(L, 5)};
  return call_service(L, "ui.number", [&] {
    std::string text = is_number ? format_number(value, decimals) : std::string(given);
    lua_pushnumber(L, draw_big_number(p, pos, text, unit, style));
    return 1;
  });
}

int split(lua_State* L, bool rows) {
  const char* fn = rows ? "ui.rows" : "ui.columns";
  Rect r = check_rect(L, 1, fn);
  lua_Integer n = check_integer_in(L, 5, fn, "n", 1, 100);
  float gap = lua_isnoneornil(L, 6) ? 0.0f : std::max(0.0f, check_finite(L, 6, fn, "gap"));
  float size = ((rows ? r.h : r.w) - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
  lua_createtable(L, static_cast<int>(n), 0);
  for (lua_Integer i = 0; i < n; ++i) {
    float off = static_cast<float>(i) * (size + gap);
    push_rect(L, rows ? Rect{r.x, r.y + off, r.w, size} : Rect{r.x + off, r.y, size, r.h});
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}
int ui_rows(lua_State* L) { return split(L, true); }
int ui_columns(lua_State* L) { return split(L, false); }

// ui.pad({x=, y=, w=, h=}, padding): a rect as ui.rows gives them; all four fields are needed.
int ui_pad(lua_State* L) {
  check_table(L, 1, "ui.pad", "rect");
  check_options(L, 1, "ui.pad: rect", kRectKeys);
  float v[4];
  const char* names[] = {"rect.x", "rect.y", "rect.w", "rect.h"};
  for (int i = 0; i < 4; ++i) {
    lua_getfield(L, 1, kRectKeys[i].key);
    v[i] = check_finite(L, -1, "ui.pad", names[i]);
    lua_pop(L, 1);
  }
  float pad = check_finite(L, 2, "ui.pad", "padding");
  push_rect(L, {v[0] + pad, v[1] + pad, std::max(0.0f, v[2] - 2 * pad), std::max(0.0f, v[3] - 2 * pad)});
  return 1;
}

int ui_push_clip(lua_State* L) {
  Painter& p = painter(L, "ui.push_clip");
  auto& rt = PluginRuntime::of(L);
  if (rt.clip_depth() >= 32) return luaL_error(L, "ui.push_clip: more than 32 nested clips");
  p.push_clip(check_rect(L, 1, "ui.push_clip"));
  rt.note_clip(+1);
  return 0;
}

int ui_pop_clip(lua_State* L) {
  Painter& p = painter(L, "ui.pop_clip");
  auto& rt = PluginRuntime::of(L);
  if (rt.clip_depth() == 0) return luaL_error(L, "ui.pop_clip: no clip to pop (unbalanced push_clip/pop_clip)");
  p.pop_clip();
  rt.note_clip(-1);
  return 0;
}

// ui.fade(alpha): everything drawn after it in this frame is this much transparent.
int ui_fade(lua_State* L) {
  Painter& p = painter(L, "ui.fade");
  p.set_global_alpha(std::clamp(check_finite(L, 1, "ui.fade", "alpha"), 0.0f, 1.0f));
  return 0;
}

// ui.tween(from, to, t, "out"|"linear"|"in_out") → value; t is clamped to 0..1.
int ui_tween(lua_State* L) {
  float a = check_finite(L, 1, "ui.tween", "from"), b = check_finite(L, 2, "ui.tween", "to");
  float t = std::clamp(check_finite(L, 3, "ui.tween", "t"), 0.0f, 1.0f);
  int ease = 0;
  if (!lua_isnoneornil(L, 4)) {
    const char* name = lua_type(L, 4) == LUA_TSTRING ? lua_tostring(L, 4) : nullptr;
    ease = -1;
    for (int i = 0; name && kEasings[i]; ++i)
      if (std::strcmp(name, kEasings[i]) == 0) ease = i;
    if (ease < 0) luaL_error(L, "ui.tween: easing must be one of out, linear, in_out, got %s", name ? name : luaL_typename(L, 4));
  }
  if (ease == 0) t = 1 - (1 - t) * (1 - t) * (1 - t);
  else if (ease == 2) t = t < 0.5f ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3.0f) / 2;
  lua_pushnumber(L, a + (b - a) * t);
  return 1;
}

// ui.swipe([x, y, w, h]) → "left", "right", "up", "down" or nil: the swipe this frame that
// started inside the area (the whole canvas when none is given).
int ui_swipe(lua_State* L) {
  Painter& p = painter(L, "ui.swipe");
  Rect area{0, 0, p.canvas_size().x, p.canvas_size().y};
  if (!lua_isnoneornil(L, 1)) area = check_rect(L, 1, "ui.swipe");
  const Swipe* s = swiped(L, area);
  if (s) lua_pushstring(L, swipe_name(s->direction));
  else lua_pushnil(L);
  return 1;
}

const UiFunction kUi[] = {
    {"ui.text", ui_text, "(text, x, y, {options})", kTextOptions},
    {"ui.measure", ui_measure, "(text, {options})", kTextOptions},
    {"ui.rect", ui_rect, "(x, y, w, h, {options})", kRectOptions},
    {"ui.panel", ui_panel, "(x, y, w, h, {options})", kPanelOptions},
    {"ui.line", ui_line, "(x1, y1, x2, y2, {options})", kLineOptions},
    {"ui.circle", ui_circle, "(x, y, radius, {options})", kCircleOptions},
    {"ui.image", ui_image, "(name, x, y, w, h)"},
    {"ui.button", ui_button, "(id, x, y, w, h, {options})", kButtonOptions},
    {"ui.choice", ui_choice, "(id, labels, x, y, w, {options})", kChoiceOptions},
    {"ui.progress", ui_progress, "(x, y, w, h, fraction, {options})", kProgressOptions},
    {"ui.ring", ui_ring, "(x, y, radius, fraction, {options})", kRingOptions},
    {"ui.bar_chart", ui_bar_chart, "(x, y, w, h, values, {options})", kBarChartOptions},
    {"ui.pie_chart", ui_pie_chart, "(x, y, radius, values, {options})", kPieChartOptions},
    {"ui.line_chart", ui_line_chart, "(x, y, w, h, values, {options})", kLineChartOptions},
    {"ui.number", ui_number, "(value, unit, x, y, {options})", kNumberOptions},
    {"ui.rows", ui_rows, "(x, y, w, h, n, gap)"},
    {"ui.columns", ui_columns, "(x, y, w, h, n, gap)"},
    {"ui.pad", ui_pad, "(rect, padding)"},
    {"ui.push_clip", ui_push_clip, "(x, y, w, h)"},
    {"ui.pop_clip", ui_pop_clip, "()"},
    {"ui.fade", ui_fade, "(alpha)"},
    {"ui.tween", ui_tween, "(from, to, t, easing)"},
    {"ui.swipe", ui_swipe, "(x, y, w, h)"},
};

// Every ui function runs through this: its argument count and option table are checked against
// its kUi entry (the closure's upvalue) before the function reads them.
int checked_call(lua_State* L) {
  const auto& f = *static_cast<const UiFunction*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (lua_gettop(L) > f.max_args)
    luaL_error(L, "%s: too many arguments (%d): it takes %s", f.name, lua_gettop(L), f.usage);
  if (f.options) check_options(L, f.options, f.name, f.specs);
  return f.fn(L);
}

}  // namespace

std::span<const UiFunction> ui_functions() { return kUi; }

void open_ui_api(lua_State* L) {
  lua_createtable(L, 0, static_cast<int>(std::size(kUi)) + 3);
  for (const UiFunction& f : kUi) {
    lua_pushlightuserdata(L, const_cast<UiFunction*>(&f));
    lua_pushcclosure(L, checked_call, 1);
    lua_setfield(L, -2, f.name + 3);  // "ui.text" → text
  }
  const RuntimeOptions& options = PluginRuntime::of(L).options();  // 1080×1920 on a portrait screen
  lua_pushnumber(L, options.canvas_width);
  lua_setfield(L, -2, "width");
  lua_pushnumber(L, options.canvas_height);
  lua_setfield(L, -2, "height");
  lua_createtable(L, 0, static_cast<int>(std::size(theme::kNamedColors)));
  for (const auto& named : theme::kNamedColors) {
    lua_pushlstring(L, named.name.data(), named.name.size());
    lua_pushvalue(L, -1);
    lua_rawset(L, -3);  // theme[name] = name
  }
  lua_setfield(L, -2, "theme");
  make_read_only(L, "ui");
  lua_setglobal(L, "ui");
}

}  // namespace eco::lua
