#pragma once
// Typed reading of human-written TOML (config, schedule, manifests, question banks) with errors
// that name the file, the line and the key, and a record of keys nobody asked for.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace eco {

// A mistake in a file a person wrote. what() is one line: "file:line: key 'a.b': expected …, got …".
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses a whole TOML file or string; throws ConfigError naming file and line on syntax errors.
std::shared_ptr<toml::table> parse_toml_file(const std::string& path);
// Reads a whole file; throws ConfigError "path: cannot read file (reason)".
std::string read_text_file(const std::string& path);
std::shared_ptr<toml::table> parse_toml_string(std::string_view text, const std::string& name);

// A TOML date (2026-06-23) or a string "2026-06-23" as a day number (days since 1970-01-01);
// nullopt for anything else.
std::optional<int64_t> toml_day(const toml::node& node);

class TomlReader {
 public:
  // `prefix` is the dotted path of this table inside the file ("display"), for messages.
  TomlReader(const toml::table& table, std::string file, std::string prefix = {});

  std::string string(std::string_view key, std::string fallback) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  std::string required_string(std::string_view key) const;
  // One of `choices`, or an error listing them.
  std::string choice(std::string_view key, std::string fallback, const std::vector<std::string>& choices) const;
  int64_t integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) const;
  std::optional<int64_t> optional_integer(std::string_view key, int64_t min, int64_t max) const;
  double number(std::string_view key, double fallback, double min, double max) const;
  std::optional<double> optional_number(std::string_view key, double min, double max) const;
  bool boolean(std::string_view key, bool fallback) const;
  std::vector<std::string> strings(std::string_view key) const;  // missing → empty
  std::vector<int64_t> integers(std::string_view key, int64_t min, int64_t max) const;

  bool has(std::string_view key) const;
  std::optional<TomlReader> table(std::string_view key) const;          // sub-table, if present
  std::vector<TomlReader> tables(std::string_view key) const;           // array of tables ([[x]])
  const toml::node* node(std::string_view key) const;                    // raw access, marks as read
  void mark_read(std::string_view key) const;

  // Keys present but never read, as "file:line: unknown key 'display.foo'". Recurse into children
  // yourself by calling this on the readers you created.
  std::vector<std::string> unknown_keys() const;

  [[noreturn]] void fail(std::string_view key, std::string_view expected) const;
  std::string where(std::string_view key) const;  // "file:line: key 'prefix.key'"
  const std::string& file() const { return file_; }
  const std::string& prefix() const { return prefix_; }
  const toml::table& raw() const { return *table_; }

 private:
  std::string path_of(std::string_view key) const;
  std::string describe(const toml::node& n) const;
  const toml::table* table_;
  std::string file_;
  std::string prefix_;
  mutable std::shared_ptr<std::set<std::string, std::less<>>> read_;
};

}  // namespace eco
