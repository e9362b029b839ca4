#include "base/toml_reader.h"

#include "base/file_io.h"
#include "base/iso8601.h"
#include "base/text_encoding.h"

#include <cmath>

#include <fmt/format.h>

namespace eco {

std::optional<int64_t> toml_day(const toml::node& node) {
  if (auto d = node.as_date()) return days_from_civil(d->get().year, d->get().month, d->get().day);
  if (auto s = node.value<std::string>()) return parse_date(*s);
  return std::nullopt;
}

namespace {
std::string line_of(const toml::node& n) {
  auto line = n.source().begin.line;
  return line ? std::to_string(line) : "?";
}
std::string short_value(std::string s) {
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}
}  // namespace

std::shared_ptr<toml::table> parse_toml_string(std::string_view text, const std::string& name) {
  // TOML is UTF-8; toml++ would say only "invalid utf-8 sequence". Name the likely encoding.
  if (std::string reason = not_utf8_reason(text); !reason.empty()) throw ConfigError(name + ": " + reason);
  try {
    return std::make_shared<toml::table>(toml::parse(text, name));
  } catch (const toml::parse_error& e) {
    throw ConfigError(fmt::format("{}:{}: {}", name, e.source().begin.line, e.description()));
  }
}

std::string read_text_file(const std::string& path) {
  std::string reason;
  auto text = read_whole_file(path, &reason);
  if (!text) throw ConfigError(fmt::format("{}: cannot read file ({})", path, reason));
  return std::move(*text);
}

std::shared_ptr<toml::table> parse_toml_file(const std::string& path) {
  return parse_toml_string(read_text_file(path), path);
}

TomlReader::TomlReader(const toml::table& table, std::string file, std::string prefix)
    : table_(&table), file_(std::move(file)), prefix_(std::move(prefix)),
      read_(std::make_shared<std::set<std::string, std::less<>>>()) {}

std::string TomlReader::path_of(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

std::string TomlReader::where(std::string_view key) const {
  const toml::node* n = table_->get(key);
  std::string line = n ? line_of(*n) : (table_->source().begin.line ? std::to_string(table_->source().begin.line) : "?");
  return fmt::format("{}:{}: key '{}'", file_, line, path_of(key));
}

std::string TomlReader::describe(const toml::node& n) const {
  if (auto s = n.value<std::string>()) return "\"" + short_value(*s) + "\"";
  if (n.is_table()) return "a table";
  if (n.is_array()) return "an array";
  if (auto i = n.value_exact<int64_t>()) return std::to_string(*i);
  if (auto d = n.value_exact<double>()) return fmt::format("{}", *d);
  if (auto b = n.value_exact<bool>()) return *b ? "true" : "false";
  return "a date or time";
}

void TomlReader::fail(std::string_view key, std::string_view expected) const {
  const toml::node* n = table_->get(key);
  throw ConfigError(n ? fmt::format("{}: expected {}, got {}", where(key), expected, describe(*n))
                      : fmt::format("{}: expected {}, but it is missing", where(key), expected));
}

const toml::node* TomlReader::node(std::string_view key) const {
  mark_read(key);
  return table_->get(key);
}

void TomlReader::mark_read(std::string_view key) const { read_->emplace(key); }
bool TomlReader::has(std::string_view key) const { return table_->contains(key); }

std::optional<std::string> TomlReader::optional_string(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  auto v = n->value<std::string>();
  if (!v) fail(key, "a string");
  return v;
}

std::string TomlReader::string(std::string_view key, std::string fallback) const {
  return optional_string(key).value_or(std::move(fallback));
}

std::string TomlReader::required_string(std::string_view key) const {
  auto v = optional_string(key);
  if (!v || v->empty()) fail(key, "a non-empty string");
  return *v;
}

std::string TomlReader::choice(std::string_view key, std::string fallback, const std::vector<std::string>& choices) const {
  std::string v = string(key, std::move(fallback));
  for (const auto& c : choices)
    if (c == v) return v;
  fail(key, fmt::format("one of {}", fmt::join(choices, ", ")));
}

std::optional<int64_t> TomlReader::optional_integer(std::string_view key, int64_t min, int64_t max) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  auto v = n->as_integer() ? std::optional<int64_t>(n->as_integer()->get()) : std::nullopt;
  if (!v || *v < min || *v > max) fail(key, fmt::format("an integer from {} to {}", min, max));
  return v;
}

int64_t TomlReader::integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) const {
  return optional_integer(key, min, max).value_or(fallback);
}

std::optional<double> TomlReader::optional_number(std::string_view key, double min, double max) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  std::optional<double> v;
  if (n->is_floating_point()) v = n->as_floating_point()->get();
  if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
  if (!v || !std::isfinite(*v) || *v < min || *v > max) fail(key, fmt::format("a number from {} to {}", min, max));
  return v;
}

double TomlReader::number(std::string_view key, double fallback, double min, double max) const {
  return optional_number(key, min, max).value_or(fallback);
}

bool TomlReader::boolean(std::string_view key, bool fallback) const {
  const toml::node* n = node(key);
  if (!n) return fallback;
  if (!n->is_boolean()) fail(key, "true or false");
  return n->as_boolean()->get();
}

std::vector<std::string> TomlReader::strings(std::string_view key) const {
  const toml::node* n = node(key);
  std::vector<std::string> out;
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) fail(key, "an array of strings");
  for (const auto& item : *arr) {
    auto v = item.value<std::string>();
    if (!v) fail(key, "an array of strings");
    out.push_back(*v);
  }
  return out;
}

std::vector<int64_t> TomlReader::integers(std::string_view key, int64_t min, int64_t max) const {
  const toml::node* n = node(key);
  std::vector<int64_t> out;
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) fail(key, fmt::format("an array of integers from {} to {}", min, max));
  for (const auto& item : *arr) {
    if (!item.is_integer() || item.as_integer()->get() < min || item.as_integer()->get() > max)
      fail(key, fmt::format("an array of integers from {} to {}", min, max));
    out.push_back(item.as_integer()->get());
  }
  return out;
}

std::optional<TomlReader> TomlReader::table(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_table()) fail(key, "a table");
  return TomlReader(*n->as_table(), file_, path_of(key));
}

std::vector<TomlReader> TomlReader::tables(std::string_view key) const {
  const toml::node* n = node(key);
  std::vector<TomlReader> out;
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) fail(key, "an array of tables");
  size_t i = 0;
  for (const auto& item : *arr) {
    if (!item.is_table()) fail(key, "an array of tables");
    out.emplace_back(*item.as_table(), file_, fmt::format("{}[{}]", path_of(key), i++));
  }
  return out;
}

std::vector<std::string> TomlReader::unknown_keys() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : *table_) {
    if (!read_->contains(key.str()))
      out.push_back(fmt::format("{}:{}: unknown key '{}'", file_, line_of(value), path_of(key.str())));
  }
  return out;
}

}  // namespace eco
