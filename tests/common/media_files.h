#pragma once
// Real files for the media tests, made in the test: PNGs written with SDL_image, PDFs written
// by hand (the smallest valid ones: Helvetica text, any page count).
#include <SDL.h>
#include <SDL_image.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace eco::test {

// A w×h PNG: left half red, right half blue, so a test sees which part is shown.
inline void write_png(const std::filesystem::path& file, int w, int h) {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
  SDL_Rect left{0, 0, w / 2, h}, right{w / 2, 0, w - w / 2, h};
  SDL_FillRect(s, &left, SDL_MapRGBA(s->format, 255, 0, 0, 255));
  SDL_FillRect(s, &right, SDL_MapRGBA(s->format, 0, 0, 255, 255));
  IMG_SavePNG(s, file.c_str());
  SDL_FreeSurface(s);
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A PDF of `pages` A4 landscape pages, each with a black bar across its top half.
inline std::string make_pdf(int pages) {
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (int i = 0; i < pages; ++i) kids += fmt::format("{} 0 R ", 4 + i);
  objects.push_back(fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages));
  std::string content = "0 0 0 rg 0 300 842 295 re f";
  objects.push_back(fmt::format("<< /Length {} >>\nstream\n{}\nendstream", content.size(), content));
  for (int i = 0; i < pages; ++i) objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 3 0 R >>");
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  size_t xref = out.size();
  out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (size_t o : offsets) out += fmt::format("{:010} 00000 n \n", o);
  out += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
  return out;
}

}  // namespace eco::test
