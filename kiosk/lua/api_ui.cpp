// ui: immediate-mode drawing on the canvas, through the kiosk's Painter. Only valid inside
// frame(); every size is checked (finite, clamped) before it reaches the renderer. The widgets
// are drawn by render/widgets: this file checks a plugin's arguments, calls them, records each
// widget's touch area and answers whether it was tapped.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <lua.hpp>

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
constexpr const char* kAligns[] = {"left", "center", "right", nullptr};

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

// Argument `index` as text (tostring), left in its stack slot so the view stays valid; cut to
// kMaxText bytes on a character boundary.
std::string_view check_text(lua_State* L, int index) {
  index = lua_absindex(L, index);
  luaL_checkany(L, index);
  size_t len = 0;
  const char* s = luaL_tolstring(L, index, &len);
  lua_replace(L, index);
  return utf8_prefix({s, len}, kMaxText);
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

// The numbers of array `index` (NaN for holes and non-numbers). Call it last: the vector is
// built with raw reads that cannot raise.
std::vector<float> check_values(lua_State* L, int index) {
  luaL_checktype(L, index, LUA_TTABLE);
  std::vector<float> out;
  lua_Integer n = std::min<lua_Integer>(static_cast<lua_Integer>(lua_rawlen(L, index)), 2000);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    out.push_back(lua_isnumber(L, -1) && std::isfinite(lua_tonumber(L, -1)) ? static_cast<float>(lua_tonumber(L, -1)) : NAN);
    lua_pop(L, 1);
  }
  return out;
}

int ui_text(lua_State* L) {
  Painter& p = painter(L, "ui.text");
  std::string_view text = check_text(L, 1);
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
  std::string_view text = check_text(L, 1);
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
  size_t len = 0;
  const char* name = luaL_checklstring(L, 1, &len);
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
  std::string_view id = check_text(L, 1);
  Rect r = check_rect(L, 2, "ui.button");
  size_t label_len = 0;
  const char* label_field = opt_string_field(L, 6, "label", &label_len);  // stays on the stack
  std::string_view label = label_field ? utf8_prefix({label_field, label_len}, kMaxText) : id;
  ButtonStyle style = button_style(opt_bool_field(L, 6, "selected", false),
                                   std::clamp(opt_number_field(L, 6, "size", theme::kBody), 8.0f, 200.0f));
  style.fill = opt_color_field(L, 6, "color", style.fill);
  style.text = opt_color_field(L, 6, "text_color", style.text);
  return call_service(L, "ui.button", [&] {
    Rect hit = draw_button(p, r, label, style);
    PluginRuntime::of(L).add_widget({std::string(id), std::string(label), hit});
    lua_pushboolean(L, tapped(L, hit));
    return 1;
  });
}

