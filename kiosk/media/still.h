#pragma once
// A still picture decoded for the screen: the pixels at the size they are shown, or the reason
// (one line, without the path) they cannot be.
#include <memory>
#include <string>

#include "render/pixel_image.h"

namespace eco {

enum class Fit { Contain, Cover };  // the whole picture with bands, or the box filled and cropped

struct Still {
  std::shared_ptr<const PixelImage> image;  // null when it failed
  std::string error;
  int source_w = 0, source_h = 0;  // the file's own size (pixels; a PDF page: points)
};

// The size to decode a w×h source at so it fits (contain) or covers a box_w×box_h box, never
// larger than the source: a 6000 px photo on a 1920×1080 screen becomes 1920×1280 at most.
void fit_size(int w, int h, int box_w, int box_h, Fit fit, int& out_w, int& out_h);

// Area-averaged downscale of RGBA pixels (upscaling is left to the GPU).
std::shared_ptr<PixelImage> scale_rgba(const uint8_t* rgba, int w, int h, int pitch, int out_w, int out_h);

}  // namespace eco
