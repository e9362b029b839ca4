#pragma once
// An image's width and height read from its first bytes (PNG, JPEG, WebP, GIF, BMP), before it
// is decoded: a 16000×16000 poster is refused without allocating a gigabyte for its pixels.
#include <optional>
#include <string>
#include <string_view>

namespace eco {

struct ImageHeader {
  int width = 0, height = 0;
  std::string format;  // "png", "jpeg", "webp", "gif", "bmp"
};

// How many leading bytes probe_image_header needs at most (JPEG's EXIF may come first).
inline constexpr size_t kImageHeaderBytes = 512 * 1024;

// nullopt when the bytes are not one of the formats above or are cut short.
std::optional<ImageHeader> probe_image_header(std::string_view bytes);
// Reads the file's first kImageHeaderBytes and probes them.
std::optional<ImageHeader> probe_image_file(const std::string& path);

}  // namespace eco
