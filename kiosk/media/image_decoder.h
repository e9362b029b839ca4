#pragma once
// Posters: an image file (JPEG, PNG, WebP) decoded with SDL_image through the same checks slide
// images pass (render/image_cache's load_image_surface: file size, header size, decoding), then
// scaled down to the screen. Runs on any thread; `ecolobby check` calls it too.
#include <string>

#include "media/still.h"

namespace eco {

Still decode_image(const std::string& path, int box_w, int box_h, Fit fit);

}  // namespace eco
