#include "data/json_outline.h"

namespace eco::data {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  size_t skip_space(size_t p) const {
    while (p < t_.size() && is_space(t_[p])) ++p;
    return p;
  }

  void expect(size_t p, char c, const char* what) const {
    if (p >= t_.size()) throw JsonSyntaxError(p, "the JSON text ends early (truncated?)");
    if (t_[p] != c) throw JsonSyntaxError(p, what);
  }

  // p at the opening quote; returns the position after the closing one.
  size_t skip_string(size_t p, bool* escaped = nullptr) const {
    for (++p; p < t_.size(); ++p) {
      char c = t_[p];
      if (c == '"') return p + 1;
      if (c == '\\') {
        if (escaped) *escaped = true;
        ++p;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        throw JsonSyntaxError(p, "a control character inside a string (a string not closed?)");
      }
    }
    throw JsonSyntaxError(t_.size(), "the JSON text ends inside a string (truncated?)");
  }

  // p at the first byte of a value; returns the position after it.
  size_t skip_value(size_t p) const {
    if (p >= t_.size()) throw JsonSyntaxError(p, "the JSON text ends where a value belongs (truncated?)");
    char c = t_[p];
    if (c == '"') return skip_string(p);
    if (c == '{' || c == '[') return skip_container(p);
    size_t start = p;
    while (p < t_.size() && !is_space(t_[p]) && t_[p] != ',' && t_[p] != '}' && t_[p] != ']' && t_[p] != ':') ++p;
    if (p == start) throw JsonSyntaxError(p, "a value is missing");
    return p;
  }

 private:
  // Brackets are matched with a stack, so "[}" is an error here and not only in the parser.
  size_t skip_container(size_t p) const {
    std::vector<char> open;
    for (; p < t_.size(); ++p) {
      char c = t_[p];
      if (c == '"') {
        p = skip_string(p) - 1;
      } else if (c == '{' || c == '[') {
        open.push_back(c == '{' ? '}' : ']');
      } else if (c == '}' || c == ']') {
        if (open.back() != c) throw JsonSyntaxError(p, "a closing bracket does not match the one opened");
        open.pop_back();
        if (open.empty()) return p + 1;
      }
    }
    throw JsonSyntaxError(t_.size(), "the JSON text ends inside an object or array (truncated?)");
  }

  std::string_view t_;
};

}  // namespace

std::vector<JsonField> outline_root_object(std::string_view text) {
  Scanner s(text);
  std::vector<JsonField> fields;
  size_t p = s.skip_space(0);
  s.expect(p, '{', "the feed must be a JSON object");
  p = s.skip_space(p + 1);
  if (p < text.size() && text[p] == '}') {
    p = s.skip_space(p + 1);
  } else {
    for (;;) {
      s.expect(p, '"', "a key in double quotes was expected");
      JsonField f;
      size_t key_end = s.skip_string(p, &f.key_escaped);
      f.key = text.substr(p + 1, key_end - p - 2);
      p = s.skip_space(key_end);
      s.expect(p, ':', "':' was expected after a key");
      p = s.skip_space(p + 1);
      f.value.begin = p;
      f.value.end = p = s.skip_value(p);
      fields.push_back(f);
      p = s.skip_space(p);
      if (p < text.size() && text[p] == ',') {
        p = s.skip_space(p + 1);
        continue;
      }
      s.expect(p, '}', "',' or '}' was expected after a value");
      p = s.skip_space(p + 1);
      break;
    }
  }
  if (p != text.size()) throw JsonSyntaxError(p, "there is more text after the JSON object");
  return fields;
}

void for_each_element(std::string_view text, JsonRange range, const std::function<void(JsonRange)>& each) {
  Scanner s(text.substr(0, range.end));
  size_t p = s.skip_space(range.begin);
  s.expect(p, '[', "an array was expected");
  p = s.skip_space(p + 1);
  if (p < range.end && text[p] == ']') return;
  for (;;) {
    JsonRange e{p, s.skip_value(p)};
    each(e);
    p = s.skip_space(e.end);
    if (p < range.end && text[p] == ',') {
      p = s.skip_space(p + 1);
      continue;
    }
    s.expect(p, ']', "',' or ']' was expected after an element");
    return;
  }
}

std::vector<JsonRange> outline_array(std::string_view text, JsonRange range) {
  std::vector<JsonRange> elements;
  for_each_element(text, range, [&](JsonRange e) { elements.push_back(e); });
  return elements;
}

}  // namespace eco::data
