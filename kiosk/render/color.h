#pragma once
// Colours as officers write them in content files and plugins: "#5CD68A" or "#5CD68A80".
#include <optional>
#include <string_view>

#include "render/painter.h"

namespace eco {

std::optional<Color> parse_hex_color(std::string_view text);

}  // namespace eco
