// EcoLobby's pattern functions (kiosk/lua/lua_pattern.cpp): the same results and errors as Lua's
// own (a table of cases plus random ones from a fixed seed, both run through lstrlib in a plain
// state and through ours), and pathological patterns stopped by the CPU budget in a sandboxed
// state instead of freezing the screen. Hostile plugins using them are in tests/lua/sandbox/.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <lua.hpp>

#include "lua/limits.h"
#include "lua/lua_pattern.h"
#include "lua/sandbox.h"
#include "pattern_oracle.h"

using namespace eco::lua;
using oracle::Arg;
using oracle::Call;

namespace {

struct States {
  lua_State* native = oracle::new_state(false);
  lua_State* ours = oracle::new_state(true);
  ~States() {
    if (native) lua_close(native);
    if (ours) lua_close(ours);
  }
};

Arg I(int64_t v) { return Arg::integer(v); }
Arg B(bool v) { return Arg::boolean(v); }
Arg S(std::string v) { return Arg::str(std::move(v)); }
const Arg N = Arg::none();

Call find(std::string s, std::string p, Arg init = N, Arg plain = N) { return {"find", s, p, init, plain, 0}; }
Call match(std::string s, std::string p, Arg init = N) { return {"match", s, p, init, N, 0}; }
Call gmatch(std::string s, std::string p, Arg init = N) { return {"gmatch", s, p, init, N, 0}; }
Call gsub(std::string s, std::string p, Arg repl, Arg n = N) { return {"gsub", s, p, repl, n, 0}; }
Call gsub_with(std::string s, std::string p, int repl, Arg n = N) { return {"gsub", s, p, N, n, repl}; }

std::string repeat(const std::string& s, int n) {
  std::string r;
  for (int i = 0; i < n; ++i) r += s;
  return r;
}

std::vector<Call> table_cases() {
  using namespace std::string_literals;
  std::vector<Call> c = {
      // plain and special-free find, init
      find("hello world", "o"), find("hello world", "o", I(6)), find("hello world", "o", I(-3)),
      find("hello", "", I(10)), find("hello", "", I(6)), find("hello", "", I(-100)), find("hello", "l", I(0)),
      find("a.b", ".", I(1), B(true)), find("a.b", "%.", I(1), B(true)), find("a+b", "+", N, I(1)),
      find("a+b", "a+"), find("", ""), find("", "a"), find("aaa", "aa", I(2)), find("abc", "c", I(4)),
      find("abc", "c", I(5)), find("a\0b"s, "\0"s), find("a\0b"s, "%z"), find("a\0b"s, "[\0]"s),
      find("x", "x", S("1")), find("x", "x", S("one")), find("x", "x", Arg::str("2.0")),
      // plain search after many false starts (memchr, then memmem)
      find(std::string(100, 'a') + "b", "aab", N, B(true)), find(repeat("ab", 60) + "aa", "aa", N, B(true)),
      find(std::string(100, 'a'), "ab", N, B(true)), find(repeat("ab", 60) + "abc", "abc", I(3), B(true)),
      find(repeat("ab", 60) + "abc", "bc", I(-3)), find(repeat("xa", 70), "xa", I(130), B(true)),
      // classes and complements
      find("Room 101", "%d+"), find("abc DEF", "%u+"), find("abc DEF", "%l+"), find(" \t\n x", "%S"),
      find("a,b;c", "%p"), find("\1\2x", "%c+"), find("0x1F", "%x+", I(3)), find("tab\there", "%s"),
      find("abc", "%A"), find("ab1", "%W"), find("ab_1", "%w+"), find("!~", "%g+"), find("\200\255", "%g"),
      find("\200\255abc", "[\200-\255]+"), find("A-Z", "[A%-Z]+"), find("a]b", "[]]"), find("a]b", "[^]]+"),
      find("a-b", "[a-]+"), find("a-b", "[-a]+"), find("a^b", "[%^]"), find("a^b", "[b^]"), find("^", "^^"),
      find("abc", "[a-c-e]+"), find("x%y", "[%%]"), find("x%y", "%%"), find("hello", "[%a]+", I(2)),
      // anchors
      find("aaa", "^a"), find("baa", "^a"), find("aaa", "^a", I(2)), find("aaa", "a$"), find("a$b", "$b"),
      find("a$", "a$$"), find("abc", "^$"), find("", "^$"), match("  trim me  ", "^%s*(.-)%s*$"),
      match("key = value", "^(%w+)%s*=%s*(%w+)$"), match("x", "x$", I(-1)),
      // quantifiers
      match("aaab", "a*"), match("aaab", "a-b"), match("aaab", "a+"), match("b", "a+"), match("b", "a?b"),
      match("ab", "a?b"), match("<<a>>", "<(.-)>"), match("<<a>>", "<(.*)>"), match("aaa", "a-$"),
      match("xyz", ".-"), match("xyz", ".*"), match("x", "-"), match("x", "*"), match("x", "+x"), match("?", "?"),
      // captures
      match("2026-06-24", "(%d+)-(%d+)-(%d+)"), match("hello", "()ll()"), match("hello", "(h)(e)(l)(l)(o)"),
      find("hello", "(l)(l)"), find("hello", "()"), match("abc", "((a)(b))"), match("abc", "(a"),
      match("abc", "a)"), find("abc", "(()"), match("x = 1", "(%w+) = (%w+)", I(-5)),
      match(std::string(40, 'a'), repeat("(a)", 33)), match(std::string(40, 'a'), repeat("(a)", 32)),
      match(std::string(40, 'a'), repeat("((a)", 17)),
      // back-references
      match("abab", "(ab)%1"), match("abcabc", "(a)(b)(c)%1%2%3"), match("abba", "(a)(b)%2%1"),
      match("aa", "(a)%2"), match("aa", "%1"), match("aa", "(a%1)"), match("aa", "%0"), match("aa", "()%1"),
      match("xx", "(x*)%1$"), match("\"quoted\" text", "([\"'])(.-)%1"),
      // %b and %f
      match("f(a(b)c) d", "%b()"), match("((x)", "%b()"), match("[[]]", "%b[]"), match("xx", "%bxx"),
      match("a", "%b"), match("a", "%ba"), find("THE (quick) fox", "%f[%a]%a+"), find("THE (quick) fox", "%f[%A]"),
      find("hello", "%f[%z]"), find("hello", "%f[%l]", I(2)), match("x", "%f"), match("x", "%fx"),
      match("x", "%f[x"), match("a,b", "%f[^,]"),
      // malformed patterns
      find("a", "a%"), find("a", "%"), find("a", "[a"), find("a", "[a%"), find("a", "[%a"), find("a", "[]"),
      find("a", "[^]"), find("b", "a%"), find("a", "("), find("a", ")"), match("a", "(()"),
      // depth and captures limits
      match(std::string(300, 'a'), repeat("a?", 250)), match(std::string(300, 'a'), repeat("a-", 150) + "$"),
      match(std::string(300, 'a'), repeat("a*", 199) + "$"), match(std::string(300, 'a'), repeat("a*", 198) + "$"),
      match(std::string(300, 'a'), repeat("(", 31) + "a" + repeat(")", 31)),
      // argument errors
      find("a", "a", S("x")), {"find", "a", "a", Arg::str("1.5"), N, 0}, match("a", "a", I(2)), match("a", "a", I(3)),
      {"find", "x", "", N, N, 0},
      // gmatch
      gmatch("one two  three", "%a+"), gmatch("k=v, a=b", "(%w+)=(%w+)"), gmatch("abc", ""), gmatch("abc", "a*"),
      gmatch("aXbX", "()X"), gmatch("abc", "^a"), gmatch("^a^a", "^a"), gmatch("abc", ".", I(2)),
      gmatch("abc", ".", I(-1)), gmatch("abc", ".", I(10)), gmatch("abc", "", I(4)), gmatch("abc", "", I(5)),
      gmatch("abc", "[b"), gmatch("ab", "(a)%2"), gmatch("aaa", "a-"), gmatch("a,b,,c", "([^,]*)"),
      // gsub with templates and counts
      gsub("hello world", "o", S("0")), gsub("hello world", "o", S("0"), I(1)), gsub("hello", "", S("-")),
      gsub("hello", "l*", S("<%0>")), gsub("abc", "%w", S("%0%0")), gsub("abc", "(%w)", S("%1.")),
      gsub("abc", "b", S("%%")), gsub("abc", "b", S("%")), gsub("abc", "b", S("%x")), gsub("abc", "b", S("%2")),
      gsub("abc", "(b)", S("%2")), gsub("abc", "()b", S("[%1]")), gsub("abc", "b", I(7)), gsub("abc", "(b", S("x")),
      gsub("abc", "^a", S("A")), gsub("abc", "^b", S("B")), gsub("aaa", "^a*", S("x")), gsub("abc", "", S(""), I(0)),
      gsub("abc", ".", S("x"), I(-1)), gsub("abc", ".", S("x"), I(2)), gsub("abc", "b", N), gsub("abc", "b", B(true)),
      gsub("hello {name}, {place}!", "{(%w+)}", S("<%1>")), gsub("abc", "$", S("!")), gsub("a b", "%s*", S("_")),
      gsub("a\0b"s, "%z", S("0")), gsub("x", "x", S("%0%1")), gsub("xy", "(x)(y)", S("%2%1%0")),
      // gsub with table and function replacements
      gsub_with("a b ab aa c", "%w+", 1), gsub_with("a)b", "(a%))", 1), gsub_with("xyz", "()", 1),
      gsub_with("hello world", "(o)", 2), gsub_with("hello world", "%w+", 2), gsub_with("abc", "()(.)", 2),
      gsub_with("abcdefgh", ".", 3), gsub_with("abcdefgh", "(.)", 3, I(5)), gsub_with("abc", ".", 4),
      gsub_with("a2c", "()", 4), gsub_with("abc", "(a)(b)()", 5), gsub_with("abc", "", 5), gsub_with("abc", "(", 2),
      gsub_with("abc", "%", 1), gsub_with("a-b", "%f[%w]%w+", 2),
  };
  return c;
}

// Random calls over a small alphabet, so that matches, near misses and malformed patterns all
// occur often. Patterns have at most three quantifiers: native Lua must finish quickly too.
std::vector<Call> random_cases(unsigned seed, int count) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* const atoms[] = {
      "a", "b", "c", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%S", "%%", "%.", "%z", "[ab]", "[^a]", "[a-c]",
      "[%d%s]", "[]]", "[^]a]", "[a-]", "[%a_]", "%b()", "%bab", "%f[a]", "%f[^a]", "%f[%w]", "%1", "%2", "%0",
      "(", ")", "()", "(", ")", "$", "^", "%", "[", "-", "]", " ", "1", "x"};
  static const char* const quants[] = {"*", "+", "-", "?"};
  static const char alphabet[] = "aabbc()1 %.-]^$x";
  static const char* const templates[] = {"x", "%0", "%1", "%2", "%%", "%", "<%1%0>", "%a", "", "[%1|%2]"};
  const char* const fns[] = {"find", "match", "gmatch", "gsub"};
  std::vector<Call> out;
  for (int k = 0; k < count; ++k) {
    Call c;
    c.fn = fns[pick(4)];
    int len = pick(13);
    for (int i = 0; i < len; ++i) c.s += pick(30) == 0 ? '\0' : alphabet[pick(sizeof alphabet - 1)];
    int tokens = pick(7), quantifiers = 0;
    if (pick(5) == 0) c.p += '^';
    for (int i = 0; i < tokens; ++i) {
      c.p += atoms[pick(sizeof atoms / sizeof *atoms)];
      if (quantifiers < 3 && pick(3) == 0) {
        c.p += quants[pick(4)];
        ++quantifiers;
      }
    }
    if (pick(6) == 0) c.p += '$';
    auto position = [&]() { return pick(3) == 0 ? Arg::none() : Arg::integer(pick(31) - 15); };
    if (c.fn == "find") {
      c.x = position();
      if (pick(4) == 0) c.y = Arg::boolean(pick(2) == 1);
    } else if (c.fn == "match" || c.fn == "gmatch") {
      c.x = position();
    } else {
      if (pick(3) == 0) c.repl = 1 + pick(5);
      else c.x = Arg::str(templates[pick(sizeof templates / sizeof *templates)]);
      if (pick(3) == 0) c.y = Arg::integer(pick(5) - 1);
    }
    out.push_back(std::move(c));
  }
  return out;
}

