#pragma once
// Conversions between Lua values and what the host uses: JSON, colours, option tables, numbers.
//
// The rule every API function follows (Debian's liblua5.4 is built as C: a Lua error longjmps
// and skips C++ destructors): no C++ object with a destructor is alive across a Lua call that can
// raise. Arguments are checked first into plain C values (const char* of strings anchored on the
// Lua stack, numbers, enums); then C++ objects are built, and results made from them are pushed
// with push_protected(), whose memory errors become C++ exceptions that call_service() turns back
// into a Lua error after the C++ objects are gone.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "render/painter.h"

struct lua_State;

namespace eco::lua {

// Plugin text as one line of the kiosk log, "plugin <id>: <text>" (print, log.info, log.warn):
// the arguments joined with `separator` into a plain buffer (luaL_tolstring can raise, and a Lua
// error longjmps past C++ destructors), line breaks folded so a plugin cannot forge log lines,
// at most kMaxLogText bytes cut on a character boundary.
constexpr size_t kMaxLogText = 1000;
enum class LogLevel { Info, Warning };
void log_plugin_text(lua_State* L, char separator, LogLevel level);

// Pushes `value` (nesting deeper than 32 becomes nil). Raises a Lua error (out of memory, stack
// overflow): call it inside a protected call or through push_protected().
void push_json(lua_State* L, const nlohmann::json& value, int depth = 0);
// A Lua table/value to JSON; throws std::invalid_argument for functions, cycles, depth > 16 or
// text (keys and string values, nested) that is not valid UTF-8, naming the field: "field
// 'choice' is not valid UTF-8 text". `field` names the value itself (empty: the top level).
// Raises no Lua error (raw access only; a stack that cannot grow is a std::length_error).
nlohmann::json to_json(lua_State* L, int index, int depth = 0, const std::string& field = {});

// "#RRGGBB", "#RRGGBBAA", a theme name ("accent", "text", …) or {r, g, b, a} (components are
// clamped to 0..255; NaN or infinite ones are refused); raises a Lua error naming `what` otherwise.
Color check_color(lua_State* L, int index, const char* what);
Color opt_color_field(lua_State* L, int table, const char* field, Color fallback);
// A finite number, or a Lua error naming the argument ("ui.text: x must be a finite number").
float check_finite(lua_State* L, int index, const char* fn, const char* arg);
float opt_number_field(lua_State* L, int table, const char* field, float fallback);
bool opt_bool_field(lua_State* L, int table, const char* field, bool fallback);
// The value of table[field] if it is a string, left pushed on the stack (so the pointer stays
// valid: the caller pops it, or resets the stack, when done); nullptr (nothing pushed) otherwise.
const char* opt_string_field(lua_State* L, int table, const char* field, size_t* len = nullptr);
// table[field] as one of `names` (a nullptr-terminated list): its index, `fallback` when absent.
int opt_enum_field(lua_State* L, int table, const char* field, const char* const* names, int fallback);

// Every number from Lua that becomes a C++ integer, size, count, duration or time goes through
// one of these: NaN, ±inf, non-integers (for the integer ones) and values outside [lo, hi] are
// refused with an error naming the function and the argument ("participation.count: days must be
// an integer from 1 to 36500").
int64_t check_integer_in(lua_State* L, int index, const char* fn, const char* arg, int64_t lo, int64_t hi);
int64_t opt_integer_in(lua_State* L, int index, const char* fn, const char* arg, int64_t lo, int64_t hi,
                       int64_t fallback);
// The same for an option table's field (nil or absent: `fallback`).
int64_t opt_integer_field_in(lua_State* L, int table, const char* field, const char* fn, int64_t lo, int64_t hi,
                             int64_t fallback);
// A finite number in [lo, hi] (refused outside it).
double check_number_in(lua_State* L, int index, const char* fn, const char* arg, double lo, double hi);
// A double converted to int without undefined behaviour: NaN gives `nan_value`, the rest is
// clamped to [lo, hi] first.
int clamp_to_int(double v, int lo, int hi, int nan_value = 0);

// A string argument that must be valid UTF-8 (it goes into JSON or SQLite): raises
// "fn: arg is not valid UTF-8 text" otherwise.
const char* check_utf8(lua_State* L, int index, const char* fn, const char* arg, size_t* len = nullptr);
const char* opt_utf8(lua_State* L, int index, const char* fn, const char* arg, const char* fallback, size_t* len = nullptr);

int raise_error(lua_State* L, const char* message);
int raise_pending(lua_State* L);  // lua_error with the error object on top

// Thrown by push_protected() when pushing failed: the Lua error object is on top of the stack.
struct PendingLuaError {};

// Runs `push(L)`, which may only call the Lua API (no C++ objects of its own, no C++ exceptions),
// in a protected call, so that a Lua error while pushing results (out of memory) does not
// longjmp past the caller's C++ objects: it becomes a PendingLuaError, which call_service()
// raises once they are destroyed. Returns the number of values pushed.
int push_protected_impl(lua_State* L, int (*trampoline)(lua_State*), void* push);
void* protected_push_target(lua_State* L);  // the trampoline's light userdata (removed from the stack)
template <typename F>
int push_protected(lua_State* L, F&& push) {
  using Fn = std::remove_reference_t<F>;
  return push_protected_impl(
      L, [](lua_State* S) -> int { return (*static_cast<Fn*>(protected_push_target(S)))(S); },
      const_cast<void*>(static_cast<const void*>(&push)));
}

// Runs `f` (plain C++: it may build objects, talk to a service and throw, but calls Lua only
// through push_protected or calls that cannot raise) and returns its number of results. A C++
// exception becomes a Lua error prefixed with `fn`, a failed push is raised as it was; both only
// after `f`'s objects are gone: exceptions must never unwind through Lua's C frames, and Lua
// errors never skip destructors.
template <typename F>
int call_service(lua_State* L, const char* fn, F&& f) {
  char message[512] = {0};
  bool pending = false;
  try {
    return f();
  } catch (const PendingLuaError&) {
    pending = true;
  } catch (const std::exception& e) {
    std::snprintf(message, sizeof message, "%s: %s", fn, e.what());
  }
  if (pending) return raise_pending(L);
  return raise_error(L, message);
}

}  // namespace eco::lua
