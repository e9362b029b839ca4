// ui: drawing and widgets, checked through what a recording painter was asked to draw.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <lua.hpp>
#include "captured_log.h"
#include "lua/api_ui.h"
#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiUi, ButtonFiresOnlyForATapInsideItsTouchArea) {
  fixture::PluginFolder f("p", R"(
local P = { hits = 0 }
function P.frame()
  if ui.button("ok", 100, 100, 40, 40, { label = "好" }) then P.hits = P.hits + 1 end
  ui.text("hits " .. P.hits, 0, 0)
end
return P)");
  fixture::Rig rig;
  auto rt = rig.make(f);
  ASSERT_TRUE(rt->start()) << rt->last_error();
  FrameInput in;
  in.taps = {{120 - 40, 120}};  // outside the 40 px box but inside its 88 px touch area
  rt->frame(rig.painter, in, 0);
  ASSERT_EQ(rt->last_widgets().size(), 1u);
  EXPECT_GE(rt->last_widgets()[0].hit.w, 88);
  rig.painter.clear();
  rt->frame(rig.painter, FrameInput{}, 0);
  EXPECT_EQ(rig.painter.texts.back().text, "hits 1");
  in.taps = {{500, 500}};
  rt->frame(rig.painter, in, 0);
  rig.painter.clear();
  rt->frame(rig.painter, FrameInput{}, 0);
  EXPECT_EQ(rig.painter.texts.back().text, "hits 1");
}

TEST(ApiUi, CanvasSizeFollowsTheScreensOrientation) {
  fixture::PluginFolder f("p", "local P = {}\nfunction P.frame() ui.text(string.format('%dx%d', ui.width, ui.height), 0, 0) end\nreturn P\n");
  fixture::Rig rig;
  EXPECT_EQ(rig.first_frame(f), std::vector<std::string>{"1920x1080"});
  rig.options.set_portrait(true);
  EXPECT_EQ(rig.first_frame(f), std::vector<std::string>{"1080x1920"});
}

TEST(ApiUi, NumbersGetThousandsSeparatorsAndPadShrinksARect) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  ui.number(1234567.891, "kWh", 0, 0, { decimals = 1 })
  local r = ui.pad({ x = 10, y = 20, w = 100, h = 50 }, 5)
  ui.text(r.x .. " " .. r.y .. " " .. r.w .. " " .. r.h, 0, 200)
  local w, h = ui.measure("节能")
  ui.text(tostring(w > 0 and h > 0), 0, 240)
end
return P)");
  fixture::Rig rig;
  EXPECT_EQ(rig.first_frame(f), (std::vector<std::string>{"1,234,567.9", "kWh", "15.0 25.0 90.0 40.0", "true"}));
}

// ---- Every ui function checks its arguments (issue 19, item 4) -------------------------------
// Derived from the functions' own list (lua/api_ui.h): every option of every function is tried
// with a value of the wrong kind, so an option added to a function is checked here at once.

