// Option tables checked before they are read (lua/option_checks.h): unknown keys, wrong types,
// enum values outside their list and non-table options are errors at the caller's line.
#include <string>

#include <gtest/gtest.h>
#include <lua.hpp>

#include "lua/option_checks.h"

using namespace eco::lua;

namespace {

const char* const kAligns[] = {"left", "center", "right", nullptr};
const OptionSpec kSpecs[] = {{"size", OptionKind::Number},   {"count", OptionKind::Integer},
                             {"label", OptionKind::String},  {"bold", OptionKind::Boolean},
                             {"color", OptionKind::Color},   {"labels", OptionKind::Table},
                             {"align", OptionKind::Enum, kAligns}, {nullptr, OptionKind::Number}};

int checked(lua_State* L) {
  check_options(L, 1, "demo.draw", kSpecs);
  lua_pushboolean(L, 1);
  return 1;
}

// The error of running `code` in a state with demo.draw, or "" when it ran.
std::string error_of(const std::string& code) {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  lua_pushcfunction(L, checked);
  lua_setglobal(L, "draw");
  std::string error;
  if (luaL_loadbuffer(L, code.data(), code.size(), "=main.lua") != LUA_OK || lua_pcall(L, 0, 0, 0) != LUA_OK)
    error = lua_tostring(L, -1);
  lua_close(L);
  return error;
}

}  // namespace

TEST(OptionChecks, WellFormedOptionsAndNoOptionsPass) {
  EXPECT_EQ(error_of("draw()"), "");
  EXPECT_EQ(error_of("draw(nil)"), "");
  EXPECT_EQ(error_of("draw({})"), "");
  EXPECT_EQ(error_of(R"(draw{size = 40.5, count = 3, label = "x", bold = false, color = "accent",
                          labels = {}, align = "center"})"),
            "");
  EXPECT_EQ(error_of("draw{color = {1, 2, 3}}"), "");
  EXPECT_EQ(error_of("draw{color = '#5CD68A'}"), "");
}

TEST(OptionChecks, AnUnknownKeyIsNamedWithTheCallersLineAndTheKnownKeys) {
  EXPECT_EQ(error_of("\n\ndraw{colour = 'accent'}"),
            "main.lua:3: demo.draw: unknown option 'colour' (options: size, count, label, bold, color, labels, align)");
  EXPECT_NE(error_of("draw{bogus = 1}").find("unknown option 'bogus'"), std::string::npos);
  EXPECT_NE(error_of("draw{1, 2}").find("option keys must be names"), std::string::npos);
}

TEST(OptionChecks, AValueOfTheWrongTypeIsNamed) {
  EXPECT_EQ(error_of("draw{size = 'big'}"), "main.lua:1: demo.draw: option 'size' must be a number, got string");
  EXPECT_NE(error_of("draw{size = 0/0}").find("option 'size' must be a number"), std::string::npos);
  EXPECT_NE(error_of("draw{count = 2.5}").find("option 'count' must be an integer"), std::string::npos);
  EXPECT_NE(error_of("draw{bold = 1}").find("option 'bold' must be true or false"), std::string::npos);
  EXPECT_NE(error_of("draw{label = 5}").find("option 'label' must be a string"), std::string::npos);
  EXPECT_NE(error_of("draw{labels = 'a,b'}").find("option 'labels' must be a table"), std::string::npos);
  EXPECT_NE(error_of("draw{color = 'chartreuse-ish'}").find("demo.draw: option 'color'"), std::string::npos);
  EXPECT_NE(error_of("draw{color = true}").find("option 'color' must be a colour"), std::string::npos);
}

TEST(OptionChecks, AnEnumValueOutsideItsListIsNamedWithTheList) {
  EXPECT_EQ(error_of("draw{align = 'middle'}"),
            "main.lua:1: demo.draw: option 'align' must be one of left, center, right, got middle");
}

TEST(OptionChecks, OptionsThatAreNotATableAreRefused) {
  // ui.button(id, x, y, w, h, "开始"): the label where the options go.
  EXPECT_EQ(error_of("draw('开始')"), "main.lua:1: demo.draw: options must be a table like {size = 40}, got string");
  EXPECT_NE(error_of("draw(5)").find("options must be a table"), std::string::npos);
}
