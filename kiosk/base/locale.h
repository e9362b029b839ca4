#pragma once
// User-facing strings, from assets/locale/<lang>.toml (zh-CN first, English second). Keys are
// dotted paths ("welcome.footer"); "{name}" placeholders are filled from arguments.
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eco {

struct LocalTime;

// One locale file's strings, flattened to dotted keys, each with the line it is on.
struct LocaleString {
  std::string text;
  int line = 0;
};
// Throws ConfigError on a malformed file.
std::map<std::string, LocaleString> read_locale_file(const std::filesystem::path& file);
// The names of the "{name}" placeholders in `text`, in order of first appearance.
std::vector<std::string> placeholders(std::string_view text);

class Locale {
 public:
  Locale() = default;
  // Loads <dir>/<lang>.toml over <dir>/zh-CN.toml (missing English keys fall back to Chinese).
  // Throws ConfigError on a malformed file.
  static Locale load(const std::filesystem::path& dir, const std::string& lang);

  // The string for `key` with its placeholders filled, or `key` itself when there is none (reported
  // once per key and Locale, see kMaxReportedMissing).
  std::string t(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args = {}) const;
  // The same for a caller the log should name: `owner_` (a plugin) and `caller` ("p/main.lua:12",
  // or empty). Reported once per key: a key that is missing, one shown in Chinese on a screen of
  // another language, and a placeholder left without its argument (shown as it is, "{cnt}").
  std::string t(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args,
                std::string_view caller) const;
  // Who the strings belong to, for the log ("plugin green_travel"); empty for the screen's own.
  void set_owner(std::string owner) { owner_ = std::move(owner); }
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
  void report(std::string_view kind, std::string_view key, const std::string& message) const;
  std::string lang_ = "zh-CN";
  std::string owner_;
  std::map<std::string, std::string> strings_;
  std::set<std::string, std::less<>> fallback_;  // keys of a non-Chinese screen shown in Chinese
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

// The screen's own strings in Chinese (default_assets_dir()/locale), loaded once: for tests and
// tools that check an overlay line without a screen's locale.
const Locale& builtin_chinese_locale();

}  // namespace eco
