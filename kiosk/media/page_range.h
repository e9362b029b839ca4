#pragma once
// The `pages` key of a PDF slot: "1-3", "2,4-5", "7" (1-based, in the order written).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eco {

inline constexpr int kMaxPageNumber = 100000;
inline constexpr size_t kMaxPageList = 1000;  // pages one slot may list in all

// The pages, or nullopt with `why` set (one line) when the text is not a page list.
std::optional<std::vector<int>> parse_page_range(std::string_view text, std::string& why);

}  // namespace eco
