#include "lua/locale_checks.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "base/locale.h"
#include "base/toml_reader.h"
#include "lua/i18n_calls.h"

namespace eco::lua {
namespace fs = std::filesystem;

namespace {

struct LocaleFile {
  fs::path path;
  std::string language;  // the file's stem: zh-CN, en
  std::map<std::string, LocaleString> strings;
};

std::string braces(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "{" : ", {") + n + "}";
  return out.empty() ? "none" : out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// zh-CN first: it is what every other language falls back to.
std::vector<LocaleFile> read_locale_files(const fs::path& dir, CheckReport& report) {
  std::vector<LocaleFile> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".toml") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end(), [](const fs::path& a, const fs::path& b) {
    return std::make_pair(a.stem() != "zh-CN", a) < std::make_pair(b.stem() != "zh-CN", b);
  });
  for (const auto& p : paths) {
    try {
      files.push_back({p, p.stem().string(), read_locale_file(p)});
    } catch (const std::exception& e) {
      report.errors.push_back(e.what());
    }
  }
  return files;
}

// The plugin's own Lua files (tests/ are the harness's, and may use keys on purpose).
std::vector<fs::path> lua_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory() && it->path() == dir / "tests") it.disable_recursion_pending();
    else if (it->is_regular_file() && it->path().extension() == ".lua") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void check_plugin_locales(const Manifest& m, CheckReport& report) {
  fs::path dir = m.dir / "locale";
  size_t before = report.errors.size();
  std::vector<LocaleFile> files = read_locale_files(dir, report);
  if (report.errors.size() > before) return;  // a file that does not parse: its error says it all
  bool has_zh = !files.empty() && files.front().language == "zh-CN";
  if (!files.empty() && !has_zh)
    report.errors.push_back(fmt::format("{}: zh-CN.toml is missing: the screen loads a plugin's strings from it "
                                        "(other languages fill in over it)", dir.string()));
  if (has_zh && std::none_of(files.begin(), files.end(), [](const LocaleFile& f) { return f.language == "en"; }))
    report.warnings.push_back(fmt::format("{}: en.toml is missing: an English screen shows the plugin's strings in Chinese",
                                          (dir / "zh-CN.toml").string()));
  auto missing_from = [&](const std::string& key) {
    std::vector<std::string> names;
    for (const auto& f : files)
      if (!f.strings.contains(key)) names.push_back("locale/" + f.path.filename().string());
    return names;
  };

  // 1. Literal keys of the Lua code, each reported once (at its first use), and their arguments.
  std::set<std::string> reported;
  bool no_locale_reported = false;
  for (const fs::path& file : lua_files(m.dir)) {
    std::string source;
    try {
      source = read_text_file(file.string());
    } catch (const std::exception&) {
      continue;  // the compile check reports an unreadable main.lua
    }
    for (const I18nCall& call : find_i18n_calls(source)) {
      std::string at = fmt::format("{}:{}", file.string(), call.line);
      if (!has_zh) {
        if (!no_locale_reported)
          report.errors.push_back(fmt::format("{}: i18n key '{}': the plugin has no locale/zh-CN.toml, so the screen "
                                              "shows the key itself", at, call.key));
        no_locale_reported = true;
        continue;
      }
      if (auto absent = missing_from(call.key); !absent.empty()) {
        if (reported.insert(call.key).second)
          report.errors.push_back(fmt::format("{}: i18n key '{}' is not in {}", at, call.key, fmt::join(absent, ", ")));
        continue;
      }
      if (!call.args) continue;  // arguments computed at run time
      std::vector<std::string> without;
      for (const auto& f : files)
        for (const auto& name : placeholders(f.strings.at(call.key).text))
          if (!call.args->contains(name) && std::find(without.begin(), without.end(), name) == without.end())
            without.push_back(name);
      if (!without.empty())
        report.errors.push_back(fmt::format("{}: i18n key '{}' has {} but the call gives no such argument: the screen "
                                            "would show it as it is", at, call.key, braces(without)));
    }
  }

  // 2. Keys one locale file has and another lacks (used by computed keys too), unless reported above.
  for (const auto& have : files) {
    for (const auto& [key, s] : have.strings) {
      if (reported.contains(key)) continue;
      auto absent = missing_from(key);
      if (absent.empty()) continue;
      reported.insert(key);
      report.errors.push_back(fmt::format("{}:{}: key '{}' is not in {}{}", have.path.string(), s.line, key,
                                          fmt::join(absent, ", "),
                                          have.language == "zh-CN" ? "" : ": a Chinese screen would show the key itself"));
    }
  }

  // 3. The same key with different placeholders: one language would lose or show a value.
  if (!has_zh) return;
  const LocaleFile& zh = files.front();
  for (size_t i = 1; i < files.size(); ++i) {
    for (const auto& [key, s] : files[i].strings) {
      auto base = zh.strings.find(key);
      if (base == zh.strings.end()) continue;
      auto mine = sorted(placeholders(s.text)), theirs = sorted(placeholders(base->second.text));
      if (mine != theirs)
        report.errors.push_back(fmt::format("{}:{}: key '{}' has placeholders {} where {}:{} has {}", files[i].path.string(),
                                            s.line, key, braces(mine), zh.path.filename().string(), base->second.line,
                                            braces(theirs)));
    }
  }
}

}  // namespace eco::lua
