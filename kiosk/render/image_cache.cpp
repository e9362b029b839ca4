#include "render/image_cache.h"

#include <filesystem>

#include <SDL.h>
#include <SDL_image.h>
#include <spdlog/spdlog.h>

namespace eco {

ImageCache::~ImageCache() { clear(); }

void ImageCache::release(Entry& entry) {
  if (!entry.image.texture) return;
  live_.erase(entry.image.texture);
  SDL_DestroyTexture(entry.image.texture);
  entry.image = {};
}

void ImageCache::clear() {
  for (auto& [path, entry] : loaded_) release(entry);
  loaded_.clear();
}

// The checks every image passes before it is shown (size, decoding, dimensions), with the
// reason logged; shared with `plugin test`, so ui.image answers there as it does on the screen.
SurfacePtr load_image_surface(const std::string& path) {
  SurfacePtr none(nullptr, SDL_FreeSurface);
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  if (ec) {
    spdlog::warn("image {}: cannot read ({}); showing the slide without it", path, ec.message());
    return none;
  }
  if (bytes > ImageCache::kMaxFileBytes) {
    spdlog::warn("image {}: {} bytes is over the {} MB limit; showing the slide without it", path, bytes,
                 ImageCache::kMaxFileBytes >> 20);
    return none;
  }
  SurfacePtr surface(IMG_Load(path.c_str()), SDL_FreeSurface);
  if (!surface) {
    spdlog::warn("image {}: cannot decode ({}); showing the slide without it", path, IMG_GetError());
    return none;
  }
  if (surface->w <= 0 || surface->h <= 0 || surface->w > ImageCache::kMaxSide || surface->h > ImageCache::kMaxSide) {
    spdlog::warn("image {}: {}x{} pixels is outside 1..{}; showing the slide without it", path, surface->w, surface->h,
                 ImageCache::kMaxSide);
    return none;
  }
  return surface;
}

void ImageCache::drop_unused() {
  for (auto it = loaded_.begin(); it != loaded_.end();) {
    if (it->second.generation == generation_) {
      ++it;
      continue;
    }
    release(it->second);
    it = loaded_.erase(it);
  }
}

const ImageTexture* ImageCache::get(const std::string& path) {
  auto [it, fresh] = loaded_.try_emplace(path);
  Entry& entry = it->second;
  if (!fresh && entry.generation == generation_) return entry.image.texture ? &entry.image : nullptr;
  // First use since the content switched (or ever): is the file still the one loaded?
  std::error_code ec;
  uintmax_t bytes = std::filesystem::file_size(path, ec);
  int64_t mtime = ec ? 0 : std::filesystem::last_write_time(path, ec).time_since_epoch().count();
  bool same = !fresh && !ec && entry.image.texture && bytes == entry.bytes && mtime == entry.mtime;
  entry.generation = generation_;
  if (!same) {
    release(entry);
    entry.bytes = bytes;
    entry.mtime = mtime;
    load(path, entry);
  }
  return entry.image.texture ? &entry.image : nullptr;
}

void ImageCache::load(const std::string& path, Entry& entry) {
  SurfacePtr surface = load_image_surface(path);
  if (!surface) return;
  SDL_Texture* texture = SDL_CreateTextureFromSurface(renderer_, surface.get());
  if (!texture) {
    spdlog::warn("image {}: cannot create texture ({})", path, SDL_GetError());
    return;
  }
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  entry.image = {texture, surface->w, surface->h};
  live_.insert(texture);
}

}  // namespace eco
