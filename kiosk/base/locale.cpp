#include "base/locale.h"

#include <mutex>
#include <set>

#include <spdlog/spdlog.h>

#include "base/config.h"
#include "base/iso8601.h"
#include "base/toml_reader.h"
#include "base/utf8.h"

namespace eco {
namespace {

void flatten(const toml::table& table, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (const auto& [key, node] : table) {
    std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (auto sub = node.as_table()) {
      flatten(*sub, path, out);
    } else if (auto s = node.value<std::string>()) {
      out[path] = *s;
    } else if (auto arr = node.as_array()) {
      for (size_t i = 0; i < arr->size(); ++i)
        if (auto v = (*arr)[i].value<std::string>()) out[path + "." + std::to_string(i)] = *v;
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

std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& args) {
  for (const auto& [name, value] : args) {
    std::string token = "{" + name + "}";
    for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
      text.replace(pos, token.size(), value);
  }
  return text;
}

Locale Locale::load(const std::filesystem::path& dir, const std::string& lang) {
  Locale l;
  l.lang_ = lang;
  auto base = parse_toml_file((dir / "zh-CN.toml").string());
  flatten(*base, "", l.strings_);
  if (lang != "zh-CN") {
    auto over = parse_toml_file((dir / (lang + ".toml")).string());
    flatten(*over, "", l.strings_);
  }
  return l;
}

std::string Locale::t(const std::string& key, const std::vector<std::pair<std::string, std::string>>& args) const {
  auto it = strings_.find(key);
  if (it == strings_.end()) {
    std::string_view shown = utf8_prefix(key, kMaxKeyInLog);
    std::lock_guard lock(missing_.mutex);
    if (missing_.keys.size() < kMaxReportedMissing) {
      if (missing_.keys.insert(std::string(shown)).second)
        spdlog::warn("locale {}: missing string '{}'{}", lang_, to_valid_utf8(shown), shown.size() < key.size() ? "…" : "");
    } else if (!missing_.overflowed && !missing_.keys.contains(shown)) {
      missing_.overflowed = true;
      spdlog::warn("locale {}: more than {} missing strings; no more are reported", lang_, kMaxReportedMissing);
    }
    return key;
  }
  return fill_placeholders(it->second, args);
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
