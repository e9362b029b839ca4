#pragma once
// The ui table's functions with what each accepts: the one list open_ui_api() installs and
// checks calls against (its option keys and kinds, how many arguments it takes), so an option
// cannot be read without being checked, and tests can walk every function and every option.
#include <span>

#include "lua/option_checks.h"

struct lua_State;

namespace eco::lua {

struct UiFunction {
  const char* name;                 // "ui.text"
  int (*fn)(lua_State*);
  const char* usage;                // "(s, x, y, {options})": for errors and the docs
  int max_args;                     // more arguments than this are an error
  int options = 0;                  // the argument holding its option table; 0: it takes none
  const OptionSpec* specs = nullptr;  // its options, {nullptr, …}-terminated
};

std::span<const UiFunction> ui_functions();

}  // namespace eco::lua
