#pragma once
// The palette and type scale of the lobby screen: dark green ground, white text, readable from
// three metres. Colours are not user-facing strings, so they live in code.
#include <optional>
#include <string_view>

#include "render/painter.h"

namespace eco::theme {

inline constexpr Color kBackgroundTop{0x0B, 0x3D, 0x2E, 255};
inline constexpr Color kBackgroundBottom{0x06, 0x24, 0x1C, 255};
inline constexpr Color kPanel{0x12, 0x52, 0x3F, 255};
inline constexpr Color kAccent{0x5C, 0xD6, 0x8A, 255};     // leaf green
inline constexpr Color kWarm{0xF5, 0xC2, 0x42, 255};       // amber, for stale data and warnings
inline constexpr Color kAlert{0xF0, 0x6A, 0x5A, 255};
inline constexpr Color kText{0xFF, 0xFF, 0xFF, 255};
inline constexpr Color kTextMuted{0xBF, 0xD9, 0xCF, 255};
inline constexpr Color kTextOnAccent = kBackgroundBottom;  // a selected button's label
inline constexpr Color kTrack{0xFF, 0xFF, 0xFF, 40};  // the unfilled part of bars and rings

// The colour names plugins may write instead of "#RRGGBB" (ui.theme lists them): one table, so
// the names ui.theme offers and the names colour arguments accept cannot drift apart.
struct NamedColor {
  std::string_view name;
  Color color;
};
inline constexpr NamedColor kNamedColors[] = {
    {"background", kBackgroundTop}, {"panel", kPanel}, {"accent", kAccent},
    {"warm", kWarm},                {"alert", kAlert}, {"text", kText},
    {"muted", kTextMuted},          {"white", {255, 255, 255, 255}}, {"black", {0, 0, 0, 255}}};

inline std::optional<Color> named_color(std::string_view name) {
  for (const auto& n : kNamedColors)
    if (n.name == name) return n.color;
  return std::nullopt;
}

inline constexpr float kSmall = 28, kBody = 40, kTitle = 64, kHeadline = 96, kNumeral = 160;
inline constexpr float kMargin = 96;

}  // namespace eco::theme
