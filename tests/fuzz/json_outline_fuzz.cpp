// The feed reader's outline (data/json_outline) against simdjson's full parser. Whatever simdjson
// parses as an object, the outline must split into the same fields, each value's range parsing
// alone to the same value and each array into as many elements; an error's offset must lie in
// the text. (The outline may accept what simdjson refuses: it checks only the structure between
// the ranges, and the reader parses every range with simdjson.)
#include <cstdlib>
#include <string>

#include <simdjson.h>

#include "data/json_outline.h"

using namespace eco::data;
namespace dom = simdjson::dom;

namespace {

std::string minified_alone(std::string_view text, JsonRange r) {
  static dom::parser parser;
  dom::element e;
  if (parser.parse(simdjson::padded_string(text.substr(r.begin, r.size()))).get(e)) std::abort();  // a range is not one value
  return simdjson::minify(e);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<JsonField> fields;
  bool outlined = true;
  try {
    fields = outline_root_object(text);
    for (const auto& f : fields)
      if (kind_of(text, f.value) == '[') outline_array(text, f.value);
  } catch (const JsonSyntaxError& e) {
    if (e.offset > size) std::abort();
    outlined = false;
  }

  static dom::parser parser;
  dom::element doc;
  if (parser.parse(simdjson::padded_string(text)).get(doc) || !doc.is_object()) return 0;
  if (!outlined) std::abort();  // a JSON object the outline refused
  dom::object object = doc.get_object().value_unsafe();
  if (object.size() != fields.size()) std::abort();
  size_t i = 0;
  for (auto [key, value] : object) {
    const JsonField& f = fields[i++];
    if (!f.key_escaped && key != f.key) std::abort();
    if (simdjson::minify(value) != minified_alone(text, f.value)) std::abort();
    if (value.is_array()) {
      std::vector<JsonRange> elements = outline_array(text, f.value);
      dom::array array = value.get_array().value_unsafe();
      if (elements.size() != array.size()) std::abort();
      size_t k = 0;
      for (dom::element e : array)
        if (simdjson::minify(e) != minified_alone(text, elements[k++])) std::abort();
    }
  }
  return 0;
}
