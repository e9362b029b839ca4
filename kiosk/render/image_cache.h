#pragma once
// Images shown on slides and by plugins, loaded once with SDL_image into textures. A file that
// is missing, corrupt or absurdly large is reported once and then skipped, never retried per frame.
#include <memory>
#include <string>
#include <unordered_map>

struct SDL_Renderer;
struct SDL_Surface;
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

 private:
  SDL_Renderer* renderer_;
  std::unordered_map<std::string, ImageTexture> loaded_;  // failed loads are stored with texture == nullptr
};

using SurfacePtr = std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)>;
// The file decoded, or null when it cannot be shown (missing, over kMaxFileBytes, corrupt,
// outside 1..kMaxSide pixels); the reason is logged.
SurfacePtr load_image_surface(const std::string& path);

}  // namespace eco
