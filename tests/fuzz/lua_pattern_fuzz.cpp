// EcoLobby's pattern functions (kiosk/lua/lua_pattern.cpp) against Lua's own: every input is one
// call of string.find, match, gmatch or gsub, run in a plain state with lstrlib and in one with
// ours (tests/lua/pattern_oracle.h renders returns, captures, gmatch steps, gsub output and count,
// and error messages); any difference aborts. Only inputs on which native Lua is quick are
// compared: short subjects and patterns with at most three quantifiers (lstrlib has no budget).
//
// Input: byte 0 picks the function (bits 0-1), whether find is plain (bit 2), whether the third
// argument is given (bit 3) and gsub's replacement (bits 4-6: 0 a template, 1-5 the oracle's
// table and functions); byte 1 is init or gsub's n (as a signed byte, -16..15); the rest is
// pattern 0xFF subject [0xFF template].
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "../lua/pattern_oracle.h"

namespace {

constexpr size_t kMaxSubject = 40;
constexpr size_t kMaxPattern = 24;
constexpr int kMaxQuantifiers = 3;

lua_State* native_state() {
  static lua_State* L = eco::lua::oracle::new_state(false);
  return L;
}
lua_State* our_state() {
  static lua_State* L = eco::lua::oracle::new_state(true);
  return L;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using eco::lua::oracle::Arg;
  if (size < 2) return 0;
  const uint8_t flags = data[0];
  const int number = static_cast<int>(static_cast<int8_t>(data[1])) % 16;
  std::string parts[3];
  int part = 0;
  for (size_t i = 2; i < size; ++i) {
    if (data[i] == 0xFF && part < 2) ++part;
    else parts[part] += static_cast<char>(data[i]);
  }
  eco::lua::oracle::Call c;
  c.p = parts[0];
  c.s = parts[1];
  if (c.s.size() > kMaxSubject || c.p.size() > kMaxPattern) return 0;
  int quantifiers = 0;
  for (char ch : c.p) quantifiers += ch == '*' || ch == '+' || ch == '-' || ch == '?';
  if (quantifiers > kMaxQuantifiers) return 0;

  static const char* const fns[] = {"find", "match", "gmatch", "gsub"};
  c.fn = fns[flags & 3];
  const bool given = (flags & 8) != 0;
  if (c.fn == "gsub") {
    c.repl = (flags >> 4) & 7;
    if (c.repl > 5) c.repl = 0;
    if (c.repl == 0) c.x = Arg::str(part == 2 ? parts[2] : "<%0>");
    if (given) c.y = Arg::integer(number);
  } else {
    if (given) c.x = Arg::integer(number);
    if (c.fn == "find" && (flags & 4)) c.y = Arg::boolean(true);
  }

  lua_State* native = native_state();
  lua_State* ours = our_state();
  if (!native || !ours) std::abort();
  std::string want = eco::lua::oracle::run(native, c);
  std::string got = eco::lua::oracle::run(ours, c);
  if (want != got) {
    std::fprintf(stderr, "mismatch: %s\n  Lua:      %s\n  EcoLobby: %s\n", eco::lua::oracle::describe(c).c_str(),
                 want.c_str(), got.c_str());
    std::abort();
  }
  return 0;
}
