#include "base/localized_text.h"

#include <toml++/toml.h>

namespace eco {

std::string LocalizedText::get(const std::string& language) const {
  if (auto it = by_language.find(language); it != by_language.end()) return it->second;
  if (auto it = by_language.find("zh-CN"); it != by_language.end()) return it->second;
  return by_language.empty() ? std::string() : by_language.begin()->second;
}

std::string LocalizedText::all() const {
  std::string out;
  for (const auto& [lang, text] : by_language) out += text;
  return out;
}

LocalizedText read_localized(const TomlReader& r, std::string_view key) {
  LocalizedText out;
  const toml::node* n = r.node(key);
  if (!n) return out;
  if (auto s = n->value<std::string>()) {
    out.by_language["zh-CN"] = *s;
  } else if (auto t = n->as_table()) {
    for (const auto& [lang, v] : *t) {
      auto s2 = v.value<std::string>();
      if (!s2) r.fail(key, "a string or a table of language = \"text\"");
      out.by_language[std::string(lang.str())] = *s2;
    }
  } else {
    r.fail(key, "a string or a table of language = \"text\"");
  }
  return out;
}

}  // namespace eco