namespace {

// A valid call of each function: its positional arguments, and which of them may not be nil.
struct Example {
  const char* fn;
  const char* args;
  std::vector<int> required;  // 1-based positions
};
const std::vector<Example>& examples() {
  static const std::vector<Example> all = {
      {"ui.text", "'节能', 10, 20", {1, 2, 3}},
      {"ui.measure", "'节能'", {1}},
      {"ui.rect", "0, 0, 100, 50", {1, 2, 3, 4}},
      {"ui.panel", "0, 0, 100, 50", {1, 2, 3, 4}},
      {"ui.line", "0, 0, 100, 50", {1, 2, 3, 4}},
      {"ui.circle", "50, 50, 20", {1, 2, 3}},
      {"ui.image", "'logo.png', 0, 0, 100, 100", {1, 2, 3, 4, 5}},
      {"ui.button", "'ok', 0, 0, 200, 100", {1, 2, 3, 4, 5}},
      {"ui.choice", "'c', {'甲', '乙'}, 0, 0, 400", {1, 2, 3, 4, 5}},
      {"ui.progress", "0, 0, 100, 20, 0.5", {1, 2, 3, 4, 5}},
      {"ui.ring", "100, 100, 50, 0.5", {1, 2, 3, 4}},
      {"ui.bar_chart", "0, 0, 400, 200, {1, 2}", {1, 2, 3, 4, 5}},
      {"ui.pie_chart", "300, 300, 100, {1, 2}", {1, 2, 3, 4}},
      {"ui.line_chart", "0, 0, 400, 200, {1, false, 2}", {1, 2, 3, 4, 5}},
      {"ui.number", "12, 'kWh', 0, 0", {1, 3, 4}},
      {"ui.rows", "0, 0, 100, 100, 2, 10", {1, 2, 3, 4, 5}},
      {"ui.columns", "0, 0, 100, 100, 2, 10", {1, 2, 3, 4, 5}},
      {"ui.pad", "{x = 0, y = 0, w = 100, h = 100}, 5", {1, 2}},
      {"ui.push_clip", "0, 0, 100, 100", {1, 2, 3, 4}},
      {"ui.pop_clip", "", {}},
      {"ui.fade", "1", {1}},
      {"ui.tween", "0, 1, 0.5, 'linear'", {1, 2, 3}},
      {"ui.swipe", "0, 0, 100, 100", {}},
  };
  return all;
}

const Example* example_of(const std::string& fn) {
  for (const Example& e : examples())
    if (fn == e.fn) return &e;
  return nullptr;
}

std::vector<std::string> split_args(const std::string& args) {  // top-level commas only
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (char c : args) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!args.empty()) out.push_back(cur);
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

// A value of the wrong kind for an option.
const char* wrong_value(OptionKind kind) {
  switch (kind) {
    case OptionKind::Number: return "'big'";
    case OptionKind::Integer: return "2.5";
    case OptionKind::String: return "5";
    case OptionKind::Boolean: return "1";
    case OptionKind::Color: return "true";
    case OptionKind::Table: return "'a, b'";
    case OptionKind::Enum: return "'middle'";
  }
  return "nil";
}

struct Call {
  std::string code;    // one line of Lua
  std::string expect;  // what the error says after "main.lua:<line>: ", or "" for no error
};

// Runs every call on its own line inside frame() and checks each one's error: it must name the
// plugin's file and the call's line, then `expect`.
void expect_calls(const std::vector<Call>& calls, bool dev_mode = false) {
  std::string lua = "local P, R = {}, {}\nRESULTS = R\nlocal function try(f) local ok, e = pcall(f); R[#R + 1] = ok and '' or tostring(e) end\nfunction P.frame()\n";
  const int first_line = 5;
  for (const Call& c : calls) lua += "  try(function() " + c.code + " end)\n";
  lua += "end\nreturn P\n";
  fixture::PluginFolder f("p", lua);
  std::ofstream(f.dir / "logo.png") << "png";
  fixture::Rig rig;
  rig.options.dev_mode = dev_mode;
  auto rt = rig.started(f);
  ASSERT_TRUE(rt);
  ASSERT_TRUE(rt->frame(rig.painter, FrameInput{}, 0)) << rt->last_error();
  lua_State* L = rt->state();
  lua_getglobal(L, "RESULTS");
  for (size_t i = 0; i < calls.size(); ++i) {
    lua_rawgeti(L, -1, static_cast<lua_Integer>(i + 1));
    std::string error = lua_tostring(L, -1) ? lua_tostring(L, -1) : "(missing)";
    lua_pop(L, 1);
    if (calls[i].expect.empty()) {
      EXPECT_EQ(error, "") << calls[i].code;
    } else {
      std::string where = "p/main.lua:" + std::to_string(first_line + static_cast<int>(i)) + ": ";
      EXPECT_EQ(error.rfind(where + calls[i].expect, 0), 0u) << calls[i].code << "\n  gave: " << error
                                                           << "\n  want: " << where << calls[i].expect;
    }
  }
  lua_pop(L, 1);
}

std::string with_options(const Example& e, const UiFunction& f, const std::string& options) {
  std::vector<std::string> args = split_args(e.args);
  args.resize(static_cast<size_t>(f.options - 1), "nil");
  args.push_back(options);
  return std::string(f.name) + "(" + join(args) + ")";
}

}  // namespace

TEST(ApiUiChecks, EveryUiFunctionHasAnExampleHereAndIsInstalled) {
  for (const UiFunction& f : ui_functions()) EXPECT_NE(example_of(f.name), nullptr) << f.name << ": add it to examples()";
  std::vector<Call> calls;
  for (const UiFunction& f : ui_functions())
    calls.push_back({std::string("assert(type(") + f.name + ") == 'function')", ""});
  expect_calls(calls);
}

