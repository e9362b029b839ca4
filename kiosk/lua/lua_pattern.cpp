#include "lua/lua_pattern.h"

#include <cstdarg>
#include <cstdint>
#include <cstring>

#include <lua.hpp>

// Everything below is plain C-style code on purpose: Debian's liblua5.4 is C, so lua_error,
// luaL_error, lua_call and any allocating API call longjmp. No object with a destructor may be
// alive in any frame here; state lives in plain structs (on the C stack or in a userdata) and
// results are built with luaL_Buffer.
//
// The matcher is a backtracking interpreter of the pattern text, like Lua's own, with the same
// points of recursion (so "pattern too complex" comes at the same depth) and the same lazy
// error reporting (a malformed item is reported only when matching reaches it). What is added:
// a step count that reads the CPU clock every kStepsPerCheck steps and raises the CPU limit
// error once the callback's deadline has passed, result-size checks while gsub builds its result,
// and skipping of start positions that cannot match when a pattern begins with a literal byte.

namespace eco::lua {
namespace {

constexpr int kMaxCaptures = 32;    // LUA_MAXCAPTURES of lstrlib.c
constexpr int kMaxDepth = 200;                 // Lua's MAXCCALLS for patterns
constexpr ptrdiff_t kCapOpen = -1;             // capture started, not closed yet
constexpr ptrdiff_t kCapPosition = -2;         // position capture "()"
constexpr int kStepsPerCheck = 4096;           // a step is one matcher iteration (a few ns)

// Steps left before the next clock read. Per thread (all plugin states run on the render thread),
// shared by every call, so many tiny matches called from C (a gsub whose replacement is one of
// these functions) still reach a check.
thread_local int t_steps_left = kStepsPerCheck;

struct Config {
  Budget* budget;
  size_t max_subject, max_pattern, max_result;
};

struct Capture {
  const char* start;
  ptrdiff_t len;  // or kCapOpen / kCapPosition
};

struct Matcher {
  lua_State* L;
  const Config* config;
  const char* subject;
  const char* subject_end;
  const char* pattern_end;
  int depth_left;
  int level;  // captures started
  Capture cap[kMaxCaptures];
};

// ---- errors and the CPU budget ---------------------------------------------------------------

[[noreturn]] void raise_error(lua_State* L, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  luaL_where(L, 1);
  lua_pushvfstring(L, fmt, ap);
  va_end(ap);
  lua_concat(L, 2);
  lua_error(L);
  __builtin_unreachable();
}

[[gnu::noinline]] void check_budget(Matcher& m) {
  t_steps_left = kStepsPerCheck;
  Budget* b = m.config->budget;
  if (b && b->cpu_deadline_passed()) {
    b->raise_cpu_limit(m.L);
    __builtin_unreachable();
  }
}

inline void step(Matcher& m, ptrdiff_t n = 1) {
  t_steps_left -= static_cast<int>(n > kStepsPerCheck ? kStepsPerCheck : n);
  if (t_steps_left <= 0) check_budget(m);
}

// ---- character classes (C locale, as Lua sees them in the kiosk) ------------------------------

enum : uint16_t {
  kAlpha = 1, kCntrl = 2, kDigit = 4, kGraph = 8, kLower = 16, kPunct = 32, kSpace = 64, kUpper = 128,
  kXdigit = 256, kZero = 512, kAlnum = kAlpha | kDigit
};

struct ClassTables {
  uint16_t of_byte[256];  // classes a byte belongs to
  uint16_t of_letter[256];  // %x: the class letter's bit (0: not a class letter, %x is literal)
  ClassTables() : of_byte{}, of_letter{} {
    for (int c = 0; c < 256; ++c) {
      uint16_t v = 0;
      bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
      if (upper || lower) v |= kAlpha;
      if (upper) v |= kUpper;
      if (lower) v |= kLower;
      if (digit) v |= kDigit;
      if (c < 32 || c == 127) v |= kCntrl;
      if (c > 32 && c < 127) v |= kGraph;
      if (c > 32 && c < 127 && !upper && !lower && !digit) v |= kPunct;
      if (c == ' ' || (c >= '\t' && c <= '\r')) v |= kSpace;
      if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) v |= kXdigit;
      if (c == 0) v |= kZero;
      of_byte[c] = v;
    }
    const struct { char letter; uint16_t bits; } letters[] = {
        {'a', kAlpha}, {'c', kCntrl}, {'d', kDigit}, {'g', kGraph}, {'l', kLower}, {'p', kPunct},
        {'s', kSpace}, {'u', kUpper}, {'w', kAlnum}, {'x', kXdigit}, {'z', kZero}};  // %z: deprecated, still in 5.4
    for (const auto& l : letters) {
      of_letter[static_cast<unsigned char>(l.letter)] = l.bits;
      of_letter[static_cast<unsigned char>(l.letter - 'a' + 'A')] = l.bits;
    }
  }
};
const ClassTables kClasses;

inline int byte_at(const char* p) { return static_cast<unsigned char>(*p); }

// %<letter> against byte c: a class (upper case: its complement), or any other letter literally.
inline bool class_matches(int c, int letter) {
  uint16_t bits = kClasses.of_letter[letter];
  if (bits == 0) return letter == c;
  bool in = (kClasses.of_byte[c] & bits) != 0;
  return (letter >= 'A' && letter <= 'Z') ? !in : in;
}

// [set] against byte c; `open` points at '[', `close` at its ']'.
bool set_matches(int c, const char* open, const char* close) {
  const char* p = open + 1;
  bool found = true;
  if (*p == '^') {
    found = false;
    ++p;
  }
  for (; p < close; ++p) {
    if (*p == '%') {
      ++p;
      if (class_matches(c, byte_at(p))) return found;
    } else if (p[1] == '-' && p + 2 < close) {
      if (byte_at(p) <= c && c <= byte_at(p + 2)) return found;
      p += 2;
    } else if (byte_at(p) == c) {
      return found;
    }
  }
  return !found;
}

// The end of the single-character item at p (p < pattern_end). Pattern text comes from Lua
// strings, which always have a '\0' after their last byte, so reading *pattern_end is safe.
const char* item_end(Matcher& m, const char* p) {
  char first = *p++;
  if (first == '%') {
    if (p == m.pattern_end) raise_error(m.L, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (first == '[') {
    if (*p == '^') ++p;
    do {  // the first byte of a set is a member even if it is ']'
      if (p == m.pattern_end) raise_error(m.L, "malformed pattern (missing ']')");
      char c = *p++;
      if (c == '%' && p < m.pattern_end) ++p;
    } while (*p != ']');
    return p + 1;
  }
  return p;
}

// Does the item [p, ep) match the subject byte at s?
inline bool item_matches(const Matcher& m, const char* s, const char* p, const char* ep) {
  if (s >= m.subject_end) return false;
  int c = byte_at(s);
  switch (*p) {
    case '.': return true;
    case '%': return class_matches(c, byte_at(p + 1));
    case '[': return set_matches(c, p, ep - 1);
    default: return byte_at(p) == c;
  }
}

// Cost of one test of an item, in steps: sets are scanned byte by byte.
inline ptrdiff_t item_cost(const char* p, const char* ep) { return 1 + ((ep - p) >> 4); }

// ---- the matcher ------------------------------------------------------------------------------

const char* match(Matcher& m, const char* s, const char* p);

const char* match_balance(Matcher& m, const char* s, const char* p) {
  if (p >= m.pattern_end - 1) raise_error(m.L, "malformed pattern (missing arguments to '%%b')");
  if (s >= m.subject_end || *s != *p) return nullptr;
  const char open = p[0], close = p[1];
  int depth = 1;
  const char* q = s;
  while (++q < m.subject_end) {
    if (*q == close) {
      if (--depth == 0) {
        step(m, (q - s) >> 3);
        return q + 1;
      }
    } else if (*q == open) {
      ++depth;
    }
  }
  step(m, (q - s) >> 3);
  return nullptr;
}

const char* match_backref(Matcher& m, const char* s, int digit) {
  int i = digit - '1';
  if (i < 0 || i >= m.level || m.cap[i].len == kCapOpen) raise_error(m.L, "invalid capture index %%%d", i + 1);
  // A position capture has a negative length: as size_t it never fits, as in Lua.
  size_t len = static_cast<size_t>(m.cap[i].len);
  if (static_cast<size_t>(m.subject_end - s) < len) return nullptr;
  step(m, static_cast<ptrdiff_t>(len >> 4));
  return std::memcmp(m.cap[i].start, s, len) == 0 ? s + len : nullptr;
}

// item* / item+ (after its first match): longest run first, then shorter ones.
const char* expand_greedy(Matcher& m, const char* s, const char* p, const char* ep) {
  const ptrdiff_t cost = item_cost(p, ep);
  ptrdiff_t n = 0;
  while (item_matches(m, s + n, p, ep)) {
    if ((++n & 255) == 0) step(m, 64 * cost);  // a long run of a long set is slow by itself
  }
  step(m, ((n & 255) >> 2) * cost);
  for (; n >= 0; --n) {
    const char* r = match(m, s + n, ep + 1);
    if (r) return r;
  }
  return nullptr;
}

// item-: shortest run first.
const char* expand_lazy(Matcher& m, const char* s, const char* p, const char* ep) {
  ptrdiff_t cost = item_cost(p, ep);
  for (;;) {
    const char* r = match(m, s, ep + 1);
    if (r) return r;
    if (!item_matches(m, s, p, ep)) return nullptr;
    ++s;
    step(m, cost);
  }
}

const char* open_capture(Matcher& m, const char* s, const char* p, ptrdiff_t kind) {
  if (m.level >= kMaxCaptures) raise_error(m.L, "too many captures");
  m.cap[m.level].start = s;
  m.cap[m.level].len = kind;
  ++m.level;
  const char* r = match(m, s, p);
  if (!r) --m.level;
  return r;
}

const char* close_capture(Matcher& m, const char* s, const char* p) {
  int i = m.level - 1;
  while (i >= 0 && m.cap[i].len != kCapOpen) --i;
  if (i < 0) raise_error(m.L, "invalid pattern capture");
  m.cap[i].len = s - m.cap[i].start;
  const char* r = match(m, s, p);
  if (!r) m.cap[i].len = kCapOpen;
  return r;
}

// Matches pattern [p, pattern_end) at s: the end of the match, or null. Tail positions loop
// instead of recursing, so the depth grows only with the pattern's captures and quantifiers.
const char* match(Matcher& m, const char* s, const char* p) {
  if (m.depth_left-- == 0) raise_error(m.L, "pattern too complex");
  for (;;) {
    step(m);
    if (p == m.pattern_end) break;
    if (*p == '(') {
      s = p[1] == ')' ? open_capture(m, s, p + 2, kCapPosition) : open_capture(m, s, p + 1, kCapOpen);
      break;
    }
    if (*p == ')') {
      s = close_capture(m, s, p + 1);
      break;
    }
    if (*p == '$' && p + 1 == m.pattern_end) {
      if (s != m.subject_end) s = nullptr;
      break;
    }
    if (*p == '%') {
      const char what = p[1];
      if (what == 'b') {
        s = match_balance(m, s, p + 2);
        if (!s) break;
        p += 4;
        continue;
      }
      if (what == 'f') {
        p += 2;
        if (*p != '[') raise_error(m.L, "missing '[' after '%%f' in pattern");
        const char* ep = item_end(m, p);
        step(m, item_cost(p, ep));
        int before = s == m.subject ? 0 : byte_at(s - 1);
        int here = s < m.subject_end ? byte_at(s) : 0;  // the end of the subject counts as '\0'
        if (!set_matches(before, p, ep - 1) && set_matches(here, p, ep - 1)) {
          p = ep;
          continue;
        }
        s = nullptr;
        break;
      }
      if (what >= '0' && what <= '9') {
        s = match_backref(m, s, byte_at(p + 1));
        if (!s) break;
        p += 2;
        continue;
      }
    }
    // A single-character item with an optional quantifier.
    const char* ep = item_end(m, p);
    step(m, item_cost(p, ep) - 1);
    const char quant = *ep;  // '\0' at the end of the pattern
    if (!item_matches(m, s, p, ep)) {
      if (quant == '*' || quant == '?' || quant == '-') {
        p = ep + 1;
        continue;
      }
      s = nullptr;
      break;
    }
    if (quant == '?') {
      const char* r = match(m, s + 1, ep + 1);
      if (r) {
        s = r;
        break;
      }
      p = ep + 1;
      continue;
    }
    if (quant == '+') {
      s = expand_greedy(m, s + 1, p, ep);
      break;
    }
    if (quant == '*') {
      s = expand_greedy(m, s, p, ep);
      break;
    }
    if (quant == '-') {
      s = expand_lazy(m, s, p, ep);
      break;
    }
    ++s;
    p = ep;
  }
  ++m.depth_left;
  return s;
}

// ---- captures to Lua values -------------------------------------------------------------------

// Pushes capture i; with no captures, i == 0 is the whole match [s, e).
void push_capture(Matcher& m, int i, const char* s, const char* e) {
  if (i >= m.level) {
    if (i != 0) raise_error(m.L, "invalid capture index %%%d", i + 1);
    lua_pushlstring(m.L, s, static_cast<size_t>(e - s));
    return;
  }
  ptrdiff_t len = m.cap[i].len;
  if (len == kCapOpen) raise_error(m.L, "unfinished capture");
  if (len == kCapPosition)
    lua_pushinteger(m.L, static_cast<lua_Integer>(m.cap[i].start - m.subject) + 1);
  else
    lua_pushlstring(m.L, m.cap[i].start, static_cast<size_t>(len));
}

// Pushes every capture (or the whole match when there are none and s is given); returns the count.
int push_captures(Matcher& m, const char* s, const char* e) {
  int n = (m.level == 0 && s) ? 1 : m.level;
  luaL_checkstack(m.L, n, "too many captures");
  for (int i = 0; i < n; ++i) push_capture(m, i, s, e);
  return n;
}

// ---- shared helpers ---------------------------------------------------------------------------

const Config& config_of(lua_State* L) { return *static_cast<const Config*>(lua_touserdata(L, lua_upvalueindex(1))); }

void check_sizes(lua_State* L, const Config& c, size_t subject, size_t pattern) {
  if (c.max_subject && subject > c.max_subject)
    raise_error(L, "string pattern functions: subject over %d KB", static_cast<int>(c.max_subject >> 10));
  if (c.max_pattern && pattern > c.max_pattern)
    raise_error(L, "string pattern functions: pattern over %d characters", static_cast<int>(c.max_pattern));
}

// Lua 5.4's posrelatI: a 1-based start position, clipped below at 1.
size_t start_position(lua_Integer pos, size_t len) {
  if (pos > 0) return static_cast<size_t>(pos);
  if (pos == 0) return 1;
  if (pos < -static_cast<lua_Integer>(len)) return 1;
  return len + static_cast<size_t>(pos) + 1;
}

// Arguments 1 and 2 of every pattern function, size-checked (plain data: raising is safe).
struct SubjectAndPattern {
  const char* s;
  size_t ls;
  const char* p;
  size_t lp;
};
SubjectAndPattern check_subject_and_pattern(lua_State* L, const Config& c) {
  SubjectAndPattern a{nullptr, 0, nullptr, 0};
  a.s = luaL_checklstring(L, 1, &a.ls);
  a.p = luaL_checklstring(L, 2, &a.lp);
  check_sizes(L, c, a.ls, a.lp);
  return a;
}

bool has_specials(const char* p, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    switch (p[i]) {
      case '^': case '$': case '*': case '+': case '?': case '.': case '(': case '[': case '%': case '-':
        return true;
      default:
        break;
    }
  }
  return false;
}

// When the pattern (after any anchor) starts with a plain byte that must match once, a start
// position at another byte fails at once, without side effects or errors: returns that byte
// (or -1), so callers can jump to its next occurrence with memchr.
int leading_literal(const char* p, const char* end) {
  if (p == end) return -1;
  switch (*p) {
    case '^': case '$': case '*': case '+': case '?': case '.': case '(': case ')': case '[': case '%': case '-':
      return -1;
    default:
      break;
  }
  if (p + 1 < end && (p[1] == '*' || p[1] == '?' || p[1] == '-')) return -1;
  return byte_at(p);
}

// The next start position at or after `from` where a match can begin (`to` if none before it).
inline const char* next_candidate(Matcher& m, int literal, const char* from, const char* to) {
  if (literal < 0 || from >= to) return from;
  const void* hit = std::memchr(from, literal, static_cast<size_t>(to - from));
  const char* next = hit ? static_cast<const char*>(hit) : to;
  step(m, (next - from) >> 6);
  return next;
}

// A plain search: memchr for the first byte and memcmp for the rest, which is fastest on text,
// until it has been misled a few dozen times; then glibc's memmem, which is linear in the worst
// case (so "aaa...ab" in "aaaa..." costs no more than the subject's length).
const char* plain_find(const char* s, size_t ls, const char* p, size_t lp) {
  if (lp == 0) return s;
  if (lp > ls) return nullptr;
  const char* end = s + (ls - lp) + 1;  // last possible start + 1
  for (int misses = 0; misses < 32; ++misses) {
    const char* hit = static_cast<const char*>(std::memchr(s, p[0], static_cast<size_t>(end - s)));
    if (!hit) return nullptr;
    if (std::memcmp(hit + 1, p + 1, lp - 1) == 0) return hit;
    s = hit + 1;
    if (s >= end) return nullptr;
  }
  return static_cast<const char*>(memmem(s, static_cast<size_t>(end - s) + lp - 1, p, lp));
}

void start_matcher(Matcher& m, lua_State* L, const Config* c, const char* s, size_t ls, const char* p, size_t lp) {
  m.L = L;
  m.config = c;
  m.subject = s;
  m.subject_end = s + ls;
  m.pattern_end = p + lp;
  m.level = 0;
  m.depth_left = kMaxDepth;
}

inline void restart(Matcher& m) {
  m.level = 0;
  m.depth_left = kMaxDepth;
}

// ---- find and match ---------------------------------------------------------------------------

int find_or_match(lua_State* L, bool find) {
  const Config& c = config_of(L);
  auto [s, ls, p, lp] = check_subject_and_pattern(L, c);
  size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
    const char* at = plain_find(s + init, ls - init, p, lp);
    if (at) {
      lua_pushinteger(L, static_cast<lua_Integer>(at - s) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(at - s + lp));
      return 2;
    }
    luaL_pushfail(L);
    return 1;
  }
  Matcher m;
  start_matcher(m, L, &c, s, ls, p, lp);
  const bool anchored = *p == '^';
  if (anchored) ++p;
  const int literal = anchored ? -1 : leading_literal(p, m.pattern_end);
  const char* from = s + init;
  for (;;) {
    from = next_candidate(m, literal, from, m.subject_end);
    restart(m);
    const char* e = match(m, from, p);
    if (e) {
      if (!find) return push_captures(m, from, e);
      lua_pushinteger(L, static_cast<lua_Integer>(from - s) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(e - s));
      return push_captures(m, nullptr, nullptr) + 2;
    }
    if (anchored || from >= m.subject_end) break;
    ++from;
  }
  luaL_pushfail(L);
  return 1;
}

int str_find(lua_State* L) { return find_or_match(L, true); }
int str_match(lua_State* L) { return find_or_match(L, false); }

// ---- gmatch -----------------------------------------------------------------------------------

struct GmatchState {
  Config config;  // a copy: the iterator may outlive the functions that share the original
  Matcher m;
  const char* from;
  const char* pattern;
  const char* last_match;
  int literal;
};

int gmatch_next(lua_State* L) {
  auto* g = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  Matcher& m = g->m;
  m.L = L;  // the iterator may be called from another coroutine
  for (const char* from = g->from; from <= m.subject_end; ++from) {
    from = next_candidate(m, g->literal, from, m.subject_end);
    restart(m);
    const char* e = match(m, from, g->pattern);
    if (e && e != g->last_match) {
      g->from = g->last_match = e;
      return push_captures(m, from, e);
    }
  }
  return 0;
}

int str_gmatch(lua_State* L) {
  const Config& c = config_of(L);
  auto [s, ls, p, lp] = check_subject_and_pattern(L, c);
  size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) init = ls + 1;  // starts after the end: no matches
  lua_settop(L, 2);              // the subject and pattern stay alive as upvalues
  auto* g = static_cast<GmatchState*>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
  g->config = c;
  start_matcher(g->m, L, &g->config, s, ls, p, lp);
  g->from = s + init;
  g->pattern = p;
  g->last_match = nullptr;
  g->literal = leading_literal(p, p + lp);  // gmatch has no anchor: '^' is a plain byte here
  lua_pushcclosure(L, gmatch_next, 3);
  return 1;
}

