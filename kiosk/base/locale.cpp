#include "base/locale.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/config.h"
#include "base/iso8601.h"
#include "base/toml_reader.h"
#include "base/utf8.h"

namespace eco {
namespace {

void flatten(const toml::table& table, const std::string& prefix, std::map<std::string, LocaleString>& out) {
  for (const auto& [key, node] : table) {
    std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (auto sub = node.as_table()) {
      flatten(*sub, path, out);
    } else if (auto s = node.value<std::string>()) {
      out[path] = {*s, static_cast<int>(node.source().begin.line)};
    } else if (auto arr = node.as_array()) {
      for (size_t i = 0; i < arr->size(); ++i)
        if (auto v = (*arr)[i].value<std::string>())
          out[path + "." + std::to_string(i)] = {*v, static_cast<int>((*arr)[i].source().begin.line)};
    }
  }
}

}  // namespace

std::filesystem::path default_assets_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  for (auto c : {exe / "../share/ecolobby/assets", std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "assets",
                 std::filesystem::path("/usr/share/ecolobby/assets")})
    if (std::filesystem::exists(c / "locale")) return c;
  return std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "assets";
}

const Locale& builtin_chinese_locale() {
  static const Locale locale = Locale::load(default_assets_dir() / "locale", "zh-CN");
  return locale;
}

std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& args) {
  for (const auto& [name, value] : args) {
    std::string token = "{" + name + "}";
    for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
      text.replace(pos, token.size(), value);
  }
  return text;
}

std::map<std::string, LocaleString> read_locale_file(const std::filesystem::path& file) {
  std::map<std::string, LocaleString> out;
  flatten(*parse_toml_file(file.string()), "", out);
  return out;
}

namespace {
// Calls fn(name) for each "{name}" in `text` (name: letters, digits, _), without allocating.
template <typename F>
void for_each_placeholder(std::string_view text, F fn) {
  for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) return;
    std::string_view name = text.substr(open + 1, close - open - 1);
    if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
        }))
      fn(name);
  }
}
}  // namespace

std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> out;
  for_each_placeholder(text, [&](std::string_view name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
  });
  return out;
}

Locale Locale::load(const std::filesystem::path& dir, const std::string& lang) {
  Locale l;
  l.lang_ = lang;
  for (auto& [key, s] : read_locale_file(dir / "zh-CN.toml")) l.strings_[key] = std::move(s.text);
  if (lang != "zh-CN") {
    for (const auto& [key, s] : l.strings_) l.fallback_.insert(key);
    for (auto& [key, s] : read_locale_file(dir / (lang + ".toml"))) {
      l.fallback_.erase(key);
      l.strings_[key] = std::move(s.text);
    }
  }
  return l;
}

std::string Locale::t(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args) const {
  return t(key, args, {});
}

std::string Locale::t(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args,
                      std::string_view caller) const {
  // Only a string with a problem pays for its message. The key is the plugin's to choose: cut.
  std::string_view cut = utf8_prefix(key, kMaxKeyInLog);
  auto shown = [&] { return to_valid_utf8(cut) + (cut.size() < key.size() ? "…" : ""); };
  auto who = [&] {
    std::string w = owner_.empty() ? "" : owner_ + ": ";
    return caller.empty() ? w : w + std::string(caller) + ": ";
  };
  auto it = strings_.find(key);
  if (it == strings_.end()) {
    report("?", cut, fmt::format("{}locale {}: missing string '{}'", who(), lang_, shown()));
    return key;
  }
  if (fallback_.contains(key))
    report("~", cut, fmt::format("{}locale {}: string '{}' has no {} text; shown in Chinese", who(), lang_, shown(), lang_));
  for_each_placeholder(it->second, [&](std::string_view name) {
    if (std::none_of(args.begin(), args.end(), [&](const auto& a) { return a.first == name; }))
      report("{", cut, fmt::format("{}locale {}: string '{}' has a placeholder {{{}}} but no argument '{}'; shown as it is",
                                   who(), lang_, shown(), name, name));
  });
  return fill_placeholders(it->second, args);
}

// Once per kind and key, and at most kMaxReportedMissing in all.
void Locale::report(std::string_view kind, std::string_view key, const std::string& message) const {
  std::string entry = std::string(kind) + std::string(key);
  std::lock_guard lock(missing_.mutex);
  if (missing_.keys.size() < kMaxReportedMissing) {
    if (missing_.keys.insert(entry).second) spdlog::warn("{}", message);
  } else if (!missing_.overflowed && !missing_.keys.contains(entry)) {
    missing_.overflowed = true;
    spdlog::warn("{}locale {}: more than {} missing strings; no more are reported", owner_.empty() ? "" : owner_ + ": ",
                 lang_, kMaxReportedMissing);
  }
}

size_t Locale::reported_missing() const {
  std::lock_guard lock(missing_.mutex);
  return missing_.keys.size();
}

std::string Locale::long_date(const LocalTime& lt) const {
  return t("date.long", {{"year", std::to_string(lt.year)},
                         {"month", std::to_string(lt.month)},
                         {"day", std::to_string(lt.day)},
                         {"month_name", t("date.months." + std::to_string(lt.month - 1))},
                         {"weekday", t("date.weekdays." + std::to_string(lt.weekday - 1))}});
}

std::string Locale::all_text() const {
  std::string out;
  for (const auto& [k, v] : strings_) out += v;
  return out;
}

}  // namespace eco
