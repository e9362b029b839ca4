#pragma once
// The top two levels of a JSON text as byte ranges, without parsing what is inside them: the
// fields of an object and the elements of an array. The feed reader hands each element to
// simdjson on its own, so reading a province-sized feed needs an index the size of one element,
// not one for the whole body (simdjson's on-demand index is about five bytes per byte of input:
// 122 MB for a 21.6 MB feed of 60,000 buildings, issue #17).
//
// Only the structure between the ranges is checked here (brackets, strings, commas, colons);
// what a range holds is checked by whoever parses it.
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace eco::data {

struct JsonRange {
  size_t begin = 0, end = 0;  // [begin, end) in the text
  size_t size() const { return end - begin; }
};

struct JsonField {
  std::string_view key;  // between the quotes, escapes not undone
  bool key_escaped = false;
  JsonRange value;
};

// A break in the structure at `offset` (truncated text, a missing comma, a stray bracket).
struct JsonSyntaxError : std::runtime_error {
  JsonSyntaxError(size_t offset, const char* what) : std::runtime_error(what), offset(offset) {}
  size_t offset;
};

// The text must be one object (and whitespace around it): its fields, in order.
std::vector<JsonField> outline_root_object(std::string_view text);

// `range` holds an array: `each` is called with the range of each element, in order, as it is
// found (a 32 MB array of "0," would be 16 million ranges: they are not collected).
void for_each_element(std::string_view text, JsonRange range, const std::function<void(JsonRange)>& each);

// The same, collected: for tests and small arrays.
std::vector<JsonRange> outline_array(std::string_view text, JsonRange range);

// The first byte of a value's range: '{', '[', '"', or the start of a number or literal.
inline char kind_of(std::string_view text, JsonRange r) { return r.size() ? text[r.begin] : '\0'; }

}  // namespace eco::data