void expect_same(const std::vector<Call>& calls) {
  States st;
  ASSERT_NE(st.native, nullptr);
  ASSERT_NE(st.ours, nullptr);
  int mismatches = 0;
  for (const Call& c : calls) {
    std::string want = oracle::run(st.native, c), got = oracle::run(st.ours, c);
    if (want != got && ++mismatches <= 25)
      ADD_FAILURE() << oracle::describe(c) << "\n  Lua:      " << want << "\n  EcoLobby: " << got;
  }
  EXPECT_EQ(mismatches, 0) << "of " << calls.size() << " calls";
}

}  // namespace

TEST(LuaPattern, SameAsLuaOnTableOfCases) { expect_same(table_cases()); }

TEST(LuaPattern, SameAsLuaOnRandomCases) { expect_same(random_cases(20260624, 40000)); }

TEST(LuaPattern, MethodsUseTheSameFunctions) {
  lua_State* L = oracle::new_state(true);
  ASSERT_EQ(luaL_dostring(L, "return ('').find == string.find and ('').gsub == string.gsub and "
                             "('x'):match('x') == 'x' and select(2, ('aaa'):gsub('a', 'b')) == 3"),
            LUA_OK);
  EXPECT_TRUE(lua_toboolean(L, -1));
  lua_close(L);
}

