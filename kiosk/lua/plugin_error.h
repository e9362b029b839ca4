#pragma once
// What a plugin's failure tells the person who wrote it: the message without its traceback (the
// line that names main.lua:LINE) and a hint for the common mistakes (CPU limit, memory limit, a
// nil value, a misspelt function, a syntax error). The error card (dev mode, `plugin run`) and
// `plugin run`'s exit message show both; the log keeps the whole failure with its traceback.
#include <string>

#include "base/locale.h"

namespace eco::lua {

// The failure up to its traceback.
std::string error_summary(const std::string& failure);

// A hint from the screen's locale (plugin.hint_*), or "" when the failure is of no known class.
std::string error_hint(const std::string& failure, const Locale& locale);

}  // namespace eco::lua
