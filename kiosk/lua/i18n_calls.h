#pragma once
// The i18n.t calls a plugin's Lua source makes with a literal key: i18n.t("quiz.score", {score = 4})
// → key "quiz.score" at its line, with the argument names {score} when the table is a literal
// whose keys are all names. Read without running the code (a small Lua lexer that knows comments,
// short and long strings), for `ecolobby check`; calls with computed keys are not listed.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace eco::lua {

struct I18nCall {
  std::string key;
  int line = 0;  // of the key
  // The argument names when statically visible: none given → empty set; a literal table of
  // `name = …` fields → those names; anything computed → nullopt.
  std::optional<std::set<std::string>> args;
};

std::vector<I18nCall> find_i18n_calls(std::string_view source);

}  // namespace eco::lua