// ---- gsub -------------------------------------------------------------------------------------

void check_result(Matcher& m, luaL_Buffer* b) {
  const size_t cap = m.config->max_result;
  if (cap && luaL_bufflen(b) > cap) raise_error(m.L, "string.gsub: result over %d MB", static_cast<int>(cap >> 20));
}

// A string (or number) replacement: %0-%9 and %%.
void add_template(Matcher& m, luaL_Buffer* b, const char* s, const char* e) {
  size_t len = 0;
  const char* r = lua_tolstring(m.L, 3, &len);
  const char* end = r + len;
  size_t before = luaL_bufflen(b);
  for (;;) {
    const char* pct = static_cast<const char*>(std::memchr(r, '%', static_cast<size_t>(end - r)));
    if (!pct) break;
    luaL_addlstring(b, r, static_cast<size_t>(pct - r));
    const char what = pct[1];  // '\0' after a trailing '%': an error, as in Lua
    if (what == '%') {
      luaL_addchar(b, '%');
    } else if (what == '0') {
      luaL_addlstring(b, s, static_cast<size_t>(e - s));
    } else if (what >= '1' && what <= '9') {
      int i = what - '1';
      if (i < m.level && m.cap[i].len == kCapPosition) {
        push_capture(m, i, s, e);
        luaL_addvalue(b);
      } else if (i >= m.level && i == 0) {
        luaL_addlstring(b, s, static_cast<size_t>(e - s));
      } else {
        if (i >= m.level) raise_error(m.L, "invalid capture index %%%d", i + 1);
        if (m.cap[i].len == kCapOpen) raise_error(m.L, "unfinished capture");
        luaL_addlstring(b, m.cap[i].start, static_cast<size_t>(m.cap[i].len));
      }
    } else {
      raise_error(m.L, "invalid use of '%c' in replacement string", '%');
    }
    r = pct + 2;
    step(m, 1 + static_cast<ptrdiff_t>((luaL_bufflen(b) - before) >> 6));  // copying costs too
    before = luaL_bufflen(b);
    check_result(m, b);
  }
  luaL_addlstring(b, r, static_cast<size_t>(end - r));
}

