#pragma once
// Images shown on slides and by plugins, loaded once with SDL_image into textures. A file that
// is missing, corrupt or absurdly large is reported once and then skipped, never retried per frame.
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

struct SDL_Renderer;
struct SDL_Texture;

namespace eco {

struct ImageTexture {
  SDL_Texture* texture = nullptr;  // owned by the cache
  int width = 0, height = 0;
};

class ImageCache {
 public:
  static constexpr int kMaxSide = 8192;
  static constexpr uintmax_t kMaxFileBytes = 32 * 1024 * 1024;

  explicit ImageCache(SDL_Renderer* renderer) : renderer_(renderer) {}
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  // nullptr when the image cannot be shown (the reason was logged the first time).
  const ImageTexture* get(const std::string& path);
  void clear();  // after a content switch
  // Whether `texture` is one of the images the cache holds now (not freed).
  bool holds(const void* texture) const { return live_.contains(texture); }

 private:
  SDL_Renderer* renderer_;
  std::unordered_map<std::string, ImageTexture> loaded_;  // failed loads are stored with texture == nullptr
  std::unordered_set<const void*> live_;                   // the textures in loaded_
};

}  // namespace eco
