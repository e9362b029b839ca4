#include "lua/i18n_calls.h"

#include <algorithm>
#include <cctype>

namespace eco::lua {
namespace {

enum class Tok { Name, String, Symbol, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;  // the name, the symbol, or the string's contents (escapes kept: see `plain`)
  int line = 0;
  bool plain = true;  // a string without escapes, so `text` is its value
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Token next() {
    skip_space_and_comments();
    Token t;
    t.line = line_;
    if (pos_ >= s_.size()) return t;
    char c = s_[pos_];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = pos_;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
      t.kind = Tok::Name;
      t.text = s_.substr(start, pos_ - start);
      return t;
    }
    if (c == '"' || c == '\'') {
      t.kind = Tok::String;
      ++pos_;
      while (pos_ < s_.size() && s_[pos_] != c && s_[pos_] != '\n') {
        if (s_[pos_] == '\\') {
          t.plain = false;
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++line_;
          pos_ += 2;
          continue;
        }
        t.text += s_[pos_++];
      }
      ++pos_;
      return t;
    }
    if (c == '[') {
      if (int level = long_bracket_level(); level >= 0) {
        t.kind = Tok::String;
        t.text = long_bracket(level);
        return t;
      }
    }
    t.kind = Tok::Symbol;
    if (c == '=' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '=') {
      t.text = "==";
      pos_ += 2;
    } else {
      t.text = std::string(1, c);
      ++pos_;
    }
    return t;
  }

 private:
  // At "[" followed by "="* and "[": the number of "="; otherwise -1.
  int long_bracket_level() const {
    size_t p = pos_ + 1;
    int level = 0;
    while (p < s_.size() && s_[p] == '=') ++p, ++level;
    return p < s_.size() && s_[p] == '[' ? level : -1;
  }
  std::string long_bracket(int level) {
    pos_ += static_cast<size_t>(level) + 2;
    std::string close = "]" + std::string(static_cast<size_t>(level), '=') + "]";
    size_t end = s_.find(close, pos_);
    if (end == std::string_view::npos) end = s_.size();
    std::string text(s_.substr(pos_, end - pos_));
    for (char ch : text) line_ += ch == '\n';
    pos_ = std::min(s_.size(), end + close.size());
    return text;
  }
  void skip_space_and_comments() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (s_.substr(pos_, 2) == "--") {
        pos_ += 2;
        if (pos_ < s_.size() && s_[pos_] == '[' && long_bracket_level() >= 0) {
          long_bracket(long_bracket_level());
        } else {
          while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
        }
      } else {
        return;
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
};

// After "{": the names of a literal table's fields, or nullopt when a key is computed ([k] = …)
// or the table cannot be followed. Positional items are ignored, as i18n.t ignores them.
std::optional<std::set<std::string>> table_fields(Lexer& lex) {
  std::set<std::string> names;
  int depth = 0;  // brackets opened inside the table
  bool item_start = true;
  for (Token t = lex.next(); t.kind != Tok::End; t = lex.next()) {
    if (t.kind == Tok::Symbol && (t.text == "{" || t.text == "(" || t.text == "[")) {
      if (depth == 0 && item_start && t.text == "[") return std::nullopt;  // [expr] = …: not static
      ++depth;
      item_start = false;
      continue;
    }
    if (t.kind == Tok::Symbol && (t.text == "}" || t.text == ")" || t.text == "]")) {
      if (depth == 0) return t.text == "}" ? std::optional(names) : std::nullopt;
      --depth;
      continue;
    }
    if (depth == 0 && t.kind == Tok::Symbol && (t.text == "," || t.text == ";")) {
      item_start = true;
      continue;
    }
    if (depth == 0 && item_start && t.kind == Tok::Name) {
      Token after = lex.next();
      if (after.kind == Tok::Symbol && after.text == "=") names.insert(t.text);
      else if (after.kind == Tok::Symbol && (after.text == "}" )) return names;
      else if (after.kind == Tok::Symbol && (after.text == "," || after.text == ";")) { item_start = true; continue; }
      else if (after.kind == Tok::Symbol && (after.text == "(" || after.text == "{" || after.text == "[")) ++depth;
      item_start = false;
      continue;
    }
    item_start = false;
  }
  return std::nullopt;
}

}  // namespace

std::vector<I18nCall> find_i18n_calls(std::string_view source) {
  std::vector<I18nCall> calls;
  Lexer lex(source);
  // A sliding window of the last tokens: i18n . t ( "key"
  Token a, b, c;
  for (Token t = lex.next(); t.kind != Tok::End; t = lex.next()) {
    bool call = a.kind == Tok::Name && a.text == "i18n" && b.kind == Tok::Symbol && b.text == "." && c.kind == Tok::Name &&
                c.text == "t";
    if (call && t.kind == Tok::Symbol && t.text == "(") {
      Token key = lex.next();
      if (key.kind == Tok::String && key.plain) {
        I18nCall found{key.text, key.line, std::nullopt};
        Token after = lex.next();
        bool whole_key = after.kind == Tok::Symbol && (after.text == ")" || after.text == ",");  // not "tip." .. n
        if (after.kind == Tok::Symbol && after.text == ")") {
          found.args = std::set<std::string>{};
        } else if (whole_key) {
          Token arg = lex.next();
          if (arg.kind == Tok::Symbol && arg.text == "{") found.args = table_fields(lex);
          else if (arg.kind == Tok::Name && arg.text == "nil") found.args = std::set<std::string>{};
        }
        if (whole_key) calls.push_back(std::move(found));
      }
      a = b = c = Token{};
      continue;
    }
    if (call && t.kind == Tok::String && t.plain) {  // i18n.t "key"
      calls.push_back({t.text, t.line, std::set<std::string>{}});
      a = b = c = Token{};
      continue;
    }
    a = std::move(b);
    b = std::move(c);
    c = std::move(t);
  }
  return calls;
}

}  // namespace eco::lua
