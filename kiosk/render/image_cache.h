#pragma once
// Images shown on slides and by plugins, loaded once with SDL_image into textures. A file that
// is missing, corrupt or absurdly large is reported once and then skipped, never retried per frame.
//
// A content switch starts a new generation: the first time the new content draws an image, the
// file is looked at again (one edited under the same path in --dev is reloaded, one that failed
// is tried again); once no frame can show the old content any more, drop_unused() frees what only
// it drew. Nothing is freed between drawing a frame and rendering it, so a switch never leaves
// a slide without its picture.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "render/pixel_image.h"

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
  // Decoded pixels as a texture, uploaded the first time they are drawn; nullptr if SDL refuses.
  const ImageTexture* get(const std::shared_ptr<const PixelImage>& pixels);
  // Frees the textures of pixel images nobody holds any more; call between frames.
  void drop_released_pixels();
  void new_generation() { ++generation_; }  // a content switch
  void drop_unused();  // frees the images not drawn since new_generation(); call between frames
  void clear();
  // Whether `texture` is one of the images the cache holds now (not freed).
  bool holds(const void* texture) const { return live_.contains(texture) || external_.contains(texture); }
  // A texture someone else owns (a video's) drawn this frame: valid until the frame is rendered.
  void drawn_external(const void* texture) { external_.insert(texture); }
  void new_frame() { external_.clear(); }
  SDL_Renderer* renderer() const { return renderer_; }

 private:
  struct Entry {
    ImageTexture image;  // texture == nullptr: the load failed
    uintmax_t bytes = 0;  // the file as loaded: a change under the same path means reload
    int64_t mtime = 0;
    uint64_t generation = 0;
  };
  void load(const std::string& path, Entry& entry);
  void release(Entry& entry);
  struct PixelEntry {
    std::weak_ptr<const PixelImage> owner;
    ImageTexture image;
  };
  SDL_Renderer* renderer_;
  std::unordered_map<uint64_t, PixelEntry> pixels_;  // by PixelImage::id
  std::unordered_map<std::string, Entry> loaded_;
  std::unordered_set<const void*> live_;  // the textures in loaded_
  std::unordered_set<const void*> external_;  // drawn_external() since new_frame()
  uint64_t generation_ = 0;
};

using SurfacePtr = std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)>;
// The file decoded, or null when it cannot be shown (missing, over kMaxFileBytes, corrupt,
// outside 1..kMaxSide pixels, checked on the header before decoding); the reason is logged, or
// given in `why` (one line, without the path) when it is not null.
SurfacePtr load_image_surface(const std::string& path, std::string* why = nullptr);

}  // namespace eco
