#pragma once
// Pixels decoded off the render thread (a poster, a PDF page), waiting to be drawn. The render
// thread turns one into a texture the first time it is drawn (ImageCache) and frees that texture
// once the last owner lets the image go.
#include <atomic>
#include <cstdint>
#include <vector>

namespace eco {

struct PixelImage {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // width × height × 4 bytes, R G B A, rows top first
  uint64_t id = next_id();    // the texture's key: addresses are reused, ids are not

  static uint64_t next_id() {
    static std::atomic<uint64_t> n{1};
    return n.fetch_add(1, std::memory_order_relaxed);
  }
};

}  // namespace eco
