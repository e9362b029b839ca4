#include "media/image_decoder.h"

#include <SDL.h>

#include "render/image_cache.h"

namespace eco {

Still decode_image(const std::string& path, int box_w, int box_h, Fit fit) {
  Still out;
  SurfacePtr surface = load_image_surface(path, &out.error);
  if (!surface) return out;
  out.source_w = surface->w;
  out.source_h = surface->h;
  SurfacePtr rgba(SDL_ConvertSurfaceFormat(surface.get(), SDL_PIXELFORMAT_RGBA32, 0), SDL_FreeSurface);
  if (!rgba) {
    out.error = std::string("cannot convert the pixels (") + SDL_GetError() + ")";
    return out;
  }
  surface.reset();  // a 6000 px photo's full-size copy is freed before the scaled one is made
  int w = 0, h = 0;
  fit_size(rgba->w, rgba->h, box_w, box_h, fit, w, h);
  if (SDL_MUSTLOCK(rgba.get())) SDL_LockSurface(rgba.get());
  out.image = scale_rgba(static_cast<const uint8_t*>(rgba->pixels), rgba->w, rgba->h, rgba->pitch, w, h);
  if (SDL_MUSTLOCK(rgba.get())) SDL_UnlockSurface(rgba.get());
  return out;
}

}  // namespace eco