// The argument counts are read off the usage (api_ui.h): a function with options names them last.
TEST(ApiUiChecks, AUsageEndsInItsOptionTableExactlyWhenTheFunctionTakesOptions) {
  for (const UiFunction& f : ui_functions()) {
    const std::string usage = f.usage;
    const bool names_options = usage.ends_with(", {options})") || usage == "({options})";
    EXPECT_EQ(names_options, f.specs != nullptr) << f.name << " " << usage;
    EXPECT_EQ(usage.find("{options}") == std::string::npos || names_options, true) << f.name << " " << usage;
  }
  EXPECT_EQ(parameter_count("()"), 0);
  EXPECT_EQ(parameter_count("(alpha)"), 1);
  EXPECT_EQ(parameter_count("(s, x, y, {options})"), 4);
}

TEST(ApiUiChecks, TheExamplesAndEveryOptionOfTheRightKindRun) {
  std::vector<Call> calls;
  for (const UiFunction& f : ui_functions()) {
    const Example* e = example_of(f.name);
    ASSERT_NE(e, nullptr) << f.name;
    calls.push_back({std::string(f.name) + "(" + e->args + ")", ""});
  }
  // Options with values of the right kind, one of each, so the wrong-kind test below fails for
  // the kind and not because the option is refused anyway.
  calls.push_back({"ui.text('a', 0, 0, {size = 30, color = 'accent', align = 'center', width = 300, bold = true})", ""});
  calls.push_back({"ui.bar_chart(0, 0, 400, 200, {1, 2}, {labels = {'a', 3}, colors = {'warm', nil}, values = true, "
                   "format = '{v} kWh', decimals = 1, label_size = 32, max = 10, color = '#5CD68A'})", ""});
  calls.push_back({"ui.pie_chart(300, 300, 100, {1, 2}, {labels = {'a', 'b'}, colors = {'warm', {1, 2, 3}}, hole = 0.5, "
                   "values = true, percent = true, legend = 'below', label_size = 40})", ""});
  calls.push_back({"ui.choice('c', {'a'}, 0, 0, 400, {row_h = 100, gap = 10, size = 36, selected = 1, columns = 2, h = 500})", ""});
  expect_calls(calls);
}

TEST(ApiUiChecks, AnUnknownOptionIsAnErrorAtThePluginsLine) {
  std::vector<Call> calls;
  for (const UiFunction& f : ui_functions()) {
    if (!f.options) continue;
    calls.push_back({with_options(*example_of(f.name), f, "{bogus = 1}"), std::string(f.name) + ": unknown option 'bogus'"});
  }
  calls.push_back({"ui.text('a', 0, 0, {colour = 'accent'})", "ui.text: unknown option 'colour' (options: size, color, align, width, bold)"});
  expect_calls(calls);
}

TEST(ApiUiChecks, EveryOptionOfEveryFunctionRefusesAValueOfTheWrongKind) {
  std::vector<Call> calls;
  for (const UiFunction& f : ui_functions()) {
    if (!f.options) continue;
    for (const OptionSpec* o = f.specs; o->key; ++o)
      calls.push_back({with_options(*example_of(f.name), f, std::string("{") + o->key + " = " + wrong_value(o->kind) + "}"),
                       std::string(f.name) + ": option '" + o->key + "' must be"});
  }
  calls.push_back({"ui.text('a', 0, 0, {size = 'big'})", "ui.text: option 'size' must be a number, got string"});
  expect_calls(calls);
}

TEST(ApiUiChecks, OptionsThatAreNotATableAndExtraArgumentsAreErrors) {
  std::vector<Call> calls;
  for (const UiFunction& f : ui_functions()) {
    const Example& e = *example_of(f.name);
    if (f.options) {
      calls.push_back({with_options(e, f, "'开始'"), std::string(f.name) + ": options must be a table"});
    } else {
      std::vector<std::string> args = split_args(e.args);
      args.resize(static_cast<size_t>(f.max_args), "nil");
      args.push_back("{label = 'x'}");
      calls.push_back({std::string(f.name) + "(" + join(args) + ")", std::string(f.name) + ": too many arguments"});
    }
  }
  calls.push_back({"ui.button('b', 0, 0, 200, 100, '开始')", "ui.button: options must be a table like {size = 40}, got string"});
  expect_calls(calls);
}

