// (issue #19, 9) Images across a content switch: a file edited under the same path is reloaded,
// one that failed is tried again, and the old content's images go only when asked, between frames.
#include "render/image_cache.h"

#include <filesystem>
#include <memory>
#include <string>

#include <SDL.h>
#include <unistd.h>

#include <gtest/gtest.h>

using namespace eco;
namespace fs = std::filesystem;

namespace {

void write_bmp(const fs::path& path, int w, int h) {
  std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888),
                                                             SDL_FreeSurface);
  ASSERT_TRUE(s);
  ASSERT_EQ(SDL_SaveBMP(s.get(), path.c_str()), 0) << SDL_GetError();
}

struct Rig {
  std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> target{
      SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888), SDL_FreeSurface};
  std::unique_ptr<SDL_Renderer, decltype(&SDL_DestroyRenderer)> renderer{SDL_CreateSoftwareRenderer(target.get()),
                                                                         SDL_DestroyRenderer};
  fs::path dir = fs::temp_directory_path() / ("ecolobby-image-cache-" + std::to_string(::getpid()));
  Rig() { fs::create_directories(dir); }
  ~Rig() { fs::remove_all(dir); }
};

}  // namespace

TEST(ImageCache, AFileEditedUnderTheSamePathIsReloadedAfterAContentSwitch) {
  Rig rig;
  ImageCache cache(rig.renderer.get());
  std::string picture = (rig.dir / "picture.bmp").string();
  write_bmp(picture, 8, 4);
  const ImageTexture* first = cache.get(picture);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->width, 8);
  write_bmp(picture, 16, 8);  // the --dev edit
  EXPECT_EQ(cache.get(picture)->width, 8) << "same content: loaded once, not per frame";
  cache.new_generation();
  const ImageTexture* again = cache.get(picture);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->width, 16);
  EXPECT_TRUE(cache.holds(again->texture));
}

TEST(ImageCache, AMissingImageIsTriedAgainAfterAContentSwitch) {
  Rig rig;
  ImageCache cache(rig.renderer.get());
  std::string picture = (rig.dir / "late.bmp").string();
  EXPECT_EQ(cache.get(picture), nullptr);
  write_bmp(picture, 4, 4);
  EXPECT_EQ(cache.get(picture), nullptr) << "a failure is not retried every frame";
  cache.new_generation();
  EXPECT_NE(cache.get(picture), nullptr);
}

TEST(ImageCache, OnlyTheImagesTheNewContentDrewSurviveDropUnused) {
  Rig rig;
  ImageCache cache(rig.renderer.get());
  std::string kept = (rig.dir / "kept.bmp").string(), old = (rig.dir / "old.bmp").string();
  write_bmp(kept, 4, 4);
  write_bmp(old, 4, 4);
  SDL_Texture* old_texture = cache.get(old)->texture;
  cache.get(kept);
  cache.new_generation();
  SDL_Texture* kept_texture = cache.get(kept)->texture;  // drawn by the new content
  EXPECT_TRUE(cache.holds(old_texture)) << "the crossfade may still show it";
  cache.drop_unused();
  EXPECT_FALSE(cache.holds(old_texture));
  EXPECT_TRUE(cache.holds(kept_texture));
  EXPECT_EQ(cache.get(kept)->texture, kept_texture);
}