// Adds the replacement of match [s, e); false when the original text was kept.
bool add_replacement(Matcher& m, luaL_Buffer* b, const char* s, const char* e, int kind) {
  lua_State* L = m.L;
  if (kind == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    int n = push_captures(m, s, e);
    lua_call(L, n, 1);
  } else if (kind == LUA_TTABLE) {
    push_capture(m, 0, s, e);
    lua_gettable(L, 3);
  } else {
    add_template(m, b, s, e);
    return true;
  }
  if (!lua_toboolean(L, -1)) {  // nil or false: keep the match
    lua_pop(L, 1);
    luaL_addlstring(b, s, static_cast<size_t>(e - s));
    return false;
  }
  if (!lua_isstring(L, -1)) raise_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  luaL_addvalue(b);
  return true;
}

int str_gsub(lua_State* L) {
  const Config& c = config_of(L);
  auto [src, ls, p, lp] = check_subject_and_pattern(L, c);
  const int kind = lua_type(L, 3);
  const lua_Integer max_n = luaL_optinteger(L, 4, static_cast<lua_Integer>(ls) + 1);
  luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE, 3,
                   "string/function/table");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  const bool anchored = *p == '^';
  if (anchored) {
    ++p;
    --lp;
  }
  Matcher m;
  start_matcher(m, L, &c, src, ls, p, lp);
  const int literal = anchored ? -1 : leading_literal(p, m.pattern_end);
  const char* last_match = nullptr;
  lua_Integer n = 0;
  bool changed = false;
  while (n < max_n) {
    if (literal >= 0 && !anchored) {  // copy the stretch where no match can start in one piece
      const char* next = next_candidate(m, literal, src, m.subject_end);
      if (next != src) {
        luaL_addlstring(&b, src, static_cast<size_t>(next - src));
        src = next;
        check_result(m, &b);
      }
    }
    restart(m);
    const char* e = match(m, src, p);
    if (e && e != last_match) {
      ++n;
      changed = add_replacement(m, &b, src, e, kind) || changed;
      src = last_match = e;
      check_result(m, &b);
    } else if (src < m.subject_end) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchored) break;
  }
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&b, src, static_cast<size_t>(m.subject_end - src));
    check_result(m, &b);
    luaL_pushresult(&b);
  }
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace

void install_pattern_functions(lua_State* L, const PatternLimits& limits) {
  lua_getglobal(L, LUA_STRLIBNAME);
  auto* c = static_cast<Config*>(lua_newuserdatauv(L, sizeof(Config), 0));
  *c = Config{limits.budget, limits.max_subject, limits.max_pattern, limits.max_result};
  const luaL_Reg fns[] = {{"find", str_find}, {"match", str_match}, {"gmatch", str_gmatch}, {"gsub", str_gsub},
                          {nullptr, nullptr}};
  luaL_setfuncs(L, fns, 1);  // the Config is every function's upvalue 1
  lua_pop(L, 1);
}

}  // namespace eco::lua