TEST(ApiUiChecks, EveryRequiredArgumentRefusesNil) {
  std::vector<Call> calls;
  for (const UiFunction& f : ui_functions()) {
    const Example& e = *example_of(f.name);
    for (int position : e.required) {
      std::vector<std::string> args = split_args(e.args);
      args[static_cast<size_t>(position - 1)] = "nil";
      calls.push_back({std::string(f.name) + "(" + join(args) + ")", std::string(f.name) + ": "});
    }
  }
  calls.push_back({"ui.text(nil, 0, 0)", "ui.text: text must be text (a string or a number), got nil"});
  calls.push_back({"ui.text({}, 0, 0)", "ui.text: text must be text (a string or a number), got table"});
  calls.push_back({"ui.text('a', nil, 0)", "ui.text: x must be a number"});
  calls.push_back({"ui.choice('c', {'a', true}, 0, 0, 400)", "ui.choice: labels[2] must be text"});
  calls.push_back({"ui.bar_chart(0, 0, 400, 200, {1, '2'})", "ui.bar_chart: values[2] must be a number (nil or false: no reading), got string"});
  calls.push_back({"ui.line_chart(0, 0, 400, 200, {1, true})", "ui.line_chart: values[2] must be a number (nil or false: no reading), got true"});
  calls.push_back({"ui.bar_chart(0, 0, 400, 200, {1}, {labels = {{}}})", "ui.bar_chart: labels[1] must be text"});
  calls.push_back({"ui.bar_chart(0, 0, 400, 200, {1}, {colors = {'chartreuse'}})", "ui.bar_chart: colors[1]"});
  calls.push_back({"ui.bar_chart(0, 0, 400, 200, {1}, {format = 'kWh'})", "ui.bar_chart: option 'format' must contain {v}"});
  calls.push_back({"ui.pie_chart(0, 0, 100, {1}, {hole = 1})", "ui.pie_chart: option 'hole' must be from 0"});
  calls.push_back({"ui.rows(0, 0, 100, 100, 1000)", "ui.rows: n must be an integer from 1 to 100"});
  calls.push_back({"ui.pad({x = 0, y = 0, w = 1}, 2)", "ui.pad: rect.h must be a number"});
  calls.push_back({"ui.pad({x = 0, y = 0, w = 1, h = 1, width = 3}, 2)", "ui.pad: rect: unknown option 'width'"});
  calls.push_back({"ui.tween(0, 1, 0.5, 'bounce')", "ui.tween: easing must be one of out, linear, in_out, got bounce"});
  calls.push_back({"ui.number(1, 'kWh', 0, 0, {decimals = 9})", "ui.number: decimals must be an integer from 0 to 6"});
  calls.push_back({"ui.choice('c', {'a'}, 0, 0, 400, {columns = 0})", "ui.choice: columns must be an integer from 1 to 8"});
  expect_calls(calls);
}


TEST(ApiUiChecks, AButtonSmallerThanAFingerIsAWarningOncePerCallSiteInDevMode) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  for i = 1, 3 do ui.button("x" .. i, i * 100, 0, 40, 40) end
  ui.button("big", 0, 300, 200, 100)
  ui.button("thin", 0, 500, 300, 50)
end
return P)");
  for (bool dev : {true, false}) {
    fixture::Rig rig;
    rig.options.dev_mode = dev;
    auto rt = rig.started(f);
    ASSERT_TRUE(rt);
    fixture::CapturedLog log(16, "%l %v");
    ASSERT_TRUE(rt->frame(rig.painter, FrameInput{}, 0)) << rt->last_error();
    ASSERT_TRUE(rt->frame(rig.painter, FrameInput{}, 0)) << rt->last_error();
    auto lines = log.lines("a finger needs");
    if (!dev) {
      EXPECT_TRUE(lines.empty());
      continue;
    }
    ASSERT_EQ(lines.size(), 2u);  // line 4 once (three buttons, two frames), line 6 once
    EXPECT_EQ(lines[0], "warning plugin p: p/main.lua:4: ui.button 'x1' is 40×40, smaller than the 88×88 a finger needs: "
                        "it answers taps in 88×88 around its centre, which may overlap its neighbours");
    EXPECT_NE(lines[1].find("p/main.lua:6: ui.button 'thin' is 300×50"), std::string::npos) << lines[1];
  }
}

// ---- What a page can say (issue 19, item 10) --------------------------------------------------

namespace {
bool drew(const RecordingPainter& p, const std::string& text) {
  for (const auto& t : p.texts)
    if (t.text == text) return true;
  return false;
}
// Twelve departments in a list that fits five rows a page, and what was picked.
constexpr const char* kDepartmentsPlugin = R"(
local P = { picked = "-" }
local names = {}
for i = 1, 12 do names[i] = "科室" .. i end
function P.frame()
  local i, bottom = ui.choice("dept", names, 100, 200, 900, { size = 44 })
  if i then P.picked = names[i] end
  ui.text("picked " .. P.picked .. " bottom " .. math.floor(bottom), 1200, 0)
end
return P)";
}  // namespace