// A sandboxed state outside any callback (the plugin test harness, `ecolobby check`): the
// functions work as usual and no CPU limit applies.
TEST(LuaPattern, SandboxOutsideCallbacks) {
  Budget budget(32u << 20);
  StatePtr state = new_sandboxed_state(budget);
  lua_State* L = state.get();
  ASSERT_EQ(luaL_dostring(L, R"lua(
    local n = 0
    for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do n = n + 1 end
    local s = ("x"):rep(300)
    assert(not s:find("x*x*y"))  -- some 10^6 steps: no limit applies outside a callback
    return n == 2 and ("  hi  "):match("^%s*(.-)%s*$") == "hi" and (s:gsub("x", "y")) == ("y"):rep(300)
  )lua"),
            LUA_OK)
      << lua_tostring(L, -1);
  EXPECT_TRUE(lua_toboolean(L, -1));
}

TEST(LuaPattern, SizeCapsInTheSandbox) {
  Budget budget(64u << 20);
  StatePtr state = new_sandboxed_state(budget);
  lua_State* L = state.get();
  struct {
    const char* code;
    const char* error;
  } cases[] = {
      {"string.find(('a'):rep(300000), 'b')", "subject over 256 KB"},
      {"('a'):match(('a'):rep(600))", "pattern over 512 characters"},
      {"string.gmatch(('a'):rep(300000), 'b')", "subject over 256 KB"},
      {"(('a'):rep(200000)):gsub('a', ('b'):rep(100))", "string.gsub: result over 4 MB"},
      {"(('a'):rep(200000)):gsub('a', {a = ('b'):rep(100)})", "string.gsub: result over 4 MB"},
      {"(('a'):rep(100)):gsub('.*', ('%0'):rep(200000))", "string.gsub: result over 4 MB"},
  };
  for (const auto& c : cases) {
    ASSERT_NE(luaL_dostring(L, c.code), LUA_OK) << c.code;
    EXPECT_NE(std::string(lua_tostring(L, -1)).find(c.error), std::string::npos) << c.code << ": " << lua_tostring(L, -1);
    lua_settop(L, 0);
  }
}

