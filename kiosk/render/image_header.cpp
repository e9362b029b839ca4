#include "render/image_header.h"

#include <cstdint>
#include <fstream>

namespace eco {
namespace {

uint32_t be16(std::string_view b, size_t i) { return uint32_t(uint8_t(b[i])) << 8 | uint8_t(b[i + 1]); }
uint32_t le16(std::string_view b, size_t i) { return uint32_t(uint8_t(b[i + 1])) << 8 | uint8_t(b[i]); }
uint32_t be32(std::string_view b, size_t i) { return be16(b, i) << 16 | be16(b, i + 2); }
uint32_t le24(std::string_view b, size_t i) { return le16(b, i) | uint32_t(uint8_t(b[i + 2])) << 16; }
uint32_t le32(std::string_view b, size_t i) { return le16(b, i) | le16(b, i + 2) << 16; }

std::optional<ImageHeader> sized(uint64_t w, uint64_t h, const char* format) {
  if (w == 0 || h == 0 || w > 1u << 30 || h > 1u << 30) return std::nullopt;
  return ImageHeader{int(w), int(h), format};
}

std::optional<ImageHeader> jpeg(std::string_view b) {
  size_t i = 2;
  while (i + 4 <= b.size()) {
    if (uint8_t(b[i]) != 0xFF) return std::nullopt;
    uint8_t marker = uint8_t(b[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {  // no length
      i += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end, or scan data before a frame header
    uint32_t len = be16(b, i + 2);
    if (len < 2) return std::nullopt;
    bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (i + 9 > b.size()) return std::nullopt;
      return sized(be16(b, i + 7), be16(b, i + 5), "jpeg");
    }
    i += 2 + len;
  }
  return std::nullopt;
}

std::optional<ImageHeader> webp(std::string_view b) {
  if (b.size() < 30) return std::nullopt;
  std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8 ") {
    if (uint8_t(b[23]) != 0x9D || uint8_t(b[24]) != 0x01 || uint8_t(b[25]) != 0x2A) return std::nullopt;
    return sized(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF, "webp");
  }
  if (chunk == "VP8L") {
    if (uint8_t(b[20]) != 0x2F) return std::nullopt;
    uint32_t bits = le32(b, 21);
    return sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, "webp");
  }
  if (chunk == "VP8X") return sized(le24(b, 24) + 1, le24(b, 27) + 1, "webp");
  return std::nullopt;
}

}  // namespace

std::optional<ImageHeader> probe_image_header(std::string_view b) {
  if (b.size() >= 24 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n" && b.substr(12, 4) == "IHDR")
    return sized(be32(b, 16), be32(b, 20), "png");
  if (b.size() >= 4 && uint8_t(b[0]) == 0xFF && uint8_t(b[1]) == 0xD8) return jpeg(b);
  if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return webp(b);
  if (b.size() >= 10 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a")) return sized(le16(b, 6), le16(b, 8), "gif");
  if (b.size() >= 26 && b.substr(0, 2) == "BM") {
    auto h = int32_t(le32(b, 22));  // negative: rows top first
    return sized(le32(b, 18), h < 0 ? uint64_t(-int64_t(h)) : uint64_t(h), "bmp");
  }
  return std::nullopt;
}

std::optional<ImageHeader> probe_image_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(kImageHeaderBytes, '\0');
  in.read(bytes.data(), std::streamsize(bytes.size()));
  bytes.resize(size_t(in.gcount()));
  return probe_image_header(bytes);
}

}  // namespace eco