TEST(ApiUi, TwelveDepartmentsArePagedAndThePagerAndASwipeTurnThePage) {
  fixture::PluginFolder f("p", kDepartmentsPlugin);
  fixture::Rig rig;
  auto rt = rig.started(f);
  ASSERT_TRUE(rt);
  rig.frame(*rt);
  EXPECT_TRUE(drew(rig.painter, "科室1"));
  EXPECT_FALSE(drew(rig.painter, "科室6"));
  EXPECT_TRUE(drew(rig.painter, "1 / 3"));
  for (const auto& t : rig.painter.texts) {
    if (t.text == "科室1") {
      EXPECT_FLOAT_EQ(t.size, 44);
    }
  }
  auto widget = [&](const std::string& id) {
    for (const auto& w : rt->last_widgets())
      if (w.id == id) return w;
    ADD_FAILURE() << "no widget " << id;
    return Widget{};
  };
  FrameInput in;
  in.taps = {widget("dept.next").hit.center()};
  rig.frame(*rt, in);  // the page turns in the frame of the tap
  EXPECT_TRUE(drew(rig.painter, "科室6"));
  EXPECT_FALSE(drew(rig.painter, "科室1"));
  EXPECT_TRUE(drew(rig.painter, "2 / 3"));
  in.taps = {widget("dept.7").hit.center()};  // the index is the label's, not the row's on its page
  rig.frame(*rt, in);
  auto texts = rig.frame(*rt);
  EXPECT_EQ(texts.back(), "picked 科室7 bottom 934");
  in.taps.clear();
  in.swipes = {{{500, 400}, {100, 400}, SwipeDirection::Left}};
  rig.frame(*rt, in);
  EXPECT_TRUE(drew(rig.painter, "科室11"));
  EXPECT_TRUE(drew(rig.painter, "3 / 3"));
  in.swipes = {{{1500, 400}, {1900, 400}, SwipeDirection::Right}};  // outside the list: not for it
  rig.frame(*rt, in);
  EXPECT_TRUE(drew(rig.painter, "3 / 3"));
  rt->enter();  // a new visit starts on the first page
  rig.frame(*rt);
  EXPECT_TRUE(drew(rig.painter, "1 / 3"));
}

TEST(ApiUi, UiSwipeTellsTheDirectionOfASwipeThatStartedInItsArea) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  ui.text("any " .. tostring(ui.swipe()), 0, 0)
  ui.text("left half " .. tostring(ui.swipe(0, 0, 960, 1080)), 0, 60)
end
return P)");
  fixture::Rig rig;
  auto rt = rig.started(f);
  ASSERT_TRUE(rt);
  EXPECT_EQ(rig.frame(*rt), (std::vector<std::string>{"any nil", "left half nil"}));
  FrameInput in;
  in.swipes = {{{1500, 500}, {1500, 100}, SwipeDirection::Up}};
  EXPECT_EQ(rig.frame(*rt, in), (std::vector<std::string>{"any up", "left half nil"}));
  in.swipes = {{{200, 500}, {900, 500}, SwipeDirection::Right}};
  EXPECT_EQ(rig.frame(*rt, in), (std::vector<std::string>{"any right", "left half right"}));
}

TEST(ApiUi, BarChartShowsFormattedValuesAndPieChartItsLegend) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  ui.bar_chart(0, 0, 600, 400, { 1234.5, 0/0, 7 }, { labels = { "周一", 2, "周三" }, format = "{v} 度", decimals = 1,
               colors = { "warm", nil, "#FF0000" }, label_size = 36 })
  ui.pie_chart(1200, 500, 200, { 3, 1 }, { labels = { "绿色出行", "开车" }, percent = true, hole = 0.55 })
end
return P)");
  fixture::Rig rig;
  auto rt = rig.started(f);
  ASSERT_TRUE(rt);
  auto texts = rig.frame(*rt);
  EXPECT_EQ(texts, (std::vector<std::string>{"1,234.5 度", "周一", "— 度", "2", "7.0 度", "周三", "绿色出行", "75%", "开车", "25%"}));
  EXPECT_FLOAT_EQ(rig.painter.texts[1].size, 36);
  EXPECT_EQ(rig.painter.drawn[2].color.r, 0xFF);  // the third bar: its own colour
  EXPECT_EQ(rig.painter.drawn[2].color.g, 0);
}
