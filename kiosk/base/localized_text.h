#pragma once
// Text an officer writes once per language in a content file: `title = "节能"` (Chinese) or
// `title = { zh-CN = "节能", en = "Save energy" }`.
#include <map>
#include <string>
#include <string_view>

#include "base/toml_reader.h"

namespace eco {

// Text in several languages; falls back to Chinese, then to whatever exists.
struct LocalizedText {
  std::map<std::string, std::string> by_language;
  std::string get(const std::string& language) const;
  bool empty() const { return by_language.empty(); }
  std::string all() const;  // every language run together, e.g. for the glyph set
};

// Reads `key` as a string (Chinese) or a table of language = "text". Missing → empty.
// Throws ConfigError naming file:line and key for anything else.
LocalizedText read_localized(const TomlReader& r, std::string_view key);

}  // namespace eco
