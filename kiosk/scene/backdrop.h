#pragma once
// The common ground of every built-in scene: the green gradient, a header band with the
// institution's name and a footer line. Plugins get the same look through ui.theme.
#include <string>

#include "render/painter.h"

namespace eco {

void draw_backdrop(Painter& p);
// Header band with `left` (the institution) and `right` (date and time) text.
void draw_header(Painter& p, const std::string& left, const std::string& right);
void draw_footer(Painter& p, const std::string& text);

}  // namespace eco
