#pragma once
// The ui table's functions with what each accepts: the one list open_ui_api() installs and
// checks calls against (its option keys and kinds, how many arguments it takes), so an option
// cannot be read without being checked, and tests can walk every function and every option.
#include <span>

#include "lua/option_checks.h"

struct lua_State;

namespace eco::lua {

// The number of parameters a usage string names: "()" 0, "(s, x, y, {options})" 4.
constexpr int parameter_count(const char* usage) {
  if (usage[0] == '(' && usage[1] == ')') return 0;
  int n = 1;
  for (const char* c = usage; *c; ++c) n += *c == ',';
  return n;
}

struct UiFunction {
  // The argument counts are read off the usage, so the two cannot disagree: a function with
  // options takes its option table last ("{options}", tested).
  constexpr UiFunction(const char* name, int (*fn)(lua_State*), const char* usage, const OptionSpec* specs = nullptr)
      : name(name), fn(fn), usage(usage), max_args(parameter_count(usage)), options(specs ? max_args : 0), specs(specs) {}

  const char* name;                 // "ui.text"
  int (*fn)(lua_State*);
  const char* usage;                // "(s, x, y, {options})": for errors and the docs
  int max_args;                     // more arguments than this are an error
  int options;                      // the argument holding its option table; 0: it takes none
  const OptionSpec* specs;          // its options, {nullptr, …}-terminated; nullptr: none
};

std::span<const UiFunction> ui_functions();

}  // namespace eco::lua
