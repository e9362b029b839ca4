#include "lua/plugin_error.h"

#include <regex>

namespace eco::lua {

std::string error_summary(const std::string& failure) {
  auto end = failure.find("\nstack traceback:");
  std::string s = failure.substr(0, end);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string error_hint(const std::string& failure, const Locale& locale) {
  std::string s = error_summary(failure);
  auto has = [&](const char* needle) { return s.find(needle) != std::string::npos; };
  // Limits first: a limit hit inside a nil index is still the limit.
  if (has("CPU limit")) return locale.t("plugin.hint_cpu");
  if (has("memory limit") || has("not enough memory")) return locale.t("plugin.hint_memory");
  if (s.rfind("syntax error", 0) == 0) {
    std::smatch m;
    static const std::regex line(R"(\.lua:(\d+):)");
    return locale.t("plugin.hint_syntax", {{"line", std::regex_search(s, m, line) ? m[1].str() : "?"}});
  }
  if (has("attempt to call a nil value")) return locale.t("plugin.hint_call_nil");
  if (has("a nil value")) return locale.t("plugin.hint_nil");
  return {};
}

}  // namespace eco::lua
