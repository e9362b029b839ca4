#include "media/still.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace eco {

void fit_size(int w, int h, int box_w, int box_h, Fit fit, int& out_w, int& out_h) {
  double sx = double(box_w) / w, sy = double(box_h) / h;
  double s = std::min(1.0, fit == Fit::Contain ? std::min(sx, sy) : std::max(sx, sy));
  out_w = std::max(1, int(std::lround(w * s)));
  out_h = std::max(1, int(std::lround(h * s)));
}

std::shared_ptr<PixelImage> scale_rgba(const uint8_t* rgba, int w, int h, int pitch, int out_w, int out_h) {
  auto out = std::make_shared<PixelImage>();
  out->width = out_w;
  out->height = out_h;
  out->rgba.resize(size_t(out_w) * size_t(out_h) * 4);
  // Each output pixel averages the source pixels its footprint covers (a box filter): no moiré
  // on a 3× reduction of a photo, unlike nearest or bilinear sampling.
  std::vector<int> x0(size_t(out_w) + 1);
  for (int x = 0; x <= out_w; ++x) x0[size_t(x)] = int(int64_t(x) * w / out_w);
  std::vector<uint32_t> sum(size_t(out_w) * 4);
  for (int y = 0; y < out_h; ++y) {
    int ya = int(int64_t(y) * h / out_h), yb = std::max(ya + 1, int(int64_t(y + 1) * h / out_h));
    std::fill(sum.begin(), sum.end(), 0);
    for (int sy = ya; sy < yb; ++sy) {
      const uint8_t* row = rgba + size_t(sy) * size_t(pitch);
      for (int x = 0; x < out_w; ++x) {
        int xa = x0[size_t(x)], xb = std::max(xa + 1, x0[size_t(x) + 1]);
        uint32_t* s = &sum[size_t(x) * 4];
        for (int sx = xa; sx < xb; ++sx) {
          const uint8_t* p = row + size_t(sx) * 4;
          s[0] += p[0], s[1] += p[1], s[2] += p[2], s[3] += p[3];
        }
      }
    }
    uint8_t* dst = out->rgba.data() + size_t(y) * size_t(out_w) * 4;
    for (int x = 0; x < out_w; ++x) {
      uint32_t n = uint32_t(std::max(x0[size_t(x)] + 1, x0[size_t(x) + 1]) - x0[size_t(x)]) * uint32_t(yb - ya);
      for (int c = 0; c < 4; ++c) dst[x * 4 + c] = uint8_t((sum[size_t(x) * 4 + size_t(c)] + n / 2) / n);
    }
  }
  return out;
}

}  // namespace eco