// ui.choice(id, {"A", "B", …}, x, y, w, {row_h=, gap=, selected=}) → index tapped or nil
int ui_choice(lua_State* L) {
  Painter& p = painter(L, "ui.choice");
  std::string_view id = check_text(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  ChoiceList list{check_finite(L, 3, "ui.choice", "x"), check_finite(L, 4, "ui.choice", "y"),
                  std::max(0.0f, check_finite(L, 5, "ui.choice", "w")),
                  std::clamp(opt_number_field(L, 6, "row_h", 110), kMinTouch, 600.0f),
                  std::clamp(opt_number_field(L, 6, "gap", 20), 0.0f, 200.0f),
                  std::clamp(opt_number_field(L, 6, "size", theme::kBody), 8.0f, 200.0f),
                  clamp_to_int(opt_number_field(L, 6, "selected", 0), -1, 1000)};
  int n = static_cast<int>(std::min<lua_Integer>(static_cast<lua_Integer>(lua_rawlen(L, 2)), 12));
  lua_settop(L, 6);
  luaL_checkstack(L, n + 4, "ui.choice");
  for (int i = 1; i <= n; ++i) {  // the labels as strings, kept on the stack at 6 + i
    lua_rawgeti(L, 2, i);
    luaL_tolstring(L, -1, nullptr);
    lua_remove(L, -2);
  }
  return call_service(L, "ui.choice", [&] {
    std::vector<std::string_view> labels;
    for (int i = 1; i <= n; ++i) {
      size_t len = 0;
      const char* s = lua_tolstring(L, 6 + i, &len);
      labels.push_back(utf8_prefix({s, len}, kMaxText));
    }
    std::vector<Rect> rows = draw_choice(p, labels, list);
    int chosen = 0;
    for (int i = 1; i <= n; ++i) {
      Rect row = rows[static_cast<size_t>(i - 1)];
      PluginRuntime::of(L).add_widget({std::string(id) + "." + std::to_string(i), std::string(labels[static_cast<size_t>(i - 1)]), row});
      if (!chosen && tapped(L, row)) chosen = i;
    }
    if (chosen) lua_pushinteger(L, chosen);
    else lua_pushnil(L);
    return 1;
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

int ui_bar_chart(lua_State* L) {
  Painter& p = painter(L, "ui.bar_chart");
  Rect r = check_rect(L, 1, "ui.bar_chart");
  luaL_checktype(L, 5, LUA_TTABLE);
  float given_max = opt_number_field(L, 6, "max", 0);
  Color c = opt_color_field(L, 6, "color", theme::kAccent);
  lua_settop(L, 6);
  bool has_labels = lua_istable(L, 6) && (lua_getfield(L, 6, "labels"), lua_istable(L, -1));
  const int labels = 7;  // the labels table (or whatever the field held)
  lua_settop(L, labels);
  return call_service(L, "ui.bar_chart", [&] {
    auto values = check_values(L, 5);
    // The label strings stay valid while the table at `labels`, which holds them, is on the stack.
    std::vector<std::optional<std::string_view>> texts;
    for (size_t i = 0; has_labels && i < values.size(); ++i) {
      lua_rawgeti(L, labels, static_cast<lua_Integer>(i + 1));
      size_t len = 0;
      const char* s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : nullptr;
      texts.push_back(s ? std::optional(utf8_prefix({s, len}, kMaxText)) : std::nullopt);
      lua_pop(L, 1);
    }
    draw_bar_chart(p, r, BarChart{values, given_max, c, has_labels, texts});
    return 0;
  });
}

int ui_line_chart(lua_State* L) {
  Painter& p = painter(L, "ui.line_chart");
  Rect r = check_rect(L, 1, "ui.line_chart");
  luaL_checktype(L, 5, LUA_TTABLE);
  float given_min = opt_number_field(L, 6, "min", NAN), given_max = opt_number_field(L, 6, "max", NAN);
  Color c = opt_color_field(L, 6, "color", theme::kAccent);
  float width = std::clamp(opt_number_field(L, 6, "width", 4), 1.0f, 40.0f);
  return call_service(L, "ui.line_chart", [&] {
    auto values = check_values(L, 5);
    draw_line_chart(p, r, LineChart{values, given_min, given_max, c, width});
    return 0;
  });
}

// ui.number(value, unit, x, y, {size=, decimals=, align=, color=}) draws a big figure with its unit.
int ui_number(lua_State* L) {
  Painter& p = painter(L, "ui.number");
  bool is_number = lua_type(L, 1) == LUA_TNUMBER;
  double value = is_number ? lua_tonumber(L, 1) : 0;
  std::string_view given = is_number ? std::string_view() : check_text(L, 1);
  std::string_view unit = lua_isnoneornil(L, 2) ? std::string_view() : check_text(L, 2);
  Vec2 pos{check_finite(L, 3, "ui.number", "x"), check_finite(L, 4, "ui.number", "y")};
  int decimals = clamp_to_int(opt_number_field(L, 5, "decimals", 0), 0, 6);
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
  lua_Integer n = std::clamp<lua_Integer>(luaL_checkinteger(L, 5), 1, 100);
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

int ui_pad(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  float pad = check_finite(L, 2, "ui.pad", "padding");
  Rect r{opt_number_field(L, 1, "x", 0), opt_number_field(L, 1, "y", 0), opt_number_field(L, 1, "w", 0),
         opt_number_field(L, 1, "h", 0)};
  push_rect(L, {r.x + pad, r.y + pad, std::max(0.0f, r.w - 2 * pad), std::max(0.0f, r.h - 2 * pad)});
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

// ui.tween(from, to, t, "linear"|"out"|"in_out") → value; t is clamped to 0..1.
int ui_tween(lua_State* L) {
  float a = check_finite(L, 1, "ui.tween", "from"), b = check_finite(L, 2, "ui.tween", "to");
  float t = std::clamp(check_finite(L, 3, "ui.tween", "t"), 0.0f, 1.0f);
  const char* ease = luaL_optstring(L, 4, "out");
  if (std::strcmp(ease, "out") == 0) t = 1 - (1 - t) * (1 - t) * (1 - t);
  else if (std::strcmp(ease, "in_out") == 0) t = t < 0.5f ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3.0f) / 2;
  lua_pushnumber(L, a + (b - a) * t);
  return 1;
}

}  // namespace

void open_ui_api(lua_State* L) {
  const luaL_Reg fns[] = {{"text", ui_text},         {"measure", ui_measure},     {"rect", ui_rect},
                          {"panel", ui_panel},       {"line", ui_line},           {"circle", ui_circle},
                          {"image", ui_image},       {"button", ui_button},       {"choice", ui_choice},
                          {"progress", ui_progress}, {"ring", ui_ring},           {"bar_chart", ui_bar_chart},
                          {"line_chart", ui_line_chart}, {"number", ui_number},   {"rows", ui_rows},
                          {"columns", ui_columns},   {"pad", ui_pad},             {"push_clip", ui_push_clip},
                          {"pop_clip", ui_pop_clip}, {"fade", ui_fade},           {"tween", ui_tween},
                          {nullptr, nullptr}};
  luaL_newlib(L, fns);
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
