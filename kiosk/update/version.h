#pragma once
// Content versions: dot-separated non-negative integers ("7", "2026.11.3"), compared part by
// part as numbers, so 2026.11.10 is newer than 2026.11.9 and no string sorting surprises.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eco::update {

class Version {
 public:
  static std::optional<Version> parse(std::string_view text);
  const std::string& text() const { return text_; }
  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }

 private:
  std::vector<uint64_t> parts_;
  std::string text_;
};

}  // namespace eco::update