// Each of these would run for minutes to ages in Lua's matcher; in a callback with a 20 ms budget
// they stop with the CPU limit error after about 20 ms of CPU time, and the plugin's own pcall
// does not get past it.
TEST(LuaPattern, PathologicalPatternsStopAtTheCpuBudget) {
  const char* const cases[] = {
      "string.find(('a'):rep(40), ('a*'):rep(40) .. 'b')",
      "local s = ('a'):rep(40); s:find(('a*'):rep(40) .. 'b')",
      "string.match(('a'):rep(100000), ('.-'):rep(30) .. 'x')",
      "string.find(('a'):rep(200000), '.-.-.-.-b')",
      "string.find(('('):rep(200000), '%b()')",
      "string.gsub(('('):rep(200000), '%b()', '')",
      "string.find(('a'):rep(100000), '(a*)%1%1b')",
      "string.find(('a'):rep(200000), '(.-)%1$')",
      "string.find(('a'):rep(200000), ('%f[a]a-'):rep(20) .. 'b')",
      "string.find(('ab'):rep(100000), ('[%a%d%s_]*'):rep(10) .. '!')",
      "string.find(('a'):rep(200000), ('[' .. ('xyzw'):rep(100) .. 'a]*'):rep(1) .. 'b')",
      "for w in (('a'):rep(200000)):gmatch('.-x') do end",
      "for w in (('a '):rep(100000)):gmatch('a*.-b') do end",
      "string.gsub(('a'):rep(200000), '(.-)(.-)(.-)(.-)(.-)x', '%1')",
      "string.gsub(('a'):rep(200000), '.', function(c) return c:find(('a*'):rep(20) .. 'b') end)",
      "string.gsub(('a'):rep(200000), 'a', function() while true do end end)",
      "local t = setmetatable({}, {__index = function(t, k) for i = 1, 1e9 do end end}); string.gsub('abc', '.', t)",
      "while true do pcall(string.find, ('a'):rep(40), ('a*'):rep(40) .. 'b') end",
      "local co = coroutine.wrap(function() string.find(('a'):rep(40), ('a*'):rep(40) .. 'b') end); co()",
      "while true do local ok, e = pcall(string.match, ('a'):rep(5000), ('a-'):rep(20) .. 'b') end",
  };
  for (const char* code : cases) {
    Budget budget(64u << 20);
    StatePtr state = new_sandboxed_state(budget);
    lua_State* L = state.get();
    ASSERT_EQ(luaL_loadbufferx(L, code, std::strlen(code), "=hostile", "t"), LUA_OK) << lua_tostring(L, -1);
    const auto limit = std::chrono::milliseconds(20);
    int64_t t0 = Budget::thread_cpu_ns();
    budget.start_callback(L, limit);
    int status = lua_pcall(L, 0, 0, 0);
    budget.end_callback(L);
    double ms = static_cast<double>(Budget::thread_cpu_ns() - t0) / 1e6;
    ASSERT_NE(status, LUA_OK) << code;
    std::string error = lua_tostring(L, -1) ? lua_tostring(L, -1) : "";
    EXPECT_NE(error.find("CPU limit"), std::string::npos) << code << ": " << error;
    EXPECT_NE(error.find("hostile:"), std::string::npos) << "names the plugin's line: " << error;
    EXPECT_EQ(budget.hit(), LimitHit::Cpu) << code;
    // 20 ms budget; the matcher reads the clock every few microseconds of work. Stopped at all is
    // the point (unbounded, these run for hours); the bound is loose for ASan on a busy machine.
    EXPECT_LT(ms, 20.0 * 5 * kInstrumentationSlowdown) << code;
    std::printf("%6.1f ms CPU  %s\n", ms, code);
  }
}
