#pragma once
// The interface strings of the language the screen shows (assets/locale). A broken locale file
// does not stop the screen: the strings show their keys and the log says why.
#include <string>

#include "base/locale.h"

namespace eco {

Locale load_screen_locale(const std::string& language);

}  // namespace eco
