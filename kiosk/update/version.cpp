#include "update/version.h"

#include <charconv>

namespace eco::update {

std::optional<Version> Version::parse(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  Version v;
  v.text_ = std::string(text);
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size()) return std::nullopt;
    v.parts_.push_back(n);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return v;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  size_t n = std::max(parts_.size(), other.parts_.size());
  for (size_t i = 0; i < n; ++i) {  // missing parts count as 0: "7" == "7.0"
    uint64_t a = i < parts_.size() ? parts_[i] : 0, b = i < other.parts_.size() ? other.parts_[i] : 0;
    if (a != b) return a <=> b;
  }
  return std::strong_ordering::equal;
}

}  // namespace eco::update
