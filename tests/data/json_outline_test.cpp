// The outline the feed reader walks: fields and elements as byte ranges, and one error with the
// offset where the structure breaks.
#include <gtest/gtest.h>

#include "data/json_outline.h"

using namespace eco::data;

namespace {

std::string_view at(std::string_view text, JsonRange r) { return text.substr(r.begin, r.size()); }

size_t error_offset(std::string_view text) {
  try {
    for (const auto& f : outline_root_object(text))
      if (kind_of(text, f.value) == '[') outline_array(text, f.value);
  } catch (const JsonSyntaxError& e) {
    return e.offset;
  }
  ADD_FAILURE() << "accepted: " << text;
  return 0;
}

}  // namespace

TEST(JsonOutline, FieldsAndElementsAreRangesOfTheText) {
  std::string_view text = R"( {"schema" : "x", "a\"b": {"k": [1, "]"]}, "list": [ {"v": 1} ,2, "s,"], "e": []} )";
  auto fields = outline_root_object(text);
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].key, "schema");
  EXPECT_EQ(at(text, fields[0].value), "\"x\"");
  EXPECT_EQ(fields[1].key, "a\\\"b");
  EXPECT_TRUE(fields[1].key_escaped);
  EXPECT_EQ(at(text, fields[1].value), R"({"k": [1, "]"]})");
  auto list = outline_array(text, fields[2].value);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(at(text, list[0]), R"({"v": 1})");
  EXPECT_EQ(at(text, list[1]), "2");
  EXPECT_EQ(at(text, list[2]), "\"s,\"");
  EXPECT_TRUE(outline_array(text, fields[3].value).empty());
  EXPECT_TRUE(outline_root_object("{}").empty());
}

TEST(JsonOutline, ABrokenStructureIsOneErrorWhereItBreaks) {
  EXPECT_EQ(error_offset(R"({"a": 1 "b": 2})"), 8u);         // a missing comma
  EXPECT_EQ(error_offset(R"({"a": [1, 2})"), 11u);           // a bracket that does not match
  EXPECT_EQ(error_offset(R"({"a": {"b": [1, 2]})"), 19u);    // truncated inside an object
  EXPECT_EQ(error_offset(R"({"a": "x)"), 8u);                // truncated inside a string
  EXPECT_EQ(error_offset(R"({"a": 1} {"b": 2})"), 9u);       // text after the object
  EXPECT_EQ(error_offset(R"({"a": [1,, 2]})"), 9u);          // an element missing
  EXPECT_EQ(error_offset(R"([1, 2])"), 0u);                  // not an object
  EXPECT_EQ(error_offset(R"({a: 1})"), 1u);                  // a key without quotes
  EXPECT_EQ(error_offset(std::string_view("{\"a\": \"x\ny\"}")), 8u);  // a raw newline: a string not closed
}
