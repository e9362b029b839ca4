#include "render/image_cache.h"

#include <filesystem>

#include <SDL.h>
#include <SDL_image.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "render/image_header.h"

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
  for (auto& [id, entry] : pixels_) {
    live_.erase(entry.image.texture);
    SDL_DestroyTexture(entry.image.texture);
  }
  pixels_.clear();
}

const ImageTexture* ImageCache::get(const std::shared_ptr<const PixelImage>& pixels) {
  if (!pixels || pixels->width <= 0 || pixels->height <= 0 ||
      pixels->rgba.size() != size_t(pixels->width) * size_t(pixels->height) * 4)
    return nullptr;
  if (auto it = pixels_.find(pixels->id); it != pixels_.end()) return &it->second.image;
  SDL_Texture* texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, pixels->width, pixels->height);
  if (!texture) {
    spdlog::warn("image {}x{}: cannot create texture ({})", pixels->width, pixels->height, SDL_GetError());
    return nullptr;
  }
  SDL_UpdateTexture(texture, nullptr, pixels->rgba.data(), pixels->width * 4);
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  live_.insert(texture);
  auto& entry = pixels_[pixels->id];
  entry = {pixels, {texture, pixels->width, pixels->height}};
  return &entry.image;
}

void ImageCache::drop_released_pixels() {
  for (auto it = pixels_.begin(); it != pixels_.end();) {
    if (!it->second.owner.expired()) {
      ++it;
      continue;
    }
    live_.erase(it->second.image.texture);
    SDL_DestroyTexture(it->second.image.texture);
    it = pixels_.erase(it);
  }
}

// The checks every image passes before it is shown (size, decoding, dimensions), with the
// reason logged; shared with `plugin test`, so ui.image answers there as it does on the screen.
SurfacePtr load_image_surface(const std::string& path, std::string* why) {
  SurfacePtr none(nullptr, SDL_FreeSurface);
  auto refuse = [&](std::string reason) {
    if (why) *why = std::move(reason);
    else spdlog::warn("image {}: {}; showing the slide without it", path, reason);
    return std::move(none);
  };
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  if (ec) return refuse(fmt::format("cannot read ({})", ec.message()));
  if (bytes == 0) return refuse("the file is empty");
  if (bytes > ImageCache::kMaxFileBytes)
    return refuse(fmt::format("{} bytes is over the {} MB limit", bytes, ImageCache::kMaxFileBytes >> 20));
  // The header first: an absurd size is refused before its pixels are allocated.
  if (auto header = probe_image_file(path);
      header && (header->width > ImageCache::kMaxSide || header->height > ImageCache::kMaxSide))
    return refuse(fmt::format("{}x{} pixels is outside 1..{}", header->width, header->height, ImageCache::kMaxSide));
  SurfacePtr surface(IMG_Load(path.c_str()), SDL_FreeSurface);
  if (!surface) return refuse(fmt::format("cannot decode ({})", IMG_GetError()));
  if (surface->w <= 0 || surface->h <= 0 || surface->w > ImageCache::kMaxSide || surface->h > ImageCache::kMaxSide)
    return refuse(fmt::format("{}x{} pixels is outside 1..{}", surface->w, surface->h, ImageCache::kMaxSide));
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
