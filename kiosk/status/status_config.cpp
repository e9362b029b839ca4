#include "status/status_config.h"

#include <sys/stat.h>

#include <fstream>

#include <fmt/format.h>

#include "base/config_sections.h"

namespace eco::status {

std::optional<StatusConfig> load_status_config(const Config& config) {
  TomlReader r = config.section("status");
  auto listen = r.optional_string("listen");
  auto inline_token = r.optional_string("token");
  auto token_file = r.optional_string("token_file");
  if (token_file) token_file = config_relative_path(config, *token_file).string();
  for (auto& w : r.unknown_keys()) throw ConfigError(w);
  if (!listen || listen->empty()) return std::nullopt;

  StatusConfig s;
  auto colon = listen->rfind(':');
  if (colon == std::string::npos || colon == 0) r.fail("listen", "an address and port like \"0.0.0.0:8088\"");
  s.host = listen->substr(0, colon);
  try {
    size_t used = 0;
    s.port = std::stoi(listen->substr(colon + 1), &used);
    if (used != listen->size() - colon - 1 || s.port < 0 || s.port > 65535) throw std::out_of_range("port");
  } catch (const std::exception&) {
    r.fail("listen", "an address and port like \"0.0.0.0:8088\"");
  }
  if (token_file) {
    struct stat st {};
    if (::stat(token_file->c_str(), &st) != 0) r.fail("token_file", "a readable file holding the token");
    if (st.st_mode & S_IROTH)
      throw ConfigError(fmt::format("{}: {} is readable by everyone; run: chmod o-r {}", r.where("token_file"),
                                    *token_file, *token_file));
    std::ifstream in(*token_file);
    std::getline(in, s.token);
    while (!s.token.empty() && (s.token.back() == '\r' || s.token.back() == ' ')) s.token.pop_back();
  } else if (inline_token) {
    s.token = *inline_token;
  }
  if (s.token.size() < 16)
    r.fail(token_file ? "token_file" : "token", "a token of at least 16 characters (e.g. from: openssl rand -hex 16)");
  return s;
}

}  // namespace eco::status
