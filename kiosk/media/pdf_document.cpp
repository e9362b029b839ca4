#include "media/pdf_document.h"

#include <algorithm>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <spdlog/spdlog.h>

namespace eco {
namespace {

// poppler writes a damaged file's complaints to stderr, several per page; the one line the
// caller logs says what matters, the details go to the debug log.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string& msg, void*) { spdlog::debug("poppler: {}", msg); }, nullptr);
  });
}

}  // namespace

PdfDocument::~PdfDocument() = default;

std::unique_ptr<PdfDocument> PdfDocument::open(const std::string& path, std::string& why) {
  quiet_poppler();
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  if (ec) {
    why = fmt::format("cannot read ({})", ec.message());
    return nullptr;
  }
  if (bytes == 0) {
    why = "the file is empty";
    return nullptr;
  }
  if (bytes > kMaxFileBytes) {
    why = fmt::format("{} bytes is over the {} MB limit", bytes, kMaxFileBytes >> 20);
    return nullptr;
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    why = "not a PDF, or damaged (truncated?)";
    return nullptr;
  }
  if (doc->is_locked()) {
    why = "password-protected: export it again without a password to open";
    return nullptr;
  }
  std::unique_ptr<PdfDocument> out(new PdfDocument);
  out->file_pages_ = doc->pages();
  if (out->file_pages_ <= 0) {
    why = "the PDF has no pages";
    return nullptr;
  }
  out->pages_ = std::min(out->file_pages_, kMaxPages);
  out->encrypted_ = doc->is_encrypted();
  out->doc_ = std::move(doc);
  return out;
}

Still PdfDocument::render(int index, int box_w, int box_h, Fit fit) const {
  Still out;
  if (index < 0 || index >= pages_) {
    out.error = fmt::format("page {} is not in the PDF (1..{})", index + 1, pages_);
    return out;
  }
  std::unique_ptr<poppler::page> page(doc_->create_page(index));
  if (!page) {
    out.error = fmt::format("page {} cannot be read", index + 1);
    return out;
  }
  poppler::rectf box = page->page_rect();
  double w_pt = box.width(), h_pt = box.height();
  if (page->orientation() == poppler::page::landscape || page->orientation() == poppler::page::seascape) std::swap(w_pt, h_pt);
  if (!(w_pt >= 1 && h_pt >= 1 && w_pt < 200 * 72 && h_pt < 200 * 72)) {
    out.error = fmt::format("page {} has an unusable size ({:.0f}x{:.0f} pt)", index + 1, w_pt, h_pt);
    return out;
  }
  out.source_w = int(w_pt);
  out.source_h = int(h_pt);
  // The DPI at which the page is exactly as large as it is shown: sharp text, no 8K texture.
  double scale = fit == Fit::Contain ? std::min(box_w / w_pt, box_h / h_pt) : std::max(box_w / w_pt, box_h / h_pt);
  double dpi = std::clamp(scale * 72.0, 9.0, 1200.0);
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_hinting, true);
  renderer.set_paper_color(0xFFFFFFFF);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image img = renderer.render_page(page.get(), dpi, dpi);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
    out.error = fmt::format("page {} cannot be rendered", index + 1);
    return out;
  }
  auto pixels = std::make_shared<PixelImage>();
  pixels->width = img.width();
  pixels->height = img.height();
  pixels->rgba.resize(size_t(img.width()) * size_t(img.height()) * 4);
  const char* src = img.const_data();
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const uint8_t*>(src + size_t(y) * size_t(img.bytes_per_row()));
    uint8_t* dst = pixels->rgba.data() + size_t(y) * size_t(img.width()) * 4;
    for (int x = 0; x < img.width(); ++x) {  // ARGB32 in native (little-endian) order: B G R A
      dst[x * 4 + 0] = row[x * 4 + 2];
      dst[x * 4 + 1] = row[x * 4 + 1];
      dst[x * 4 + 2] = row[x * 4 + 0];
      dst[x * 4 + 3] = row[x * 4 + 3];
    }
  }
  out.image = std::move(pixels);
  return out;
}

}  // namespace eco
