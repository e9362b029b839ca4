#include "update/bundle_manifest.h"

#include <algorithm>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "update/bundle_error.h"

namespace eco::update {

uint64_t BundleManifest::total_bytes() const {
  uint64_t total = 0;
  for (const auto& f : files) total += f.size;
  return total;
}

const ManifestFile* BundleManifest::find(std::string_view path) const {
  auto it = std::lower_bound(files.begin(), files.end(), path, [](const ManifestFile& f, std::string_view p) { return f.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

bool program_satisfies(const std::string& required) {
  if (required.empty()) return true;
  auto need = Version::parse(required), have = Version::parse(ECOLOBBY_VERSION);
  return need && have && *have >= *need;
}

std::string to_toml(const BundleManifest& m) {
  toml::table bundle{{"version", m.version.text()}, {"created", m.created}, {"min_program_version", m.min_program_version}};
  toml::array files;
  for (const auto& f : m.files)
    files.push_back(toml::table{{"path", f.path}, {"size", static_cast<int64_t>(f.size)}, {"sha256", f.sha256}});
  toml::table doc{{"bundle", bundle}, {"file", files}};
  std::ostringstream out;
  out << "# EcoLobby content bundle manifest; bundle.sig signs these exact bytes.\n" << doc << "\n";
  return out.str();
}

namespace {

[[noreturn]] void fail(const std::string& source, const toml::node* at, const std::string& field, const std::string& problem) {
  std::string line = at ? ":" + std::to_string(at->source().begin.line) : "";
  throw BundleError(source + line + ": " + field + ": " + problem);
}

std::string required_string(const toml::table& t, const char* key, const std::string& source, const std::string& field) {
  const toml::node* n = t.get(key);
  if (!n || !n->is_string()) fail(source, n ? n : &t, field, "expected a string");
  return n->value<std::string>().value();
}

}  // namespace

BundleManifest parse_manifest(std::string_view text, const std::string& source) {
  toml::table doc;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw BundleError(source + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  BundleManifest m;
  const toml::table* bundle = doc["bundle"].as_table();
  if (!bundle) fail(source, nullptr, "[bundle]", "missing");
  std::string version = required_string(*bundle, "version", source, "bundle.version");
  auto parsed = Version::parse(version);
  if (!parsed) fail(source, bundle->get("version"), "bundle.version", "'" + version + "' is not a version like 2026.11.3");
  m.version = *parsed;
  m.created = required_string(*bundle, "created", source, "bundle.created");
  m.min_program_version = required_string(*bundle, "min_program_version", source, "bundle.min_program_version");
  if (!m.min_program_version.empty() && !Version::parse(m.min_program_version))
    fail(source, bundle->get("min_program_version"), "bundle.min_program_version", "not a version");
  const toml::array* files = doc["file"].as_array();
  if (!files) fail(source, nullptr, "[[file]]", "missing");
  std::set<std::string> seen;
  size_t index = 0;
  for (const toml::node& node : *files) {
    std::string field = "file[" + std::to_string(index++) + "]";
    const toml::table* t = node.as_table();
    if (!t) fail(source, &node, field, "expected a table");
    ManifestFile f;
    std::string raw = required_string(*t, "path", source, field + ".path");
    auto path = normalize_entry_path(raw);
    if (!path || *path == kManifestName || *path == kSignatureName)
      fail(source, t->get("path"), field + ".path", "'" + raw + "' is not a safe relative path");
    if (!seen.insert(*path).second) fail(source, t->get("path"), field + ".path", "'" + raw + "' is listed twice");
    f.path = *path;
    auto size = t->get("size") ? t->get("size")->value_exact<int64_t>() : std::nullopt;  // exact: a float is not a byte count (and converting 2e48 is undefined)
    if (!size || *size < 0) fail(source, t->get("size") ? t->get("size") : t, field + ".size", "expected a byte count");
    f.size = static_cast<uint64_t>(*size);
    f.sha256 = required_string(*t, "sha256", source, field + ".sha256");
    if (f.sha256.size() != 64 || f.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
      fail(source, t->get("sha256"), field + ".sha256", "expected 64 lowercase hex digits");
    m.files.push_back(std::move(f));
  }
  std::sort(m.files.begin(), m.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return m;
}

}  // namespace eco::update
