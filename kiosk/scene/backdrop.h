#pragma once
// The common ground of every built-in scene: the green gradient, a header band with the
// institution's name and a footer line. Plugins get the same look through ui.theme. While a
// campaign runs, its theme shows here: arcs and a bottom stripe in its accent, its slogan in
// the footer.
#include <string>

#include "render/painter.h"
#include "scene/scene.h"

namespace eco {

void draw_backdrop(Painter& p, const Campaign* campaign = nullptr);
// Header band with `left` (the institution) and `right` (date and time) text.
void draw_header(Painter& p, const std::string& left, const std::string& right);
// The running campaign's name and slogan, or the everyday footer line.
void draw_footer(Painter& p, const SceneContext& ctx);
// The campaign's accent, or leaf green.
Color accent_of(const Campaign* campaign);

}  // namespace eco
