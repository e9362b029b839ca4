#include "render/image_cache.h"

#include <filesystem>

#include <SDL.h>
#include <SDL_image.h>
#include <spdlog/spdlog.h>

namespace eco {

ImageCache::~ImageCache() { clear(); }

void ImageCache::clear() {
  for (auto& [path, image] : loaded_)
    if (image.texture) SDL_DestroyTexture(image.texture);
  loaded_.clear();
  live_.clear();
}

const ImageTexture* ImageCache::get(const std::string& path) {
  if (auto it = loaded_.find(path); it != loaded_.end()) return it->second.texture ? &it->second : nullptr;
  ImageTexture& slot = loaded_[path];
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  if (ec) {
    spdlog::warn("image {}: cannot read ({}); showing the slide without it", path, ec.message());
    return nullptr;
  }
  if (bytes > kMaxFileBytes) {
    spdlog::warn("image {}: {} bytes is over the {} MB limit; showing the slide without it", path, bytes,
                 kMaxFileBytes >> 20);
    return nullptr;
  }
  std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> surface(IMG_Load(path.c_str()), SDL_FreeSurface);
  if (!surface) {
    spdlog::warn("image {}: cannot decode ({}); showing the slide without it", path, IMG_GetError());
    return nullptr;
  }
  if (surface->w <= 0 || surface->h <= 0 || surface->w > kMaxSide || surface->h > kMaxSide) {
    spdlog::warn("image {}: {}x{} pixels is outside 1..{}; showing the slide without it", path, surface->w, surface->h,
                 kMaxSide);
    return nullptr;
  }
  SDL_Texture* texture = SDL_CreateTextureFromSurface(renderer_, surface.get());
  if (!texture) {
    spdlog::warn("image {}: cannot create texture ({})", path, SDL_GetError());
    return nullptr;
  }
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  slot = {texture, surface->w, surface->h};
  live_.insert(texture);
  return &slot;
}

}  // namespace eco
