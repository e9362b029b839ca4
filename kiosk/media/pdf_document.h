#pragma once
// PDF notices with poppler-cpp: open once, then render a page at the resolution that fits the
// screen. Not thread-safe: one thread (the scene's loader, or `ecolobby check`) uses a document.
// Chinese text renders with the fonts the PDF embeds, or fontconfig's substitute (Noto CJK).
#include <memory>
#include <string>

#include "media/still.h"

namespace poppler {
class document;
}

namespace eco {

class PdfDocument {
 public:
  static constexpr int kMaxPages = 300;  // a 5000-page export shows its first 300, with one log line
  static constexpr uintmax_t kMaxFileBytes = 256ull * 1024 * 1024;

  // nullptr when the file cannot be shown: `why` says it in one line (missing, empty, too large,
  // not a PDF or damaged, password-protected, no pages).
  static std::unique_ptr<PdfDocument> open(const std::string& path, std::string& why);
  ~PdfDocument();

  int pages() const { return pages_; }        // at most kMaxPages
  int file_pages() const { return file_pages_; }  // as the file has them
  bool encrypted() const { return encrypted_; }   // encrypted without a password to open (permissions only)
  // Page `index` (0-based) rendered to fit (or cover) box_w×box_h pixels on white paper.
  Still render(int index, int box_w, int box_h, Fit fit = Fit::Contain) const;

 private:
  PdfDocument() = default;
  std::unique_ptr<poppler::document> doc_;
  int pages_ = 0, file_pages_ = 0;
  bool encrypted_ = false;
};

}  // namespace eco
