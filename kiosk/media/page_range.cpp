#include "media/page_range.h"

#include <charconv>

#include <fmt/format.h>

namespace eco {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<int> number(std::string_view s) {
  s = trim(s);
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || n < 1 || n > kMaxPageNumber) return std::nullopt;
  return n;
}

}  // namespace

std::optional<std::vector<int>> parse_page_range(std::string_view text, std::string& why) {
  std::vector<int> pages;
  if (trim(text).empty()) {
    why = "a page list like \"1-3\" or \"2,4-5\"";
    return std::nullopt;
  }
  while (true) {
    size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    size_t dash = part.find('-');
    auto first = number(part.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : number(part.substr(dash + 1));
    if (!first || !last) {
      why = fmt::format("a page list like \"1-3\" or \"2,4-5\" (pages 1..{}), not \"{}\"", kMaxPageNumber, trim(part));
      return std::nullopt;
    }
    if (*last < *first) {
      why = fmt::format("a range from a lower page to a higher one, not \"{}\"", trim(part));
      return std::nullopt;
    }
    if (pages.size() + size_t(*last - *first) + 1 > kMaxPageList) {
      why = fmt::format("at most {} pages in one slot", kMaxPageList);
      return std::nullopt;
    }
    for (int p = *first; p <= *last; ++p) pages.push_back(p);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return pages;
}

}  // namespace eco
