#pragma once
// User-facing strings, from assets/locale/<lang>.toml (zh-CN first, English second). Keys are
// dotted paths ("welcome.footer"); "{name}" placeholders are filled from arguments.
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
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

  // The string for `key` with its placeholders filled, or `key` itself when there is none (reported
  // once per key and Locale, see kMaxReportedMissing).
  std::string t(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args = {}) const;
  // Missing keys are host state made on a plugin's behalf (i18n.t): bounded per Locale, each
  // cut to kMaxKeyInLog bytes (on a character boundary) in the log and in memory.
  static constexpr size_t kMaxReportedMissing = 64;
  static constexpr size_t kMaxKeyInLog = 120;
  size_t reported_missing() const;
  bool has(const std::string& key) const { return strings_.contains(key); }
  const std::string& language() const { return lang_; }
  // "2026年6月24日 星期三" / "Wednesday, 24 June 2026"
  std::string long_date(const LocalTime& t) const;
  std::string all_text() const;  // for the glyph set

 private:
  std::string lang_ = "zh-CN";
  std::map<std::string, std::string> strings_;
  // Copyable (a copy starts with nothing reported); guarded for the screen's several threads.
  struct MissingReports {
    MissingReports() = default;
    MissingReports(const MissingReports&) {}
    MissingReports& operator=(const MissingReports&) {
      std::lock_guard lock(mutex);
      keys.clear();
      overflowed = false;
      return *this;
    }
    std::mutex mutex;
    std::set<std::string, std::less<>> keys;
    bool overflowed = false;
  };
  mutable MissingReports missing_;
};

// Fills "{name}" placeholders; unknown placeholders are left as they are.
std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& args);

std::filesystem::path default_assets_dir();

}  // namespace eco
