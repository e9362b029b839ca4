#pragma once
// User-facing strings, from assets/locale/<lang>.toml (zh-CN first, English second). Keys are
// dotted paths ("welcome.footer"); "{name}" placeholders are filled from arguments.
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace eco {

struct LocalTime;

class Locale {
 public:
  Locale() = default;
  // Loads <dir>/<lang>.toml over <dir>/zh-CN.toml (missing English keys fall back to Chinese).
  // Throws ConfigError on a malformed file.
  static Locale load(const std::filesystem::path& dir, const std::string& lang);

  std::string t(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args = {}) const;
  bool has(const std::string& key) const { return strings_.contains(key); }
  const std::string& language() const { return lang_; }
  // "2026年6月24日 星期三" / "Wednesday, 24 June 2026"
  std::string long_date(const LocalTime& t) const;
  std::string all_text() const;  // for the glyph set

 private:
  std::string lang_ = "zh-CN";
  std::map<std::string, std::string> strings_;
};

// Fills "{name}" placeholders; unknown placeholders are left as they are.
std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& args);

std::filesystem::path default_assets_dir();

}  // namespace eco
