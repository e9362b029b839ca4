#include "base/safe_path.h"

namespace eco {

std::optional<std::string> normalize_entry_path(std::string_view path) {
  if (path.starts_with("./")) path.remove_prefix(2);
  if (path.empty() || path.size() > 1024 || path.front() == '/' || path.back() == '/') return std::nullopt;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == "." || part == ".." || part.front() == '.') return std::nullopt;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  return std::string(path);
}

}  // namespace eco
